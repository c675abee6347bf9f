import { isWorkingDay } from '../../domain/calendar';
import type { Product } from '../../domain/catalog';
import { isValidQuantity, removeLine, setQuantity } from '../../domain/order';
import type { Address, Customer } from '../../domain/parties';
import type { PartOfDay } from '../../domain/slots';
import type { Understanding } from '../understanding';
import { mergeAddress, parseAddress } from './address';
import { bestMatches } from './matches';
import type { OrderSession } from './session';

export interface ChangeContext {
  catalog: readonly Product[];
  customers: readonly Customer[];
  today: string;
  text: string;
  /** Whether an address has every part a delivery needs. */
  addressComplete(address: Address): boolean;
  /** Name line of a typed delivery address (the customer's name). */
  addressName: string;
}

export interface ChangeReport {
  /** Something in the draft or its details changed. */
  changed: boolean;
  removed: string[];
  /** SKUs whose quantity was unusable and is asked again. */
  rejected: string[];
  /** Things the message removed that the draft does not hold (a SKU, or the words of an ambiguous mention). */
  notInOrder: { sku: string | null; text: string }[];
  /** "ok just send the 5 you have": short lines take the quantity in stock (the dialog knows the stock). */
  acceptAvailable: boolean;
}

// "doch lieber 3" when the recognizer read no quantity of its own: one lone whole number in the message.
const MAX_UNKNOWN_ASKED = 3;
const LONE_NUMBER = /^\D*?(\d{1,5})\D*$/;

// Words that make "2 Toner" an addition to the line instead of its new quantity, or a removal.
const ADD = /\b(noch|dazu|zus[aä]tzlich|weitere[nrs]?|au[sß]erdem|plus|add|another|more|additional|extra|also|as well)\b/i;
const REMOVE = /\b(ohne|kein(e|en)?|streich\w*|entfern\w*|weg|raus|l[oö]sch\w*|nicht mehr|doch nicht|lieber nicht|without|remove|delete|drop|no more|take out|cancel the|not the)\b/i;
// "actually make that five" / "doch lieber fünf": a bare quantity for the line talked about last.
const REPLACE = /\b(doch|lieber|nein|moment|warte|stattdessen|korrigier\w*|korrektur|[aä]nder\w*|mach\w*|actually|make (it|that)|no|wait|sorry|correction|instead|change|rather)\b/i;
const ADDRESS_HINT = /\b(adresse|address|liefer\w*|deliver\w*|an die|to)\b/i;

/** Services run until 17:00, so an "evening" wish looks in the afternoon. */
export function slotPartOfDay(p: Understanding['partOfDay'] | undefined): PartOfDay | null {
  return p === 'evening' ? 'afternoon' : p ?? null;
}

const findProduct = (catalog: readonly Product[], sku: string) => catalog.find((p) => p.sku === sku);

/**
 * Sets (or with `add` raises) a line's quantity. A result outside 1..MAX_LINE_QUANTITY is not taken: the quantity
 * is asked again, because a typo like "1000000000" must never reach stock and production planning.
 */
function setLine(s: OrderSession, sku: string, quantity: number, add: boolean): boolean {
  const current = s.draft.lines.find((l) => l.sku === sku)?.quantity;
  const total = add && current !== undefined ? current + quantity : quantity;
  if (!isValidQuantity(total)) {
    askQuantityAgain(s, sku);
    return false;
  }
  s.draft = setQuantity(s.draft, sku, total);
  s.quantityMissing = s.quantityMissing.filter((x) => x !== sku);
  s.quantityRejected = s.quantityRejected?.filter((x) => x !== sku);
  return true;
}

/** The quantity given for a SKU was unusable: a line holding it goes, and the question comes with the reason. */
export function askQuantityAgain(s: OrderSession, sku: string): void {
  const line = s.draft.lines.find((l) => l.sku === sku);
  if (line && !isValidQuantity(line.quantity)) s.draft = removeLine(s.draft, sku);
  if (!s.quantityMissing.includes(sku)) s.quantityMissing.push(sku);
  s.quantityRejected = [...(s.quantityRejected ?? []).filter((x) => x !== sku), sku];
  s.lastSku = sku;
}

export function dropLine(s: OrderSession, sku: string): void {
  s.draft = removeLine(s.draft, sku);
  s.quantityMissing = s.quantityMissing.filter((x) => x !== sku);
  s.quantityRejected = s.quantityRejected?.filter((x) => x !== sku);
  delete s.slots[sku];
  if (s.lastSku === sku) s.lastSku = s.draft.lines.at(-1)?.sku ?? null;
}

