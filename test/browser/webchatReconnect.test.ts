import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApp, type App } from '../../bot/server';
import { placeOrder } from '../../operations/placeOrder';
import { demoActors } from '../orders/actors';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { testConfig } from '../support/server';
import { galleryExtras } from './cardGallery';
import { botAnswerAfter, chromiumPath, launchChromium, send, signIn, waitOnline, watchCsp } from './chromium';

const run = chromiumPath ? describe : describe.skip;
if (!chromiumPath) console.warn('[skip] test/browser/webchatReconnect.test.ts: Chromium not installed (apt-get install chromium)');

const env = { NOTIFY_INTERVAL_SECONDS: '1' };

run('chat page across a server restart and time away, in headless Chromium', () => {
  let database: TestDatabase;
  let app: App;
  let port: number;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let csp: string[];
  const url = () => `http://127.0.0.1:${port}`;

  /** The real app on the test database; the same port again after a restart, as a real restart would keep it. */
  async function startApp(): Promise<void> {
    app = await createApp({ ...testConfig(database, env), host: '127.0.0.1' }, galleryExtras());
    port = Number(new URL(await app.listen(port ?? 0)).port);
  }

  const bubbles = (text: string) =>
    page.locator('.webchat__bubble--from-user').filter({ hasText: new RegExp(`^\\s*${text.replace(/[?.]/g, '\\$&')}\\s*$`) });

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    await startApp();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1100, height: 800 } });
    page = await context.newPage();
    csp = watchCsp(page);
    await signIn(page, url(), 'demo-mueller');
    await send(page, 'hallo');
    await botAnswerAfter(page, 'hallo', /Peter Müller/);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('shows "typing" while the bot works on a slow turn, then the answer', async () => {
    await send(page, 'langsam hilfe');
    // The turn takes 2.5 s; the typing activity comes after 0.5 s.
    await page.locator('.webchat__typing-indicator').waitFor({ state: 'visible', timeout: 2400 });
    expect(await botAnswerAfter(page, 'langsam hilfe', /Das kann ich für Sie tun/)).toContain('bestellen');
  }, 30_000);

  it('says so when the server goes away, keeps a message typed meanwhile, and delivers it once after the restart', async () => {
    // Like a process that stops: the listener goes and open connections are cut.
    const closing = app.close();
    app.server.server.closeAllConnections();
    await closing;
    await page.locator('body[data-connection="reconnecting"]').waitFor({ state: 'attached', timeout: 10_000 });
    expect(await page.locator('#connection').innerText()).toBe('Verbindung unterbrochen …');
    await page.screenshot({ path: 'test-artifacts/webchat-reconnecting.png' });

    const question = 'Wo bleibt meine Bestellung?';
    await send(page, question);
    await page.waitForTimeout(2500);
    await startApp();

    await waitOnline(page, 20_000);
    expect(await page.locator('#connection').innerText()).toBe('Verbunden');
    // Web Chat holds a message while the connection is down: it stays in the box, not lost, not sent half.
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    expect(await box.inputValue()).toBe(question);
    expect(await bubbles(question).count()).toBe(0);
    await box.press('Enter');
    await botAnswerAfter(page, question, /Auftr|Bestellung/, 20_000);
    await page.waitForTimeout(1500);
    expect(await bubbles(question).count()).toBe(1);
    // Polling went on from its watermark: nothing from before the restart came a second time.
    expect(await bubbles('hallo').count()).toBe(1);
    expect(await page.locator('.webchat__bubble', { hasText: 'Hallo Peter Müller! Wie kann ich Ihnen helfen?' }).count()).toBe(1);
    expect(await page.getByText(/Fehler beim Senden|Senden fehlgeschlagen|Wiederholen/).count()).toBe(0);
    // The channel holds it once, and the bot answered it once.
    const rows = await app.db('directline_activities').where({ from_id: 'demo-mueller' }).select('activity');
    expect(rows.filter((r) => JSON.parse(r.activity).text === question)).toHaveLength(1);

    // The page keeps working: the next message goes out and is answered.
    await send(page, 'hilfe');
    await botAnswerAfter(page, 'hilfe', /Das kann ich für Sie tun/);
  }, 60_000);

  it('shows a customer who comes back what the bot told them while they were away, once', async () => {
    await page.goto('about:blank');
    const a = await demoActors(app.db);
    const placed = await placeOrder(app.db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'TONER-BK', quantity: 2 }] });
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    const number = placed.order.number;
    // Wait until the sender has delivered the confirmation into Müller's conversation.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows = await app.db('outbox').where({ person_id: a.mueller.personId!, kind: 'order_confirmed' });
      if (rows.some((r) => JSON.parse(r.payload).orderNumber === number && r.status === 'sent')) break;
      if (Date.now() > deadline) throw new Error('the confirmation was not sent');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    await page.goto(`${url()}/`);
    await waitOnline(page);
    const confirmation = page.locator('.webchat__bubble', { hasText: `Ihr Auftrag ${number} ist bestätigt` });
    await confirmation.first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(2000);
    expect(await confirmation.count()).toBe(1);
    // The history before it is there too, once: the page resumed the same conversation.
    expect(await bubbles('Wo bleibt meine Bestellung?').count()).toBe(1);
    expect(csp).toEqual([]);
  }, 60_000);
});
