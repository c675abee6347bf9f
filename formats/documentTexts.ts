import type { Locale } from '../domain/locale';
import { formatMoney } from '../domain/money';

/** What a document is for: one renderer each, one layout for all. */
export type DocumentPurpose = 'quote' | 'order_confirmation' | 'delivery_note' | 'invoice' | 'cancellation';

/** Every word the documents print or put into an e-invoice, in German and English. */
export interface DocumentTexts {
  title: Record<DocumentPurpose, string>;
  numberLabel: Record<DocumentPurpose, string>;
  intro: Record<DocumentPurpose, string>;
  date: string;
  customerNumber: string;
  orderNumber: string;
  serviceDate: string;
  servicePeriod: string;
  deliveryDate: string;
  dueDate: string;
  validUntil: string;
  buyerVatId: string;
  buyerReference: string;
  contact: string;
  salutation: string;
  columns: { position: string; sku: string; description: string; quantity: string; vat: string; unitPrice: string; unitPriceGross: string; amount: string; amountGross: string };
  /** "Art.-Nr. PAP-A4-500" below a line's name. */
  skuLine: (sku: string) => string;
  /** A line's VAT rate: "19 %" / "19%". */
  rate: (rate: number) => string;
  discount: string;
  lineDiscount: (percent: string | null, amount: string) => string;
  linesTotal: string;
  /** B2C: the items' gross sum before a document discount. */
  itemsTotal: string;
  documentDiscount: (percent: string | null, rate: number) => string;
  netTotal: string;
  vatAt: (rate: number, base: string) => string;
  vatIncluded: (rate: number, base: string) => string;
  grossTotal: string;
  amountDue: string;
  notes: { small_business: string; reverse_charge: string; small_amount: string };
  cancellationOf: (number: string, date: string) => string;
  cancellationSettlement: string;
  paymentTerms: (days: number, dueDate: string) => string;
  paymentOnReceipt: (dueDate: string) => string;
  quoteValidity: (date: string) => string;
  quoteTerms: (days: number) => string;
  orderConfirmationTerms: (days: number) => string;
  bankDetails: string;
  bank: string;
  iban: string;
  bic: string;
  reference: string;
  qrCaption: string;
  carrier: string;
  trackingNumber: string;
  deliveryAddress: string;
  receivedBy: string;
  vatId: string;
  taxNumber: string;
  managingDirectors: string;
  page: (n: number, of: number) => string;
  closing: Record<DocumentPurpose, string>;
  /** e-invoice: name of the payment means (BT-82). */
  creditTransfer: string;
}

