import type { Product } from '../../domain/catalog';
import type { Locale } from '../../domain/locale';
import { findConfirm, findLocaleSwitch, findQuantityOnly } from './answers';
import { cueText, has, type CueText } from './cues';
import { findDate } from './dates';
import { classify } from './intents';
import { extractItems } from './items';
import { findNumbers } from './numbers';
import { catalogIndex, findProducts, type CatalogIndex } from './products';
import { findAddress, findBareOrderNumber, findCustomer, findOrderNumber, hide, type Reference } from './references';
import { blank, tokenize, type Token } from './text';
import type { Understanding } from './types';

export type * from './types';
export { orderNumberIn } from './references';

export interface UnderstandOptions {
  locale: Locale;
  catalog: Product[];
  customers?: { number: string; name: string }[];
  now?: Date;
}

/** What the words left after references, addresses and dates say about goods and services. */
function readGoods(index: CatalogIndex, rest: string, locale: Locale, cues: CueText, orderNumber: boolean) {
  const tokens = tokenize(rest);
  const numbers = findNumbers(tokens, locale);
  const mentions = findProducts(index, tokens, rest);
  const extracted = extractItems(index, tokens, numbers, mentions);
  const { items, service, ambiguous, unknown } = extracted;
  const goods = items.length > 0 || ambiguous.some((a) => a.candidates.some((s) => index.products.get(s)!.kind !== 'service'));
  const intent = classify({
    cues,
    goods: goods || (unknown.length > 0 && !service),
    quantifiedGoods: items.some((i) => i.quantity !== null) || (unknown.length > 0 && !service),
    service: service !== null,
    orderNumber,
  });
  const isUnit = (t: Token) => t.kind === 'word' && index.units.has(t.key);
  return { ...extracted, intent, mentions: mentions.length, quantityOnly: findQuantityOnly(tokens, numbers, mentions.length, isUnit) };
}

/** Reads one customer message offline: intent, items with quantities, service, date, references. */
export function understand(text: string, options: UnderstandOptions): Understanding {
  const index = catalogIndex(options.catalog);
  // References, addresses and dates are found first and hidden, so that their digits are never read as quantities.
  let order: Reference | null = findOrderNumber(text);
  let rest = hide(text, order);
  const customer = findCustomer(rest, options.customers ?? []);
  rest = hide(rest, customer);
  rest = hide(rest, findAddress(rest));
  const when = findDate(rest, options.locale, options.now ?? new Date());
  for (const [start, end] of when.spans) rest = blank(rest, start, end);

  const cues = cueText(tokenize(text));
  let read = readGoods(index, rest, options.locale, cues, order !== null);
  // "Wo ist 1003?", "cancel 1003", "Termin 1004 verschieben": a bare number is the order meant, when no product is named.
  const bare = order || read.mentions > 0 ? null : findBareOrderNumber(rest);
  if (bare && ['order_status', 'cancel_order', 'cancel', 'cancel_booking', 'reschedule_booking'].includes(read.intent)) {
    const asOrder = readGoods(index, hide(rest, bare), options.locale, cues, true);
    if (['order_status', 'cancel_order', 'cancel_booking', 'reschedule_booking'].includes(asOrder.intent)) [order, read] = [bare, asOrder];
  }
  return {
    intent: read.intent,
    items: read.items,
    service: read.service,
    date: when.date,
    partOfDay: when.partOfDay,
    time: when.time,
    order: order?.value ?? null,
    customer: customer?.value ?? null,
    ambiguous: read.ambiguous,
    unknown: read.unknown,
    switchLocale: findLocaleSwitch(text),
    confirm: findConfirm(text),
    quantityOnly: read.quantityOnly,
    catalog: read.intent === 'order' && has(cues, 'catalog'),
  };
}
