import type { Db } from '../data/db';
import { customerPersonIds } from '../data/history';
import { findOrderRow, orderFacts, type Actor } from '../data/orders';
import { orderOrigin, withOrigin } from '../data/orderOrigin';
import { enqueueNotification } from '../data/outbox';
import { isValidActualMinutes, stepsToPerformed } from '../domain/bookingRules';
import { checkTransition, type OrderStatus } from '../domain/lifecycle';
import { isResourceOwnPerson, may } from '../domain/permissions';
import { runOperation } from './refusal';
import { takeStep } from './steps';

export type ReportVisitResult =
  | { ok: true; orderNumber: string; sku: string; status: OrderStatus; changed: boolean }
  | { ok: false; code: 'not_found' | 'no_booking' | 'several_bookings' | 'minutes_invalid' | 'report_missing' | 'conflict'; status?: OrderStatus };

/** Kind of the message telling the customer a visit was performed. */
export const SERVICE_PERFORMED_KIND = 'service_performed';

/**
 * The technician (or sales) reports a visit as performed, in one transaction: the appointment is done with its
 * report and actual duration, the order line is performed (and so invoiceable), the order follows the lifecycle to
 * 'performed' once all its services are, and the customer is told. Reporting the same visit again changes nothing.
 */
export async function reportVisit(
  db: Db,
  actor: Actor,
  input: { orderNumber: string; sku?: string; report: string; actualMinutes: number },
  now: Date = new Date(),
): Promise<ReportVisitResult> {
  if (!isValidActualMinutes(input.actualMinutes)) return { ok: false, code: 'minutes_invalid' };
  const report = String(input.report ?? '').trim().slice(0, 2000);
  if (!report) return { ok: false, code: 'report_missing' };
  const number = String(input.orderNumber).trim();
  return runOperation<ReportVisitResult>(db, async (trx, refuse) => {
    const order = await findOrderRow(trx, number, { lock: true });
    if (!order) return refuse({ ok: false, code: 'not_found' });
    const rows = await trx('service_bookings as b')
      .join('resources as r', 'r.id', 'b.resource_id')
      .where({ 'b.order_id': order.id })
      .whereIn('b.status', ['booked', 'done'])
      .modify((q) => { if (input.sku) q.where('b.sku', input.sku.trim().toUpperCase()); })
      .select('b.id', 'b.sku', 'b.starts_at', 'b.status', 'r.person_id');
    const allowed = may(actor, 'reportVisit') || isResourceOwnPerson(actor, rows.map((r: any) => (r.person_id == null ? null : Number(r.person_id))));
    if (!allowed) return refuse({ ok: false, code: 'not_found' });
    const appointments = new Set(rows.map((r: any) => `${r.sku}|${r.starts_at}`));
    if (appointments.size === 0) return refuse({ ok: false, code: 'no_booking', status: order.status });
    if (appointments.size > 1) return refuse({ ok: false, code: 'several_bookings', status: order.status });
    const sku: string = rows[0].sku;
    if (rows.every((r: any) => r.status === 'done')) return { ok: true, orderNumber: number, sku, status: order.status, changed: false };

    const ids = rows.map((r: any) => Number(r.id));
    await trx('service_bookings').whereIn('id', ids).update({ status: 'done', performed_at: now.toISOString(), actual_minutes: input.actualMinutes, report });
    await trx('order_lines').where({ order_id: order.id, sku }).update({ status: 'performed' });

    const openServices = await trx('order_lines').where({ order_id: order.id, kind: 'service', status: 'open' }).count({ n: '*' }).first();
    const facts = await orderFacts(trx, order);
    const details = { event: 'visit_reported', sku, actualMinutes: input.actualMinutes, report };
    if (Number(openServices?.n ?? 0) === 0) {
      for (const to of stepsToPerformed(order.status, facts.hasGoods) ?? []) {
        const check = checkTransition({ from: order.status, to, role: actor.role === 'customer' ? 'customer' : 'system', order: facts });
        if (!check.ok) break;
        await takeStep(trx, order, to, actor, now, { details: to === 'performed' ? details : null }, () => refuse({ ok: false, code: 'conflict', status: order.status }));
      }
    }
    const origin = await orderOrigin(trx, order.id);
    for (const personId of await customerPersonIds(trx, order.customer_id)) {
      await enqueueNotification(trx, {
        recipient: { kind: 'person', personId }, kind: SERVICE_PERFORMED_KIND,
        payload: withOrigin({ orderNumber: number, sku, report, actualMinutes: input.actualMinutes, start: rows[0].starts_at }, origin, personId),
        dedupeKey: `service-performed:${ids[0]}:p${personId}`,
      }, now);
    }
    return { ok: true, orderNumber: number, sku, status: order.status, changed: true };
  });
}
