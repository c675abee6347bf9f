import type { InvoiceField } from './invoice';
import type { Locale } from './locale';

/** What checkInvoice reports as missing, in words staff read ("Es fehlt: Leistungsdatum, USt-IdNr. des Kunden"). */
export const invoiceFieldNames: Record<Locale, Record<InvoiceField, string>> = {
  de: {
    seller_name: 'Name des Verkäufers',
    seller_address: 'Anschrift des Verkäufers',
    seller_tax_id: 'Steuernummer oder USt-IdNr. des Verkäufers',
    buyer_name: 'Name des Kunden',
    buyer_address: 'Anschrift des Kunden',
    invoice_number: 'Rechnungsnummer',
    issue_date: 'Rechnungsdatum',
    service_date: 'Liefer- bzw. Leistungsdatum',
    line_description: 'Bezeichnung jeder Position',
    line_quantity: 'Menge und Einheit jeder Position',
    seller_vat_id: 'USt-IdNr. des Verkäufers',
    buyer_vat_id: 'USt-IdNr. des Kunden',
    cancelled_invoice: 'stornierte Rechnung',
    buyer_reference: 'Leitweg-ID des öffentlichen Auftraggebers',
  },
  en: {
    seller_name: "seller's name",
    seller_address: "seller's address",
    seller_tax_id: "seller's tax number or VAT ID",
    buyer_name: "customer's name",
    buyer_address: "customer's address",
    invoice_number: 'invoice number',
    issue_date: 'invoice date',
    service_date: 'date of delivery or service',
    line_description: 'description of every line',
    line_quantity: 'quantity and unit of every line',
    seller_vat_id: "seller's VAT ID",
    buyer_vat_id: "customer's VAT ID",
    cancelled_invoice: 'the cancelled invoice',
    buyer_reference: "public buyer's Leitweg-ID",
  },
};
