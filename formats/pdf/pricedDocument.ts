import { formatIban } from '../../domain/company';
import { lineGrossCents, showsGrossPrices, unitGrossCents, type PricedDocument } from '../../domain/invoice';
import { roundHalfUp } from '../../domain/money';
import { documentTexts, formatDocumentDate, formatMoney, formatPercent, formatQuantity, type DocumentPurpose } from '../documentTexts';
import { epcPayload, epcQrMatrix } from '../epcQr';
import type { LayoutColumn, LayoutPayment, LayoutRow, LayoutSpec, LayoutTotal } from './layout';

/**
 * The parts every priced document (quote, order confirmation, invoice, cancellation invoice) shows the same way:
 * recipient, line table, totals per VAT rate and legal notes. Business customers see net prices with VAT added per
 * rate; consumers (B2C) see gross prices, with the VAT contained per rate and its net base.
 */
export function pricedLayout(
  doc: PricedDocument,
  purpose: Exclude<DocumentPurpose, 'delivery_note'>,
  parts: { info: Array<[string, string]>; paragraphs: string[]; payment: LayoutPayment | null },
): LayoutSpec {
  const t = documentTexts[doc.locale];
  const money = (cents: number) => formatMoney(cents, doc.locale);
  const gross = showsGrossPrices(doc);
  const withVat = (cents: number, rate: number) => (gross ? roundHalfUp(cents * (100 + rate), 100) : cents);
  const hasVatColumn = doc.taxTreatment === 'standard';

  const columns: LayoutColumn[] = [
    { header: t.columns.position, width: 26, align: 'left' },
    { header: t.columns.description, width: null, align: 'left' },
    { header: t.columns.quantity, width: 72, align: 'right' },
    ...(hasVatColumn ? [{ header: t.columns.vat, width: 34, align: 'right' as const }] : []),
    { header: gross ? t.columns.unitPriceGross : t.columns.unitPrice, width: 76, align: 'right' },
    { header: gross ? t.columns.amountGross : t.columns.amount, width: 76, align: 'right' },
  ];
  const rows: LayoutRow[] = doc.lines.map((l) => {
    const details: string[] = [];
    if (l.sku) details.push(t.skuLine(l.sku));
    if (l.discountCents !== 0) {
      const percent = l.discount?.kind === 'percent' ? formatPercent(l.discount.basisPoints, doc.locale) : null;
      details.push(t.lineDiscount(percent, money(Math.abs(withVat(l.discountCents, l.vatRate)))));
    }
    return {
      cells: [
        String(l.position),
        l.name,
        `${formatQuantity(l.quantity, doc.locale)} ${l.unit.name}`,
        ...(hasVatColumn ? [t.rate(l.vatRate)] : []),
        money(gross ? unitGrossCents(l) : l.unitPriceCents),
        money(gross ? lineGrossCents(l) : l.netCents),
      ],
      detail: details.length ? details.join(' · ') : null,
    };
  });

  const totals: LayoutTotal[] = [];
  const row = (label: string, cents: number, strong = false) => totals.push({ label, value: money(cents), strong });
  const discountPercent = doc.documentDiscount?.kind === 'percent' ? formatPercent(doc.documentDiscount.basisPoints, doc.locale) : null;
  const taxed = doc.totals.byRate.filter((r) => r.category === 'S' || r.category === 'Z');
  if (gross) {
    if (doc.totals.discountCents !== 0) {
      // Gross figures of a discount are rounded for display; the items' sum is derived so the block adds up.
      const discounts = doc.totals.byRate.filter((r) => r.discountCents !== 0).map((r) => ({ rate: r.rate, cents: withVat(r.discountCents, r.rate) }));
      row(t.itemsTotal, doc.totals.grossCents + discounts.reduce((s, d) => s + d.cents, 0));
      for (const d of discounts) row(t.documentDiscount(discountPercent, d.rate), -d.cents);
    }
    row(t.grossTotal, doc.totals.grossCents, true);
    for (const r of taxed) totals.push({ label: t.vatIncluded(r.rate, money(r.netCents)), value: money(r.vatCents), strong: false });
  } else {
    if (doc.totals.discountCents !== 0) {
      row(t.linesTotal, doc.totals.linesNetCents);
      for (const r of doc.totals.byRate) if (r.discountCents !== 0) row(t.documentDiscount(discountPercent, r.rate), -r.discountCents);
    }
    row(t.netTotal, doc.totals.netCents);
    for (const r of taxed) row(t.vatAt(r.rate, money(r.netCents)), r.vatCents);
    row(t.grossTotal, doc.totals.grossCents, true);
  }

  const recipient = doc.buyer.address;
  return {
    locale: doc.locale,
    title: `${t.title[purpose]} ${doc.number}`,
    createdAt: new Date(`${doc.issueDate}T00:00:00Z`),
    seller: doc.seller,
    recipient: { ...recipient, name: doc.buyer.name },
    info: parts.info,
    salutation: t.salutation,
    intro: t.intro[purpose],
    columns,
    rows,
    totals,
    paragraphs: [...doc.notes.map((n) => t.notes[n]), ...parts.paragraphs],
    payment: parts.payment,
    signature: null,
  };
}

