import { addDays, isValidDate } from './calendar';
import type { VatRate } from './catalog';
import type { CompanyRecord } from './company';
import type { Locale } from './locale';
import { roundHalfUp } from './money';
import type { Address, CustomerKind } from './parties';
import { computeTotals } from './vat';

/**
 * The priced business documents – quote, order confirmation, invoice and cancellation invoice – and how their
 * amounts are computed. Pure: the operation that issues a document loads the facts, calls computeDocument, stores
 * the result and hands it to the renderers in formats/.
 *
 * THE ROUNDING RULE (one rule, everywhere): all amounts are integer cents; every rounding is commercial rounding
 * (roundHalfUp, halves away from zero) and happens at exactly these points:
 *   1. a line's amount = unit price × quantity, rounded to the cent (lineNetCents in vat.ts);
 *   2. a percentage line discount = line amount × percentage, rounded to the cent;
 *   3. a document discount is split per VAT rate (EN 16931 wants one document allowance per VAT category):
 *      a percentage is applied to each rate's sum of line nets and rounded per rate; a fixed amount is shared out
 *      in proportion to each rate's sum of line nets by the largest-remainder method, so the shares add up to the
 *      amount exactly (equal remainders go to the higher rate);
 *   4. VAT is computed once per rate on that rate's net after discounts (computeTotals in vat.ts), never per line.
 * Gross = net + VAT per rate; the document's totals are the sums of the per-rate figures. A cancellation invoice
 * negates every stored amount of its original instead of recomputing, so it mirrors it to the cent.
 */

export type PricedDocumentKind = 'quote' | 'order_confirmation' | 'invoice' | 'cancellation';

export interface Buyer {
  name: string;
  address: Address;
  customerNumber: string | null;
  vatId: string | null;
  kind: CustomerKind;
  /** A public-sector buyer (öffentlicher Auftraggeber) receives XRechnung invoices naming its Leitweg-ID. */
  publicSector: boolean;
  /** BT-10: the Leitweg-ID of a public buyer, or the reference a business buyer asked to be quoted. */
  buyerReference: string | null;
  /** Where e-invoices go (BT-49); XRechnung requires an electronic address for the buyer. */
  email: string | null;
}

/** A percentage in basis points (10 % = 1000) or a fixed amount in cents. */
export type Discount = { kind: 'percent'; basisPoints: number } | { kind: 'amount'; cents: number };

/**
 * UN/ECE Recommendation 20/21 unit codes that EN 16931 accepts: piece, one (unit), pack, set, hour, day,
 * service unit, kilogram, metre, lump sum.
 */
export type UnitCode = 'H87' | 'C62' | 'XPK' | 'SET' | 'HUR' | 'DAY' | 'E48' | 'KGM' | 'MTR' | 'LS';

export interface LineInput {
  sku: string | null;
  /** The usual name of the goods or service, in the document's language. */
  name: string;
  /** May be fractional (1.5 hours); must be positive. */
  quantity: number;
  unit: { name: string; code: UnitCode };
  /** Net unit price. */
  unitPriceCents: number;
  /** The product's rate; the tax treatment may apply 0 % instead (small business, reverse charge). */
  vatRate: VatRate;
  discount: Discount | null;
}

/** Date of delivery or service (§14 (4) Nr. 6 UStG), a single day or a period. */
export type ServiceDate = { kind: 'date'; date: string } | { kind: 'period'; from: string; to: string };

export interface DocumentInput {
  kind: Exclude<PricedDocumentKind, 'cancellation'>;
  /** From domain/documentNumbers.ts (RE-2026-0004, AN-…) or the order number for an order confirmation. */
  number: string;
  issueDate: string;
  /** The customer's language: the document is written in it. */
  locale: Locale;
  seller: CompanyRecord;
  buyer: Buyer;
  lines: readonly LineInput[];
  documentDiscount: Discount | null;
  service: ServiceDate | null;
  /** Net days until payment is due (net 14, net 30); 0 means due on receipt. */
  paymentTermsDays: number;
  orderNumber: string | null;
  /** Quotes: the last day the offer holds. */
  validUntil: string | null;
}

/** How VAT applies to the whole document. */
export type TaxTreatment = 'standard' | 'small_business' | 'reverse_charge';

/** EN 16931 VAT category codes (UNTDID 5305) the documents use. */
export type TaxCategory = 'S' | 'Z' | 'E' | 'AE';

