import type { Product } from '../../domain/catalog';
import type { DocumentKind } from '../../domain/documentNumbers';
import type { Locale } from '../../domain/locale';
import { findConfirm, findLocaleSwitch, findQuantityOnly } from './answers';
import { replacedValues } from './corrections';
import { cueText, has, type CueText } from './cues';
import { findDate } from './dates';
import { classify } from './intents';
import { extractItems } from './items';
import { findNumbers, type NumberSpan } from './numbers';
import { findAttributes } from './attributes';
import { readChanges } from './changes';
import { catalogIndex, findPicks, findProducts, type CatalogIndex, type ProductMention } from './products';
import { findAddress, findBareOrderNumber, findCustomer, findDocuments, hide, type DocumentMention, type Reference } from './references';
import { asksReorder } from './reorder';
import { matchStaffCommand } from './staff';
import { blank, stem, tokenize, type Token } from './text';
import type { Intent, ItemMention, StaffCommand, Understanding } from './types';

export type * from './types';
export { orderNumberIn } from './references';

export interface UnderstandOptions {
  locale: Locale;
  catalog: readonly Product[];
  customers?: readonly { number: string; name: string }[];
  now?: Date;
}

/** What the words left after references, addresses and dates say about goods, services and changes. */
function readGoods(index: CatalogIndex, text: string, locale: Locale, cues: CueText, orderNumber: boolean, reorder: boolean, document: DocumentKind | null) {
  let rest = text;
  let tokens = tokenize(rest);
  let numbers = findNumbers(tokens, locale);
  const replaced = replacedValues(tokens, numbers);
  if (replaced.length > 0) {
    for (const [start, end] of replaced) rest = blank(rest, start, end);
    tokens = tokenize(rest);
    numbers = findNumbers(tokens, locale);
  }
  const allMentions = findProducts(index, tokens, rest);
  const isUnit = (t: Token) => t.kind === 'word' && index.units.has(t.key);
  const quantityOnly = findQuantityOnly(tokens, numbers, allMentions.length, isUnit);
  // "Wir brauchen die Stühle nicht mehr, bitte Bestellung zurückziehen" cancels the order rather than a line.
  const cancelsOrder = has(cues, 'cancelThing') && has(cues, 'orderThing');
  const { changes, removed } = cancelsOrder ? { changes: [], removed: new Set<ProductMention>() } : readChanges(tokens, rest, numbers, allMentions, quantityOnly, replaced.length > 0);
  const accepts = changes.some((c) => c.kind === 'accept_available');
  const extracted = extractItems(index, tokens, numbers, allMentions, removed);
  const { service } = extracted;
  const ordered = extracted.items.filter((i) => !i.removal);
  const ambiguous = extracted.ambiguous;
  const items = ordered.length || ambiguous.some((a) => !a.removal) || service || quantityOnly !== null ? extracted.items : [...extracted.items, ...itemsByUnit(index, tokens, numbers)];
  // "send the 5 you have": the number is the quantity accepted, not an unknown product.
  const unknown = accepts ? [] : extracted.unknown;
  const goods = items.some((i) => !i.removal) || ambiguous.some((a) => !a.removal && a.candidates.some((s) => index.products.get(s)!.kind !== 'service'));
  const intent = classify({
    cues,
    goods: goods || (unknown.length > 0 && !service),
    quantifiedGoods: items.some((i) => i.quantity !== null) || (unknown.length > 0 && !service),
    service: service !== null,
    orderNumber,
    draftChange: removed.size > 0 || accepts,
    reorder,
    document,
  });
  // The desks of "set up our desks" are what the service is for, not goods ordered.
  const forService = intent === 'book_service' && items.every((i) => i.quantity === null && !i.removal);
  return { items: forService ? [] : items, service, ambiguous, unknown, changes, intent, tokens, mentions: allMentions.length, quantityOnly };
}

/**
 * "12 reams asap", "5 reams of A4": a quantity in a unit only one product is sold in names that product, when the
 * message says more than the quantity (a bare "5 Pakete" answers "how many?").
 */
function itemsByUnit(index: CatalogIndex, tokens: Token[], numbers: NumberSpan[]): ItemMention[] {
  const items: ItemMention[] = [];
  for (const n of numbers) {
    const unit = tokens[n.to];
    const skus = unit?.kind === 'word' ? index.productUnits.get(unit.key) : undefined;
    if (n.value === null || n.article || !skus || skus.size !== 1) continue;
    const [sku] = skus;
    if (!items.some((i) => i.sku === sku)) items.push({ sku, quantity: n.value, text: unit.raw });
  }
  return items;
}

