import { getOrder, type OrderView } from '../../data/orders';
import { statusLabel, isOrderStatus } from '../../domain/lifecycle';
import { formatMoney } from '../../domain/money';
import { formatDate, formatDateTime, orderLinesText } from '../format';
import { appointmentLines, appointmentSentence, movedAppointmentText } from '../appointmentDetails';
import { reasonText } from '../orderLabels';
import { notificationTexts } from '../texts/notifications';
import { calendarForReader, type NotificationKind, type RenderContext, type RenderedMessage, type Unrenderable } from './kind';

/**
 * Messages about one order. The order is read with the reader's own rights, so a row can never show someone an
 * order they may not see; a conversation nobody is linked to gets no order messages.
 */
function aboutOrder(text: (view: OrderView, ctx: RenderContext & { number: string }) => string | Promise<string>): NotificationKind {
  return {
    async render(ctx): Promise<RenderedMessage | Unrenderable> {
      const n = ctx.row.payload.orderNumber ?? ctx.row.payload.number;
      if (typeof n !== 'string' && typeof n !== 'number') return { unrenderable: `outbox row ${ctx.row.id} (${ctx.row.kind}) has no order number` };
      const number = String(n);
      if (!ctx.viewer) return { unrenderable: `order ${number}: the conversation is linked to nobody who may read it` };
      const v = ctx.viewer;
      const view = await getOrder(ctx.db, { personId: v.id, role: v.role, customerId: v.customerId, channel: 'notifier' }, number);
      if (!view) return { unrenderable: `order ${number} is not visible to person ${v.id}` };
      return { text: await text(view, { ...ctx, number }) };
    },
  };
}

const total = (view: OrderView, ctx: RenderContext) => formatMoney(view.totals.grossCents, ctx.locale);

export const orderMessages: Record<string, NotificationKind> = {
  order_confirmed: aboutOrder(async (view, ctx) => {
    const { locale, number } = ctx;
    const text = notificationTexts(locale, 'order_confirmed', { number, lines: orderLinesText(view.lines, locale), total: total(view, ctx) });
    // A service-only order's date is its appointment, said in full below, not "ready or delivered on".
    const goods = view.lines.some((l) => l.kind !== 'service');
    const confirmed = view.promisedDate && goods ? `${text} ${notificationTexts(locale, 'promised', { date: formatDate(view.promisedDate, locale) })}` : text;
    // Each appointment with day, time, duration, place and who comes.
    return [confirmed, ...(await appointmentLines(ctx.db, view, locale, calendarForReader(ctx)))].join(' ');
  }),
  order_on_hold: aboutOrder((_view, { locale, number }) => notificationTexts(locale, 'order_on_hold', { number })),
  order_on_hold_review: aboutOrder((view, ctx) => notificationTexts(ctx.locale, 'order_on_hold_review', {
    number: ctx.number, customer: view.customer.name, total: total(view, ctx),
    reason: reasonText(String(ctx.row.payload.reason ?? view.holdReason ?? ''), ctx.locale),
  })),
  order_shipped: aboutOrder((_view, { locale, number, row }) => notificationTexts(locale, row.payload.partial ? 'order_partially_shipped' : 'order_shipped', {
    number, carrier: String(row.payload.carrier ?? ''), tracking: String(row.payload.trackingNumber ?? ''),
  })),
  order_delivered: aboutOrder((_view, { locale, number }) => notificationTexts(locale, 'order_delivered', { number })),
  order_cancelled: aboutOrder(async (view, ctx) => {
    const { locale, number, row } = ctx;
    const text = notificationTexts(locale, 'order_cancelled', { number });
    const parts = [row.payload.reason ? `${text} ${notificationTexts(locale, 'cancelledReason', { reason: reasonText(String(row.payload.reason), locale) })}` : text];
    // The appointments it had, each with its .ics link (which now reads as cancelled).
    if (view.status === 'cancelled') {
      for (const b of view.serviceBookings.filter((x) => x.status === 'cancelled')) parts.push(await appointmentSentence(ctx.db, view, b, locale, calendarForReader(ctx), 'cancelledLine'));
    }
    return parts.join(' ');
  }),
  booking_rescheduled: aboutOrder(async (view, ctx) => {
    const { locale, number, row } = ctx;
    const moved = row.payload as { sku?: unknown; from?: { start?: unknown }; to?: { start?: unknown } };
    const service = view.lines.find((l) => l.sku === moved.sku)?.name[locale] ?? String(moved.sku ?? '');
    const text = notificationTexts(locale, 'booking_rescheduled', {
      number, service, when: formatDateTime(String(moved.to?.start ?? ''), locale), before: formatDateTime(String(moved.from?.start ?? ''), locale),
    });
    // Duration, place, who comes and the .ics link of the appointment where it is now (moved again meanwhile: as it is now).
    const booking = view.serviceBookings.find((b) => b.sku === moved.sku && b.start === moved.to?.start && b.status === 'booked');
    return booking ? `${text} ${await movedAppointmentText(ctx.db, view, booking, locale, calendarForReader(ctx))}` : text;
  }),
};

/** A status the table names no message for: the status itself. */
export const orderStatusChanged = aboutOrder((view, { locale, number, row }) => {
  const status = isOrderStatus(row.payload.status) ? row.payload.status : view.status;
  return notificationTexts(locale, 'order_status_changed', { number, status: statusLabel(status, locale) });
});
