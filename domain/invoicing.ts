import type { ProductKind } from './catalog';
import { statusIs, type OrderStatus } from './lifecycle';

/**
 * When an order is invoiced and what an invoice bills, written once. Goods are billed as they leave the house
 * (shipped quantities), services once the order is performed; what earlier invoices billed is taken off
 * (a cancellation gives its quantities back, so a corrected invoice can bill them again).
 */

/** One invoice per shipment (default: a partial shipment invoices what left the house) or one per order, when done. */
export type InvoiceMode = 'per_shipment' | 'per_order';

export function isInvoiceMode(value: unknown): value is InvoiceMode {
  return value === 'per_shipment' || value === 'per_order';
}

export interface BillingLine {
  lineId: number;
  kind: ProductKind;
  quantity: number;
  shippedQuantity: number;
  /** Net of this order line's invoices and cancellations. */
  invoicedQuantity: number;
}

/** Performed services stay performed through invoicing and payment. */
const servicesDone: readonly OrderStatus[] = ['performed', 'invoiced', 'paid', 'closed'];

export function servicesPerformed(status: OrderStatus): boolean {
  return servicesDone.includes(status);
}

/** What is delivered or performed: the quantity an invoice may bill of a line in all. */
function deliveredQuantity(line: BillingLine, status: OrderStatus): number {
  if (line.kind === 'service') return servicesPerformed(status) ? line.quantity : 0;
  return line.shippedQuantity;
}

/** The quantities still to invoice, per line with something to bill. */
export function billableLines(lines: readonly BillingLine[], status: OrderStatus): { lineId: number; quantity: number }[] {
  return lines
    .map((l) => ({ lineId: l.lineId, quantity: deliveredQuantity(l, status) - l.invoicedQuantity }))
    .filter((l) => l.quantity > 0);
}

/**
 * The order may move to `invoiced`: it is delivered or performed (the lifecycle's guard decides which) and every
 * line is invoiced in full.
 */
export function fullyInvoiced(lines: readonly BillingLine[], status: OrderStatus): boolean {
  if (status !== 'delivered' && status !== 'performed') return false;
  const hasServices = lines.some((l) => l.kind === 'service');
  if (hasServices && status !== 'performed') return false;
  return lines.every((l) => l.invoicedQuantity >= l.quantity && deliveredQuantity(l, status) >= l.quantity);
}

/**
 * Whether reaching `to` issues an invoice by itself. Per shipment: every shipment, delivery and performed service;
 * per order: only the step that completes the order (delivered without services, or performed).
 */
export function invoicesOnStep(mode: InvoiceMode, to: OrderStatus, order: { hasServices: boolean }): boolean {
  if (mode === 'per_shipment') return statusIs(to, 'shipmentStep') || to === 'delivered' || to === 'performed';
  return to === 'performed' || (to === 'delivered' && !order.hasServices);
}
