import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

// globalSetup sets TEST_CHROMIUM to the browser's path, or to '' (announced there) when none is installed.
const chromiumPath = process.env.TEST_CHROMIUM;
const run = chromiumPath ? describe : describe.skip;
if (!chromiumPath) console.warn('[skip] test/browser/webchat.test.ts: Chromium not installed (apt-get install chromium)');

const screenshot = path.resolve(__dirname, '..', '..', 'test-artifacts', 'webchat.png');

run('chat page in headless Chromium', () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startTestServer(database);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it('signs Peter Müller in, answers "hallo" with a German greeting by name, and stays on loopback', async () => {
    context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));

    await page.goto(`${server.url}/`);
    await expectText(page.locator('h1'), 'Mit wem möchten Sie chatten?');
    // The technicians are in the team with their role's name.
    expect(await page.locator('button[data-user="demo-tom"]').innerText()).toContain('Technik und Beratung');

    await page.locator('button[data-user="demo-mueller"]').click();
    // Web Chat does not send while Direct Line is still connecting, so wait for the page to report it online.
    await page.locator('body[data-connection="online"]').waitFor({ state: 'attached', timeout: 15_000 });
    const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
    await sendBox.fill('hallo');
    await sendBox.press('Enter');

    // The bot also welcomes on joining, so the answer looked for is a bot message below the user's "hallo".
    const answer = await page.waitForFunction(
      () => {
        const bubbles = Array.from(document.querySelectorAll('.webchat__bubble'));
        const mine = bubbles.findIndex((b) => b.matches('.webchat__bubble--from-user') && b.textContent?.trim() === 'hallo');
        const reply = mine < 0 ? undefined : bubbles.slice(mine + 1).find((b) => !b.matches('.webchat__bubble--from-user'));
        return reply?.textContent ?? false;
      },
      undefined,
      { timeout: 15_000 },
    );
    const greeting = (await answer.jsonValue()) as string;
    expect(greeting).toContain('Peter Müller');
    expect(greeting).toMatch(/\b(Hallo|Guten (Morgen|Tag|Abend)|Willkommen)\b/);
    // Web Chat marks a message it could not deliver; ours must have come back from the channel with its id.
    expect(await page.getByText('Fehler beim Senden').count()).toBe(0);

    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });

    // A reload resumes: same person, same conversation (its history replayed), no picker.
    await page.reload();
    await page.locator('body[data-connection="online"]').waitFor({ state: 'attached', timeout: 15_000 });
    await page.locator('.webchat__bubble--from-user', { hasText: 'hallo' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#picker').isHidden()).toBe(true);
    expect(await page.locator('#session-name').innerText()).toContain('Peter Müller');

    expect(pageErrors).toEqual([]);
    const offLoopback = requested.filter((url) => !isLoopback(url));
    expect(offLoopback).toEqual([]);
    expect(requested).toContain(`${server.url}/web/vendor/webchat.js`);
  }, 60_000);

  it('speaks English to an English browser', async () => {
    const english = await browser.newContext({ locale: 'en-GB' });
    try {
      const page = await english.newPage();
      await page.goto(`${server.url}/`);
      await expectText(page.locator('h1'), 'Who would you like to chat as?');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('button[data-user]').count()).toBe(8);
    } finally {
      await english.close();
    }
  }, 30_000);
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.waitFor();
  expect((await locator.innerText()).trim()).toBe(text);
}

/** Loopback, or a document-internal URL (data:, blob:, about:) that never touches the network. */
function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}
