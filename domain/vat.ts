import type { VatRate } from './catalog';
import { assertCents, roundHalfUp } from './money';

export interface TaxableLine {
  netCents: number;
  vatRate: VatRate;
}

export interface RateTotal {
  rate: VatRate;
  netCents: number;
  vatCents: number;
}

export interface Totals {
  netCents: number;
  vatCents: number;
  grossCents: number;
  /** One entry per rate that occurs, highest rate first (the order §14 (4) UStG invoices list them in). */
  byRate: RateTotal[];
}

/** VAT of a net amount at one rate, rounded half-up to the cent, in integer arithmetic. */
export function vatOf(netCents: number, rate: VatRate): number {
  assertCents(netCents, 'net amount');
  return roundHalfUp(netCents * rate, 100);
}

/**
 * Gross of one line as shown to private customers (PAngV: prices including VAT): its net plus the VAT of that
 * line, half-up. Only for display per line; the binding total is computeTotals' per-rate sum.
 */
export function lineGrossCents(netCents: number, rate: VatRate): number {
  return netCents + vatOf(netCents, rate);
}

/**
 * VAT is computed once per rate on the summed net of that rate (not per line), which is how
 * German invoices state it and avoids a cent of difference from per-line rounding.
 */
export function computeTotals(lines: readonly TaxableLine[]): Totals {
  const netByRate = new Map<VatRate, number>();
  for (const line of lines) {
    assertCents(line.netCents, 'line net amount');
    netByRate.set(line.vatRate, (netByRate.get(line.vatRate) ?? 0) + line.netCents);
  }
  const byRate = [...netByRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, netCents]) => ({ rate, netCents, vatCents: vatOf(netCents, rate) }));
  const netCents = byRate.reduce((sum, r) => sum + r.netCents, 0);
  const vatCents = byRate.reduce((sum, r) => sum + r.vatCents, 0);
  return { netCents, vatCents, grossCents: netCents + vatCents, byRate };
}

/** Net of one line; a fractional quantity (e.g. 1.5 hours) is rounded half-up to the cent. */
export function lineNetCents(unitPriceCents: number, quantity: number): number {
  assertCents(unitPriceCents, 'unit price');
  if (!Number.isFinite(quantity)) throw new RangeError(`quantity must be a number, got ${quantity}`);
  const net = roundHalfUp(unitPriceCents * quantity);
  assertCents(net, 'line net amount');
  return net;
}

/**
 * Totals of lines less a percentage document discount (an order from a quote): the discount per rate, rounded per
 * rate, then VAT per rate on what is left — rule 3 of domain/invoice.ts for a percentage, so the order's totals are
 * its quote's and its invoices'.
 */
export function totalsWithDocumentDiscount(lines: readonly TaxableLine[], basisPoints: number | null | undefined): Totals {
  if (!basisPoints) return computeTotals(lines);
  const netByRate = new Map<VatRate, number>();
  for (const line of lines) netByRate.set(line.vatRate, (netByRate.get(line.vatRate) ?? 0) + line.netCents);
  const allowances = [...netByRate.entries()].map(([vatRate, net]) => ({ vatRate, netCents: -roundHalfUp(net * basisPoints, 10_000) }));
  return computeTotals([...lines, ...allowances]);
}
