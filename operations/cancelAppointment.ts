import type { Knex } from 'knex';
import { releaseOrderBookings } from '../data/bookings';
import type { Db } from '../data/db';
import { customerPersonIds } from '../data/history';
import { findOrderRow, orderFacts, type Actor, type OrderRow } from '../data/orders';
import { orderOrigin, withOrigin } from '../data/orderOrigin';
import { enqueueNotification } from '../data/outbox';
import { loadServiceSettings } from '../data/serviceSettings';
import { releaseReservations } from '../data/stock';
import { cancellationFee, checkReschedule, stepsToPerformed } from '../domain/bookingRules';
import { checkTransition, type OrderStatus } from '../domain/lifecycle';
import { may } from '../domain/permissions';
import { runOperation } from './refusal';
import { takeStep } from './steps';

export interface CancellationQuote {
  orderNumber: string;
  sku: string;
  start: string;
  late: boolean;
  /** Net fee in cents (0 when free); VAT follows the service line's rate. */
  feeCents: number;
  /** The order has other lines (goods): a late cancellation cancels them as a free one would, the fee stays. */
  otherLines: boolean;
}

export type CancelAppointmentResult =
  | { ok: true; quote: CancellationQuote; orderStatus: OrderStatus }
  | {
      ok: false;
      code: 'not_found' | 'no_booking' | 'several_bookings' | 'not_before_execution' | 'already_started' | 'other_lines' | 'conflict';
      status?: OrderStatus;
    }
  /** The fee changed or was not accepted: ask the customer again with this quote. */
  | { ok: false; code: 'fee_not_accepted'; quote: CancellationQuote };

/** Kind of the customer's message that an appointment was cancelled (with the fee, if any). */
export const APPOINTMENT_CANCELLED_KIND = 'appointment_cancelled';

async function quoteIn(trx: Knex.Transaction, order: OrderRow, sku: string | undefined, now: Date, feePercent?: number) {
  const rows = await trx('service_bookings').where({ order_id: order.id, status: 'booked' })
    .modify((q) => { if (sku) q.where({ sku: sku.trim().toUpperCase() }); }).orderBy('id');
  const appointments = new Set(rows.map((r: any) => `${r.sku}|${r.starts_at}`));
  if (appointments.size === 0) return { code: 'no_booking' as const };
  if (appointments.size > 1) return { code: 'several_bookings' as const };
  const line = await trx('order_lines').where({ order_id: order.id, sku: rows[0].sku }).first();
  const start = new Date(rows[0].starts_at);
  const rule = checkReschedule(order.status, start, now);
  if (!rule.ok) return { code: rule.code };
  const fee = cancellationFee(start, now, Number(line.net_cents), feePercent ?? (await loadServiceSettings(trx)).lateFeePercent);
  const others = await trx('order_lines').where({ order_id: order.id }).whereNot({ id: line.id }).whereNot({ status: 'cancelled' }).count({ n: '*' }).first();
  const quote: CancellationQuote = {
    orderNumber: order.number, sku: rows[0].sku, start: rows[0].starts_at, late: fee.late, feeCents: fee.feeCents, otherLines: Number(others?.n ?? 0) > 0,
  };
  return { quote, line };
}

/** What cancelling an order's appointment would cost now, to tell the customer before they confirm. */
export async function quoteCancellation(db: Db, actor: Actor, orderNumber: string, sku?: string, now: Date = new Date(), feePercent?: number) {
  return runOperation<CancelAppointmentResult>(db, async (trx, refuse) => {
    const order = await findOrderRow(trx, String(orderNumber).trim());
    if (!order || !may(actor, 'moveAppointment', { customerId: order.customer_id })) return refuse({ ok: false, code: 'not_found' });
    const q = await quoteIn(trx, order, sku, now, feePercent);
    if ('code' in q) return refuse({ ok: false, code: q.code!, status: order.status });
    return { ok: true, quote: q.quote, orderStatus: order.status };
  });
}

