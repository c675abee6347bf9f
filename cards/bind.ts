import { Template } from 'adaptivecards-templating';
import accountantDigest from './accountantDigest.json';
import appointmentReminder from './appointmentReminder.json';
import bankEntry from './bankEntry.json';
import catalog from './catalog.json';
import customerChoice from './customerChoice.json';
import dunningNotice from './dunningNotice.json';
import invoiceList from './invoiceList.json';
import orderCard from './orderCard.json';
import orderList from './orderList.json';
import orderPlaced from './orderPlaced.json';
import orderSummary from './orderSummary.json';
import productChoice from './productChoice.json';
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
  accountantDigest, appointmentReminder, bankEntry, catalog, customerChoice, dunningNotice, invoiceList, orderCard, orderList, orderPlaced, orderSummary, productChoice, rescheduleSlots, shippingForm, slotChoice, stockChoice,
};

export type CardName = keyof typeof templates;

export const cardNames = Object.keys(templates) as CardName[];

/** Expands a template with data; the template JSON itself is never mutated, so one import serves every call. */
export function bindCard(name: CardName, data: object): CardAttachment {
  const content = new Template(templates[name]).expand({ $root: data }) as Record<string, unknown>;
  return { contentType: ADAPTIVE_CARD, content };
}
