import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { DeliveryNote } from '../../domain/deliveryNote';
import { cancelInvoice, type LineInput } from '../../domain/invoice';
import { epcPayload } from '../../formats/epcQr';
import { renderCancellationPdf } from '../../formats/pdf/cancellationPdf';
import { renderDeliveryNotePdf } from '../../formats/pdf/deliveryNotePdf';
import { renderInvoicePdf } from '../../formats/pdf/invoicePdf';
import { renderOrderConfirmationPdf } from '../../formats/pdf/orderConfirmationPdf';
import { renderQuotePdf } from '../../formats/pdf/quotePdf';
import { coffee, compute, mueller, paper, schmidt, seller, toner, wienerBuero } from './fixtures';
import { hasTool, pdfFonts, pdfPages, renderPng } from './tools';

const poppler = hasTool('pdftotext') && hasTool('pdftoppm') && hasTool('pdffonts');
if (!poppler) console.warn('[skip] test/documents/pdf.test.ts: poppler-utils not installed (apt-get install poppler-utils)');
const run = poppler ? describe : describe.skip;

/**
 * pdftotext -layout pads columns with runs of spaces and wraps paragraphs; one space is enough to compare, and the
 * narrow gap in "7 %" is sometimes read as none, so expectations are compared the same way.
 */
const squeeze = (s: string) => s.replace(/\s+/g, ' ').replace(/ %/g, '%');
const expectAll = (text: string, expected: string[]) => {
  for (const e of expected) expect(text).toContain(squeeze(e));
};