/** A product the customer picked for an unclear mention, with the quantity that mention had. */
export function resolveUnclear(s: OrderSession, product: Product | null): void {
  const [item, ...rest] = s.unclear;
  s.unclear = rest;
  if (!item || !product) return;
  if (item.quantity !== null) setLine(s, product.sku, item.quantity, true);
  else if (product.kind === 'service') setLine(s, product.sku, 1, true);
  else if (!s.quantityMissing.includes(product.sku)) s.quantityMissing.push(product.sku);
  s.lastSku = product.sku;
}

/** False when the quantity is outside 1..MAX_LINE_QUANTITY; it is then asked again. */
export function setLineQuantity(s: OrderSession, sku: string, quantity: number): boolean {
  s.lastSku = sku;
  return setLine(s, sku, quantity, false);
}

/** A requested date is only taken when it is a future working day; anything else is kept to be asked back. */
export function setRequestedDate(s: OrderSession, date: string | null, today: string): void {
  if (date === null) {
    s.draft = { ...s.draft, requestedDate: null };
    s.badDate = null;
  } else if (date <= today) {
    s.badDate = { date, reason: 'past' };
  } else if (!isWorkingDay(date)) {
    s.badDate = { date, reason: 'not_working_day' };
  } else {
    s.draft = { ...s.draft, requestedDate: date };
    s.badDate = null;
  }
}

/** A named date that cannot be taken as it is, kept to be asked back. */
export function setDateProblem(s: OrderSession, problem: NonNullable<Understanding['dateProblem']>): void {
  s.badDate = problem.kind === 'past' ? { date: problem.date, reason: 'past' } : { date: problem.thisYear, reason: 'ambiguous', nextYear: problem.nextYear };
}

/** An address typed by the customer: complete ones are used at once, partial ones are asked back. */
export function setAddressInput(s: OrderSession, typed: Address | null, complete: (a: Address) => boolean): void {
  if (!typed) return;
  const merged = s.addressInput ? mergeAddress(s.addressInput, typed) : typed;
  if (complete(merged)) {
    s.draft = { ...s.draft, deliveryAddress: merged };
    s.addressInput = null;
  } else {
    s.addressInput = merged;
  }
}

const hasServiceLines = (s: OrderSession, catalog: readonly Product[]) =>
  s.draft.lines.some((l) => findProduct(catalog, l.sku)?.kind === 'service');
const hasGoodsLines = (s: OrderSession, catalog: readonly Product[]) =>
  s.draft.lines.some((l) => findProduct(catalog, l.sku)?.kind !== 'service');

/**
 * The line a quantity without a product is for ("nein, 12 Pakete", "doch lieber 3"): the one draft line a word of the
 * message singles out (the recognizer's picks: "Pakete" is how paper comes, "die schwarzen" the black toner), else the
 * line talked about last. Without the picks, "10 Pakete Papier und 2 Toner" then "nein, 12 Pakete" made 12 toners.
 */
function bareQuantityLine(s: OrderSession, u: Understanding, inDraft: (sku: string) => boolean): string | null {
  const picked = (u.picks ?? []).filter(inDraft);
  return picked.length === 1 ? picked[0] : s.lastSku;
}

/**
 * Folds what one message said into the session: new items, changed quantities, removals, a date, a part of
 * day, a customer, an address. Used for the first message and for every correction later on.
 */
