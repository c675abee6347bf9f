import { Template } from 'adaptivecards-templating';
import absenceConflicts from './absenceConflicts.json';
import accountantDigest from './accountantDigest.json';
import appointmentReminder from './appointmentReminder.json';
import bankEntry from './bankEntry.json';
import creditOffer from './creditOffer.json';
import catalog from './catalog.json';
import choices from './choices.json';
import customerChoice from './customerChoice.json';
import dayPlan from './dayPlan.json';
import documentLink from './documentLink.json';
import dunningNotice from './dunningNotice.json';
import invoiceList from './invoiceList.json';
import orderCard from './orderCard.json';
import orderList from './orderList.json';
import orderPlaced from './orderPlaced.json';
import orderSummary from './orderSummary.json';
import outcome from './outcome.json';
import productChoice from './productChoice.json';
import quote from './quote.json';
import rescheduleSlots from './rescheduleSlots.json';
import shippingForm from './shippingForm.json';
import slotChoice from './slotChoice.json';
import stockChoice from './stockChoice.json';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** Shaped like a botbuilder Attachment, without importing botbuilder, so cards/ stays reusable. */
export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD;
  content: Record<string, unknown>;
}

const templates = {
  absenceConflicts, accountantDigest, appointmentReminder, bankEntry, catalog, choices, creditOffer, customerChoice, dayPlan, documentLink, dunningNotice, invoiceList, orderCard, orderList, orderPlaced, orderSummary, outcome, productChoice, quote, rescheduleSlots, shippingForm, slotChoice, stockChoice,
};

export type CardName = keyof typeof templates;

export const cardNames = Object.keys(templates) as CardName[];

/**
 * One parsed Template per card, made on first use: the constructor parses every "${…}" expression (antlr4ts), which
 * was 12 % of an order turn when done per card. expand() only reads the parsed payload and resets its own evaluation
 * state on each call, and runs synchronously, so one instance serves every call in this process.
 */
const parsed = new Map<CardName, Template>();

function templateOf(name: CardName): Template {
  let template = parsed.get(name);
  if (!template) {
    template = new Template(templates[name]);
    parsed.set(name, template);
  }
  return template;
}

/** Parses every card template now (at start), so no turn pays for it. */
export function prepareCards(): void {
  for (const name of cardNames) templateOf(name);
}

/**
 * The most entries of a list one card shows, counted over the whole card (a list inside list entries, such as the
 * catalog's products per category, counts all its entries together), so that any amount of data stays under Teams'
 * 28 KB a card. The builders page with `pageOf` and say how many are left; bindCard clips to the same numbers in case
 * a builder did not.
 */
export const cardListLimits: Partial<Record<CardName, Readonly<Record<string, number>>>> = {
  catalog: { products: 12 },
  orderCard: { lines: 15, history: 15 },
  dayPlan: { entries: 12 },
  absenceConflicts: { bookings: 15 },
  /** The digest's sections hold their lines as one text; the builder keeps this many of each. */
  accountantDigest: { lines: 20 },
};

export function cardListLimit(name: CardName, list: string): number {
  const limit = cardListLimits[name]?.[list];
  if (limit === undefined) throw new Error(`card ${name} has no limit for ${list}`);
  return limit;
}

export interface CardPage<T> {
  items: T[];
  /** The page shown (0-based, within 0..pages-1) and how many pages there are. */
  page: number;
  pages: number;
  /** Entries after this page. */
  rest: number;
}

/** One page of a list as the card shows it: `page` is clamped, so an old button of a list that shrank still shows something. */
export function pageOf<T>(name: CardName, list: string, items: readonly T[], page = 0): CardPage<T> {
  const size = cardListLimit(name, list);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(0, Math.floor(Number.isFinite(page) ? page : 0)), pages - 1);
  const shown = items.slice(at * size, (at + 1) * size);
  return { items: shown, page: at, pages, rest: Math.max(0, items.length - (at + 1) * size) };
}

/** A copy of the data with every limited list cut to what is left of its limit in this card. */
function clipLists(data: unknown, limits: Readonly<Record<string, number>>, left: Record<string, number>): unknown {
  if (Array.isArray(data)) return data.map((d) => clipLists(d, limits, left));
  if (!data || typeof data !== 'object') return data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value) && key in limits) {
      const kept = value.slice(0, Math.max(0, left[key] ?? limits[key]));
      left[key] = (left[key] ?? limits[key]) - kept.length;
      out[key] = kept.map((d) => clipLists(d, limits, left));
    } else out[key] = clipLists(value, limits, left);
  }
  return out;
}

/** Expands a template with data; neither the template JSON nor the parsed template is changed by it. */
export function bindCard(name: CardName, data: object): CardAttachment {
  const limits = cardListLimits[name];
  const bound = limits ? clipLists(data, limits, {}) : data;
  const content = templateOf(name).expand({ $root: bound }) as Record<string, unknown>;
  return { contentType: ADAPTIVE_CARD, content };
}

/**
 * A card as its template's name and data, bound when it is sent. A prompt keeps this in the dialog state to show the
 * card again, rather than the bound card, most of which is the template's layout: an order turn's state, read and
 * written on every turn, is some 3 KB so, and was 4.8 KB with the bound summary card.
 */
export interface UnboundCard {
  name: CardName;
  data: object;
}

export function boundCard(card: UnboundCard): CardAttachment {
  return bindCard(card.name, card.data);
}
