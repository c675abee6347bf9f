import type { Knex } from 'knex';
import type { OrderStatus } from '../domain/lifecycle';
import type { OrderActor } from '../domain/orderChecks';
import type { Db } from './db';
import { orderOrigin, withOrigin, type OrderOrigin } from './orderOrigin';
import { enqueueNotification } from './outbox';

type Conn = Db | Knex.Transaction;

/** Writes one order_history row (also for changes that keep the status, `from` = `to`) and returns its id. */
export async function insertHistory(
  trx: Knex.Transaction, orderId: number, from: OrderStatus | null, to: OrderStatus, actor: OrderActor, now: Date,
  reason: string | null, details: Record<string, unknown> | null,
): Promise<number> {
  const [row] = await trx('order_history')
    .insert({
      order_id: orderId, from_status: from, to_status: to, actor_person_id: actor.personId, actor_role: actor.role,
      channel: actor.channel, reason, details: details ? JSON.stringify(details) : null, at: now.toISOString(),
    })
    .returning('id');
  return typeof row === 'object' ? Number(row.id) : Number(row);
}

/** Many history rows at once (a bank statement's bookings): the same rows insertHistory writes, in batches. */
export async function insertHistoryRows(
  trx: Knex.Transaction, rows: readonly { orderId: number; from: OrderStatus; to: OrderStatus; reason: string | null; details: Record<string, unknown> | null }[],
  actor: OrderActor, now: Date,
): Promise<void> {
  const at = now.toISOString();
  const all = rows.map((r) => ({
    order_id: r.orderId, from_status: r.from, to_status: r.to, actor_person_id: actor.personId, actor_role: actor.role,
    channel: actor.channel, reason: r.reason, details: r.details ? JSON.stringify(r.details) : null, at,
  }));
  for (let i = 0; i < all.length; i += 500) await trx('order_history').insert(all.slice(i, i + 500));
}

export async function customerPersonIds(trx: Conn, customerId: number): Promise<number[]> {
  const rows = await trx('persons').where({ customer_id: customerId, role: 'customer' }).select('id');
  return rows.map((r: any) => Number(r.id));
}

export async function personIdsWithRoles(trx: Conn, roles: readonly string[]): Promise<number[]> {
  const rows = await trx('persons').whereIn('role', [...roles]).select('id');
  return rows.map((r: any) => Number(r.id));
}

/**
 * Queues one message per person about one history row, in the transaction that wrote the row. The row id
 * makes the dedupe key, so a change can never be announced twice. `keyTag` names the message in the key
 * (the kind unless given); `origin` saves the look-up when the caller has it already.
 */
export async function notifyAboutHistory(
  trx: Knex.Transaction,
  event: { orderId: number; historyId: number },
  personIds: readonly number[],
  message: { kind: string; payload: Record<string, unknown>; keyTag?: string },
  now: Date,
  origin?: OrderOrigin,
): Promise<void> {
  if (personIds.length === 0) return;
  const from = origin ?? (await orderOrigin(trx, event.orderId));
  const tag = message.keyTag ?? message.kind;
  for (const personId of personIds) {
    await enqueueNotification(trx, {
      recipient: { kind: 'person', personId }, kind: message.kind, payload: withOrigin(message.payload, from, personId),
      dedupeKey: `order:${event.orderId}:h${event.historyId}:${tag}:p${personId}`,
    }, now);
  }
}
