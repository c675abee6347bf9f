import { addDays, daysBetween, isValidDate } from './calendar';
import { assertCents, roundHalfUp } from './money';

/**
 * Default interest (Verzugszinsen) under §288 BGB, in integer cents.
 *
 * Rate: the base rate (Basiszinssatz, §247 BGB) plus 5 percentage points when a consumer is the debtor (§288 (1)),
 * plus 9 points when no consumer is involved (§288 (2)). The base rate changes on 1 January and 1 July; a default
 * period that spans a change is split and each part uses the rate in force on its days.
 *
 * Day count: actual/365 (fixed) – every calendar day in default counts, and a year is always 365 days, also in a
 * leap year, as ERPNext and most German dunning software do (amount × rate / 100 / 365 × days).
 *
 * Rounding, the one rule: all parts are summed as an exact fraction of a cent and rounded once at the end,
 * commercially (half a cent goes up, `roundHalfUp`). So splitting a period never adds or loses a cent beyond that
 * single rounding.
 */

/** Rates are in basis points: hundredths of a percentage point (1.27 % = 127). Exact, no float percentages. */
export type BasisPoints = number;

export interface BaseRatePeriod {
  /** First day the rate applies (inclusive); it applies until the next entry's date. */
  validFrom: string;
  rateBasisPoints: BasisPoints;
}

/**
 * Base rates published by the Deutsche Bundesbank. Add a row each 1 Jan / 1 Jul (also when unchanged, so the table
 * shows it was checked); the last row applies until a newer one is added.
 */
export const germanBaseRates: readonly BaseRatePeriod[] = [
  { validFrom: '2024-01-01', rateBasisPoints: 362 },
  { validFrom: '2024-07-01', rateBasisPoints: 337 },
  { validFrom: '2025-01-01', rateBasisPoints: 227 },
  { validFrom: '2025-07-01', rateBasisPoints: 127 },
  { validFrom: '2026-01-01', rateBasisPoints: 127 },
];

export type Debtor = 'consumer' | 'business';

/** §288 (1) and (2) BGB: percentage points above the base rate. */
export const surchargeBasisPoints: Record<Debtor, BasisPoints> = { consumer: 500, business: 900 };

/** §288 (5) BGB: a flat 40 € a creditor may claim once from a business debtor in default. */
export const LATE_PAYMENT_FLAT_FEE_CENTS = 4000;

export function lateFlatFeeCents(debtor: Debtor): number {
  return debtor === 'business' ? LATE_PAYMENT_FLAT_FEE_CENTS : 0;
}

export interface InterestQuestion {
  principalCents: number;
  debtor: Debtor;
  /** First day in default (inclusive) – usually the day after the due date or after a dunning notice arrived. */
  from: string;
  /** Last day interest runs for (inclusive), e.g. today or the payment date. Before `from`: no days, no interest. */
  through: string;
  /** Defaults to germanBaseRates. */
  baseRates?: readonly BaseRatePeriod[];
}

export interface InterestPart {
  from: string;
  through: string;
  days: number;
  baseRateBasisPoints: BasisPoints;
  rateBasisPoints: BasisPoints;
}

export type InterestAnswer =
  | {
      ok: true;
      interestCents: number;
      days: number;
      parts: InterestPart[];
      /**
       * First day priced with a rate the table does not confirm: on or after the next 1 Jan / 1 Jul after its last
       * row, the base rate may have changed. null when every day is covered; otherwise add the new row.
       */
      unconfirmedFrom: string | null;
    }
  | { ok: false; reason: 'no_base_rate'; date: string }
  | { ok: false; reason: 'invalid'; detail: string };

const DAYS_PER_YEAR = 365n;
const BASIS_POINTS_PER_UNIT = 10_000n;

