import type { Knex } from 'knex';
import { availableStock } from '../domain/availability';
import { Db, isPostgres, rawRows } from './db';

type Conn = Db | Knex.Transaction;

/** Units of each SKU held by reservations of open orders. */
export async function reservedBySku(db: Conn, skus: string[]): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  // Plain SQL: the order check runs it every turn, and knex's builder cost more than the read.
  const rows = await rawRows<{ sku: string; n: number | string }>(db as Db,
    `select sku, sum(quantity) as n from stock_reservations where sku in (${skus.map(() => '?').join(', ')}) and status = 'reserved' group by sku`, skus);
  return new Map(rows.map((r) => [r.sku, Number(r.n)]));
}

export async function onHandBySku(db: Conn, skus: string[]): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  const rows = await db('products').whereIn('sku', skus).select('sku', 'on_hand');
  return new Map(rows.map((r: any) => [r.sku, Number(r.on_hand ?? 0)]));
}

export async function reserveStock(trx: Knex.Transaction, lineId: number, sku: string, quantity: number, now: Date): Promise<void> {
  await trx('stock_reservations').insert({ order_line_id: lineId, sku, quantity, status: 'reserved', created_at: now.toISOString() });
}

/** Gives back the reserved stock of an order. */
export async function releaseReservations(trx: Knex.Transaction, orderId: number): Promise<void> {
  const lineIds = trx('order_lines').where({ order_id: orderId }).select('id');
  await trx('stock_reservations').whereIn('order_line_id', lineIds).where({ status: 'reserved' }).update({ status: 'released' });
}

/**
 * Takes reserved stock of a line first and free stock for the rest (a backorder whose goods have arrived),
 * and lowers the units on hand by what leaves the warehouse. Not ok: the warehouse lacks units, nothing
 * is decremented (the caller rolls back what it consumed of the reservations).
 */
export async function consumeStock(trx: Knex.Transaction, lineId: number, sku: string, quantity: number): Promise<{ ok: true } | { ok: false; available: number }> {
  const reservations = await trx('stock_reservations').where({ order_line_id: lineId, status: 'reserved' }).orderBy('id');
  let fromReservation = 0;
  let left = quantity;
  for (const r of reservations) {
    if (left === 0) break;
    const take = Math.min(left, Number(r.quantity));
    if (take === Number(r.quantity)) {
      await trx('stock_reservations').where({ id: r.id }).update({ status: 'consumed' });
    } else {
      await trx('stock_reservations').where({ id: r.id }).update({ quantity: Number(r.quantity) - take });
      await trx('stock_reservations').insert({ order_line_id: lineId, sku, quantity: take, status: 'consumed', created_at: r.created_at });
    }
    fromReservation += take;
    left -= take;
  }
  const product = await (isPostgres(trx) ? trx('products').where({ sku }).forUpdate().first('on_hand') : trx('products').where({ sku }).first('on_hand'));
  if (left > 0) {
    const reserved = await trx('stock_reservations').where({ sku, status: 'reserved' }).sum({ n: 'quantity' }).first();
    const free = availableStock(Number(product.on_hand ?? 0) - fromReservation, Number(reserved?.n ?? 0));
    if (left > free) return { ok: false, available: fromReservation + free };
  }
  await trx('products').where({ sku }).decrement('on_hand', quantity);
  return { ok: true };
}
