import { bindCard, type CardAttachment } from '../../cards/bind';
import type { OrderView } from '../../data/orders';
import type { Locale } from '../../domain/locale';
import { staffTexts } from '../texts/staff';

export const carriers = ['DHL', 'DPD', 'UPS', 'GLS', 'Hermes', 'Spedition'];

/** Lines that can still go out, with what is still open of each. */
export function openShippingLines(view: OrderView) {
  return view.lines
    .filter((l) => l.kind !== 'service' && l.quantity > l.shippedQuantity)
    .map((l) => ({ line: l, remaining: l.quantity - l.shippedQuantity }));
}

export function shippingFormCard(view: OrderView, locale: Locale): CardAttachment {
  return bindCard('shippingForm', {
    title: staffTexts(locale, 'shipTitle', { number: view.number }),
    carrierLabel: staffTexts(locale, 'shipCarrier'),
    carrier: carriers[0],
    carriers: carriers.map((name) => ({ name })),
    trackingLabel: staffTexts(locale, 'shipTracking'),
    linesIntro: staffTexts(locale, 'shipLinesIntro'),
    lines: openShippingLines(view).map(({ line, remaining }) => ({
      inputId: `qty_${line.lineNo}`,
      label: staffTexts(locale, 'shipLine', { name: line.name[locale], remaining, unit: line.unit[locale] }),
      remaining,
    })),
    submitTitle: staffTexts(locale, 'shipSubmit'),
    submitData: { action: 'staff.ship', order: view.number, version: view.version },
  });
}
