import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';
import { cardNames } from '../../cards/bind';
import { galleryExtras } from './cardGallery';
import { chromiumPath, launchChromium, send, signIn, watchCsp } from './chromium';

const run = chromiumPath ? describe : describe.skip;
if (!chromiumPath) console.warn('[skip] test/browser/webchatLayout.test.ts: Chromium not installed (apt-get install chromium)');

const artifacts = path.resolve(__dirname, '..', '..', 'test-artifacts');

/** Words of the fact titles on the page that the layout broke across lines ("Wunschtermi|n"). */
async function brokenFactTitles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const title of Array.from(document.querySelectorAll('.ac-fact-title'))) {
      const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, name), fullPage: false });
}

run('chat page layout in headless Chromium', () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startTestServer(database, { extras: galleryExtras() });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it.each([
    [390, 844],
    [1280, 800],
  ])('at %i px: header shows the person and the whole switch button, cards fit, nothing violates the CSP', async (width, height) => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height }, deviceScaleFactor: 1 });
    try {
      const page = await context.newPage();
      const csp = watchCsp(page);
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await signIn(page, server.url, 'demo-mueller');

      // Header: the person's name is there and "Identität wechseln" is not cut off.
      const name = page.locator('#session-name');
      expect(await name.isVisible()).toBe(true);
      expect(await name.innerText()).toContain('Peter Müller');
      const button = await page.locator('#switch').boundingBox();
      expect(button).not.toBeNull();
      expect(button!.x + button!.width).toBeLessThanOrEqual(width);
      expect(await page.locator('#switch').evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
      expect(await page.locator('#connection').innerText()).toBe('Verbunden');

      // The catalog card: leaving fields empty is fine, one filled quantity is taken.
      await send(page, 'Katalog');
      const card = page.locator('.ac-adaptiveCard', { has: page.locator('input[type="number"]') }).last();
      await card.waitFor({ timeout: 15_000 });
      await shoot(page, `webchat-catalog-${width}.png`);
      const primary = card.locator('.ac-pushButton').first();
      // The primary button is in the page's accent colour, not the renderer's default.
      expect(await primary.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(31, 111, 92)');
      await card.locator('input[type="number"]').first().fill('3');
      await primary.click();
      const summary = page.locator('.ac-adaptiveCard', { has: page.locator('.ac-factset') }).last();
      await summary.waitFor({ timeout: 15_000 });
      await summary.scrollIntoViewIfNeeded();
      await shoot(page, `webchat-summary-${width}.png`);
      expect(await brokenFactTitles(page)).toEqual([]);
      // Nothing in a card is wider than its bubble.
      expect(await page.evaluate(() => Array.from(document.querySelectorAll('.ac-adaptiveCard')).every((c) => c.scrollWidth <= c.clientWidth + 1))).toBe(true);

      expect(csp).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it.each([390, 1280])('at %i px every card template fits its bubble, keeps fact titles whole and uses the theme colour', async (width) => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: 844 }, deviceScaleFactor: 1 });
    try {
      const page = await context.newPage();
      const csp = watchCsp(page);
      await signIn(page, server.url, 'demo-sales');
      for (const name of cardNames) {
        const before = await page.locator('.ac-adaptiveCard').count();
        await send(page, `karte ${name}`);
        await page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length > n, before, { timeout: 15_000 });
        const card = page.locator('.ac-adaptiveCard').last();
        await card.scrollIntoViewIfNeeded();
        await shoot(page, `webchat-card-${name}-${width}.png`);
        const fits = await card.evaluate((c) => {
          const bubble = c.closest('.webchat__bubble__content') ?? c.parentElement!;
          const box = c.getBoundingClientRect();
          const outer = bubble.getBoundingClientRect();
          return c.scrollWidth <= c.clientWidth + 1 && box.right <= outer.right + 1 && box.right <= window.innerWidth;
        });
        expect({ name, fits }).toEqual({ name, fits: true });
        const positive = await card.locator('.ac-pushButton.style-positive').evaluateAll((buttons) => buttons.map((b) => getComputedStyle(b).backgroundColor));
        for (const colour of positive) expect({ name, colour }).toEqual({ name, colour: 'rgb(31, 111, 92)' });
      }
      expect(await brokenFactTitles(page)).toEqual([]);
      expect(csp).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('an invalid catalog quantity is answered with what is wrong, not silently dropped', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await signIn(page, server.url, 'demo-cafe');
      await send(page, 'Katalog');
      const card = page.locator('.ac-adaptiveCard', { has: page.locator('input[type="number"]') }).last();
      await card.waitFor({ timeout: 15_000 });
      await card.locator('input[type="number"]').first().fill('2.5');
      const before = await page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').count();
      await card.locator('.ac-pushButton').first().click();
      // The submit went out (no silent client-side block), and the bot names the product and what is allowed.
      const answer = await page.waitForFunction(
        (n) => {
          const bubbles = Array.from(document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user)')).slice(n);
          return bubbles.map((b) => b.textContent ?? '').find((t) => /ganze/.test(t)) ?? false;
        },
        before,
        { timeout: 15_000 },
      );
      const text = (await answer.jsonValue()) as string;
      expect(text).toMatch(/„[^“]+“/);
      expect(text).toMatch(/zwischen 1 und 10\.000/);
      await shoot(page, 'webchat-catalog-invalid.png');
    } finally {
      await context.close();
    }
  }, 60_000);
});

