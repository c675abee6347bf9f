import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { documentPath } from '../../data/documentLinks';
import type { Db } from '../../data/db';
import type { Actor } from '../../data/orders';
import { cancelInvoice, placeOrder, recordShipment, transitionOrder } from '../../operations';
import { listInvoices } from '../../data/invoices';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';
import { hasTool, pdfAttachment, pdfPages, scratchDir, validateCii, validatorPath } from '../documents/tools';
import { demoActors, monday } from '../orders/actors';

const poppler = hasTool('pdftotext') && hasTool('pdfdetach');
if (!poppler) console.warn('[skip] test/invoices/documents.test.ts (PDF text): poppler-utils not installed');
const validator = validatorPath();
if (!validator) console.warn('[skip] test/invoices/documents.test.ts (official rules): shared/einvoice/validate-cii not found next to the repository (set EINVOICE_VALIDATOR)');

const squeeze = (pages: string[]) => pages.join('\n').replace(/[ \t]+/g, ' ');

async function shippedOrder(db: Db, a: Awaited<ReturnType<typeof demoActors>>, customer: Actor, customerId: number) {
  const placed = await placeOrder(db, customer, { customerId, lines: [{ sku: 'PAPER-A4', quantity: 10 }, { sku: 'COFFEE-1KG', quantity: 2 }] }, monday);
  if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
  for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) await transitionOrder(db, a.sales, placed.order.number, { to }, monday);
  const shipped = await recordShipment(db, a.sales, placed.order.number, { carrier: 'DHL', trackingNumber: 'JJD42', lines: [{ lineNo: 1, quantity: 10 }, { lineNo: 2, quantity: 2 }] }, monday);
  if (!shipped.ok) throw new Error(JSON.stringify(shipped));
  const [invoice] = await listInvoices(db, { orderId: placed.order.id });
  return { order: placed.order, deliveryNote: shipped.deliveryNote.number, invoice };
}

