import { invoiceNumbersInText } from '../domain/paymentMatching';
import type { Recognized } from './recognizer';

/** What an accountant said about payments in plain words, before anyone checks whether they may. */
export type PaymentCommand =
  /** "Zahlung 238,00 € für RE-2026-0004 eingegangen", "Müller Bau hat 500 € überwiesen", "payment of €1,200 from Café Sonnenschein". */
  | { kind: 'book'; amountCents: number; invoiceNumbers: string[]; customer: string | null }
  /** "Bankeingänge prüfen", "check bank entries". */
  | { kind: 'bank_entries' }
  /** "Kontoauszug hochladen", "upload bank statement". */
  | { kind: 'upload' }
  /** "Guthaben von Müller Bau verrechnen", "Guthaben mit RE-2026-0009 verrechnen", "apply credit of Müller Bau to RE-2026-0009". */
  | { kind: 'apply_credit'; invoiceNumbers: string[]; customer: string | null };

export const PaymentIntents = { payments: 'payments' } as const;

const AMOUNT = String.raw`(?:€|eur|euro)?\s*(\d[\d.,' ]*\d|\d)\s*(?:€|eur|euro)?`;

const bookPatterns: { re: RegExp; amount: number; target: number[] }[] = [
  // Zahlung (von|über) 238,00 € für|auf|zu RE-2026-0004 [ist] eingegangen
  { re: new RegExp(String.raw`^(?:eine\s+)?zahlung(?:seingang)?\s+(?:von\s+|über\s+|ueber\s+)?${AMOUNT}\s+(?:für|fuer|auf|zu|von)\s+(.+?)(?:\s+(?:ist\s+)?(?:eingegangen|erhalten|gebucht|buchen|verbuchen))?$`), amount: 1, target: [2] },
  // Müller Bau hat 500 € [für RE-…] überwiesen|bezahlt|gezahlt
  { re: new RegExp(String.raw`^(.+?)\s+(?:hat|haben)\s+${AMOUNT}\s+(?:(?:für|fuer|auf)\s+(.+?)\s+)?(?:überwiesen|ueberwiesen|bezahlt|gezahlt)$`), amount: 2, target: [1, 3] },
  // 500 € von Müller Bau [für RE-…] eingegangen
  { re: new RegExp(String.raw`^${AMOUNT}\s+von\s+(.+?)(?:\s+(?:für|fuer|auf)\s+(.+?))?\s+(?:eingegangen|erhalten|überwiesen|ueberwiesen)$`), amount: 1, target: [2, 3] },
  // payment of €1,200 from|by Café Sonnenschein [for RE-…] [received]
  { re: new RegExp(String.raw`^(?:a\s+)?payment\s+of\s+${AMOUNT}\s+(?:from|by)\s+(.+?)(?:\s+(?:for|on)\s+(.+?))?(?:\s+(?:received|came\s+in|arrived))?$`), amount: 1, target: [2, 3] },
  // payment of €238 for RE-… [received]
  { re: new RegExp(String.raw`^(?:a\s+)?payment\s+of\s+${AMOUNT}\s+(?:for|on)\s+(.+?)(?:\s+(?:received|came\s+in|arrived))?$`), amount: 1, target: [2] },
  // Café Sonnenschein paid|transferred €1,200 [for RE-…]
  { re: new RegExp(String.raw`^(.+?)\s+(?:paid|transferred|sent)\s+(?:us\s+)?${AMOUNT}(?:\s+(?:for|on)\s+(.+))?$`), amount: 2, target: [1, 3] },
  // received €500 from Müller Bau
  { re: new RegExp(String.raw`^(?:we\s+)?(?:received|got)\s+${AMOUNT}\s+from\s+(.+?)(?:\s+for\s+(.+))?$`), amount: 1, target: [2, 3] },
];

