import type { Knex } from 'knex';
import type { ProductKind } from '../domain/catalog';

/** An order line as a shipment sees it. */
export interface ShippableLine {
  id: number;
  lineNo: number;
  sku: string;
  kind: ProductKind;
  quantity: number;
  shippedQuantity: number;
}

export async function shippableLines(trx: Knex.Transaction, orderId: number): Promise<ShippableLine[]> {
  return (await trx('order_lines').where({ order_id: orderId }).orderBy('line_no')).map((l: any) => ({
    id: Number(l.id), lineNo: Number(l.line_no), sku: l.sku as string, kind: l.kind as ProductKind, quantity: Number(l.quantity), shippedQuantity: Number(l.shipped_quantity),
  }));
}

/** Writes a shipment with its delivery note number and the quantities per line; returns its id. */
export async function insertShipment(
  trx: Knex.Transaction,
  shipment: { orderId: number; deliveryNote: string; carrier: string; trackingNumber: string; lines: { lineNo: number; quantity: number }[]; createdBy: number | null },
  now: Date,
): Promise<number> {
  const [row] = await trx('shipments')
    .insert({
      delivery_note_number: shipment.deliveryNote, order_id: shipment.orderId, carrier: shipment.carrier, tracking_number: shipment.trackingNumber,
      created_by_person_id: shipment.createdBy, created_at: now.toISOString(),
    })
    .returning('id');
  const shipmentId = typeof row === 'object' ? Number(row.id) : Number(row);
  await trx('shipment_lines').insert(shipment.lines.map((s) => ({ shipment_id: shipmentId, line_no: s.lineNo, quantity: s.quantity })));
  return shipmentId;
}