export interface DocumentLine {
  position: number;
  sku: string | null;
  name: string;
  quantity: number;
  unit: { name: string; code: UnitCode };
  unitPriceCents: number;
  /** The rate applied on this document. */
  vatRate: VatRate;
  category: TaxCategory;
  /** Unit price × quantity, before the line discount. */
  amountCents: number;
  discount: Discount | null;
  discountCents: number;
  netCents: number;
}

export interface RateBreakdown {
  rate: VatRate;
  category: TaxCategory;
  /** Sum of this rate's line nets. */
  linesNetCents: number;
  /** This rate's share of the document discount. */
  discountCents: number;
  /** Taxable amount: linesNetCents - discountCents. */
  netCents: number;
  vatCents: number;
  grossCents: number;
}

export interface DocumentTotals {
  linesNetCents: number;
  discountCents: number;
  netCents: number;
  vatCents: number;
  grossCents: number;
  /** Highest rate first. */
  byRate: RateBreakdown[];
}

export interface PricedDocument {
  kind: PricedDocumentKind;
  number: string;
  issueDate: string;
  locale: Locale;
  seller: CompanyRecord;
  buyer: Buyer;
  lines: DocumentLine[];
  documentDiscount: Discount | null;
  service: ServiceDate | null;
  orderNumber: string | null;
  validUntil: string | null;
  paymentTermsDays: number | null;
  /** Invoices only: issue date + payment terms. */
  dueDate: string | null;
  taxTreatment: TaxTreatment;
  totals: DocumentTotals;
  /** Invoice of at most 250 € gross (§33 UStDV): see omissibleFields. */
  smallAmount: boolean;
  /** Which legal notes the document must carry; their wording lives with the renderers' texts. */
  notes: DocumentNote[];
  /** Cancellation invoices: the invoice they cancel. */
  cancels: { number: string; issueDate: string } | null;
}

/** An invoice or a cancellation invoice. */
export type Invoice = PricedDocument & { kind: 'invoice' | 'cancellation' };

export type DocumentNote = 'small_business' | 'reverse_charge' | 'small_amount';

export type InputProblem =
  | { code: 'no_lines' }
  | { code: 'bad_quantity'; position: number }
  | { code: 'bad_unit_price'; position: number }
  | { code: 'bad_discount'; position: number }
  | { code: 'bad_document_discount' }
  | { code: 'bad_date'; field: 'issueDate' | 'service' | 'validUntil' }
  | { code: 'bad_payment_terms' };

export type DocumentResult = { ok: true; document: PricedDocument } | { ok: false; problems: InputProblem[] };

/** §33 UStDV: invoices up to this gross amount may be simplified. */
export const SMALL_AMOUNT_LIMIT_CENTS = 25_000;

/** EU member states (ISO 3166-1 alpha-2; Greece is "GR" here, "EL" only in VAT ids). */
export const euCountries: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]);

/**
 * §19 UStG small businesses charge no VAT at all. A business buyer with a VAT id in another member state owes the
 * VAT itself (reverse charge, §13b UStG, "Steuerschuldnerschaft des Leistungsempfängers"). Everything else is taxed
 * at the products' rates. (Exports outside the EU are not sold here and stay standard.)
 */
export function taxTreatmentFor(seller: CompanyRecord, buyer: Buyer): TaxTreatment {
  if (seller.smallBusiness) return 'small_business';
  const country = buyer.address.country.toUpperCase();
  if (buyer.kind === 'b2b' && hasText(buyer.vatId) && euCountries.has(country) && country !== seller.address.country.toUpperCase()) {
    return 'reverse_charge';
  }
  return 'standard';
}

function categoryOf(treatment: TaxTreatment, rate: VatRate): TaxCategory {
  if (treatment === 'small_business') return 'E';
  if (treatment === 'reverse_charge') return 'AE';
  return rate === 0 ? 'Z' : 'S';
}

