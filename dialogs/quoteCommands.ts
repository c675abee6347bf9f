import { parseDocumentNumber } from '../domain/documentNumbers';
import { percentToBasisPoints } from '../domain/quotes';
import type { Recognized } from './recognizer';

/** What someone asked about quotes in plain words, before anyone checks whether they may. */
export type QuoteCommand =
  /** "Angebot für Café Sonnenschein: 2 Stühle, 10 % Rabatt, gültig 14 Tage" / "Angebot für 3 Stühle": `items` is the text of customer and goods. */
  | { kind: 'create'; items: string; documentDiscountBasisPoints: number | null; validDays: number | null; badDiscount?: true }
  /** "Können Sie mir dafür ein Angebot machen?": the order draft being put together becomes a quote. */
  | { kind: 'from_draft' }
  | { kind: 'mine' }
  | { kind: 'open' }
  | { kind: 'show'; number: string }
  | { kind: 'send'; number: string }
  | { kind: 'accept'; number: string }
  | { kind: 'reject'; number: string };

export const QuoteIntents = { quotes: 'quotes' } as const;

const QUOTE = String.raw`(?:angebot|kostenvoranschlag|quote|quotation|offer)`;
const NUMBER = String.raw`(an[\s\-./]*\d{4}[\s\-./]*\d{1,6}|an\d{5,})`;

const fromDraft = [
  /^(?:und\s+)?(?:können|koennen|könnten|koennten|würden|wuerden)\s+sie\s+(?:mir|uns)\s+(?:dafür|dafuer|hierfür|hierfuer|darüber|darueber|dazu|davon)?\s*(?:bitte\s+)?(?:erst(?:\s+mal|mal)?\s+)?(?:ein|ein\s+schriftliches)\s+angebot\s+(?:machen|schicken|senden|erstellen|schreiben|geben)(?:\s+bitte)?$/,
  /^(?:bitte\s+)?(?:erst(?:\s+mal|mal)?\s+)?(?:ein\s+)?angebot\s+(?:dafür|dafuer|hierfür|hierfuer|darüber|darueber|dazu)(?:\s+bitte)?$/,
  /^(?:bitte\s+)?(?:lieber\s+|erst(?:\s+mal|mal)?\s+)?(?:als|ein)\s+angebot(?:\s+bitte)?$/,
  /^(?:and\s+)?(?:can|could|would)\s+you\s+(?:please\s+)?(?:make|send|give|write)\s+(?:me|us)\s+(?:a\s+)?(?:quote|quotation|offer)(?:\s+(?:for|on)\s+(?:that|this|it|these))?(?:\s+(?:first|please))?$/,
  /^(?:(?:a|as\s+a)\s+)?(?:quote|quotation)\s+(?:for\s+(?:that|this|it)\s+)?(?:first\s+)?please$/,
  /^(?:i(?:'d|\s+would)\s+like|we(?:'d|\s+would)\s+like)\s+a\s+(?:quote|quotation)(?:\s+for\s+(?:that|this|it))?(?:\s+first)?(?:\s+please)?$/,
];

const mine = [/^(?:zeige?\s+|show\s+)?(?:mir\s+|me\s+)?(?:meine|unsere)\s+(?:offenen\s+)?angebote$/, /^(?:show\s+)?(?:me\s+)?(?:my|our)\s+(?:open\s+)?(?:quotes|quotations|offers)$/];
const open = [/^(?:zeige?\s+|show\s+)?(?:alle\s+|all\s+)?(?:offene[nr]?\s+angebote|angebote)$/, /^(?:show\s+)?(?:all\s+)?(?:open\s+)?(?:quotes|quotations)$/];