for (const kind of ['sqlite', 'postgres'] as const) {
  (databaseKinds().includes(kind) ? describe : describe.skip)(`document links, files and the invoice API [${kind}]`, () => {
    let database: TestDatabase;
    let server: TestServer;
    let a: Awaited<ReturnType<typeof demoActors>>;
    const now = new Date();
    beforeAll(async () => {
      database = await createTestDatabase(kind);
      server = await startTestServer(database);
      a = await demoActors(database.db);
    });
    afterAll(async () => {
      await server?.close();
      await database?.close();
    });
    const get = (p: string, headers: Record<string, string> = {}) => fetch(`${server.url}${p}`, { headers });
    const linkFor = (number: string, actor: Actor, from = now) => documentPath(database.db, number, actor.personId!, from);

    (poppler ? test : test.skip)('the customer’s own link serves the invoice as ZUGFeRD PDF with §14 fields, both rates, bank details; the embedded XML and the XRechnung pass the official rules', async () => {
      const { db } = database;
      const { order, invoice } = await shippedOrder(db, a, a.mueller, a.customers.mueller);
      const res = await get(await linkFor(invoice.number, a.mueller));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      const text = squeeze(pdfPages(pdf));
      for (const expected of [
        'Rechnung', invoice.number, 'Bürowerk GmbH', 'Friedrichstraße 100', 'DE123456789', 'Müller Bau GmbH', 'Hauptstraße 12', `${order.number}`,
        'Kopierpapier A4', 'Kaffeebohnen', '19 %', '7 %', 'DE02 1203 0000 0000 2020 51', 'BYLADEM1001', 'Seite 1',
      ]) expect(text).toContain(expected);
      const xml = pdfAttachment(pdf, 'factur-x.xml');
      expect(xml.toString('utf8')).toContain(`<ram:ID>${invoice.number}</ram:ID>`);

      // Staff fetch the XRechnung through the API.
      const xr = await get(`/api/invoices/${invoice.number}?format=xrechnung`, { authorization: 'Bearer demo-staff-key' });
      expect(xr.status).toBe(200);
      expect(xr.headers.get('content-type')).toMatch(/^application\/xml/);
      const xrechnung = Buffer.from(await xr.arrayBuffer());
      if (validator) {
        const dir = scratchDir();
        const files = [path.join(dir, 'zugferd.xml'), path.join(dir, 'xrechnung.xml')];
        writeFileSync(files[0], xml);
        writeFileSync(files[1], xrechnung);
        // The cancellation's e-invoice too.
        const cancelled = await cancelInvoice(db, a.accounting, invoice.number, 'Testfall', monday);
        if (!cancelled.ok) throw new Error(JSON.stringify(cancelled));
        const cx = await get(`/api/invoices/${cancelled.cancellation.number}?format=xrechnung`, { authorization: 'Bearer demo-staff-key' });
        files.push(path.join(dir, 'cancellation.xml'));
        writeFileSync(files[2], Buffer.from(await cx.arrayBuffer()));
        const result = await validateCii(validator, files);
        if (result.status !== 0) throw new Error(`official rules failed:\n${result.output}`);
        expect(result.output.match(/^ok /gm)).toHaveLength(files.length);
      }
    }, 240_000);

    (poppler ? test : test.skip)('a private customer gets a plain PDF with gross prices, in English when they chose English; delivery note and order confirmation too', async () => {
      const { db } = database;
      await db('persons').where({ id: a.schmidt.personId }).update({ locale: 'en' });
      const { order, invoice, deliveryNote } = await shippedOrder(db, a, a.schmidt, a.customers.schmidt);
      const res = await get(await linkFor(invoice.number, a.schmidt));
      expect(res.status).toBe(200);
      const pdf = Buffer.from(await res.arrayBuffer());
      const text = squeeze(pdfPages(pdf));
      for (const expected of ['Invoice', invoice.number, 'Anna Schmidt', 'Copy paper A4', 'Page 1']) expect(text).toContain(expected);
      expect(() => pdfAttachment(pdf, 'factur-x.xml')).toThrow(/no attachment/);

      const note = await get(await linkFor(deliveryNote, a.schmidt));
      expect(note.status).toBe(200);
      const noteText = squeeze(pdfPages(Buffer.from(await note.arrayBuffer())));
      for (const expected of ['Delivery note', deliveryNote, order.number, 'DHL', 'Copy paper A4']) expect(noteText).toContain(expected);

      const confirmation = await get(await linkFor(order.number, a.schmidt));
      expect(confirmation.status).toBe(200);
      const confirmationText = squeeze(pdfPages(Buffer.from(await confirmation.arrayBuffer())));
      for (const expected of ['Order confirmation', order.number, 'Anna Schmidt']) expect(confirmationText).toContain(expected);
    });

    test('an altered, expired or someone else’s link answers 403 with a clear page, never the file; staff by role', async () => {
      const { db } = database;
      const [invoice] = await listInvoices(db, { customerId: a.customers.mueller, limit: 1 });
      const link = await linkFor(invoice.number, a.mueller);

      const altered = link.slice(0, -3) + (link.endsWith('AAA') ? 'BBB' : 'AAA');
      const bad = await get(altered);
      expect(bad.status).toBe(403);
      expect(bad.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await bad.text();
      expect(page).toContain('Link ungültig');
      expect(page).toContain('Invalid link');
      expect(page).not.toContain('%PDF');

      // Naming another document with the same signature does not work either.
      const [payload, , , sig] = link.replace('/documents/', '').split('.');
      const swapped = `/documents/${Buffer.from('RE-2026-0002').toString('base64url')}.${link.replace('/documents/', '').split('.').slice(1, 3).join('.')}.${sig}`;
      expect(payload).not.toBe(Buffer.from('RE-2026-0002').toString('base64url'));
      expect((await get(swapped)).status).toBe(403);

      const expired = await get(await linkFor(invoice.number, a.mueller, new Date(now.getTime() - 31 * 86_400_000)));
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('Link abgelaufen');

      const foreign = await get(await linkFor(invoice.number, a.cafe));
      expect(foreign.status).toBe(403);
      expect(await foreign.text()).toContain('Kein Zugriff');

      for (const staff of [a.accounting, a.sales, a.admin]) expect((await get(await linkFor(invoice.number, staff))).status).toBe(200);
      expect((await get('/documents/not-a-token')).status).toBe(403);
    });

    test('GET /api/invoices lists for the staff key only, filtered by customer and status; one invoice as JSON', async () => {
      await shippedOrder(database.db, a, a.mueller, a.customers.mueller);
      expect((await get('/api/invoices')).status).toBe(401);
      expect((await get('/api/invoices', { authorization: 'Bearer demo-shop-key' })).status).toBe(401);
      const res = await get('/api/invoices?customerNumber=10001&status=open', { authorization: 'Bearer demo-staff-key' });
      expect(res.status).toBe(200);
      const { invoices } = await res.json();
      expect(invoices.length).toBeGreaterThan(0);
      for (const i of invoices) expect(i).toMatchObject({ kind: 'invoice', status: 'issued', customer: { number: '10001' } });
      const one = await get(`/api/invoices/${invoices[0].number}`, { authorization: 'Bearer demo-staff-key' });
      const body = await one.json();
      expect(body).toMatchObject({ number: invoices[0].number, grossCents: invoices[0].grossCents, openCents: invoices[0].grossCents });
      expect(body.totalsByRate.map((r: any) => r.rate)).toEqual([19, 7]);
      expect((await get('/api/invoices/RE-2026-9999', { authorization: 'Bearer demo-staff-key' })).status).toBe(404);
      expect((await get('/api/invoices?status=later', { authorization: 'Bearer demo-staff-key' })).status).toBe(400);
      const spec = await (await get('/api/openapi.json')).json();
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/invoices', '/api/invoices/{number}']));
    });
  });
}
