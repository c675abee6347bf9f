import type { PricedDocument } from '../../domain/invoice';
import { documentTexts, formatDocumentDate } from '../documentTexts';
import { renderLayout } from './layout';
import { baseInfo, buyerInfo, pricedLayout, serviceInfo } from './pricedDocument';

/** The cancellation invoice (Stornorechnung): own number, the invoice it cancels, the same lines negated. */
export async function renderCancellationPdf(cancellation: PricedDocument): Promise<Buffer> {
  if (cancellation.kind !== 'cancellation' || !cancellation.cancels) {
    throw new TypeError(`renderCancellationPdf needs a cancellation invoice, got ${cancellation.kind}`);
  }
  const t = documentTexts[cancellation.locale];
  const original = cancellation.cancels;
  const originalDate = formatDocumentDate(original.issueDate, cancellation.locale);
  const info: Array<[string, string]> = [
    ...baseInfo(cancellation, 'cancellation'),
    [documentTexts[cancellation.locale].title.invoice, `${original.number} (${originalDate})`],
    ...serviceInfo(cancellation, 'service'),
    ...buyerInfo(cancellation),
  ];
  return renderLayout(pricedLayout(cancellation, 'cancellation', {
    info,
    paragraphs: [t.cancellationOf(original.number, originalDate), t.cancellationSettlement, t.closing.cancellation],
    payment: null,
  }));
}
