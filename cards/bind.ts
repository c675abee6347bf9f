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
  absenceConflicts, accountantDigest, appointmentReminder, bankEntry, catalog, choices, creditOffer, customerChoice, dayPlan, documentLink, dunningNotice, invoiceList, orderCard, orderList, orderPlaced, orderSummary, outcome, productChoice, rescheduleSlots, shippingForm, slotChoice, stockChoice,
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

/** Expands a template with data; neither the template JSON nor the parsed template is changed by it. */
export function bindCard(name: CardName, data: object): CardAttachment {
  const content = templateOf(name).expand({ $root: data }) as Record<string, unknown>;
  return { contentType: ADAPTIVE_CARD, content };
}