/** Intents a bare number ("Wo ist 1003?", "cancel 1003") may give an order to. */
const takesBareOrder = ['order_status', 'cancel_order', 'cancel', 'cancel_booking', 'reschedule_booking', 'reorder'];

/** Documents named, without an order word that only introduces goods ("I'd like to order 100 reams"). */
function documentsIn(text: string, index: CatalogIndex): DocumentMention[] {
  return findDocuments(text).filter((d) => {
    if (d.kind !== 'order') return true;
    const next = /^\s*([\p{L}]+)/u.exec(text.slice(d.end));
    if (!next) return true;
    const key = stem(next[1]);
    return !index.units.has(key) && !index.vocabulary.has(key);
  });
}

/** What a staff phrase means for the intent: a cancellation goes where customers cancel too. */
function staffIntent(command: StaffCommand): Intent {
  if (command.kind === 'order_status') return 'order_status';
  if (command.kind === 'transition' && command.to === 'cancelled') return 'cancel_order';
  return 'staff_command';
}

/** Reads one message offline: intent, items with quantities, changes, service, dates, references, address. */
export function understand(text: string, options: UnderstandOptions): Understanding {
  const index = catalogIndex(options.catalog);
  // References, addresses, attributes and dates are found first and hidden, so that their digits are never read as
  // quantities.
  const documents = documentsIn(text, index);
  const firstOrder = documents.find((d) => d.kind === 'order');
  let order: Reference | null = firstOrder ? { value: firstOrder.number, start: firstOrder.start, end: firstOrder.end } : null;
  let rest = text;
  for (const d of documents) rest = blank(rest, d.start, d.end);
  const customer = findCustomer(rest, options.customers ?? []);
  rest = hide(rest, customer);
  const address = findAddress(rest);
  rest = hide(rest, address);
  for (const [start, end] of findAttributes(rest, options.catalog)) rest = blank(rest, start, end);
  const when = findDate(rest, options.locale, options.now ?? new Date());
  for (const [start, end] of when.spans) rest = blank(rest, start, end);

  const cues = cueText(tokenize(text));
  const reorder = asksReorder(text);
  const document = documents.find((d) => d.kind !== 'order')?.kind ?? null;
  let read = readGoods(index, rest, options.locale, cues, order !== null, reorder, document);
  // "Wo ist 1003?", "cancel 1003", "Termin 1004 verschieben": a bare number is the order meant, when no product is named.
  const bare = order || read.mentions > 0 || documents.length > 0 ? null : findBareOrderNumber(rest);
  // "is 1006 delivered?": a number before a word that is no product may still be the order asked about.
  const onlyUnknown = read.intent === 'order' && has(cues, 'status') && read.items.length === 0 && read.ambiguous.length === 0 && read.changes.length === 0;
  if (bare && (takesBareOrder.includes(read.intent) || onlyUnknown)) {
    const asOrder = readGoods(index, hide(rest, bare), options.locale, cues, true, reorder, document);
    if (takesBareOrder.filter((i) => i !== 'cancel').includes(asOrder.intent)) {
      [order, read] = [bare, asOrder];
      documents.push({ kind: 'order', number: bare.value, start: bare.start, end: bare.end });
    }
  }
  const staff = matchStaffCommand(text);
  const intent = staff ? staffIntent(staff) : read.intent;
  if (staff && 'order' in staff) order = { value: staff.order, start: 0, end: 0 };
  // Picks answer the bot's choice; a message with an intent of its own ("Rechnung bitte …") picks nothing.
  const nothingElse = intent === 'other' && read.items.length === 0 && read.ambiguous.length === 0 && read.service === null;
  return {
    intent,
    items: read.items,
    service: read.service,
    date: when.date,
    partOfDay: when.partOfDay,
    time: when.time,
    order: order?.value ?? null,
    customer: customer?.value ?? null,
    ambiguous: read.ambiguous,
    unknown: staff ? [] : read.unknown,
    switchLocale: findLocaleSwitch(text),
    confirm: findConfirm(text),
    quantityOnly: read.quantityOnly,
    catalog: intent === 'order' && has(cues, 'catalog'),
    changes: read.changes,
    deliveryAddress: address ? { street: address.street, postcode: address.postcode, city: address.city, text: address.value } : null,
    dateProblem: when.problem,
    reorder: intent === 'reorder' ? { order: order?.value ?? null } : null,
    documents: documents.sort((a, b) => a.start - b.start).map(({ kind, number }) => ({ kind, number })),
    staff,
    picks: nothingElse ? findPicks(index, read.tokens) : [],
  };
}
