import type { Db } from '../data/db';
import { nextNumber, deliveryNoteNumber } from '../data/numbering';
import { addShippedQuantity, findOrderRow, loadOrderViews, type Actor, type OrderView } from '../data/orders';
import { insertShipment, shippableLines } from '../data/shipments';
import { orderFactsOf, type OrderStatus } from '../domain/lifecycle';
import { checkShipmentLines, checkShipmentStep, type ShipmentProblem } from '../domain/orderChecks';
import type { InvoiceField } from '../domain/invoice';
import { may } from '../domain/permissions';
import { runOperation } from './refusal';
import { takeStep } from './steps';

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
  | { ok: false; code: 'insufficient_stock'; lineNo: number; sku: string; available: number }
  | { ok: false; code: 'invoice_incomplete'; missing: InvoiceField[] };

/**
 * Records what leaves the house (all or some lines), with a delivery note of its own number, moves the order
 * to partially_shipped or shipped, and (effects of that step) takes the goods from stock and tells the customer
 * the carrier and tracking number. A refusal after the note number was drawn rolls it back: numbers stay gapless.
 */
export async function recordShipment(db: Db, actor: Actor, number: string, input: ShipmentInput, now: Date = new Date()): Promise<RecordShipmentResult> {
  return runOperation<RecordShipmentResult>(db, async (trx, refuse) => {
    const order = await findOrderRow(trx, number);
    if (!order || !may(actor, 'seeOrder', { customerId: order.customer_id })) return refuse({ ok: false, code: 'not_found' });
    if (input.expectedVersion !== undefined && input.expectedVersion !== order.version) refuse({ ok: false, code: 'conflict' });
    const lines = await shippableLines(trx, order.id);
    const problems = checkShipmentLines(lines, input.lines);
    if (problems.length) refuse({ ok: false, code: 'invalid_lines', problems });

    const after = lines.map((l) => ({ ...l, shippedQuantity: l.shippedQuantity + (input.lines.find((s) => s.lineNo === l.lineNo)?.quantity ?? 0) }));
    const step = checkShipmentStep({ from: order.status, role: actor.role, actorCustomerId: actor.customerId, order: orderFactsOf(order.customer_id, after) });
    if (!step.ok) {
      if (step.code === 'role_not_permitted' || step.code === 'not_own_order') refuse({ ok: false, code: 'forbidden' });
      return refuse({ ok: false, code: 'illegal', reasonCode: step.code, allowed: step.allowed });
    }

    const note = deliveryNoteNumber(await nextNumber(trx, 'delivery_note'));
    const shipped = input.lines.map((s) => ({ ...s, line: lines.find((l) => l.lineNo === s.lineNo)! }));
    // The shipment is written before the step, so the step's invoice (effect issueInvoice) bills what it took.
    for (const s of shipped) await addShippedQuantity(trx, s.line.id, s.quantity);
    const shipmentId = await insertShipment(trx, {
      orderId: order.id, deliveryNote: note, carrier: input.carrier, trackingNumber: input.trackingNumber, lines: input.lines, createdBy: actor.personId,
    }, now);
    await takeStep(trx, order, step.to, actor, now, {
      details: { deliveryNote: note, carrier: input.carrier, trackingNumber: input.trackingNumber, lines: input.lines },
      notice: { carrier: input.carrier, trackingNumber: input.trackingNumber, deliveryNote: note, partial: step.to === 'partially_shipped' },
      takenBy: actor.personId,
      shipment: { lines: shipped.filter((s) => s.line.kind === 'goods').map((s) => ({ lineId: s.line.id, lineNo: s.lineNo, sku: s.line.sku, quantity: s.quantity })) },
      shipmentId,
    }, (refusal) => refuse({ ok: false, ...refusal }));
    const [view] = await loadOrderViews(trx, [order.id]);
    return { ok: true, order: view, deliveryNote: { number: note } };
  });
}