export function computeDocument(input: DocumentInput): DocumentResult {
  const problems = inputProblems(input);
  if (problems.length > 0) return { ok: false, problems };

  const taxTreatment = taxTreatmentFor(input.seller, input.buyer);
  const lines = input.lines.map((line, i): DocumentLine => {
    const vatRate: VatRate = taxTreatment === 'standard' ? line.vatRate : 0;
    const amountCents = roundHalfUp(line.unitPriceCents * line.quantity);
    const discountCents = discountOf(line.discount, amountCents);
    return {
      position: i + 1,
      sku: line.sku,
      name: line.name.trim(),
      quantity: line.quantity,
      unit: line.unit,
      unitPriceCents: line.unitPriceCents,
      vatRate,
      category: categoryOf(taxTreatment, vatRate),
      amountCents,
      discount: line.discount,
      discountCents,
      netCents: amountCents - discountCents,
    };
  });

  const linesNetByRate = new Map<VatRate, number>();
  for (const l of lines) linesNetByRate.set(l.vatRate, (linesNetByRate.get(l.vatRate) ?? 0) + l.netCents);
  const rates = [...linesNetByRate.keys()].sort((a, b) => b - a);
  const shares = shareDiscount(input.documentDiscount, rates.map((r) => linesNetByRate.get(r) ?? 0));
  const discountByRate = new Map(rates.map((r, i) => [r, shares[i]]));
  if (input.documentDiscount && shares.reduce((a, b) => a + b, 0) > sum(lines.map((l) => l.netCents))) {
    return { ok: false, problems: [{ code: 'bad_document_discount' }] };
  }

  // VAT per rate on the net after discounts: the rule of vat.ts, fed the lines and the per-rate allowances.
  const vat = computeTotals([
    ...lines.map((l) => ({ netCents: l.netCents, vatRate: l.vatRate })),
    ...rates.map((rate) => ({ netCents: -(discountByRate.get(rate) ?? 0), vatRate: rate })),
  ]);
  const byRate = vat.byRate.map((r): RateBreakdown => {
    const discountCents = discountByRate.get(r.rate) ?? 0;
    return {
      rate: r.rate,
      category: categoryOf(taxTreatment, r.rate),
      linesNetCents: r.netCents + discountCents,
      discountCents,
      netCents: r.netCents,
      vatCents: r.vatCents,
      grossCents: r.netCents + r.vatCents,
    };
  });
  const totals: DocumentTotals = {
    linesNetCents: sum(byRate.map((r) => r.linesNetCents)),
    discountCents: sum(byRate.map((r) => r.discountCents)),
    netCents: vat.netCents,
    vatCents: vat.vatCents,
    grossCents: vat.grossCents,
    byRate,
  };

  const isInvoice = input.kind === 'invoice';
  const smallAmount = isInvoice && isSmallAmount(totals.grossCents, taxTreatment);
  const notes: DocumentNote[] = [];
  if (taxTreatment === 'small_business') notes.push('small_business');
  if (taxTreatment === 'reverse_charge') notes.push('reverse_charge');
  if (smallAmount) notes.push('small_amount');

  return {
    ok: true,
    document: {
      kind: input.kind,
      number: input.number.trim(),
      issueDate: input.issueDate,
      locale: input.locale,
      seller: input.seller,
      buyer: input.buyer,
      lines,
      documentDiscount: input.documentDiscount,
      service: input.service,
      orderNumber: input.orderNumber,
      validUntil: input.kind === 'quote' ? input.validUntil : null,
      paymentTermsDays: input.paymentTermsDays,
      dueDate: isInvoice ? dueDateOf(input.issueDate, input.paymentTermsDays) : null,
      taxTreatment,
      totals,
      smallAmount,
      notes,
      cancels: null,
    },
  };
}

/** An invoice: computeDocument for kind 'invoice'. */
export function computeInvoice(input: Omit<DocumentInput, 'kind' | 'validUntil'>): DocumentResult {
  return computeDocument({ ...input, kind: 'invoice', validUntil: null });
}

/** Payment is due net `days` days after the issue date (net 14: issued 1 Dec, due 15 Dec). */
export function dueDateOf(issueDate: string, days: number): string {
  return addDays(issueDate, days);
}

/** §33 UStDV does not apply to reverse-charge invoices (§33 sentence 3), nor to credits. */
export function isSmallAmount(grossCents: number, treatment: TaxTreatment): boolean {
  return grossCents > 0 && grossCents <= SMALL_AMOUNT_LIMIT_CENTS && treatment !== 'reverse_charge';
}

function discountOf(discount: Discount | null, amountCents: number): number {
  if (!discount) return 0;
  return discount.kind === 'percent' ? roundHalfUp(amountCents * discount.basisPoints, 10_000) : discount.cents;
}

/**
 * The document discount's share per rate (rates highest first): a percentage per rate; a fixed amount in
 * proportion to the rates' line nets, largest remainder first, so the shares sum to the amount exactly.
 */
