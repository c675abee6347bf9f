import { addDays, daysBetween, isValidDate } from './calendar';
import { defaultInterest, type BaseRatePeriod, type Debtor, lateFlatFeeCents } from './interest';
import type { Localized } from './locale';

/**
 * Dunning (Mahnwesen): which reminders and dunning notices are due today. Levels are configuration; a run is a pure
 * function of today, the open invoices, the notices already sent and the dunning stops, so running it twice on a
 * day, or after a pause of weeks, never sends a level twice nor skips one.
 */

export interface DunningLevel {
  /** 1, 2, 3 … in the order they are sent. */
  level: number;
  name: Localized;
  /** Earliest day after the due date this level may be sent. */
  daysAfterDue: number;
  feeCents: number;
  /** Claims default interest (§288 BGB) up to the notice date. */
  claimsInterest: boolean;
  /** Claims the §288 (5) flat 40 € from a business debtor (once per invoice). */
  claimsFlatFee: boolean;
  /**
   * A Mahnung in the sense of §286 (1) BGB: its receipt puts the debtor in default. A friendly payment reminder
   * is not meant as one.
   */
  putsInDefault: boolean;
  /** The new deadline the notice sets: its date plus these days. */
  paymentTermDays: number;
}

export interface DunningConfig {
  levels: readonly DunningLevel[];
  /** At least this many days between two notices on the same invoice. */
  minDaysBetweenLevels: number;
  /** Days a notice takes to arrive (the debtor is in default from the day after). */
  deliveryDays: number;
  baseRates?: readonly BaseRatePeriod[];
}

export const defaultDunningConfig: DunningConfig = {
  levels: [
    {
      level: 1,
      name: { de: 'Zahlungserinnerung', en: 'Payment reminder' },
      daysAfterDue: 3,
      feeCents: 0,
      claimsInterest: false,
      claimsFlatFee: false,
      putsInDefault: false,
      paymentTermDays: 7,
    },
    {
      level: 2,
      name: { de: '1. Mahnung', en: 'First dunning notice' },
      daysAfterDue: 14,
      feeCents: 500,
      claimsInterest: false,
      claimsFlatFee: false,
      putsInDefault: true,
      paymentTermDays: 7,
    },
    {
      level: 3,
      name: { de: '2. Mahnung', en: 'Second dunning notice' },
      daysAfterDue: 28,
      feeCents: 1000,
      claimsInterest: true,
      claimsFlatFee: false,
      putsInDefault: true,
      paymentTermDays: 7,
    },
  ],
  minDaysBetweenLevels: 7,
  deliveryDays: 3,
};

export interface DunningInvoice {
  number: string;
  customerNumber: string;
  dueDate: string;
  openCents: number;
  debtor: Debtor;
}

export interface SentNotice {
  invoiceNumber: string;
  level: number;
  date: string;
  /** The fee the notice claimed, as written on it. */
  feeCents: number;
  /** The §288 (5) flat fee it claimed, 0 when none. */
  flatFeeCents: number;
}

export type DunningStop =
  | { scope: 'customer'; customerNumber: string; from: string; until: string | null; reason: string }
  | { scope: 'invoice'; invoiceNumber: string; from: string; until: string | null; reason: string };

/** The stop that holds this invoice today, if any: in force from its first day through its end date (inclusive). */
export function activeDunningStop(
  invoice: Pick<DunningInvoice, 'number' | 'customerNumber'>,
  stops: readonly DunningStop[],
  today: string,
): DunningStop | null {
  for (const stop of stops) {
    const concerns = stop.scope === 'customer' ? stop.customerNumber === invoice.customerNumber : stop.invoiceNumber === invoice.number;
    if (!concerns) continue;
    if (daysBetween(stop.from, today) < 0) continue;
    if (stop.until !== null && daysBetween(today, stop.until) < 0) continue;
    return stop;
  }
  return null;
}

