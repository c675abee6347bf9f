import type { Locale } from './locale';
import { remembered } from './remembered';

// One formatter per locale: creating Intl formatters is comparatively expensive.
const formatters: Record<Locale, Intl.NumberFormat> = {
  de: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};

/**
 * Amounts formatted lately, per locale: a card shows the same prices and totals again and again, and Intl's format
 * was nearly 1 % of an order turn.
 */
const formatted: Record<Locale, (cents: number) => string> = {
  de: remembered((cents) => formatters.de.format(cents / 100).replace(/\u00a0/g, ' '), 10_000),
  en: remembered((cents) => formatters.en.format(cents / 100).replace(/\u00a0/g, ' '), 10_000),
};

/**
 * "1.234,56 €" (de) / "€1,234.56" (en). Intl puts a no-break space before "€" in German;
 * it is replaced by a plain space so texts, cards and tests compare predictably.
 */
export function formatMoney(cents: number, locale: Locale): string {
  assertCents(cents);
  return formatted[locale](cents);
}

/** Throws unless n is a whole number of cents that is still exact in a JS number. */
export function assertCents(n: number, what = 'amount'): void {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`${what} must be an integer number of cents, got ${n}`);
  }
}

/**
 * Commercial rounding (kaufmännisches Runden) of numerator / denominator: halves go away from zero,
 * so -2.5 becomes -3 just as 2.5 becomes 3 – a credit note mirrors its invoice to the cent.
 * Exact for integer inputs (no float division before rounding); non-integers are first cut to
 * 15 significant digits so that float noise such as 1.005 * 100 = 100.49999… still rounds up.
 */
export function roundHalfUp(numerator: number, denominator = 1): number {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) {
    throw new RangeError(`cannot round ${numerator} / ${denominator}`);
  }
  if (Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator)) {
    const remainder = numerator % denominator;
    const quotient = (numerator - remainder) / denominator;
    if (2 * Math.abs(remainder) >= Math.abs(denominator)) {
      return quotient + (Math.sign(numerator) * Math.sign(denominator));
    }
    return quotient === 0 ? 0 : quotient; // no -0
  }
  const value = Number((numerator / denominator).toPrecision(15));
  const rounded = Math.sign(value) * Math.floor(Math.abs(value) + 0.5);
  return rounded === 0 ? 0 : rounded;
}
