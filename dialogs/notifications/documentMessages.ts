import { bindCard } from '../../cards/bind';
import { DOCUMENT_LINK_DAYS, documentPath } from '../../data/documentLinks';
import { formatDate } from '../format';
import { invoiceTexts } from '../texts/invoices';
import type { NotificationKind, RenderContext, RenderedMessage, Unrenderable } from './kind';
import { isUnrenderable } from './kind';

/**
 * The order confirmation and each delivery note travel with their messages: the message reads as before and carries
 * a card with the document's signed download link for this reader (order confirmation: the order number; delivery
 * note: the LS number the shipment's payload names).
 */
function withDocument(inner: NotificationKind, document: 'order_confirmation' | 'delivery_note'): NotificationKind {
  return {
    ...inner,
    async render(ctx: RenderContext): Promise<RenderedMessage | Unrenderable> {
      const message = await inner.render(ctx);
      if (isUnrenderable(message) || message.card || !ctx.viewer) return message;
      const number = document === 'order_confirmation' ? String(ctx.row.payload.orderNumber ?? '') : String(ctx.row.payload.deliveryNote ?? '');
      if (!number) return message;
      const written = new Date(ctx.row.createdAt);
      const link = await documentPath(ctx.db, number, ctx.viewer.id, written);
      const until = new Date(written.getTime() + DOCUMENT_LINK_DAYS * 86_400_000).toISOString().slice(0, 10);
      const card = bindCard('documentLink', {
        title: invoiceTexts(ctx.locale, document === 'order_confirmation' ? 'docOrderConfirmation' : 'docDeliveryNote'),
        number: document === 'order_confirmation' ? invoiceTexts(ctx.locale, 'docOrderNumber', { number }) : number,
        downloadLabel: invoiceTexts(ctx.locale, 'download'), link,
        validity: invoiceTexts(ctx.locale, 'docValidUntil', { date: formatDate(until, ctx.locale) }),
      });
      return { ...message, card };
    },
  };
}

export function documentMessages(orderMessages: Record<string, NotificationKind>): Record<string, NotificationKind> {
  return {
    order_confirmed: withDocument(orderMessages.order_confirmed, 'order_confirmation'),
    order_shipped: withDocument(orderMessages.order_shipped, 'delivery_note'),
  };
}