export function defaultInterest(q: InterestQuestion): InterestAnswer {
  const invalid = checkQuestion(q);
  if (invalid) return { ok: false, reason: 'invalid', detail: invalid };
  const rates = q.baseRates ?? germanBaseRates;
  const days = Math.max(0, daysBetween(q.from, q.through) + 1);
  if (days === 0 || q.principalCents === 0) return { ok: true, interestCents: 0, days, parts: [], unconfirmedFrom: null };

  const parts: InterestPart[] = [];
  let day = q.from;
  while (daysBetween(day, q.through) >= 0) {
    const index = rateIndexOn(rates, day);
    if (index < 0) return { ok: false, reason: 'no_base_rate', date: day };
    const next = rates[index + 1]?.validFrom;
    const partEnd = next && daysBetween(next, q.through) >= 0 ? addDays(next, -1) : q.through;
    const base = rates[index].rateBasisPoints;
    parts.push({
      from: day,
      through: partEnd,
      days: daysBetween(day, partEnd) + 1,
      baseRateBasisPoints: base,
      // A base rate below -5 / -9 % would give a negative rate; default interest is never negative.
      rateBasisPoints: Math.max(0, base + surchargeBasisPoints[q.debtor]),
    });
    day = addDays(partEnd, 1);
  }
  return { ok: true, interestCents: roundExact(q.principalCents, parts), days, parts, unconfirmedFrom: unconfirmedFrom(rates, q.from, q.through) };
}

/** §247 BGB: the base rate is reset on 1 January and 1 July; the first such day after the table's last row. */
function unconfirmedFrom(rates: readonly BaseRatePeriod[], from: string, through: string): string | null {
  const last = rates[rates.length - 1].validFrom;
  const [year, month] = last.split('-').map(Number);
  const next = month < 7 ? `${year}-07-01` : `${year + 1}-01-01`;
  if (daysBetween(next, through) < 0) return null;
  return daysBetween(next, from) > 0 ? from : next;
}

/**
 * Σ principal × rate × days / (10,000 × 365), in BigInt so large amounts over long periods stay exact; the whole
 * cents are split off first, and only the remainder (a fraction below one cent) goes through roundHalfUp.
 */
function roundExact(principalCents: number, parts: readonly InterestPart[]): number {
  const numerator = parts.reduce(
    (sum, p) => sum + BigInt(principalCents) * BigInt(p.rateBasisPoints) * BigInt(p.days),
    0n,
  );
  const denominator = BASIS_POINTS_PER_UNIT * DAYS_PER_YEAR;
  const whole = numerator / denominator;
  const rest = numerator - whole * denominator;
  return Number(whole) + roundHalfUp(Number(rest), Number(denominator));
}

/** The last entry that is already valid on `date`; -1 when the table starts later. */
function rateIndexOn(rates: readonly BaseRatePeriod[], date: string): number {
  let found = -1;
  for (let i = 0; i < rates.length; i++) {
    if (daysBetween(rates[i].validFrom, date) >= 0) found = i;
    else break;
  }
  return found;
}

function checkQuestion(q: InterestQuestion): string | null {
  try {
    assertCents(q.principalCents, 'principalCents');
  } catch (e) {
    return (e as Error).message;
  }
  if (q.principalCents < 0) return 'principalCents must not be negative';
  if (!isValidDate(q.from) || !isValidDate(q.through)) return 'from and through must be dates (YYYY-MM-DD)';
  const rates = q.baseRates ?? germanBaseRates;
  const tableError = checkBaseRates(rates);
  if (tableError) return tableError;
  return null;
}

/** A base-rate table must be in date order without repeats and carry whole basis points. */
export function checkBaseRates(rates: readonly BaseRatePeriod[]): string | null {
  for (let i = 0; i < rates.length; i++) {
    const r = rates[i];
    if (!isValidDate(r.validFrom)) return `base rate ${i}: validFrom is not a date`;
    if (!Number.isSafeInteger(r.rateBasisPoints)) return `base rate ${r.validFrom}: rate must be whole basis points`;
    if (i > 0 && daysBetween(rates[i - 1].validFrom, r.validFrom) <= 0) return `base rates must be in date order (${r.validFrom})`;
  }
  return null;
}