/** Info rows every priced document starts with: its number, date, customer number. */
export function baseInfo(doc: PricedDocument, purpose: Exclude<DocumentPurpose, 'delivery_note'>): Array<[string, string]> {
  const t = documentTexts[doc.locale];
  const rows: Array<[string, string]> = [[t.numberLabel[purpose], doc.number], [t.date, formatDocumentDate(doc.issueDate, doc.locale)]];
  if (doc.buyer.customerNumber) rows.push([t.customerNumber, doc.buyer.customerNumber]);
  if (doc.orderNumber && purpose !== 'order_confirmation') rows.push([t.orderNumber, doc.orderNumber]);
  return rows;
}

/** Service date or period, as §14 (4) Nr. 6 UStG asks. */
export function serviceInfo(doc: PricedDocument, label: 'service' | 'delivery'): Array<[string, string]> {
  const t = documentTexts[doc.locale];
  const s = doc.service;
  if (!s) return [];
  if (s.kind === 'date') return [[label === 'delivery' ? t.deliveryDate : t.serviceDate, formatDocumentDate(s.date, doc.locale)]];
  return [[t.servicePeriod, `${formatDocumentDate(s.from, doc.locale)} – ${formatDocumentDate(s.to, doc.locale)}`]];
}

export function buyerInfo(doc: PricedDocument): Array<[string, string]> {
  const t = documentTexts[doc.locale];
  const rows: Array<[string, string]> = [];
  if (doc.buyer.vatId && doc.buyer.kind === 'b2b') rows.push([t.buyerVatId, doc.buyer.vatId]);
  if (doc.buyer.buyerReference) rows.push([t.buyerReference, doc.buyer.buyerReference]);
  rows.push([t.contact, doc.seller.contact.name]);
  return rows;
}

/** Bank details and, when an amount is to be paid, the GiroCode with the document number as remittance. */
export function paymentBox(doc: PricedDocument, amountCents: number | null): LayoutPayment | null {
  const t = documentTexts[doc.locale];
  const s = doc.seller;
  if (!s.iban) return null;
  const lines: Array<[string, string]> = [];
  if (s.bankName) lines.push([t.bank, s.bankName]);
  lines.push([t.iban, formatIban(s.iban)]);
  if (s.bic) lines.push([t.bic, s.bic]);
  lines.push([t.reference, doc.number]);
  if (amountCents !== null) lines.push([t.amountDue, formatMoney(amountCents, doc.locale)]);
  const epc = amountCents !== null ? epcPayload({ beneficiary: s.name, iban: s.iban, bic: s.bic, amountCents, remittance: doc.number }) : null;
  return { lines, qr: epc?.ok ? epcQrMatrix(epc.payload) : null, qrCaption: t.qrCaption };
}