/**
 * Cancels an order's appointment in one transaction. Free until 24 hours before: the order is cancelled through
 * the lifecycle (with its goods, if any). Later: the caller must pass the fee it showed the customer
 * (`acceptedFeeCents`); the service line becomes the fee line (performed, so it is invoiced), the appointment is
 * freed, the order's other lines (goods of a mixed order, not shipped yet) are cancelled with their reservations and
 * machine days as a free cancellation would, and the order goes to performed. Either way the customer is told.
 */
export async function cancelAppointment(
  db: Db,
  actor: Actor,
  input: { orderNumber: string; sku?: string; acceptedFeeCents?: number | null; reason?: string },
  now: Date = new Date(),
  feePercent?: number,
): Promise<CancelAppointmentResult> {
  return runOperation<CancelAppointmentResult>(db, async (trx, refuse) => {
    const order = await findOrderRow(trx, String(input.orderNumber).trim(), { lock: true });
    if (!order || !may(actor, 'moveAppointment', { customerId: order.customer_id })) return refuse({ ok: false, code: 'not_found' });
    const q = await quoteIn(trx, order, input.sku, now, feePercent);
    if ('code' in q) return refuse({ ok: false, code: q.code!, status: order.status });
    const { quote, line } = q;
    const conflict = () => refuse({ ok: false, code: 'conflict', status: order.status });
    const otherLines = await trx('order_lines').where({ order_id: order.id }).whereNot({ id: line.id }).whereNot({ status: 'cancelled' });

    if (!quote.late) {
      const facts = await orderFacts(trx, order);
      const check = checkTransition({ from: order.status, to: 'cancelled', role: actor.role, actorCustomerId: actor.customerId, reason: input.reason ?? 'appointment_cancelled', order: facts });
      if (!check.ok) return refuse({ ok: false, code: 'not_before_execution', status: order.status });
      await takeStep(trx, order, 'cancelled', actor, now, { reason: input.reason ?? 'appointment_cancelled', details: { event: 'appointment_cancelled', sku: quote.sku, start: quote.start, feeCents: 0 } }, conflict);
    } else {
      if (input.acceptedFeeCents !== quote.feeCents) return refuse({ ok: false, code: 'fee_not_accepted', quote });
      // Goods already on their way (or a second service) are not cancelled with this appointment.
      if (otherLines.some((l: any) => Number(l.shipped_quantity) > 0 || l.kind === 'service')) return refuse({ ok: false, code: 'other_lines', status: order.status });
      await releaseOrderBookings(trx, order.id);
      if (otherLines.length) {
        await releaseReservations(trx, order.id);
        await trx('order_lines').whereIn('id', otherLines.map((l: any) => Number(l.id))).update({ status: 'cancelled' });
      }
      await trx('order_lines').where({ id: line.id }).update({
        name_de: `Stornogebühr: ${line.name_de}`, name_en: `Cancellation fee: ${line.name_en}`, quantity: 1,
        unit_price_cents: quote.feeCents, net_cents: quote.feeCents, status: 'performed',
      });
      const facts = await orderFacts(trx, order);
      for (const to of stepsToPerformed(order.status, facts.hasGoods) ?? []) {
        if (!checkTransition({ from: order.status, to, role: 'system', order: facts }).ok) break;
        const details = { event: 'appointment_cancelled', sku: quote.sku, start: quote.start, feeCents: quote.feeCents, cancelledLines: otherLines.map((l: any) => ({ sku: l.sku, quantity: Number(l.quantity) })) };
        await takeStep(trx, order, to, actor, now, { details: to === 'performed' ? details : null }, conflict);
      }
    }
    // A free cancellation is the order's cancellation, which tells the customer itself.
    if (!quote.late) return { ok: true, quote, orderStatus: order.status };
    const origin = await orderOrigin(trx, order.id);
    for (const personId of await customerPersonIds(trx, order.customer_id)) {
      await enqueueNotification(trx, {
        recipient: { kind: 'person', personId }, kind: APPOINTMENT_CANCELLED_KIND,
        payload: withOrigin({ ...quote }, origin, personId),
        dedupeKey: `appointment-cancelled:${order.id}:${quote.sku}:${quote.start}:p${personId}`,
      }, now);
    }
    return { ok: true, quote, orderStatus: order.status };
  });
}
