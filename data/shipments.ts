import type { Knex } from 'knex';
import { availableStock } from '../domain/availability';
import type { ProductKind } from '../domain/catalog';
import { orderFactsOf, type OrderStatus } from '../domain/lifecycle';
import { checkShipmentLines, checkShipmentStep, maySeeOrder, type ShipmentProblem } from '../domain/orderChecks';
import { Db, isPostgres } from './db';
import { deliveryNoteNumber, nextNumber } from './numbering';
import { applyStatus, loadOrderViews, notifyStatusChange, type Actor, type OrderView } from './orders';

export interface ShipmentInput {
  carrier: string;
  trackingNumber: string;
  lines: { lineNo: number; quantity: number }[];
  /** The version the sender saw: a form filled in on a stale order is refused as a conflict. */
  expectedVersion?: number;
}

export type RecordShipmentResult =
  | { ok: true; order: OrderView; deliveryNote: { number: string } }
  | { ok: false; code: 'not_found' | 'forbidden' | 'conflict' }
  | { ok: false; code: 'illegal'; reasonCode: string; allowed: OrderStatus[] }
  | { ok: false; code: 'invalid_lines'; problems: ShipmentProblem[] }
  | { ok: false; code: 'insufficient_stock'; lineNo: number; sku: string; available: number };

/**
 * Takes reserved stock of a line first and free stock for the rest (a backorder whose goods have arrived),
 * and lowers the units on hand by what leaves the warehouse. Returns false when the warehouse lacks units.
 */
async function takeStock(trx: Knex.Transaction, lineId: number, sku: string, quantity: number): Promise<{ ok: true } | { ok: false; available: number }> {
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

/**
 * Records what leaves the house (all or some lines), with a delivery note of its own number, moves the order
 * to partially_shipped or shipped, and tells the customer the carrier and tracking number.
 */
export async function recordShipment(db: Db, actor: Actor, number: string, input: ShipmentInput, now: Date = new Date()): Promise<RecordShipmentResult> {
  return db.transaction(async (trx): Promise<RecordShipmentResult> => {
    const row = await trx('orders').where({ number: String(number).trim() }).first('id', 'number', 'customer_id', 'status', 'version');
    if (!row || !maySeeOrder(actor, Number(row.customer_id))) return { ok: false, code: 'not_found' };
    if (input.expectedVersion !== undefined && input.expectedVersion !== Number(row.version)) return { ok: false, code: 'conflict' };
    const order = { id: Number(row.id), number: row.number as string, customer_id: Number(row.customer_id), status: row.status as OrderStatus, version: Number(row.version) };
    const lines = (await trx('order_lines').where({ order_id: order.id }).orderBy('line_no')).map((l: any) => ({
      id: Number(l.id), lineNo: Number(l.line_no), sku: l.sku as string, kind: l.kind as ProductKind, quantity: Number(l.quantity), shippedQuantity: Number(l.shipped_quantity),
    }));
    const problems = checkShipmentLines(lines, input.lines);
    if (problems.length) return { ok: false, code: 'invalid_lines', problems };

    const after = lines.map((l) => ({ ...l, shippedQuantity: l.shippedQuantity + (input.lines.find((s) => s.lineNo === l.lineNo)?.quantity ?? 0) }));
    const step = checkShipmentStep({
      from: order.status, role: actor.role, actorCustomerId: actor.customerId,
      order: orderFactsOf(order.customer_id, after),
    });
    if (!step.ok) {
      if (step.code === 'role_not_permitted' || step.code === 'not_own_order') return { ok: false, code: 'forbidden' };
      return { ok: false, code: 'illegal', reasonCode: step.code, allowed: step.allowed };
    }

    const note = deliveryNoteNumber(await nextNumber(trx, 'delivery_note'));
    const details = { deliveryNote: note, carrier: input.carrier, trackingNumber: input.trackingNumber, lines: input.lines };
    const applied = await applyStatus(trx, order, step.to, actor, now, { details });
    // Rolled back, not returned: the delivery note number drawn above must not stay used (numbers are gapless).
    if (!applied) throw new RolledBack({ ok: false, code: 'conflict' });

    for (const s of input.lines) {
      const line = lines.find((l) => l.lineNo === s.lineNo)!;
      if (line.kind === 'goods') {
        const taken = await takeStock(trx, line.id, line.sku, s.quantity);
        // Rolls the whole shipment back: nothing of it may stay written.
        if (!taken.ok) throw new RolledBack({ ok: false, code: 'insufficient_stock', lineNo: line.lineNo, sku: line.sku, available: taken.available });
      }
      await trx('order_lines').where({ id: line.id }).increment('shipped_quantity', s.quantity);
    }
    const [shipment] = await trx('shipments')
      .insert({
        delivery_note_number: note, order_id: order.id, carrier: input.carrier, tracking_number: input.trackingNumber,
        created_by_person_id: actor.personId, created_at: now.toISOString(),
      })
      .returning('id');
    const shipmentId = typeof shipment === 'object' ? Number(shipment.id) : Number(shipment);
    await trx('shipment_lines').insert(input.lines.map((s) => ({ shipment_id: shipmentId, line_no: s.lineNo, quantity: s.quantity })));
    await notifyStatusChange(trx, order, applied.historyId, { carrier: input.carrier, trackingNumber: input.trackingNumber, deliveryNote: note, partial: step.to === 'partially_shipped' }, now, { actorPersonId: actor.personId });
    const [view] = await loadOrderViews(trx, [order.id]);
    return { ok: true, order: view, deliveryNote: { number: note } };
  }).catch((err) => {
    if (err instanceof RolledBack) return err.result;
    throw err;
  });
}

/** Carries a refusal out of the transaction, so that everything written before it is undone. */
class RolledBack extends Error {
  constructor(readonly result: RecordShipmentResult) {
    super(`shipment refused: ${result.ok ? '' : result.code}`);
  }
}
