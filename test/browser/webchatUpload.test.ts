import { chromium, type Browser } from 'playwright-core';
import { demoActors } from '../orders/actors';
import { invoicedOrder } from '../payments/helpers';
import { camt053 } from '../support/camt053';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

const chromiumPath = process.env.TEST_CHROMIUM;
const run = chromiumPath ? describe : describe.skip;
if (!chromiumPath) console.warn('[skip] test/browser/webchatUpload.test.ts: Chromium not installed (apt-get install chromium)');

/**
 * The accountant sends a camt.053 file with Web Chat's paper clip in headless Chromium: Web Chat uploads it to the
 * local Direct Line channel (multipart), the bot imports it and answers with what it booked. Customers see no
 * paper clip.
 */
run('statement upload in the web chat (Chromium)', () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startTestServer(database);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it('Jonas Becker attaches a statement; it is booked and summed up; Peter Müller has no upload button', async () => {
    const a = await demoActors(server.app.db);
    const { invoices: [invoice] } = await invoicedOrder(server.app.db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 4 }], new Date());
    const xml = camt053({ id: 'BROWSER-1', entries: [{ amount: (invoice.grossCents / 100).toFixed(2), ustrd: [`RE ${invoice.number.slice(3).replace('-', ' ')}`] }] });

    const context = await browser.newContext({ locale: 'de-DE' });
    try {
      const page = await context.newPage();
      const offLoopback: string[] = [];
      page.on('request', (r) => {
        const { protocol, hostname } = new URL(r.url());
        if (!['data:', 'blob:', 'about:'].includes(protocol) && hostname !== '127.0.0.1') offLoopback.push(r.url());
      });
      await page.goto(`${server.url}/`);
      await page.locator('button[data-user="demo-accounting"]').click();
      await page.locator('body[data-connection="online"]').waitFor({ state: 'attached', timeout: 15_000 });
      await page.locator('#chat input[type="file"]').setInputFiles({ name: 'kontoauszug.xml', mimeType: 'text/xml', buffer: Buffer.from(xml) });
      // Web Chat (sendAttachmentOn: 'send') attaches the file to the send box; sending sends it.
      await page.locator('[data-id="webchat-sendbox-input"]').press('Enter');
      const summary = page.locator('.webchat__bubble:not(.webchat__bubble--from-user)', { hasText: 'eingelesen' });
      await summary.waitFor({ timeout: 20_000 });
      expect(await summary.innerText()).toMatch(/Kontoauszug „kontoauszug\.xml“ eingelesen: 1 Zahlungen gebucht/);
      expect(Number((await server.app.db('invoices').where({ number: invoice.number }).first('paid_cents')).paid_cents)).toBe(invoice.grossCents);
      expect(await page.getByText('Fehler beim Senden').count()).toBe(0);
      expect(offLoopback).toEqual([]);

    } finally {
      await context.close();
    }

    const customer = await browser.newContext({ locale: 'de-DE' });
    try {
      const page = await customer.newPage();
      await page.goto(`${server.url}/`);
      await page.locator('button[data-user="demo-mueller"]').click();
      await page.locator('body[data-connection="online"]').waitFor({ state: 'attached', timeout: 15_000 });
      await page.locator('[data-id="webchat-sendbox-input"]').waitFor();
      expect(await page.locator('#chat input[type="file"]').count()).toBe(0);
    } finally {
      await customer.close();
    }
  }, 90_000);
});