const numbered: Array<[RegExp, 'show' | 'send' | 'accept' | 'reject']> = [
  [new RegExp(String.raw`^(?:bitte\s+)?(?:${QUOTE}\s+)?${NUMBER}\s+(?:senden|schicken|versenden|verschicken|abschicken)(?:\s+bitte)?$`), 'send'],
  [new RegExp(String.raw`^(?:please\s+)?send\s+(?:the\s+)?(?:${QUOTE}\s+)?${NUMBER}(?:\s+please)?$`), 'send'],
  [new RegExp(String.raw`^(?:bitte\s+)?(?:${QUOTE}\s+)?${NUMBER}\s+(?:annehmen|akzeptieren|angenommen)(?:\s+bitte)?$`), 'accept'],
  [new RegExp(String.raw`^(?:please\s+)?(?:i\s+|we\s+)?accept\s+(?:the\s+)?(?:${QUOTE}\s+)?${NUMBER}$`), 'accept'],
  [new RegExp(String.raw`^(?:bitte\s+)?(?:${QUOTE}\s+)?${NUMBER}\s+(?:ablehnen|abgelehnt)(?:\s+bitte)?$`), 'reject'],
  [new RegExp(String.raw`^(?:please\s+)?(?:i\s+|we\s+)?(?:reject|decline)\s+(?:the\s+)?(?:${QUOTE}\s+)?${NUMBER}$`), 'reject'],
  [new RegExp(String.raw`^(?:zeige?\s+|show\s+)?(?:mir\s+|me\s+)?(?:das\s+|the\s+)?${QUOTE}\s+${NUMBER}$`), 'show'],
];

/** "Angebot für …" / "quote for …" (also "Angebot über …", "ein Angebot für …"). */
const create = new RegExp(String.raw`^(?:bitte\s+)?(?:(?:ein|an?)\s+)?(?:neues\s+|new\s+)?${QUOTE}\s+(?:für|fuer|for|über|ueber|on)\s+(.+)$`, 'iu');
const discount = /[,;]?\s*(?:(?:mit|with|and|und|plus)\s+)?(\d{1,3}(?:[.,]\d{1,2})?)\s*%\s*(?:rabatt|nachlass|skonto|discount|off)\b/iu;
const discountAfter = /[,;]?\s*(?:(?:mit|with|and|und|plus)\s+)?(?:rabatt|nachlass|discount)\s*(?:von\s+|of\s+)?(\d{1,3}(?:[.,]\d{1,2})?)\s*%/iu;
const validity = /[,;]?\s*(?:(?:und|and)\s+)?(?:gültig|gueltig|valid)\s+(?:für\s+|fuer\s+|for\s+)?(\d{1,3})\s*(?:tage|tagen|days?)\b/iu;

function tidy(text: string): string {
  return text.trim().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');
}

/** Quote phrases in German and English; null when nothing fits. */
export function matchQuoteCommand(text: string): QuoteCommand | null {
  const original = tidy(text);
  const s = original.toLowerCase();
  if (!s) return null;
  for (const [pattern, kind] of numbered) {
    const m = pattern.exec(s);
    const parsed = m ? parseDocumentNumber(m[1]) : null;
    if (parsed?.kind === 'quote') return { kind, number: parsed.number };
  }
  if (fromDraft.some((p) => p.test(s))) return { kind: 'from_draft' };
  if (mine.some((p) => p.test(s))) return { kind: 'mine' };
  if (open.some((p) => p.test(s))) return { kind: 'open' };
  const c = create.exec(original);
  if (c) {
    let rest = c[1];
    let documentDiscountBasisPoints: number | null = null;
    let validDays: number | null = null;
    const d = discount.exec(rest) ?? discountAfter.exec(rest);
    let badDiscount = false;
    if (d) {
      documentDiscountBasisPoints = percentToBasisPoints(d[1].replace(',', '.'));
      badDiscount = documentDiscountBasisPoints === null || documentDiscountBasisPoints >= 10_000;
      rest = rest.replace(d[0], ' ');
    }
    const v = validity.exec(rest);
    if (v) {
      validDays = Number(v[1]);
      rest = rest.replace(v[0], ' ');
    }
    // "für Café Sonnenschein: 2 Stühle" reads as the staff order phrase the understanding knows.
    const items = tidy(rest.replace(/[,;]\s*$/, ''));
    return badDiscount ? { kind: 'create', items, documentDiscountBasisPoints: null, validDays, badDiscount: true } : { kind: 'create', items, documentDiscountBasisPoints, validDays };
  }
  return null;
}

export function recognizeQuoteCommand(text: string): Recognized | null {
  const command = matchQuoteCommand(text);
  return command ? { intent: QuoteIntents.quotes, details: { quoteCommand: command } } : null;
}
