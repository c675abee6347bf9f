import type { Localized } from './locale';
import type { Address } from './parties';
import type { Product, ProductKind, VatRate } from './catalog';
import { computeTotals, lineNetCents, type Totals } from './vat';
import { addDays, isValidDate, isWorkingDay } from './calendar';

export interface DraftLine {
  sku: string;
  quantity: number;
}

/** The order being put together in a chat or a REST client; it becomes an order when placed. */
export interface Draft {
  customerId: number | null;
  lines: DraftLine[];
  /** null: deliver to (or perform at) the customer's own address. */
  deliveryAddress: Address | null;
  /** Wished delivery or service date, YYYY-MM-DD. */
  requestedDate: string | null;
  /** The customer's own order reference (Bestellnummer), printed on confirmation and invoice. */
  customerReference?: string | null;
  note?: string | null;
}

export const MAX_LINE_QUANTITY = 10_000;

/**
 * Bounds on one order, so a single order cannot book a machine or the stock for years ahead of every later
 * customer. Configurable (bot/config.ts); the defaults are what the host uses without configuration.
 */
export interface OrderLimits {
  /** Largest total quantity of one product over all lines of an order. */
  maxQuantityPerProduct: number;
  /** How many days after today production may still end and a delivery may be promised. */
  planningHorizonDays: number;
}

export const DEFAULT_ORDER_LIMITS: OrderLimits = { maxQuantityPerProduct: MAX_LINE_QUANTITY, planningHorizonDays: 365 };

/** The last day production may end or a delivery be promised, counted from today. */
export function planningHorizonEnd(today: string, limits: Pick<OrderLimits, 'planningHorizonDays'>): string {
  return addDays(today, limits.planningHorizonDays);
}

export function emptyDraft(customerId: number | null = null): Draft {
  return { customerId, lines: [], deliveryAddress: null, requestedDate: null, customerReference: null, note: null };
}

// SKUs are matched case-insensitively because people type them.
const sameSku = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** Adds the line, or raises the quantity of the line already holding that SKU. */
export function addOrIncreaseLine(draft: Draft, sku: string, quantity: number): Draft {
  const existing = draft.lines.find((l) => sameSku(l.sku, sku));
  const lines = existing
    ? draft.lines.map((l) => (l === existing ? { ...l, quantity: l.quantity + quantity } : l))
    : [...draft.lines, { sku: sku.trim().toUpperCase(), quantity }];
  return { ...draft, lines };
}

/** Sets the quantity of a SKU (adding the line if needed); 0 removes the line. */
export function setQuantity(draft: Draft, sku: string, quantity: number): Draft {
  if (quantity === 0) return removeLine(draft, sku);
  if (!draft.lines.some((l) => sameSku(l.sku, sku))) return addOrIncreaseLine(draft, sku, quantity);
  return { ...draft, lines: draft.lines.map((l) => (sameSku(l.sku, sku) ? { ...l, quantity } : l)) };
}

export function removeLine(draft: Draft, sku: string): Draft {
  return { ...draft, lines: draft.lines.filter((l) => !sameSku(l.sku, sku)) };
}

export interface PricedLine {
  sku: string;
  kind: ProductKind;
  name: Localized;
  unit: Localized;
  quantity: number;
  unitPriceCents: number;
  vatRate: VatRate;
  netCents: number;
}

export interface PricedDraft {
  lines: PricedLine[];
  totals: Totals;
}

function findProduct(catalog: readonly Product[], sku: string): Product | undefined {
  return catalog.find((p) => sameSku(p.sku, sku));
}

/** Prices the lines with current catalog prices; unknown SKUs are left out (validateDraft reports them). */
export function priceDraft(draft: Draft, catalog: readonly Product[]): PricedDraft {
  const lines: PricedLine[] = [];
  for (const line of draft.lines) {
    const product = findProduct(catalog, line.sku);
    if (!product) continue;
    lines.push({
      sku: product.sku,
      kind: product.kind,
      name: product.name,
      unit: product.unit,
      quantity: line.quantity,
      unitPriceCents: product.priceCents,
      vatRate: product.vatRate,
      netCents: lineNetCents(product.priceCents, line.quantity),
    });
  }
  return { lines, totals: computeTotals(lines) };
}

