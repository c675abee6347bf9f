import { bindCard, type CardAttachment } from '../cards/bind';
import type { Db } from '../data/db';
import { documentPath } from '../data/documentLinks';
import type { StoredQuote } from '../data/quotes';
import type { Locale } from '../domain/locale';
import { formatMoney } from '../domain/money';
import type { Actor } from '../domain/permissions';
import { quoteStatusIs, quoteStatusLabel } from '../domain/quotes';
import { formatDate } from './format';
import { quoteTexts as tx } from './texts/quotes';

export function formatPercent(basisPoints: number, locale: Locale): string {
  return `${(basisPoints / 100).toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 })} %`;
}

/**
 * The quote card for one reader: lines, totals per VAT rate, validity and status, the PDF link signed for them, and
 * for the customer while the quote waits for them the buttons Annehmen / Ablehnen (Accept / Reject).
 */
export async function quoteCard(db: Db, quote: StoredQuote, viewer: Pick<Actor, 'personId' | 'role'>, locale: Locale, linkFrom: Date): Promise<CardAttachment> {
  const d = quote.document;
  const money = (c: number) => formatMoney(c, locale);
  const totals = [
    ...(d.totals.discountCents > 0 && d.documentDiscount?.kind === 'percent'
      ? [{ label: tx(locale, 'totalDiscount', { percent: formatPercent(d.documentDiscount.basisPoints, locale) }), value: `−${money(d.totals.discountCents)}` }]
      : []),
    { label: tx(locale, 'totalNet'), value: money(d.totals.netCents) },
    ...d.totals.byRate.map((r) => ({ label: tx(locale, 'totalVat', { rate: r.rate }), value: money(r.vatCents) })),
    { label: tx(locale, 'totalGross'), value: money(d.totals.grossCents) },
  ];
  const status = quoteStatusLabel(quote.status, locale);
  const link = viewer.personId == null ? '' : await documentPath(db, quote.number, viewer.personId, linkFrom);
  return bindCard('quote', {
    title: tx(locale, 'cardTitle', { number: quote.number }),
    intro: viewer.role === 'customer' ? tx(locale, 'cardIntroCustomer') : tx(locale, 'cardIntro', { customer: quote.customerName }),
    lines: d.lines.map((l) => ({
      text: l.discount?.kind === 'percent'
        ? tx(locale, 'lineDiscount', { quantity: l.quantity, name: l.name, percent: formatPercent(l.discount.basisPoints, locale) })
        : tx(locale, 'lineText', { quantity: l.quantity, name: l.name }),
      amount: money(l.netCents),
    })),
    totals,
    validity: quote.status === 'accepted' && quote.orderNumber
      ? tx(locale, 'validityOrder', { order: quote.orderNumber })
      : tx(locale, 'validity', { date: formatDate(quote.validUntil, locale), status }),
    pdfLabel: tx(locale, 'pdf', { number: quote.number }),
    link,
    showActions: viewer.role === 'customer' && quoteStatusIs(quote.status, 'awaitingCustomer'),
    acceptLabel: tx(locale, 'accept'),
    rejectLabel: tx(locale, 'reject'),
    number: quote.number,
  });
}