run('PDF documents', () => {
  test('an invoice shows every §14 (4) UStG field, the totals per rate and the payment terms (German)', async () => {
    const invoice = compute({ lines: [paper, { ...toner, discount: { kind: 'percent', basisPoints: 1000 } }, coffee] });
    const pages = (await renderInvoicePdf(invoice).then(pdfPages)).map(squeeze);
    expect(pages).toHaveLength(1);
    const text = pages[0];
    expectAll(text, [
      'Rechnung RE-2026-0004',
      // seller: name, address, VAT id, tax number
      'Bürowerk GmbH · Friedrichstraße 100 · 10117 Berlin', 'USt-IdNr.: DE123456789', 'Steuernr.: 30/123/45678', 'Amtsgericht Charlottenburg, HRB 123456 B',
      // buyer
      'Müller Bau GmbH', 'Hauptstraße 12', '10827 Berlin', 'Ihre USt-IdNr. DE811111111',
      // number, dates
      'Rechnungsnr. RE-2026-0004', 'Datum 01.12.2026', 'Leistungsdatum 27.11.2026', 'Fällig am 15.12.2026', 'Kundennr. 10001', 'Auftragsnr. 1003',
      // lines: quantity, name, rate, prices
      '1 Kopierpapier A4, 500 Blatt 10 Paket 19 % 4,99 € 49,90 €', '2 Toner schwarz 2 Stück 19 % 89,90 € 161,82 €', 'abzüglich Rabatt 10 %: 17,98 €',
      '3 Kaffeebohnen 1 kg 3 Packung 7 % 15,99 € 47,97 €',
      // totals per rate
      'Nettobetrag 259,69 €', 'USt 19 % auf 211,72 € 40,23 €', 'USt 7 % auf 47,97 € 3,36 €', 'Gesamtbetrag 303,28 €',
      'Zahlbar ohne Abzug innerhalb von 14 Tagen bis zum 15.12.2026.',
      'IBAN DE02 1203 0000 0000 2020 51', 'BIC BYLADEM1001', 'Verwendungszweck RE-2026-0004', 'Zahlbetrag 303,28 €',
      'Seite 1 von 1',
    ]);
    expect(invoice.totals).toMatchObject({ netCents: 25969, vatCents: 4359, grossCents: 30328 });
  });

  test('English for an English-speaking customer, with the reverse-charge note and no German VAT', async () => {
    const invoice = compute({ locale: 'en', buyer: wienerBuero, lines: [{ ...paper, name: 'Copy paper A4, 500 sheets', unit: { name: 'ream', code: 'XPK' } }] });
    const text = squeeze((await renderInvoicePdf(invoice).then(pdfPages)).join('\n'));
    expectAll(text, [
      'Invoice RE-2026-0004', 'Invoice no. RE-2026-0004', 'Date 1 December 2026', 'Date of supply 27 November 2026', 'Due date 15 December 2026',
      'Your VAT ID ATU12345678', 'Wiener Büro OG', '1070 Wien', 'AUSTRIA',
      '1 Copy paper A4, 500 sheets 10 ream €4.99 €49.90',
      'Net amount €49.90', 'Total €49.90',
      'Reverse charge: VAT is owed by the recipient of the supply (Steuerschuldnerschaft des Leistungsempfängers',
      'Payable without deduction within 14 days, by 15 December 2026.', 'Bank details', 'Page 1 of 1', 'VAT ID: DE123456789',
    ]);
    expect(text).not.toMatch(/VAT 19%/);
  });

  test('names and addresses from any EU country print and extract as written', async () => {
    const buyer = { ...wienerBuero, name: 'Łódzka Spółka Biurowa sp. z o.o.', vatId: 'PL5260001246', address: { name: '', street: 'ul. Piotrkowska 120', postcode: '90-006', city: 'Łódź', country: 'PL' } };
    const text = squeeze((await renderInvoicePdf(compute({ locale: 'en', buyer, lines: [{ ...coffee, name: 'Kaffeebohnen „Crème“ – 1 kg' }] })).then(pdfPages)).join('\n'));
    expectAll(text, ['Łódzka Spółka Biurowa sp. z o.o.', 'ul. Piotrkowska 120', '90-006 Łódź', 'POLAND', 'Kaffeebohnen „Crème“ – 1 kg', 'Your VAT ID PL5260001246']);
  });

  test('§19 small business and §33 small amount carry their notes', async () => {
    const small = compute({ seller: { ...seller, smallBusiness: true, vatId: null }, lines: [coffee] });
    const text = squeeze((await renderInvoicePdf(small).then(pdfPages)).join('\n'));
    expectAll(text, ['Gemäß § 19 UStG wird keine Umsatzsteuer berechnet (Kleinunternehmer).', 'Kleinbetragsrechnung gemäß § 33 UStDV.', 'Steuernr.: 30/123/45678']);
    expect(text).not.toContain('USt-IdNr.: ');
    expect(text).not.toMatch(/USt 7 ?%/);
  });

  test('consumers see gross prices and the VAT contained per rate', async () => {
    const invoice = compute({ buyer: schmidt });
    const text = squeeze((await renderInvoicePdf(invoice).then(pdfPages)).join('\n'));
    expectAll(text, [
      'Einzelpreis Betrag',
      '1 Kopierpapier A4, 500 Blatt 10 Paket 19 % 5,94 € 59,38 €',
      'Gesamtbetrag 324,67 €',
      'enthaltene USt 19 % (netto 229,70 €) 43,64 €',
      'enthaltene USt 7 % (netto 47,97 €) 3,36 €',
    ]);
    expect(text).not.toContain('Ihre USt-IdNr.');

    // A document discount in gross figures: the block adds up (324.67 - 27.33 - 5.14 = 292.20).
    const discounted = squeeze((await renderInvoicePdf(compute({ buyer: schmidt, documentDiscount: { kind: 'percent', basisPoints: 1000 } })).then(pdfPages)).join('\n'));
    expectAll(discounted, [
      'Summe Positionen 324,67 €', 'Rabatt 10 % auf Positionen mit 19 % -27,33 €', 'Rabatt 10 % auf Positionen mit 7 % -5,14 €', 'Gesamtbetrag 292,20 €',
      'enthaltene USt 19 % (netto 206,73 €) 39,28 €', 'enthaltene USt 7 % (netto 43,17 €) 3,02 €',
    ]);
  });

  test('a long invoice breaks across pages with the table header repeated and "Seite n von m" on each', async () => {
    const lines: LineInput[] = Array.from({ length: 45 }, (_, i) => ({ ...paper, sku: `PAP-${i + 1}`, name: `Kopierpapier Sorte ${i + 1}`, quantity: i + 1 }));
    const pages = (await renderInvoicePdf(compute({ lines })).then(pdfPages)).map(squeeze);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      expect(page).toContain(`Seite ${i + 1} von ${pages.length}`);
      expect(page).toContain('USt-IdNr.: DE123456789'); // footer on every page
    });
    expect(pages[1]).toContain('Pos. Bezeichnung Menge USt Einzelpreis netto Betrag netto');
    expect(pages[1]).toContain('Rechnung RE-2026-0004');
    const all = pages.join('\n');
    for (let i = 1; i <= 45; i++) expect(all).toContain(`Kopierpapier Sorte ${i} `);
    // 1 + 2 + … + 45 = 1035 reams × 4.99 € = 5,164.65 €; 19 % = 981.2835 -> 981.28 €
    expectAll(all, ['Nettobetrag 5.164,65 €', 'USt 19 % auf 5.164,65 € 981,28 €', 'Gesamtbetrag 6.145,93 €']);
  });

  test('the GiroCode on the invoice decodes to the EPC payload of its amount and number', async () => {
    const invoice = compute();
    const png = PNG.sync.read(readFileSync(renderPng(await renderInvoicePdf(invoice), 'invoice-qr', 1, 200)));
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    const expected = epcPayload({ beneficiary: seller.name, iban: seller.iban!, bic: seller.bic, amountCents: 32467, remittance: 'RE-2026-0004' });
    if (!expected.ok) throw new Error(expected.reason);
    expect(code?.data).toBe(expected.payload);
  });

  test('the same invoice renders the same bytes; fonts are embedded subsets with German glyphs', async () => {
    const a = await renderInvoicePdf(compute());
    const b = await renderInvoicePdf(compute());
    expect(a.equals(b)).toBe(true);
    const fonts = pdfFonts(a);
    expect(fonts).toMatch(/Inter-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts).toMatch(/Inter-SemiBold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(pdfPages(a, false)[0]).toContain('Friedrichstraße'); // ß, like € and ä/ö/ü above, extracts back out
  });

  test('a cancellation invoice refers to its original and shows the amounts negated', async () => {
    const original = compute();
    const st = cancelInvoice(original, { number: 'ST-2026-0001', issueDate: '2026-12-03' });
    if (!st.ok) throw new Error(st.reason);
    const text = squeeze((await renderCancellationPdf(st.cancellation).then(pdfPages)).join('\n'));
    expectAll(text, [
      'Stornorechnung ST-2026-0001', 'Stornonr. ST-2026-0001', 'Rechnung RE-2026-0004 (01.12.2026)', 'Storno zur Rechnung RE-2026-0004 vom 01.12.2026.',
      '1 Kopierpapier A4, 500 Blatt -10 Paket 19 % 4,99 € -49,90 €', 'Nettobetrag -277,67 €', 'USt 19 % auf -229,70 € -43,64 €', 'Gesamtbetrag -324,67 €',
    ]);
    expect(text).not.toContain('Verwendungszweck'); // nothing to pay
  });

  test('quote and order confirmation share the layout with their own titles and terms', async () => {
    const quote = squeeze((await renderQuotePdf(compute({ kind: 'quote', number: 'AN-2026-0002', validUntil: '2026-12-31' })).then(pdfPages)).join('\n'));
    expectAll(quote, ['Angebot AN-2026-0002', 'Angebotsnr. AN-2026-0002', 'Gültig bis 31.12.2026', 'Dieses Angebot gilt bis zum 31.12.2026.', 'Gesamtbetrag 324,67 €', 'Seite 1 von 1']);
    expect(quote).not.toContain('Verwendungszweck');
    const oc = squeeze((await renderOrderConfirmationPdf(compute({ kind: 'order_confirmation', number: '1003', locale: 'en' })).then(pdfPages)).join('\n'));
    expectAll(oc, ['Order confirmation 1003', 'Order no. 1003', 'Delivery date 27 November 2026', 'Total €324.67', 'payable 14 days net']);
  });

  test('a delivery note lists goods and quantities without any price', async () => {
    const note: DeliveryNote = {
      number: 'LS-1001', orderNumber: '1003', issueDate: '2026-11-27', deliveryDate: '2026-11-27', locale: 'de', seller, buyer: mueller,
      deliveryAddress: { name: 'Müller Bau GmbH, Baustelle', street: 'Am Hafen 3', postcode: '10245', city: 'Berlin', country: 'DE' },
      carrier: 'DHL', trackingNumber: '00340434161094042557',
      lines: [paper, toner].map((l, i) => ({ position: i + 1, sku: l.sku, name: l.name, quantity: l.quantity, unit: l.unit })),
    };
    const text = squeeze((await renderDeliveryNotePdf(note).then(pdfPages)).join('\n'));
    expectAll(text, ['Lieferschein LS-1001', 'Auftragsnr. 1003', 'Versand mit DHL', 'Sendungsnummer 00340434161094042557', '1 PAP-A4-500 Kopierpapier A4, 500 Blatt 10 Paket', 'Lieferanschrift: Müller Bau GmbH, Baustelle, Am Hafen 3, 10245 Berlin', 'Ware vollständig und unbeschädigt erhalten']);
    expect(text).not.toMatch(/€/);
  });

  test('renders page 1 of an invoice to test-artifacts/invoice-page1.png for a look', async () => {
    const invoice = compute({ lines: [paper, { ...toner, discount: { kind: 'percent', basisPoints: 1000 } }, coffee], documentDiscount: { kind: 'percent', basisPoints: 300 } });
    const file = renderPng(await renderInvoicePdf(invoice), 'invoice-page1');
    const png = PNG.sync.read(readFileSync(file));
    expect(png.width).toBe(662); // A4 at 80 dpi: 210 × 297 mm
    expect(Math.abs(png.height - 936)).toBeLessThanOrEqual(1);
  });
});
