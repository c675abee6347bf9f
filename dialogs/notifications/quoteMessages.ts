import type { Db } from '../../data/db';
import { documentPath } from '../../data/documentLinks';
import type { OutboxRow } from '../../data/outbox';
import { findQuoteById } from '../../data/quotes';
import { formatMoney } from '../../domain/money';
import { may } from '../../domain/permissions';
import { formatDate } from '../format';
import { quoteCard } from '../quoteCard';
import { quoteTexts } from '../texts/quotes';
import type { NotificationKind } from './kind';

/**
 * A quote sent to the customer's people (payload quoteId, number): its card with the PDF link signed for that reader
 * and the buttons. No longer wanted once the quote was decided or expired before it went out.
 */
const quoteSent: NotificationKind = {
  async render({ db, row, viewer, locale }) {
    const quote = await findQuoteById(db, Number(row.payload.quoteId));
    if (!quote) return { unrenderable: `quote ${String(row.payload.number)} does not exist` };
    if (!viewer || !may({ role: viewer.role, customerId: viewer.customerId }, 'seeQuote', { customerId: quote.customerId })) {
      return { unrenderable: `quote ${quote.number} is not visible to this reader` };
    }
    const linkFrom = new Date(row.createdAt);
    const link = await documentPath(db, quote.number, viewer.id, linkFrom);
    const text = quoteTexts(locale, 'notifySent', { number: quote.number, gross: formatMoney(quote.grossCents, locale), date: formatDate(quote.validUntil, locale), link });
    return { text, card: await quoteCard(db, quote, { personId: viewer.id, role: viewer.role }, locale, linkFrom) };
  },
  async obsolete(db: Db, row: OutboxRow) {
    const quote = await findQuoteById(db, Number(row.payload.quoteId));
    if (!quote) return 'the quote does not exist';
    return quote.status === 'sent' ? null : `the quote is ${quote.status}`;
  },
};

/** Sales: a customer asked for a quote in the chat (payload number, customer). */
const quoteRequested: NotificationKind = {
  async render({ row, viewer, locale }) {
    if (!viewer || !may({ role: viewer.role, customerId: viewer.customerId }, 'sendQuote')) return { unrenderable: 'only sales read this' };
    const p = row.payload as Record<string, string>;
    return { text: quoteTexts(locale, 'notifyRequested', { customer: p.customer, number: p.number }) };
  },
};

/** Sales: a quote was accepted or rejected (payload number, decision, customer, orderNumber). */
const quoteDecided: NotificationKind = {
  async render({ row, viewer, locale }) {
    if (!viewer || !may({ role: viewer.role, customerId: viewer.customerId }, 'sendQuote')) return { unrenderable: 'only sales read this' };
    const p = row.payload as Record<string, string>;
    return p.decision === 'accepted'
      ? { text: quoteTexts(locale, 'notifyAccepted', { customer: p.customer, number: p.number, order: p.orderNumber }) }
      : { text: quoteTexts(locale, 'notifyRejected', { customer: p.customer, number: p.number }) };
  },
};

export const quoteMessages: Record<string, NotificationKind> = {
  quote_sent: quoteSent,
  quote_requested: quoteRequested,
  quote_decided: quoteDecided,
};