export function applyUnderstanding(s: OrderSession, u: Understanding, ctx: ChangeContext): ChangeReport {
  const before = JSON.stringify(s);
  const removed: string[] = [];
  const rejected: string[] = [];
  const notInOrder: ChangeReport['notInOrder'] = [];
  let acceptAvailable = false;
  // Lines whose new quantity a change set: the same product among the items must not add to it again.
  const quantitySet = new Set<string>();
  const inDraft = (sku: string) => s.draft.lines.some((l) => l.sku === sku) || s.quantityMissing.includes(sku);
  const removal = REMOVE.test(ctx.text);
  const addition = ADD.test(ctx.text);

  // The address the recognizer found in the message ("… liefern an Baustraße 5, 12345 Berlin") is the delivery
  // address; without one, a message that is only an address ("Gartenweg 5, 10115 Berlin") is read here.
  const given = u.deliveryAddress
    ? { name: ctx.addressName, street: u.deliveryAddress.street, postcode: u.deliveryAddress.postcode ?? '', city: u.deliveryAddress.city ?? '', country: 'DE' }
    : null;
  const typedAddress = given ?? (u.items.length === 0 && u.ambiguous.length === 0 && !u.service ? parseAddress(ctx.text, ctx.addressName) : null);
  const addressMeant = typedAddress !== null && (given !== null || ADDRESS_HINT.test(ctx.text) || (!!typedAddress.street && !!typedAddress.postcode));

  // Changes the recognizer read ("den Stuhl doch nicht", "ohne Toner", "ach nee, doch lieber 3").
  for (const change of u.changes ?? []) {
    if (change.kind === 'remove') {
      // "ohne Toner" means whichever toner lines the draft holds; there is nothing to choose between.
      const present = change.target.skus.filter(inDraft);
      if (present.length === 0) {
        notInOrder.push({ sku: change.target.skus.length === 1 ? change.target.skus[0] : null, text: change.target.text });
      }
      for (const sku of present) {
        dropLine(s, sku);
        removed.push(sku);
      }
    } else if (change.kind === 'set_quantity') {
      const sku = change.target ? (change.target.skus.find(inDraft) ?? (change.target.skus.length === 1 ? change.target.skus[0] : null)) : bareQuantityLine(s, u, inDraft);
      if (sku) quantitySet.add(sku);
      if (sku && findProduct(ctx.catalog, sku) && !setLineQuantity(s, sku, change.quantity)) rejected.push(sku);
    } else if (change.kind === 'accept_available') {
      acceptAvailable = true;
    }
  }

  // A product named only to be taken off ("ohne Kaffee") is in the recognizer's changes, applied above.
  const items = u.items.filter((i) => !(i.removal && u.changes) && !(i.quantity !== null && quantitySet.has(i.sku)));
  if (u.service && !items.some((i) => i.sku === u.service)) items.push({ sku: u.service, quantity: null, text: u.service });
  for (const item of items) {
    const product = findProduct(ctx.catalog, item.sku);
    if (!product) continue;
    s.lastSku = product.sku;
    if (item.quantity === 0 || (removal && item.quantity === null)) {
      if (!inDraft(product.sku)) {
        notInOrder.push({ sku: product.sku, text: item.text });
        continue;
      }
      dropLine(s, product.sku);
      removed.push(product.sku);
    } else if (item.quantity !== null) {
      if (!setLine(s, product.sku, item.quantity, addition)) rejected.push(product.sku);
    } else if (product.kind === 'service') {
      if (!s.draft.lines.some((l) => l.sku === product.sku)) setLine(s, product.sku, 1, false);
    } else if (!s.draft.lines.some((l) => l.sku === product.sku) && !s.quantityMissing.includes(product.sku)) {
      s.quantityMissing.push(product.sku);
    }
  }
  for (const a of u.ambiguous) {
    if (a.removal && u.changes) continue;
    if (removal && a.quantity === null) {
      // "ohne Toner" means the toner lines the order holds; there is nothing to choose between.
      const present = a.candidates.filter(inDraft);
      if (present.length === 0) notInOrder.push({ sku: null, text: a.text });
      for (const sku of present) {
        dropLine(s, sku);
        removed.push(sku);
      }
      continue;
    }
    s.unclear.push({ kind: 'ambiguous', text: a.text, candidates: [...a.candidates], quantity: a.quantity });
  }
  if (!addressMeant) {
    // A long message with many strange words asks about a few of them and goes on with what was understood.
    for (const text of u.unknown.slice(0, MAX_UNKNOWN_ASKED)) {
      s.unclear.push({ kind: 'unknown', text, candidates: bestMatches(text, ctx.catalog, s.locale).map((p) => p.sku), quantity: null });
    }
  }

  const bare = bareQuantityLine(s, u, inDraft);
  if (!u.changes?.length && items.length === 0 && u.ambiguous.length === 0 && bare && REPLACE.test(ctx.text)) {
    const lone = LONE_NUMBER.exec(ctx.text);
    const quantity = u.quantityOnly ?? (lone ? Number(lone[1]) : null);
    if (quantity !== null && !setLine(s, bare, quantity, false)) rejected.push(bare);
  }

  if (u.customer != null && s.person.role !== 'customer') {
    const wanted = String(u.customer);
    const customer = ctx.customers.find((c) => String(c.id) === wanted || c.number === wanted);
    if (customer) s.draft = { ...s.draft, customerId: customer.id };
  }

  if (u.date || u.partOfDay) {
    if (hasServiceLines(s, ctx.catalog) || u.intent === 'book_service') {
      const wish = { date: u.date ?? s.slotWish.date, partOfDay: slotPartOfDay(u.partOfDay) ?? s.slotWish.partOfDay };
      if (JSON.stringify(wish) !== JSON.stringify(s.slotWish)) {
        s.slotWish = wish;
        s.slots = {};
      }
    }
    if (u.date && !u.dateProblem && (hasGoodsLines(s, ctx.catalog) || !hasServiceLines(s, ctx.catalog))) setRequestedDate(s, u.date, ctx.today);
  }
  // A past day is said to be past, and "am 20.11." after that day is asked back; neither is dropped or moved.
  if (u.dateProblem) setDateProblem(s, u.dateProblem);

  if (addressMeant) setAddressInput(s, typedAddress, ctx.addressComplete);

  return { changed: JSON.stringify(s) !== before, removed, rejected, notInOrder, acceptAvailable };
}

