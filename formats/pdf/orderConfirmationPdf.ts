import type { PricedDocument } from '../../domain/invoice';
import { documentTexts } from '../documentTexts';
import { renderLayout } from './layout';
import { baseInfo, buyerInfo, pricedLayout, serviceInfo } from './pricedDocument';

/** The order confirmation (Auftragsbestätigung): what was ordered at which prices, when it comes, how it is paid. */
export async function renderOrderConfirmationPdf(confirmation: PricedDocument): Promise<Buffer> {
  if (confirmation.kind !== 'order_confirmation') throw new TypeError(`renderOrderConfirmationPdf needs an order confirmation, got ${confirmation.kind}`);
  const t = documentTexts[confirmation.locale];
  const info = [...baseInfo(confirmation, 'order_confirmation'), ...serviceInfo(confirmation, 'delivery'), ...buyerInfo(confirmation)];
  return renderLayout(pricedLayout(confirmation, 'order_confirmation', {
    info,
    paragraphs: [...(confirmation.paymentTermsDays ? [t.orderConfirmationTerms(confirmation.paymentTermsDays)] : []), t.closing.order_confirmation],
    payment: null,
  }));
}
