import { Template } from 'adaptivecards-templating';
import absenceConflicts from './absenceConflicts.json';
import appointmentReminder from './appointmentReminder.json';
import catalog from './catalog.json';
import choices from './choices.json';
import customerChoice from './customerChoice.json';
import dayPlan from './dayPlan.json';
import documentLink from './documentLink.json';
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
  absenceConflicts, appointmentReminder, catalog, choices, customerChoice, dayPlan, documentLink, invoiceList, orderCard, orderList, orderPlaced, orderSummary, outcome, productChoice, rescheduleSlots, shippingForm, slotChoice, stockChoice,
};

export type CardName = keyof typeof templates;

export const cardNames = Object.keys(templates) as CardName[];

/** Expands a template with data; the template JSON itself is never mutated, so one import serves every call. */
export function bindCard(name: CardName, data: object): CardAttachment {
  const content = new Template(templates[name]).expand({ $root: data }) as Record<string, unknown>;
  return { contentType: ADAPTIVE_CARD, content };
}
