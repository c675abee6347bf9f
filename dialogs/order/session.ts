import crypto from 'node:crypto';
import type { BackorderChoice } from '../../domain/availability';
import type { Locale } from '../../domain/locale';
import { emptyDraft, type Draft } from '../../domain/order';
import type { Address, Person } from '../../domain/parties';
import type { PartOfDay } from '../../domain/slots';

/** A product the customer named that still has to be pinned to one SKU (ambiguous or unknown). */
export interface UnclearItem {
  /** ambiguous: several products fit; unknown: none did, the candidates are only the closest names. */
  kind: 'ambiguous' | 'unknown';
  text: string;
  candidates: string[];
  quantity: number | null;
}

/**
 * Everything the order conversation knows, kept in dialog state (plain JSON) so that it survives a restart.
 * The draft holds only complete lines; what is still open sits next to it until it is clarified.
 */
export interface OrderSession {
  person: Person;
  locale: Locale;
  channel: string;
  /** Generated when the draft starts: placing the same draft twice returns the first order. */
  draftKey: string;
  draft: Draft;
  unclear: UnclearItem[];
  /** SKUs named without a quantity, in the order they were named. */
  quantityMissing: string[];
  /** Those of quantityMissing whose given quantity was unusable (0.5, 20000): the question says why it comes again.
   *  Optional because sessions stored before it existed lack it. */
  quantityRejected?: string[];
  /** The short lines the customer has already decided on ("SKU:quantity"), and how. */
  stockDecidedFor: string[];
  backorderChoice: BackorderChoice;
  /** Made-to-order lines whose completion date was already told ("SKU:quantity"). */
  madeToldFor: string[];
  /** Chosen service start (ISO instant) per service SKU. */
  slots: Record<string, string>;
  /** Where to look for service slots: the day and part of day the customer named. */
  slotWish: { date: string | null; partOfDay: PartOfDay | null; /** s13: wished start 'HH:MM' */ time?: string | null };
  /** An address the customer typed that still lacks parts. */
  addressInput: Address | null;
  /** A requested date that cannot be used, to be asked back. */
  /** ambiguous: "am 20.11." after that day of this year; `nextYear` is what a "yes" takes. */
  badDate: { date: string; reason: 'past' | 'not_working_day' | 'invalid' | 'ambiguous'; nextYear?: string } | null;
  /** The line the last change was about: "actually make that five" refers to it. */
  lastSku: string | null;
  placed: { number: string } | null;
  /** The catalog page on screen (its "more"/"back" buttons); optional because older sessions lack it. */
  catalogPage?: number;
}

export function newSession(person: Person, locale: Locale, channel: string): OrderSession {
  return {
    person,
    locale,
    channel,
    draftKey: `chat:${crypto.randomUUID()}`,
    draft: emptyDraft(person.role === 'customer' ? person.customerId : null),
    unclear: [],
    quantityMissing: [],
    quantityRejected: [],
    stockDecidedFor: [],
    backorderChoice: null,
    madeToldFor: [],
    slots: {},
    slotWish: { date: null, partOfDay: null },
    addressInput: null,
    badDate: null,
    lastSku: null,
    placed: null,
  };
}

/** Whether leaving now would lose something the customer entered. */
export function hasContent(s: OrderSession): boolean {
  return s.placed === null && (s.draft.lines.length > 0 || s.unclear.length > 0 || s.quantityMissing.length > 0);
}

/**
 * What a summary card shows, as a short fingerprint carried by its buttons: a Confirm pressed on a card whose
 * fingerprint is no longer the draft's would place something the customer never saw, so it places nothing.
 * A fingerprint rather than a counter: it cannot be forgotten on one of the many paths that change the draft.
 * It covers what the customer decided (lines, address, date, slots, stock choice); prices are the catalog's and
 * a product withdrawn meanwhile is explained when placing, so neither is part of it.
 */
export function summaryVersion(s: OrderSession): string {
  const shown = {
    customerId: s.draft.customerId,
    lines: s.draft.lines.map((l) => [l.sku, l.quantity]),
    deliveryAddress: s.draft.deliveryAddress,
    requestedDate: s.draft.requestedDate,
    slots: Object.entries(s.slots).sort(),
    backorderChoice: s.backorderChoice,
  };
  // crypto.hash: the one-shot form of the same digest, without a Hash object (this runs on every summary card).
  return crypto.hash('sha256', JSON.stringify(shown), 'base64url').slice(0, 16);
}
