/**
 * How every business document is numbered and how a number is read back, written once.
 *
 * Each kind has its own number range (as in Billomat): orders are plain running numbers ("1003"), delivery notes
 * "LS-1001", and the year-based ranges "AN-2026-0001" (quote), "RE-2026-0004" (invoice), "ST-2026-0001"
 * (cancellation invoice, Stornorechnung), "MA-2026-0001" (dunning notice, Mahnung). Year-based ranges restart at 1
 * each year and are drawn inside the issuing transaction, so they stay unique and gapless per year.
 */
export const documentKinds = ['order', 'delivery_note', 'quote', 'invoice', 'cancellation', 'dunning_notice'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Kinds whose numbers carry the year and restart every year. */
export type YearlyDocumentKind = 'quote' | 'invoice' | 'cancellation' | 'dunning_notice';

export const documentPrefixes: Record<Exclude<DocumentKind, 'order'>, string> = {
  delivery_note: 'LS',
  quote: 'AN',
  invoice: 'RE',
  cancellation: 'ST',
  dunning_notice: 'MA',
};

const yearlyKinds: readonly YearlyDocumentKind[] = ['quote', 'invoice', 'cancellation', 'dunning_notice'];

export function isYearlyKind(kind: DocumentKind): kind is YearlyDocumentKind {
  return (yearlyKinds as readonly string[]).includes(kind);
}

export function formatOrderNumber(n: number): string {
  assertRunningNumber(n);
  return String(n);
}

export function formatDeliveryNoteNumber(n: number): string {
  assertRunningNumber(n);
  return `${documentPrefixes.delivery_note}-${n}`;
}

/** "RE-2026-0004": four digits at least, more once a year has more than 9,999 documents of a kind. */
export function formatYearlyNumber(kind: YearlyDocumentKind, year: number, n: number): string {
  assertRunningNumber(n);
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`not a document year: ${year}`);
  return `${documentPrefixes[kind]}-${year}-${String(n).padStart(4, '0')}`;
}

export interface DocumentNumber {
  kind: DocumentKind;
  /** The canonical spelling ("RE-2026-0004"), as stored. */
  number: string;
  /** Year-based kinds only. */
  year?: number;
  running: number;
}

const prefixKinds = new Map<string, Exclude<DocumentKind, 'order'>>(
  Object.entries(documentPrefixes).map(([kind, prefix]) => [prefix, kind as Exclude<DocumentKind, 'order'>]),
);

/**
 * Reads one document number as a person or a system writes it, in its canonical form or with spaces, dots or no
 * separators and any case ("re-2026-0004", "RE 2026 0004", "RE2026/4", "ls 1001", "1003"). A plain number is an
 * order number. Returns null for anything else; finding numbers inside free text is the understanding's job.
 */
export function parseDocumentNumber(text: string): DocumentNumber | null {
  const t = text.trim().toUpperCase();
  const plain = /^#?(\d{1,9})$/.exec(t);
  if (plain) return running('order', Number(plain[1]));
  const prefixed = /^([A-Z]{2})[\s.\-_/]*(\d{1,9})(?:[\s.\-_/]+(\d{1,9}))?$/.exec(t);
  if (!prefixed) return null;
  const kind = prefixKinds.get(prefixed[1]);
  if (!kind) return null;
  if (isYearlyKind(kind)) {
    // "RE-2026-0004" or "RE20260004" (year glued to the running number).
    let [year, n] = prefixed[3] ? [Number(prefixed[2]), Number(prefixed[3])] : [Number(prefixed[2].slice(0, 4)), Number(prefixed[2].slice(4))];
    if (!prefixed[3] && prefixed[2].length < 5) return null;
    if (year < 2000 || year > 9999 || !Number.isSafeInteger(n) || n < 1) return null;
    return { kind, number: formatYearlyNumber(kind, year, n), year, running: n };
  }
  if (prefixed[3]) return null;
  return running(kind, Number(prefixed[2]));
}

function running(kind: 'order' | 'delivery_note', n: number): DocumentNumber | null {
  if (!Number.isSafeInteger(n) || n < 1) return null;
  return { kind, number: kind === 'order' ? formatOrderNumber(n) : formatDeliveryNoteNumber(n), running: n };
}

function assertRunningNumber(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`not a running document number: ${n}`);
}