export interface DunningNoticeDue {
  invoiceNumber: string;
  customerNumber: string;
  level: number;
  name: Localized;
  openCents: number;
  feeCents: number;
  /** Fees of earlier notices on this invoice, still claimed. */
  earlierFeesCents: number;
  flatFeeCents: number;
  interestCents: number;
  /** First and last day the interest is claimed for; null when no interest is claimed. */
  interestFrom: string | null;
  interestThrough: string | null;
  /** Set when the base-rate table does not cover the interest days yet: the table needs its next row. */
  interestRateUnconfirmedFrom: string | null;
  totalCents: number;
  newDueDate: string;
}

export type DunningRun =
  | { ok: true; notices: DunningNoticeDue[] }
  | { ok: false; reason: 'invalid_config' | 'invalid_input'; detail: string };

export interface DunningQuestion {
  today: string;
  invoices: readonly DunningInvoice[];
  sent: readonly SentNotice[];
  stops: readonly DunningStop[];
  config?: DunningConfig;
}

export function dunningDueToday(q: DunningQuestion): DunningRun {
  const config = q.config ?? defaultDunningConfig;
  const configError = checkDunningConfig(config);
  if (configError) return { ok: false, reason: 'invalid_config', detail: configError };
  if (!isValidDate(q.today)) return { ok: false, reason: 'invalid_input', detail: `today is not a date: ${q.today}` };

  for (const stop of q.stops) {
    if (!isValidDate(stop.from) || (stop.until !== null && !isValidDate(stop.until))) {
      return { ok: false, reason: 'invalid_input', detail: `dunning stop (${stop.reason}): dates must be YYYY-MM-DD` };
    }
  }
  const sentByInvoice = new Map<string, SentNotice[]>();
  for (const s of q.sent) {
    if (!isValidDate(s.date)) return { ok: false, reason: 'invalid_input', detail: `${s.invoiceNumber}: notice date is not a date` };
    const list = sentByInvoice.get(s.invoiceNumber);
    if (list) list.push(s);
    else sentByInvoice.set(s.invoiceNumber, [s]);
  }

  const notices: DunningNoticeDue[] = [];
  for (const invoice of q.invoices) {
    if (!isValidDate(invoice.dueDate)) return { ok: false, reason: 'invalid_input', detail: `${invoice.number}: due date is not a date` };
    if (!Number.isSafeInteger(invoice.openCents)) return { ok: false, reason: 'invalid_input', detail: `${invoice.number}: open amount is not in cents` };
    if (invoice.openCents <= 0) continue;
    if (activeDunningStop(invoice, q.stops, q.today)) continue;
    const notice = nextNotice(invoice, sentByInvoice.get(invoice.number) ?? [], q.today, config);
    if (notice) notices.push(notice);
  }
  return { ok: true, notices };
}

