import type { Db } from '../data/db';
import { findOrderRow, loadOrderViews, orderFacts, type Actor, type OrderView } from '../data/orders';
import { allowedTransitions, checkTransition, isOrderStatus, type OrderStatus } from '../domain/lifecycle';
import { may } from '../domain/permissions';
import { runOperation } from './refusal';
import { takeStep } from './steps';

export type TransitionResult =
  | { ok: true; order: OrderView }
  | { ok: false; code: 'not_found' | 'forbidden' | 'illegal' | 'conflict'; reasonCode?: string; allowed?: OrderStatus[] };

/**
 * One step of the lifecycle by a person or an integration, atomic with the effects domain/effects.ts lists for it.
 * Two people moving the same order at once: the version check lets one win and tells the other 'conflict'.
 */
export async function transitionOrder(
  db: Db,
  actor: Actor,
  number: string,
  change: { to: OrderStatus; reason?: string; expectedVersion?: number; details?: Record<string, unknown> },
  now: Date = new Date(),
): Promise<TransitionResult> {
  return runOperation<TransitionResult>(db, async (trx, refuse) => {
    const order = await findOrderRow(trx, number);
    if (!order || !may(actor, 'seeOrder', { customerId: order.customer_id })) return refuse({ ok: false, code: 'not_found' });
    if (change.expectedVersion != null && change.expectedVersion !== order.version) refuse({ ok: false, code: 'conflict' });
    if (!isOrderStatus(change.to)) refuse({ ok: false, code: 'illegal', reasonCode: 'unknown_status', allowed: [] });
    // The one step to itself (a further partial shipment) is taken by recordShipment; here it would change nothing.
    if (change.to === order.status) refuse({ ok: false, code: 'illegal', reasonCode: 'not_allowed', allowed: allowedTransitions(order.status) });
    const reason = change.reason?.trim() || null;
    const check = checkTransition({
      from: order.status, to: change.to, role: actor.role, actorCustomerId: actor.customerId, reason, order: await orderFacts(trx, order),
    });
    if (!check.ok) {
      const forbidden = check.code === 'role_not_permitted' || check.code === 'not_own_order';
      refuse({ ok: false, code: forbidden ? 'forbidden' : 'illegal', reasonCode: check.code, allowed: check.allowed });
    }
    await takeStep(trx, order, change.to, actor, now, {
      reason, details: change.details ?? null, notice: { reason, ...(change.details ?? {}) }, takenBy: actor.personId,
    }, (refusal) => refuse(refusal.code === 'conflict' ? { ok: false, code: 'conflict' } : { ok: false, code: 'illegal', reasonCode: refusal.code }));
    const [view] = await loadOrderViews(trx, [order.id]);
    return { ok: true, order: view };
  });
}