export function shareDiscount(discount: Discount | null, netsByRate: readonly number[]): number[] {
  if (!discount) return netsByRate.map(() => 0);
  if (discount.kind === 'percent') return netsByRate.map((net) => roundHalfUp(net * discount.basisPoints, 10_000));
  const total = sum(netsByRate);
  if (total <= 0) return netsByRate.map((_, i) => (i === 0 ? discount.cents : 0));
  // BigInt: amount × net can exceed 2^53 for large invoices.
  const amount = BigInt(discount.cents);
  const exact = netsByRate.map((net) => {
    const product = amount * BigInt(net);
    return { floor: Number(product / BigInt(total)), remainder: product % BigInt(total) };
  });
  const shares = exact.map((e) => e.floor);
  let left = discount.cents - sum(shares);
  const order = exact.map((e, i) => ({ ...e, i })).sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] += 1;
    left -= 1;
  }
  return shares;
}

function inputProblems(input: DocumentInput): InputProblem[] {
  const problems: InputProblem[] = [];
  if (input.lines.length === 0) problems.push({ code: 'no_lines' });
  input.lines.forEach((line, i) => {
    const position = i + 1;
    if (!Number.isFinite(line.quantity) || line.quantity <= 0) problems.push({ code: 'bad_quantity', position });
    if (!Number.isSafeInteger(line.unitPriceCents) || line.unitPriceCents < 0) problems.push({ code: 'bad_unit_price', position });
    else if (Number.isFinite(line.quantity) && line.quantity > 0 && !discountFits(line.discount, roundHalfUp(line.unitPriceCents * line.quantity))) {
      problems.push({ code: 'bad_discount', position });
    }
  });
  if (input.documentDiscount && !discountFits(input.documentDiscount, Number.MAX_SAFE_INTEGER)) {
    problems.push({ code: 'bad_document_discount' });
  }
  if (!isValidDate(input.issueDate)) problems.push({ code: 'bad_date', field: 'issueDate' });
  if (input.service && !serviceDateValid(input.service)) problems.push({ code: 'bad_date', field: 'service' });
  if (input.kind === 'quote' && input.validUntil !== null && !isValidDate(input.validUntil)) {
    problems.push({ code: 'bad_date', field: 'validUntil' });
  }
  if (!Number.isInteger(input.paymentTermsDays) || input.paymentTermsDays < 0 || input.paymentTermsDays > 365) {
    problems.push({ code: 'bad_payment_terms' });
  }
  return problems;
}

function discountFits(discount: Discount | null, amountCents: number): boolean {
  if (!discount) return true;
  if (discount.kind === 'percent') return Number.isInteger(discount.basisPoints) && discount.basisPoints >= 0 && discount.basisPoints <= 10_000;
  return Number.isSafeInteger(discount.cents) && discount.cents >= 0 && discount.cents <= amountCents;
}

function serviceDateValid(service: ServiceDate): boolean {
  if (service.kind === 'date') return isValidDate(service.date);
  return isValidDate(service.from) && isValidDate(service.to) && service.from <= service.to;
}

// ---------------------------------------------------------------------------------------------------------------
// §14 (4) UStG: what an invoice must show.

export type InvoiceField =
  | 'seller_name'
  | 'seller_address'
  | 'seller_tax_id'
  | 'buyer_name'
  | 'buyer_address'
  | 'invoice_number'
  | 'issue_date'
  | 'service_date'
  | 'line_description'
  | 'line_quantity'
  /** Reverse charge (§14a (1) UStG): both parties' VAT ids. */
  | 'seller_vat_id'
  | 'buyer_vat_id'
  /** Cancellation invoices: the invoice they cancel. */
  | 'cancelled_invoice'
  /** Public buyers (XRechnung BR-DE-15): the Leitweg-ID. */
  | 'buyer_reference';

export type InvoiceCheck = { ok: true } | { ok: false; missing: InvoiceField[] };

/**
 * What §33 UStDV lets an invoice up to 250 € gross leave out: the buyer, the invoice number, the seller's tax number
 * or VAT id and the date of delivery (it must still name seller, issue date, goods and quantity, gross amount and rate).
 */
export function omissibleFields(invoice: PricedDocument): InvoiceField[] {
  return invoice.smallAmount ? ['buyer_name', 'buyer_address', 'invoice_number', 'seller_tax_id', 'service_date'] : [];
}

