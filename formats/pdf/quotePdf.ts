import type { PricedDocument } from '../../domain/invoice';
import { documentTexts, formatDocumentDate } from '../documentTexts';
import { renderLayout } from './layout';
import { baseInfo, buyerInfo, pricedLayout, serviceInfo } from './pricedDocument';

/** The quote (Angebot): prices as an invoice would show them, how long the offer holds, the terms of payment. */
export async function renderQuotePdf(quote: PricedDocument): Promise<Buffer> {
  if (quote.kind !== 'quote') throw new TypeError(`renderQuotePdf needs a quote, got ${quote.kind}`);
  const t = documentTexts[quote.locale];
  const validUntil = quote.validUntil ? formatDocumentDate(quote.validUntil, quote.locale) : null;
  const info = [...baseInfo(quote, 'quote'), ...(validUntil ? [[t.validUntil, validUntil] as [string, string]] : []), ...serviceInfo(quote, 'delivery'), ...buyerInfo(quote)];
  return renderLayout(pricedLayout(quote, 'quote', {
    info,
    paragraphs: [
      ...(validUntil ? [t.quoteValidity(validUntil)] : []),
      ...(quote.paymentTermsDays ? [t.quoteTerms(quote.paymentTermsDays)] : []),
      t.closing.quote,
    ],
    payment: null,
  }));
}
