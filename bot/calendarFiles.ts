import type { Server } from 'restify';
import type { Db } from '../data/db';
import { getOrder } from '../data/orders';
import { getPerson } from '../data/parties';
import { CALENDAR_LINK_SECRET } from '../data/calendarLinks';
import { secretSetting } from '../data/settings';
import { verifyDocumentLink } from '../domain/documentLinks';
import { appointmentDetails } from '../dialogs/appointmentDetails';
import { appointmentIcs } from '../formats/appointmentIcs';

/**
 * GET /calendar/<token>.ics: the appointment as a calendar file, read with the rights of the person the link was
 * made for (a link of a person who may no longer see the order, or a forged or expired one, answers 404 / 410).
 */
export function mountCalendarFiles(server: Server, deps: { db: Db; now?: () => Date }): void {
  server.get('/calendar/:file', async (req, res) => {
    const file = String(req.params.file ?? '');
    const token = file.endsWith('.ics') ? file.slice(0, -4) : file;
    const check = verifyDocumentLink(token, await secretSetting(deps.db, CALENDAR_LINK_SECRET), deps.now?.() ?? new Date());
    if (!check.ok) {
      res.send(check.reason === 'expired' ? 410 : 404, { error: check.reason === 'expired' ? 'link expired' : 'not found' });
      return;
    }
    const bookingId = Number(check.claims.documentId.replace(/^booking:/, ''));
    const person = await getPerson(deps.db, Number(check.claims.recipient));
    const booking = Number.isInteger(bookingId) ? await deps.db('service_bookings as b').join('orders as o', 'o.id', 'b.order_id').where('b.id', bookingId).first('o.number', 'b.sku', 'b.starts_at', 'b.ends_at', 'b.status') : null;
    const view = person && booking ? await getOrder(deps.db, { personId: person.id, role: person.role, customerId: person.customerId, channel: 'calendar' }, booking.number) : null;
    if (!person || !booking || !view) {
      res.send(404, { error: 'not found' });
      return;
    }
    const locale = person.locale === 'en' ? 'en' : 'de';
    const resourceIds = (await deps.db('service_bookings').where({ order_id: view.id, sku: booking.sku, starts_at: booking.starts_at }).select('resource_id')).map((r: any) => r.resource_id);
    const details = await appointmentDetails(deps.db, view, { sku: booking.sku, start: booking.starts_at, end: booking.ends_at, resourceIds }, locale);
    const body = appointmentIcs({
      uid: `booking-${bookingId}`, start: new Date(booking.starts_at), end: new Date(booking.ends_at),
      summary: `${details.service} (${view.number})`, description: `${details.who ? `${details.who}, ` : ''}${details.duration}`,
      location: details.place, sequence: view.version, stamp: new Date(view.updatedAt), cancelled: booking.status === 'cancelled',
    }, view.number);
    res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="termin-${view.number}.ics"`, 'Cache-Control': 'no-store' });
    res.end(body);
  });
}
