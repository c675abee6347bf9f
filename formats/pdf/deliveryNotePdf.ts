import type { DeliveryNote } from '../../domain/deliveryNote';
import { documentTexts, formatDocumentDate, formatQuantity } from '../documentTexts';
import { renderLayout } from './layout';

/** The delivery note (Lieferschein): what is in the parcel and where it goes – no prices – and a line to sign. */
export async function renderDeliveryNotePdf(note: DeliveryNote): Promise<Buffer> {
  const t = documentTexts[note.locale];
  const date = (d: string) => formatDocumentDate(d, note.locale);
  const info: Array<[string, string]> = [
    [t.numberLabel.delivery_note, note.number],
    [t.date, date(note.issueDate)],
    ...(note.buyer.customerNumber ? [[t.customerNumber, note.buyer.customerNumber] as [string, string]] : []),
    [t.orderNumber, note.orderNumber],
    [t.deliveryDate, date(note.deliveryDate)],
    ...(note.carrier ? [[t.carrier, note.carrier] as [string, string]] : []),
    ...(note.trackingNumber ? [[t.trackingNumber, note.trackingNumber] as [string, string]] : []),
  ];
  const shipTo = note.deliveryAddress;
  const paragraphs = shipTo ? [`${t.deliveryAddress}: ${[shipTo.name, shipTo.street, `${shipTo.postcode} ${shipTo.city}`].join(', ')}`] : [];
  return renderLayout({
    locale: note.locale,
    title: `${t.title.delivery_note} ${note.number}`,
    createdAt: new Date(`${note.issueDate}T00:00:00Z`),
    seller: note.seller,
    recipient: { ...note.buyer.address, name: note.buyer.name },
    info,
    salutation: t.salutation,
    intro: t.intro.delivery_note,
    columns: [
      { header: t.columns.position, width: 26, align: 'left' },
      { header: t.columns.sku, width: 90, align: 'left' },
      { header: t.columns.description, width: null, align: 'left' },
      { header: t.columns.quantity, width: 90, align: 'right' },
    ],
    rows: note.lines.map((l) => ({
      cells: [String(l.position), l.sku ?? '', l.name, `${formatQuantity(l.quantity, note.locale)} ${l.unit.name}`],
      detail: null,
    })),
    totals: [],
    paragraphs: [...paragraphs, t.closing.delivery_note],
    payment: null,
    signature: t.receivedBy,
  });
}