function nextNotice(invoice: DunningInvoice, sent: readonly SentNotice[], today: string, config: DunningConfig): DunningNoticeDue | null {
  // The level after the highest one sent: never a level twice, never one skipped.
  const last = sent.reduce<SentNotice | null>((best, s) => (best === null || s.level > best.level ? s : best), null);
  const level = config.levels.find((l) => l.level === (last ? last.level + 1 : 1));
  if (!level) return null; // the last level is sent; what follows (collection, court) is a person's decision
  if (daysBetween(invoice.dueDate, today) < level.daysAfterDue) return null;
  if (last) {
    if (daysBetween(last.date, today) < config.minDaysBetweenLevels) return null;
    // Not before the deadline the previous notice set has passed.
    const previous = config.levels.find((l) => l.level === last.level);
    if (previous && daysBetween(addDays(last.date, previous.paymentTermDays), today) <= 0) return null;
  }

  const earlierFeesCents = sent.reduce((sum, s) => sum + s.feeCents + s.flatFeeCents, 0);
  const flatFeeClaimed = sent.some((s) => s.flatFeeCents > 0);
  const flatFeeCents = level.claimsFlatFee && !flatFeeClaimed ? lateFlatFeeCents(invoice.debtor) : 0;

  let interestCents = 0;
  let interestFrom: string | null = null;
  let interestThrough: string | null = null;
  let interestRateUnconfirmedFrom: string | null = null;
  if (level.claimsInterest) {
    // On today's open amount over the whole period: part payments only ever lower it, so this never claims too
    // much. Days before the base-rate table starts cannot be priced and are not claimed (interest stays 0).
    const from = defaultSince(invoice, sent, config);
    if (from && daysBetween(from, today) >= 0) {
      const answer = defaultInterest({ principalCents: invoice.openCents, debtor: invoice.debtor, from, through: today, baseRates: config.baseRates });
      if (answer.ok) {
        interestCents = answer.interestCents;
        interestFrom = from;
        interestThrough = today;
        interestRateUnconfirmedFrom = answer.unconfirmedFrom;
      }
    }
  }
  return {
    invoiceNumber: invoice.number,
    customerNumber: invoice.customerNumber,
    level: level.level,
    name: level.name,
    openCents: invoice.openCents,
    feeCents: level.feeCents,
    earlierFeesCents,
    flatFeeCents,
    interestCents,
    interestFrom,
    interestThrough,
    interestRateUnconfirmedFrom,
    totalCents: invoice.openCents + earlierFeesCents + level.feeCents + flatFeeCents + interestCents,
    newDueDate: addDays(today, level.paymentTermDays),
  };
}

/**
 * First day in default (§286 BGB), whichever comes first: the day after a dunning notice that puts the debtor in
 * default has arrived (sent + deliveryDays), or – for a business – the 31st day after the due date (§286 (3): at the
 * latest 30 days after due date and receipt; we count from the due date, the later and so the cautious reading).
 * A consumer falls into default under §286 (3) only when the invoice said so, which ours do not, so only a notice
 * counts for them.
 */
export function defaultSince(invoice: Pick<DunningInvoice, 'dueDate' | 'debtor'>, sent: readonly SentNotice[], config: DunningConfig): string | null {
  const candidates: string[] = [];
  for (const s of sent) {
    const level = config.levels.find((l) => l.level === s.level);
    if (level?.putsInDefault) candidates.push(addDays(s.date, config.deliveryDays + 1));
  }
  if (invoice.debtor === 'business') candidates.push(addDays(invoice.dueDate, 31));
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (daysBetween(a, b) < 0 ? b : a));
}

/** Levels numbered 1…n in order, days strictly increasing, whole non-negative cents and days. */
export function checkDunningConfig(config: DunningConfig): string | null {
  if (config.levels.length === 0) return 'at least one level is needed';
  if (!Number.isSafeInteger(config.minDaysBetweenLevels) || config.minDaysBetweenLevels < 1) return 'minDaysBetweenLevels must be at least 1';
  if (!Number.isSafeInteger(config.deliveryDays) || config.deliveryDays < 0) return 'deliveryDays must be a whole number of days';
  for (let i = 0; i < config.levels.length; i++) {
    const l = config.levels[i];
    if (l.level !== i + 1) return `levels must be numbered 1…n in order (found ${l.level} at position ${i + 1})`;
    if (!Number.isSafeInteger(l.feeCents) || l.feeCents < 0) return `level ${l.level}: fee must be whole non-negative cents`;
    if (!Number.isSafeInteger(l.daysAfterDue) || l.daysAfterDue < 0) return `level ${l.level}: daysAfterDue must be whole non-negative days`;
    if (!Number.isSafeInteger(l.paymentTermDays) || l.paymentTermDays < 0) return `level ${l.level}: paymentTermDays must be whole non-negative days`;
    if (i > 0 && l.daysAfterDue <= config.levels[i - 1].daysAfterDue) return `level ${l.level}: daysAfterDue must be later than the level before`;
  }
  return null;
}