/** The §14 (4) UStG fields (and those of its special cases) the invoice lacks; a small-amount invoice needs fewer. */
export function checkInvoice(invoice: PricedDocument): InvoiceCheck {
  const missing: InvoiceField[] = [];
  const { seller, buyer } = invoice;
  if (!hasText(seller.name)) missing.push('seller_name');
  if (!addressComplete(seller.address)) missing.push('seller_address');
  if (!hasText(seller.vatId) && !hasText(seller.taxNumber)) missing.push('seller_tax_id');
  if (!hasText(buyer.name)) missing.push('buyer_name');
  if (!addressComplete(buyer.address)) missing.push('buyer_address');
  if (!hasText(invoice.number)) missing.push('invoice_number');
  if (!isValidDate(invoice.issueDate)) missing.push('issue_date');
  if (!invoice.service) missing.push('service_date');
  if (invoice.lines.length === 0 || invoice.lines.some((l) => !hasText(l.name))) missing.push('line_description');
  if (invoice.lines.some((l) => !Number.isFinite(l.quantity) || l.quantity === 0 || !hasText(l.unit.name))) missing.push('line_quantity');
  if (invoice.taxTreatment === 'reverse_charge') {
    if (!hasText(seller.vatId)) missing.push('seller_vat_id');
    if (!hasText(buyer.vatId)) missing.push('buyer_vat_id');
  }
  if (invoice.kind === 'cancellation' && !invoice.cancels) missing.push('cancelled_invoice');
  if (buyer.publicSector && !hasText(buyer.buyerReference)) missing.push('buyer_reference');
  const omissible = new Set(omissibleFields(invoice));
  const required = missing.filter((f) => !omissible.has(f));
  return required.length === 0 ? { ok: true } : { ok: false, missing: required };
}

// ---------------------------------------------------------------------------------------------------------------
// Cancellation invoice (Stornorechnung): GoBD forbids editing an issued invoice; it is cancelled by a document of
// its own that refers to it and carries the same lines and amounts with the opposite sign.

export type CancellationResult =
  | { ok: true; cancellation: Invoice }
  | { ok: false; reason: 'not_an_invoice' | 'bad_date' | 'before_original' };

export function cancelInvoice(original: PricedDocument, q: { number: string; issueDate: string }): CancellationResult {
  if (original.kind !== 'invoice') return { ok: false, reason: 'not_an_invoice' };
  if (!isValidDate(q.issueDate)) return { ok: false, reason: 'bad_date' };
  if (q.issueDate < original.issueDate) return { ok: false, reason: 'before_original' };
  const t = original.totals;
  return {
    ok: true,
    cancellation: {
      ...original,
      kind: 'cancellation',
      number: q.number.trim(),
      issueDate: q.issueDate,
      lines: original.lines.map((l) => ({
        ...l,
        quantity: neg(l.quantity),
        amountCents: neg(l.amountCents),
        discountCents: neg(l.discountCents),
        netCents: neg(l.netCents),
      })),
      totals: {
        linesNetCents: neg(t.linesNetCents),
        discountCents: neg(t.discountCents),
        netCents: neg(t.netCents),
        vatCents: neg(t.vatCents),
        grossCents: neg(t.grossCents),
        byRate: t.byRate.map((r) => ({
          ...r,
          linesNetCents: neg(r.linesNetCents),
          discountCents: neg(r.discountCents),
          netCents: neg(r.netCents),
          vatCents: neg(r.vatCents),
          grossCents: neg(r.grossCents),
        })),
      },
      paymentTermsDays: null,
      dueDate: null,
      cancels: { number: original.number, issueDate: original.issueDate },
    },
  };
}

/** Gross of one line for B2C documents, which show prices including VAT; informative, the totals are per rate. */
export function lineGrossCents(line: Pick<DocumentLine, 'netCents' | 'vatRate'>): number {
  return roundHalfUp(line.netCents * (100 + line.vatRate), 100);
}

/** Gross unit price for B2C documents. */
export function unitGrossCents(line: Pick<DocumentLine, 'unitPriceCents' | 'vatRate'>): number {
  return roundHalfUp(line.unitPriceCents * (100 + line.vatRate), 100);
}

/** B2C documents show gross prices; business documents net prices. */
export function showsGrossPrices(doc: Pick<PricedDocument, 'buyer'>): boolean {
  return doc.buyer.kind === 'b2c';
}

function neg(n: number): number {
  return n === 0 ? 0 : -n;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function hasText(s: string | null | undefined): s is string {
  return typeof s === 'string' && s.trim().length > 0;
}

function addressComplete(a: Address | null | undefined): boolean {
  return !!a && hasText(a.street) && hasText(a.postcode) && hasText(a.city) && hasText(a.country);
}
