import { documentPath } from '../../data/documentLinks';
import { acceptQuote, createQuote, sendQuote } from '../../operations';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';
import { hasTool, pdfPages, renderPng } from '../documents/tools';
import { demoActors, monday } from '../orders/actors';

const poppler = hasTool('pdftotext');
if (!poppler) console.warn('[skip] test/quotes/quoteDocuments.test.ts (PDF text): poppler-utils not installed');
const squeeze = (pages: string[]) => pages.join('\n').replace(/[ \t]+/g, ' ');

/**
 * The quote PDF behind its signed link (AN-… numbers): letterhead, addresses, lines with discounts, totals per VAT
 * rate, validity and page numbers in the customer's language, read back with pdftotext; the same access rules as
 * every document (the customer only their own, staff by role).
 */
describeEachDatabase('quote documents', ({ get }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(get());
  });
  afterAll(async () => server.close());

  const fetchAs = async (number: string, personId: number) => fetch(`${server.url}${await documentPath(server.app.db, number, personId, new Date())}`);

  (poppler ? it : it.skip)('German and English quote PDFs by extracted text; access for the own customer and staff only', async () => {
    const db = server.app.db;
    const a = await demoActors(db);
    const made = await createQuote(db, a.sales, {
      customerId: a.customers.mueller, validDays: 14, documentDiscountBasisPoints: 1000,
      lines: [{ sku: 'CHAIR-ERGO', quantity: 2 }, { sku: 'DESK-160', quantity: 1, discountBasisPoints: 500 }, { sku: 'COFFEE-1KG', quantity: 2 }],
    }, monday);
    if (!made.ok) throw new Error(JSON.stringify(made));
    const number = made.quote.number;

    const own = await fetchAs(number, a.mueller.personId!);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await own.arrayBuffer());
    const text = squeeze(pdfPages(pdf));
    for (const expected of [
      `Angebot ${number}`, `Angebotsnr. ${number}`, 'Bürowerk GmbH', 'Müller Bau GmbH', 'Gültig bis 16.03.2026', 'Dieses Angebot gilt bis zum 16.03.2026.',
      'Bürostuhl', 'abzüglich Rabatt 5 %', 'Rabatt 10 % auf Positionen mit 19 %', 'USt 19 % auf 1.131,79 €', 'USt 7 % auf 34,02 €', 'Seite 1 von 1',
    ]) expect(text).toContain(expected);
    renderPng(pdf, 'quote-de');

    // Someone else's account is refused with the page, never the file; sales and accounting may fetch it.
    const other = await fetchAs(number, a.cafe.personId!);
    expect(other.status).toBe(403);
    expect(other.headers.get('content-type')).toMatch(/text\/html/);
    expect((await fetchAs(number, a.sales.personId!)).status).toBe(200);
    expect((await fetchAs(number, a.accounting.personId!)).status).toBe(200);
    expect((await fetchAs('AN-2026-9999', a.sales.personId!)).status).toBe(404);

    // Accepted, the order's confirmation bills the quoted discounts.
    await sendQuote(db, a.sales, number, monday);
    const accepted = await acceptQuote(db, a.mueller, number, monday);
    if (!accepted.ok) throw new Error(JSON.stringify(accepted));
    const confirmation = squeeze(pdfPages(Buffer.from(await (await fetchAs(accepted.order.number, a.mueller.personId!)).arrayBuffer())));
    for (const expected of ['Auftragsbestätigung', 'abzüglich Rabatt 5 %', 'Rabatt 10 % auf Positionen mit 19 %', 'USt 19 % auf 1.131,79 €']) expect(confirmation).toContain(expected);

    // An English-speaking account gets a Quotation.
    await db('persons').where({ id: a.schmidt.personId }).update({ locale: 'en' });
    const english = await createQuote(db, a.sales, { customerId: a.customers.schmidt, lines: [{ sku: 'PAPER-A4', quantity: 5 }] }, monday);
    if (!english.ok) throw new Error(JSON.stringify(english));
    await sendQuote(db, a.sales, english.quote.number, monday);
    const en = squeeze(pdfPages(Buffer.from(await (await fetchAs(english.quote.number, a.schmidt.personId!)).arrayBuffer())));
    for (const expected of [`Quotation ${english.quote.number}`, 'This quotation is valid until', 'Page 1 of 1']) expect(en).toContain(expected);
  });

  it('REST: GET /api/quotes and /api/quotes/{number} for the staff key only', async () => {
    const db = server.app.db;
    const a = await demoActors(db);
    const made = await createQuote(db, a.sales, { customerId: a.customers.cafe, lines: [{ sku: 'COFFEE-1KG', quantity: 3, discountBasisPoints: 1000 }] }, monday);
    if (!made.ok) throw new Error(JSON.stringify(made));
    const staff = { authorization: 'Bearer demo-staff-key' };
    const list = await fetch(`${server.url}/api/quotes?customerNumber=10002&status=draft`, { headers: staff });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { quotes: any[] };
    expect(body.quotes.map((q) => q.number)).toContain(made.quote.number);
    const one = (await (await fetch(`${server.url}/api/quotes/${made.quote.number}`, { headers: staff })).json()) as any;
    // 3 × 18,90 € = 56,70 € less 10 % = 51,03 € at 7 %.
    expect(one).toMatchObject({ number: made.quote.number, status: 'draft', customer: { number: '10002' }, netCents: 5103, vatCents: 357, grossCents: 5460 });
    expect(one.lines[0]).toMatchObject({ sku: 'COFFEE-1KG', quantity: 3, unitPriceCents: 1890, discountBasisPoints: 1000, discountCents: 567, netCents: 5103 });
    const pdf = await fetch(`${server.url}/api/quotes/${made.quote.number}?format=pdf`, { headers: staff });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect((await fetch(`${server.url}/api/quotes?status=paid`, { headers: staff })).status).toBe(400);
    expect((await fetch(`${server.url}/api/quotes/AN-2026-9999`, { headers: staff })).status).toBe(404);
    expect((await fetch(`${server.url}/api/quotes`, { headers: { authorization: 'Bearer demo-shop-key' } })).status).toBe(401);
    expect((await fetch(`${server.url}/api/quotes`)).status).toBe(401);
  });
});
