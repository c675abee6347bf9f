import type { Product } from '../../domain/catalog';
import type { Locale } from '../../domain/locale';
import { findConfirm, findLocaleSwitch } from './answers';
import { cueText } from './cues';
import { findDate, type PartOfDay } from './dates';
import { classify } from './intents';
import { extractItems, type ItemMention } from './items';
import { findNumbers } from './numbers';
import { catalogIndex, findProducts } from './products';
import { findCustomer, findOrderNumber, hide } from './references';
import { blank, tokenize } from './text';
import type { Intent } from './types';

export type { Intent } from './types';
export type { ItemMention } from './items';

export interface Understanding {
  intent: Intent;
  /** Goods (and made-to-order), corrections already applied. */
  items: ItemMention[];
  /** SKU of a service product mentioned. */
  service: string | null;
  /** YYYY-MM-DD, resolved in Europe/Berlin. */
  date: string | null;
  partOfDay: PartOfDay | null;
  /** HH:MM if given. */
  time: string | null;
  /** Order number mentioned ("Auftrag 1003", "#1003", "order 1003"). */
  order: string | null;
  /** Customer number when staff order on behalf of a customer. */
  customer: string | null;
  /** Words that fit several products ("toner" → TONER-BK, TONER-COLOR). */
  ambiguous: { text: string; candidates: string[] }[];
  /** Product-like words after a quantity that nothing matched (for "did you mean" or asking back). */
  unknown: string[];
  switchLocale: Locale | null;
  /** Yes/no answers ("ja", "passt", "yes", "nope"). */
  confirm: boolean | null;
}

export interface UnderstandOptions {
  locale: Locale;
  catalog: Product[];
  customers?: { number: string; name: string }[];
  now?: Date;
}

/** Reads one customer message offline: intent, items with quantities, service, date, references. */
export function understand(text: string, options: UnderstandOptions): Understanding {
  const index = catalogIndex(options.catalog);
  // References and dates are found first and hidden, so that their digits are never read as quantities.
  const order = findOrderNumber(text);
  let rest = hide(text, order);
  const customer = findCustomer(rest, options.customers ?? []);
  rest = hide(rest, customer);
  const when = findDate(rest, options.locale, options.now ?? new Date());
  for (const [start, end] of when.spans) rest = blank(rest, start, end);

  const tokens = tokenize(rest);
  const numbers = findNumbers(tokens, options.locale);
  const mentions = findProducts(index, tokens, rest);
  const { items, service, ambiguous, unknown } = extractItems(index, tokens, numbers, mentions);
  const goods = items.length > 0 || ambiguous.some((a) => a.candidates.some((s) => index.products.get(s)!.kind !== 'service'));
  const intent = classify({
    cues: cueText(tokenize(text)),
    goods: goods || (unknown.length > 0 && !service),
    quantifiedGoods: items.some((i) => i.quantity !== null) || (unknown.length > 0 && !service),
    service: service !== null,
    orderNumber: order !== null,
  });
  return {
    intent,
    items,
    service,
    date: when.date,
    partOfDay: when.partOfDay,
    time: when.time,
    order: order?.value ?? null,
    customer: customer?.value ?? null,
    ambiguous,
    unknown,
    switchLocale: findLocaleSwitch(text),
    confirm: findConfirm(text),
  };
}