export type AddressField = 'street' | 'postcode' | 'city' | 'country';

const blank = (s: string | null | undefined) => !s || !s.trim();

/** Fields still to ask for; a German postcode that is not five digits counts as missing. */
export function missingAddressFields(address: Partial<Address> | null): AddressField[] {
  const a = address ?? {};
  const missing: AddressField[] = [];
  if (blank(a.street)) missing.push('street');
  const country = a.country?.trim().toUpperCase() ?? '';
  if (blank(a.postcode) || (country === 'DE' && !/^\d{5}$/.test(a.postcode!.trim()))) missing.push('postcode');
  if (blank(a.city)) missing.push('city');
  if (!/^[A-Z]{2}$/.test(country)) missing.push('country');
  return missing;
}

export type ProblemCode =
  | 'no_customer'
  | 'no_lines'
  | 'unknown_sku'
  | 'bad_quantity'
  | 'quantity_over_limit'
  | 'beyond_planning_horizon'
  | 'address_incomplete'
  | 'postcode_invalid'
  | 'date_invalid'
  | 'date_in_past'
  | 'date_too_soon'
  | 'date_not_working_day';

export interface Problem {
  code: ProblemCode;
  field?: string;
  sku?: string;
}

/** Total quantity per catalog product over all lines with a valid quantity (several lines may name the same product). */
export function quantitiesPerProduct(draft: Draft, catalog: readonly Product[]): { sku: string; quantity: number }[] {
  const totals = new Map<string, number>();
  for (const line of draft.lines) {
    const sku = findProduct(catalog, line.sku)?.sku;
    // A line with a bad quantity is reported as such (bad_quantity), not once more in the total.
    if (sku && isValidQuantity(line.quantity)) totals.set(sku, (totals.get(sku) ?? 0) + line.quantity);
  }
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

export function isValidQuantity(quantity: number): boolean {
  return Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_LINE_QUANTITY;
}

/**
 * Everything that stops a draft from being placed, in the order a person would fix it.
 * The requested date must be a working day after today: same-day delivery is not offered.
 */
export function validateDraft(
  draft: Draft,
  context: { catalog: readonly Product[]; today: string; limits?: OrderLimits },
): Problem[] {
  const problems: Problem[] = [];
  const limits = context.limits ?? DEFAULT_ORDER_LIMITS;
  if (draft.customerId == null) problems.push({ code: 'no_customer', field: 'customerId' });
  if (draft.lines.length === 0) problems.push({ code: 'no_lines', field: 'lines' });
  for (const line of draft.lines) {
    if (!findProduct(context.catalog, line.sku)) problems.push({ code: 'unknown_sku', field: 'sku', sku: line.sku });
    if (!isValidQuantity(line.quantity)) problems.push({ code: 'bad_quantity', field: 'quantity', sku: line.sku });
  }
  for (const { sku, quantity } of quantitiesPerProduct(draft, context.catalog)) {
    if (quantity > limits.maxQuantityPerProduct) problems.push({ code: 'quantity_over_limit', field: 'quantity', sku });
  }
  if (draft.deliveryAddress) {
    for (const field of missingAddressFields(draft.deliveryAddress)) {
      const invalidPostcode = field === 'postcode' && !blank(draft.deliveryAddress.postcode);
      problems.push({ code: invalidPostcode ? 'postcode_invalid' : 'address_incomplete', field: `deliveryAddress.${field}` });
    }
  }
  const date = draft.requestedDate;
  if (date != null) {
    const field = 'requestedDate';
    if (!isValidDate(date)) problems.push({ code: 'date_invalid', field });
    else if (date < context.today) problems.push({ code: 'date_in_past', field });
    else if (date === context.today) problems.push({ code: 'date_too_soon', field });
    else if (!isWorkingDay(date)) problems.push({ code: 'date_not_working_day', field });
    else if (date > planningHorizonEnd(context.today, limits)) problems.push({ code: 'beyond_planning_horizon', field });
  }
  return problems;
}
