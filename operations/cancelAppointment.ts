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

/** One appointment of the order and what cancelling it now costs: late (under 24 hours ahead) carries the fee. */
export interface AppointmentFee {
  sku: string;
  start: string;
  late: boolean;
  feeCents: number;
}

export interface CancellationQuote {
  orderNumber: string;
  /** The (first late) appointment; `appointments` lists them all when the order has several. */
  sku: string;
  start: string;
  /** Some appointment starts in less than 24 hours. */
  late: boolean;
  /** Net fee in cents, the sum over the late appointments (0 when free); VAT follows each service line's rate. */
  feeCents: number;
  /** The order has other lines (goods): a late cancellation cancels them as a free one would, the fee stays. */
  otherLines: boolean;
  /** Every booked appointment of the order in time order, each with its own fee. */
  appointments: AppointmentFee[];
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
    .modify((q) => { if (sku) q.where({ sku: sku.trim().toUpperCase() }); }).orderBy('starts_at').orderBy('id');
  // One appointment per booked service line (its rows are the people and equipment it takes).
  const appointments = new Map<string, { sku: string; start: string }>();
  for (const r of rows) appointments.set(`${r.sku}|${r.starts_at}`, { sku: r.sku, start: r.starts_at });
  if (appointments.size === 0) return { code: 'no_booking' as const };
  // Two appointments of one line would split that line's fee: not a case the shop sells.
  if (new Set([...appointments.values()].map((x) => x.sku)).size !== appointments.size) return { code: 'several_bookings' as const };
  const percent = feePercent ?? (await loadServiceSettings(trx)).lateFeePercent;
  const fees: AppointmentFee[] = [];
  const lines: any[] = [];
  for (const { sku: appointmentSku, start } of appointments.values()) {
    const line = await trx('order_lines').where({ order_id: order.id, sku: appointmentSku }).first();
    const rule = checkReschedule(order.status, new Date(start), now);
    if (!rule.ok) return { code: rule.code };
    const fee = cancellationFee(new Date(start), now, Number(line.net_cents), percent);
    fees.push({ sku: appointmentSku, start, late: fee.late, feeCents: fee.feeCents });
    lines.push({ ...line, late: fee.late, feeCents: fee.feeCents });
  }
  const others = await trx('order_lines').where({ order_id: order.id }).whereNotIn('id', lines.map((l) => l.id)).whereNot({ status: 'cancelled' }).count({ n: '*' }).first();
  const first = fees.find((f) => f.late) ?? fees[0];
  const quote: CancellationQuote = {
    orderNumber: order.number, sku: first.sku, start: first.start, late: fees.some((f) => f.late),
    feeCents: fees.reduce((sum, f) => sum + f.feeCents, 0), otherLines: Number(others?.n ?? 0) > 0, appointments: fees,
  };
  return { quote, lines };
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
 * Cancels an order's appointments in one transaction. All more than 24 hours ahead: the order is cancelled through
 * the lifecycle (with its goods, if any). Any later: the caller must pass the total fee it showed the customer
 * (`acceptedFeeCents`); each late appointment's service line becomes its fee line (performed, so it is invoiced),
 * the appointments are freed, the lines of appointments further ahead and the order's other lines (goods of a mixed
 * order, not shipped yet) are cancelled with their reservations and machine days as a free cancellation would, and
 * the order goes to performed. Either way the customer is told.
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
    const { quote, lines } = q;
    const conflict = () => refuse({ ok: false, code: 'conflict', status: order.status });
    const otherLines = await trx('order_lines').where({ order_id: order.id }).whereNotIn('id', lines.map((l: any) => Number(l.id))).whereNot({ status: 'cancelled' });

    if (!quote.late) {
      const facts = await orderFacts(trx, order);
      const check = checkTransition({ from: order.status, to: 'cancelled', role: actor.role, actorCustomerId: actor.customerId, reason: input.reason ?? 'appointment_cancelled', order: facts });
      if (!check.ok) return refuse({ ok: false, code: 'not_before_execution', status: order.status });
      await takeStep(trx, order, 'cancelled', actor, now, { reason: input.reason ?? 'appointment_cancelled', details: { event: 'appointment_cancelled', sku: quote.sku, start: quote.start, feeCents: 0 } }, conflict);
    } else {
      if (input.acceptedFeeCents !== quote.feeCents) return refuse({ ok: false, code: 'fee_not_accepted', quote });
      // Goods already on their way (or a service without an appointment) are not cancelled with the appointments.
      if (otherLines.some((l: any) => Number(l.shipped_quantity) > 0 || l.kind === 'service')) return refuse({ ok: false, code: 'other_lines', status: order.status });
      await releaseOrderBookings(trx, order.id);
      if (otherLines.length) await releaseReservations(trx, order.id);
      // Appointments further ahead are free: their lines go with the goods; the late ones become fee lines.
      const freeLines = [...otherLines, ...lines.filter((l: any) => !l.late)];
      if (freeLines.length) await trx('order_lines').whereIn('id', freeLines.map((l: any) => Number(l.id))).update({ status: 'cancelled' });
      for (const line of lines.filter((l: any) => l.late)) {
        await trx('order_lines').where({ id: line.id }).update({
          name_de: `Stornogebühr: ${line.name_de}`, name_en: `Cancellation fee: ${line.name_en}`, quantity: 1,
          unit_price_cents: line.feeCents, net_cents: line.feeCents, status: 'performed',
        });
      }
      const facts = await orderFacts(trx, order);
      for (const to of stepsToPerformed(order.status, facts.hasGoods) ?? []) {
        if (!checkTransition({ from: order.status, to, role: 'system', order: facts }).ok) break;
        const details = {
          event: 'appointment_cancelled', sku: quote.sku, start: quote.start, feeCents: quote.feeCents,
          ...(quote.appointments.length > 1 ? { appointments: quote.appointments } : {}),
          cancelledLines: freeLines.map((l: any) => ({ sku: l.sku, quantity: Number(l.quantity) })),
        };
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