export const documentTexts: Record<Locale, DocumentTexts> = {
  de: {
    title: { quote: 'Angebot', order_confirmation: 'Auftragsbestätigung', delivery_note: 'Lieferschein', invoice: 'Rechnung', cancellation: 'Stornorechnung' },
    numberLabel: { quote: 'Angebotsnr.', order_confirmation: 'Auftragsnr.', delivery_note: 'Lieferschein-Nr.', invoice: 'Rechnungsnr.', cancellation: 'Stornonr.' },
    intro: {
      quote: 'vielen Dank für Ihre Anfrage. Gerne bieten wir Ihnen an:',
      order_confirmation: 'vielen Dank für Ihren Auftrag. Wir bestätigen ihn wie folgt:',
      delivery_note: 'wir liefern Ihnen heute:',
      invoice: 'vielen Dank für Ihren Auftrag. Wir berechnen Ihnen:',
      cancellation: 'hiermit stornieren wir die unten genannte Rechnung vollständig:',
    },
    date: 'Datum',
    customerNumber: 'Kundennr.',
    orderNumber: 'Auftragsnr.',
    serviceDate: 'Leistungsdatum',
    servicePeriod: 'Leistungszeitraum',
    deliveryDate: 'Liefertermin',
    dueDate: 'Fällig am',
    validUntil: 'Gültig bis',
    buyerVatId: 'Ihre USt-IdNr.',
    buyerReference: 'Leitweg-ID / Ihr Zeichen',
    contact: 'Ansprechpartner',
    salutation: 'Sehr geehrte Damen und Herren,',
    skuLine: (sku) => `Art.-Nr. ${sku}`,
    rate: (rate) => `${rate} %`,
    columns: { position: 'Pos.', sku: 'Art.-Nr.', description: 'Bezeichnung', quantity: 'Menge', vat: 'USt', unitPrice: 'Einzelpreis netto', unitPriceGross: 'Einzelpreis', amount: 'Betrag netto', amountGross: 'Betrag' },
    discount: 'Rabatt',
    lineDiscount: (percent, amount) => `abzüglich Rabatt${percent ? ` ${percent}` : ''}: ${amount}`,
    linesTotal: 'Summe Positionen (netto)',
    itemsTotal: 'Summe Positionen',
    documentDiscount: (percent, rate) => `Rabatt${percent ? ` ${percent}` : ''} auf Positionen mit ${rate} %`,
    netTotal: 'Nettobetrag',
    vatAt: (rate, base) => `USt ${rate} % auf ${base}`,
    vatIncluded: (rate, base) => `enthaltene USt ${rate} % (netto ${base})`,
    grossTotal: 'Gesamtbetrag',
    amountDue: 'Zahlbetrag',
    notes: {
      small_business: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmer).',
      reverse_charge: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, § 13b UStG). Die Umsatzsteuer schuldet der Leistungsempfänger.',
      small_amount: 'Kleinbetragsrechnung gemäß § 33 UStDV.',
    },
    cancellationOf: (number, date) => `Storno zur Rechnung ${number} vom ${date}.`,
    cancellationSettlement: 'Bereits gezahlte Beträge erstatten wir Ihnen auf Ihr Konto.',
    paymentTerms: (days, dueDate) => `Zahlbar ohne Abzug innerhalb von ${days} Tagen bis zum ${dueDate}.`,
    paymentOnReceipt: (dueDate) => `Zahlbar sofort ohne Abzug, spätestens am ${dueDate}.`,
    quoteValidity: (date) => `Dieses Angebot gilt bis zum ${date}.`,
    quoteTerms: (days) => `Zahlungsbedingungen: ${days} Tage netto ab Rechnungsdatum.`,
    orderConfirmationTerms: (days) => `Die Rechnung folgt mit der Lieferung; zahlbar ${days} Tage netto.`,
    bankDetails: 'Bankverbindung',
    bank: 'Bank',
    iban: 'IBAN',
    bic: 'BIC',
    reference: 'Verwendungszweck',
    qrCaption: 'GiroCode: mit der Banking-App scannen',
    carrier: 'Versand mit',
    trackingNumber: 'Sendungsnummer',
    deliveryAddress: 'Lieferanschrift',
    receivedBy: 'Ware vollständig und unbeschädigt erhalten (Datum, Unterschrift)',
    vatId: 'USt-IdNr.',
    taxNumber: 'Steuernr.',
    managingDirectors: 'Geschäftsführung',
    page: (n, of) => `Seite ${n} von ${of}`,
    closing: {
      quote: 'Wir freuen uns auf Ihren Auftrag.',
      order_confirmation: 'Bei Fragen zu Ihrem Auftrag sind wir gern für Sie da.',
      delivery_note: 'Bitte prüfen Sie die Lieferung bei Erhalt.',
      invoice: 'Vielen Dank für die gute Zusammenarbeit.',
      cancellation: 'Eine korrigierte Rechnung erhalten Sie gegebenenfalls gesondert.',
    },
    creditTransfer: 'SEPA-Überweisung',
  },
  en: {
    title: { quote: 'Quotation', order_confirmation: 'Order confirmation', delivery_note: 'Delivery note', invoice: 'Invoice', cancellation: 'Cancellation invoice' },
    numberLabel: { quote: 'Quotation no.', order_confirmation: 'Order no.', delivery_note: 'Delivery note no.', invoice: 'Invoice no.', cancellation: 'Cancellation no.' },
    intro: {
      quote: 'Thank you for your enquiry. We are pleased to offer:',
      order_confirmation: 'Thank you for your order, which we confirm as follows:',
      delivery_note: 'Today we deliver:',
      invoice: 'Thank you for your order. We invoice you for:',
      cancellation: 'We hereby cancel the invoice named below in full:',
    },
    date: 'Date',
    customerNumber: 'Customer no.',
    orderNumber: 'Order no.',
    serviceDate: 'Date of supply',
    servicePeriod: 'Period of supply',
    deliveryDate: 'Delivery date',
    dueDate: 'Due date',
    validUntil: 'Valid until',
    buyerVatId: 'Your VAT ID',
    buyerReference: 'Buyer reference',
    contact: 'Contact',
    salutation: 'Dear Sir or Madam,',
    skuLine: (sku) => `SKU ${sku}`,
    rate: (rate) => `${rate}%`,
    columns: { position: 'Item', sku: 'SKU', description: 'Description', quantity: 'Quantity', vat: 'VAT', unitPrice: 'Unit price (net)', unitPriceGross: 'Unit price', amount: 'Amount (net)', amountGross: 'Amount' },
    discount: 'Discount',
    lineDiscount: (percent, amount) => `less discount${percent ? ` ${percent}` : ''}: ${amount}`,
    linesTotal: 'Total of items (net)',
    itemsTotal: 'Total of items',
    documentDiscount: (percent, rate) => `Discount${percent ? ` ${percent}` : ''} on items at ${rate}%`,
    netTotal: 'Net amount',
    vatAt: (rate, base) => `VAT ${rate}% on ${base}`,
    vatIncluded: (rate, base) => `incl. VAT ${rate}% (net ${base})`,
    grossTotal: 'Total',
    amountDue: 'Amount due',
    notes: {
      small_business: 'No VAT is charged: small business under section 19 of the German VAT Act (§ 19 UStG).',
      reverse_charge: 'Reverse charge: VAT is owed by the recipient of the supply (Steuerschuldnerschaft des Leistungsempfängers, § 13b UStG; Art. 196 Directive 2006/112/EC).',
      small_amount: 'Small-amount invoice under § 33 UStDV.',
    },
    cancellationOf: (number, date) => `Cancels invoice ${number} of ${date}.`,
    cancellationSettlement: 'Any amount already paid will be refunded to your account.',
    paymentTerms: (days, dueDate) => `Payable without deduction within ${days} days, by ${dueDate}.`,
    paymentOnReceipt: (dueDate) => `Payable immediately without deduction, by ${dueDate} at the latest.`,
    quoteValidity: (date) => `This quotation is valid until ${date}.`,
    quoteTerms: (days) => `Terms of payment: ${days} days net from the invoice date.`,
    orderConfirmationTerms: (days) => `The invoice follows with the delivery; payable ${days} days net.`,
    bankDetails: 'Bank details',
    bank: 'Bank',
    iban: 'IBAN',
    bic: 'BIC',
    reference: 'Reference',
    qrCaption: 'EPC QR code: scan with your banking app',
    carrier: 'Shipped with',
    trackingNumber: 'Tracking number',
    deliveryAddress: 'Delivery address',
    receivedBy: 'Goods received complete and undamaged (date, signature)',
    vatId: 'VAT ID',
    taxNumber: 'Tax no.',
    managingDirectors: 'Managing directors',
    page: (n, of) => `Page ${n} of ${of}`,
    closing: {
      quote: 'We look forward to your order.',
      order_confirmation: 'If you have any questions about your order, we are happy to help.',
      delivery_note: 'Please check the delivery on receipt.',
      invoice: 'Thank you for your business.',
      cancellation: 'A corrected invoice, if any, will follow separately.',
    },
    creditTransfer: 'SEPA credit transfer',
  },
};

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/** "01.12.2026" (de) / "1 December 2026" (en) from "2026-12-01". */
export function formatDocumentDate(date: string, locale: Locale): string {
  return dateFormats[locale].format(new Date(`${date}T00:00:00Z`));
}

const quantityFormats: Record<Locale, Intl.NumberFormat> = {
  de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 3 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }),
};

export function formatQuantity(quantity: number, locale: Locale): string {
  return quantityFormats[locale].format(quantity);
}

/** "12,5 %" / "12.5%" from basis points. */
export function formatPercent(basisPoints: number, locale: Locale): string {
  const n = quantityFormats[locale].format(basisPoints / 100);
  return locale === 'de' ? `${n} %` : `${n}%`;
}

export { formatMoney };
