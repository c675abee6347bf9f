import { bindCard, pageOf } from '../../cards/bind';
import { getOrder } from '../../data/orders';
import { formatMoney } from '../../domain/money';
import { appointmentDetails, appointmentSentence, durationText, lateFeeList } from '../appointmentDetails';
import { formatDate, formatSlot } from '../format';
import { serviceTexts } from '../texts/services';
import { calendarForReader, type NotificationKind, type RenderContext } from './kind';

async function orderFor(ctx: RenderContext) {
  const v = ctx.viewer;
  if (!v) return null;
  return getOrder(ctx.db, { personId: v.id, role: v.role, customerId: v.customerId, channel: 'notifier' }, String(ctx.row.payload.orderNumber ?? ''));
}

const serviceName = (view: { lines: { sku: string; name: { de: string; en: string } }[] }, sku: unknown, locale: 'de' | 'en') =>
  view.lines.find((l) => l.sku === sku)?.name[locale] ?? String(sku ?? '');

/** Messages about appointments: performed, cancelled with a fee, new slots after an absence, and sales' absence list. */
export const serviceMessages: Record<string, NotificationKind> = {
  service_performed: {
    async render(ctx) {
      const view = await orderFor(ctx);
      if (!view) return { unrenderable: `order ${String(ctx.row.payload.orderNumber)} is not visible to this reader` };
      const p = ctx.row.payload as { sku?: unknown; report?: unknown; actualMinutes?: unknown };
      return { text: serviceTexts(ctx.locale, 'service_performed', {
        number: view.number, service: serviceName(view, p.sku, ctx.locale), report: String(p.report ?? ''), duration: durationText(Number(p.actualMinutes), ctx.locale),
      }) };
    },
  },
  appointment_cancelled: {
    async render(ctx) {
      const view = await orderFor(ctx);
      if (!view) return { unrenderable: `order ${String(ctx.row.payload.orderNumber)} is not visible to this reader` };
      const p = ctx.row.payload as { sku?: unknown; start?: unknown; feeCents?: unknown; otherLines?: unknown; appointments?: unknown };
      const fee = formatMoney(Number(p.feeCents ?? 0), ctx.locale);
      const several = (Array.isArray(p.appointments) ? p.appointments : []) as { sku: string; start: string; late: boolean; feeCents: number }[];
      if (several.length > 1) {
        // Which appointments carry the fee, then every appointment that is off in full, each with its .ics link.
        const text = serviceTexts(ctx.locale, 'appointment_cancelled_several', { number: view.number, fee, list: await lateFeeList(ctx.db, several, ctx.locale) });
        const sentences: string[] = [];
        for (const a of several) {
          const booking = view.serviceBookings.find((b) => b.sku === a.sku && b.start === a.start);
          if (booking) sentences.push(await appointmentSentence(ctx.db, view, booking, ctx.locale, calendarForReader(ctx), 'cancelledLine'));
        }
        return { text: [text, ...sentences].join(' ') };
      }
      const booking = view.serviceBookings.find((b) => b.sku === p.sku && b.start === p.start);
      const service = booking ? (await appointmentDetails(ctx.db, view, booking, ctx.locale)).service : serviceName(view, p.sku, ctx.locale);
      const text = serviceTexts(ctx.locale, p.otherLines ? 'appointment_cancelled_mixed' : 'appointment_cancelled', {
        number: view.number, service, when: formatSlot(String(p.start), ctx.locale), fee,
      });
      // Which appointment it was, in full, with its .ics link (which now reads as cancelled).
      return { text: booking ? `${text} ${await appointmentSentence(ctx.db, view, booking, ctx.locale, calendarForReader(ctx), 'cancelledLine')}` : text };
    },
  },
  appointment_new_slots: {
    async render(ctx) {
      const view = await orderFor(ctx);
      if (!view) return { unrenderable: `order ${String(ctx.row.payload.orderNumber)} is not visible to this reader` };
      const p = ctx.row.payload as { sku?: unknown; start?: unknown; slots?: unknown };
      const slots = Array.isArray(p.slots) ? p.slots.map(String) : [];
      // The appointment that is off, in full as every appointment message states it (no .ics: it is to be moved).
      const booking = view.serviceBookings.find((b) => b.sku === p.sku && b.start === p.start);
      const appointment = booking
        ? await appointmentSentence(ctx.db, view, booking, ctx.locale)
        : `${serviceName(view, p.sku, ctx.locale)}: ${formatSlot(String(p.start), ctx.locale)}.`;
      const question = serviceTexts(ctx.locale, 'newSlotsAfterAbsence', { number: view.number, appointment });
      const card = bindCard('rescheduleSlots', {
        question, slots: slots.map((start) => ({ title: formatSlot(start, ctx.locale), order: view.number, sku: String(p.sku), start })),
      });
      return { text: question, card };
    },
    async obsolete(db, row) {
      const still = await db('service_bookings').join('orders', 'orders.id', 'service_bookings.order_id')
        .where({ 'orders.number': String(row.payload.orderNumber ?? ''), 'service_bookings.starts_at': String(row.payload.start ?? ''), 'service_bookings.status': 'booked' }).first('service_bookings.id');
      return still ? null : 'the appointment was moved or cancelled meanwhile';
    },
  },
  absence_conflicts: {
    async render(ctx) {
      const p = ctx.row.payload as { resourceName?: unknown; from?: unknown; to?: unknown; reason?: unknown; bookings?: unknown };
      const bookings = (Array.isArray(p.bookings) ? p.bookings : []) as { orderNumber: string; sku: string; start: string; customerName: string }[];
      const reasonKey = p.reason === 'sick' ? 'reason_sick' : p.reason === 'vacation' ? 'reason_vacation' : 'reason_other';
      const lines = bookings.map((b) => serviceTexts(ctx.locale, 'absenceBooking', { number: b.orderNumber, customer: b.customerName, when: formatSlot(b.start, ctx.locale) }));
      const text = serviceTexts(ctx.locale, 'absence_conflicts', {
        resource: String(p.resourceName ?? ''), from: formatDate(String(p.from), ctx.locale), to: formatDate(String(p.to), ctx.locale),
        reason: serviceTexts(ctx.locale, reasonKey), list: lines.join('; '),
      });
      // A long absence hits many bookings: the card offers the first ones (cards/bind.ts), the text lists them all.
      const shown = pageOf('absenceConflicts', 'bookings', bookings.map((b, i) => ({ b, line: lines[i] })));
      const card = bindCard('absenceConflicts', {
        title: text,
        bookings: shown.items.map(({ b, line }) => ({ line, offer: serviceTexts(ctx.locale, 'offerSlots', { customer: `${b.customerName} (${b.orderNumber})` }), order: b.orderNumber, sku: b.sku })),
        rest: shown.rest > 0 ? serviceTexts(ctx.locale, 'absenceRest', { count: shown.rest }) : '',
      });
      return { text, card };
    },
  },
};