const AMOUNT_ONLY = String.raw`(?:€|eur|euro)?\s*(?:\d[\d.,' ]*\d|\d)\s*(?:€|eur|euro)?`;
// Groups: customer, invoice (either may be missing).
const creditPatterns: RegExp[] = [
  new RegExp(String.raw`^(?:das\s+)?guthaben\s+(?:(?:über\s+|ueber\s+)?${AMOUNT_ONLY}\s+)?(?:von|vom|des\s+kunden)\s+(.+?)(?:\s+(?:mit|auf|gegen)\s+(.+?))?\s+(?:verrechnen|anrechnen)$`),
  new RegExp(String.raw`^(?:das\s+)?guthaben\s+(?:(?:über\s+|ueber\s+)?${AMOUNT_ONLY}\s+)?()(?:mit|auf|gegen)\s+(.+?)\s+(?:verrechnen|anrechnen)$`),
  new RegExp(String.raw`^(?:apply|use)\s+(?:the\s+)?credit\s+(?:of\s+${AMOUNT_ONLY}\s+)?(?:of|from)\s+(.+?)(?:\s+(?:to|against|on)\s+(.+?))?$`),
  new RegExp(String.raw`^(?:apply|use)\s+(?:the\s+)?credit\s+(?:of\s+${AMOUNT_ONLY}\s+)?()(?:to|against|on)\s+(.+?)$`),
];

const bankEntries = /^(?:zeige?\s+|show\s+)?(?:(?:offene|unklare|zu\s+prüfende)\s+)?(?:bankeingänge|bankeingaenge|bankbuchungen|zahlungseingänge\s+prüfen|bankeingänge\s+prüfen|bank\s+entries|doubtful\s+(?:bank\s+)?entries|unmatched\s+payments|check\s+bank\s+entries)(?:\s+prüfen|\s+pruefen)?$/;
const upload = /^(?:kontoauszug|camt(?:\.?053)?|bank\s*statement|statement)\s+(?:hochladen|einlesen|importieren|upload|import)$|^(?:upload|import)\s+(?:a\s+|the\s+)?(?:bank\s+)?statement$/;

/**
 * An amount as people write it in either language: "238,00", "1.200,50", "1,200", "1200.5", "500". With both
 * separators the last one is the decimal mark; a lone comma or point before exactly three digits groups thousands.
 */
export function parseEuroCents(text: string): number | null {
  const s = text.replace(/[\s']/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let whole: string;
  let fraction = '';
  const decimalAt = lastComma >= 0 && lastDot >= 0 ? Math.max(lastComma, lastDot) : Math.max(lastComma, lastDot);
  if (decimalAt >= 0 && (lastComma >= 0 && lastDot >= 0 ? true : s.length - decimalAt - 1 !== 3)) {
    whole = s.slice(0, decimalAt);
    fraction = s.slice(decimalAt + 1);
  } else {
    whole = s;
  }
  whole = whole.replace(/[.,]/g, '');
  if (fraction.length > 2 || /[.,]/.test(fraction) || !whole) return null;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0') || 0);
  return Number.isSafeInteger(cents) ? cents : null;
}

function tidy(text: string): string {
  return text.trim().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');
}

/** Payment phrases in German and English; null when nothing fits. */
export function matchPaymentCommand(text: string): PaymentCommand | null {
  const original = tidy(text);
  const s = original.toLowerCase();
  if (!s) return null;
  if (bankEntries.test(s)) return { kind: 'bank_entries' };
  if (upload.test(s)) return { kind: 'upload' };
  for (const re of creditPatterns) {
    const m = re.exec(s);
    if (!m) continue;
    const parts = [m[1], m[2]].filter((x): x is string => !!x);
    const invoiceNumbers = parts.flatMap((part) => invoiceNumbersInText(part));
    const named = parts.map((part) => original.substr(s.indexOf(part), part.length)).filter((part) => invoiceNumbersInText(part).length === 0);
    return { kind: 'apply_credit', invoiceNumbers, customer: named[0]?.trim() || null };
  }
  for (const p of bookPatterns) {
    const m = p.re.exec(s);
    if (!m) continue;
    const amountCents = parseEuroCents(m[p.amount]);
    if (amountCents === null || amountCents <= 0) continue;
    // Names as written (not lower-cased), taken at the same positions of the original text.
    const parts = p.target.map((i) => m[i]).filter((x): x is string => !!x);
    const invoiceNumbers = parts.flatMap((part) => invoiceNumbersInText(part));
    const named = parts.map((part) => original.substr(s.indexOf(part), part.length)).filter((part) => invoiceNumbersInText(part).length === 0);
    return { kind: 'book', amountCents, invoiceNumbers, customer: named[0]?.trim() || null };
  }
  return null;
}

export function recognizePaymentCommand(text: string): Recognized | null {
  const command = matchPaymentCommand(text);
  return command ? { intent: PaymentIntents.payments, details: { paymentCommand: command } } : null;
}
