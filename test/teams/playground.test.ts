import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { chromiumPath, launchChromium } from '../browser/chromium';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A real Teams-like client: Microsoft 365 Agents Playground (devDependency, runs offline and mocks the Teams
 * connector on loopback) driven by headless Chromium. Its user (`user-id-0`, Alex Wilber) is linked to Peter Müller
 * through the admin REST route first. The playground sends as that one user only, so two people in one group chat
 * are tested with Teams-shaped activities in teamsBehaviour.test.ts.
 */
function playgroundCli(): string | null {
  try {
    return require.resolve('@microsoft/m365agentsplayground/cli.js');
  } catch {
    return null;
  }
}
const cli = playgroundCli();
const run = cli && chromiumPath ? describe : describe.skip;
if (!cli) console.warn('[skip] test/teams/playground.test.ts: @microsoft/m365agentsplayground is not installed (npm ci installs it)');
else if (!chromiumPath) console.warn('[skip] test/teams/playground.test.ts: Chromium not installed (apt-get install chromium)');

run('the bot in Microsoft 365 Agents Playground', () => {
  let database: TestDatabase;
  let server: TestServer;
  let playground: ChildProcess;
  let playgroundUrl: string;
  let browser: Browser;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-'));

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startTestServer(database, { env: { NOTIFY_INTERVAL_SECONDS: '3600' } });
    const link = await fetch(`${server.url}/api/people/1/identities`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer demo-admin-key' }, body: JSON.stringify({ userId: 'user-id-0' }),
    });
    expect(link.status).toBe(201);
    // Port 0 is not accepted; an occupied port makes it fall back to a random one, which it prints.
    playground = spawn(process.execPath, [cli!, '-e', `${server.url}/api/messages`, '-c', 'msteams', '--dt', '-p', String(56_200 + Math.floor(Math.random() * 700))], {
      cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' },
    });
    playgroundUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`playground did not start: ${out}`)), 30_000);
      playground.stdout!.on('data', (chunk) => {
        out += String(chunk);
        const port = /Listening on (\d+)/.exec(out)?.[1];
        if (port) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}/`);
        }
      });
      playground.once('exit', (code) => reject(new Error(`playground exited with ${code}: ${out}`)));
    });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    playground?.kill();
    await server?.close();
    await database?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('orders in the personal chat with the card, and the used card shows the order number', async () => {
    const page = await browser.newPage();
    await page.goto(playgroundUrl, { waitUntil: 'domcontentloaded' });
    const box = page.getByRole('textbox').first();
    await box.waitFor({ timeout: 30_000 });
    await box.fill('3 black toner');
    await box.press('Enter');
    const place = page.getByRole('button', { name: 'Place order' }).last();
    await place.waitFor({ timeout: 20_000 });
    await place.click();
    await page.getByText('Done', { exact: true }).waitFor({ timeout: 20_000 });
    const order = await server.app.db('orders').first();
    const customer = await server.app.db('customers').where({ id: order.customer_id }).first();
    expect(customer.name).toBe('Müller Bau GmbH');
    expect(order.channel).toBe('msteams');
    await page.getByText(`Your order ${order.number} is confirmed.`).first().waitFor({ timeout: 20_000 });
    // The summary card was replaced: no "Place order" button is left anywhere.
    expect(await page.getByRole('button', { name: 'Place order' }).count()).toBe(0);
    await page.screenshot({ path: path.join('test-artifacts', 'playground-personal.png') }).catch(() => undefined);
    await page.close();
  }, 90_000);

  it('in the group chat greets everyone once and takes an @mentioned order under the asking person’s own account', async () => {
    const page = await browser.newPage();
    await page.goto(playgroundUrl, { waitUntil: 'domcontentloaded' });
    await page.locator('button[aria-label="Group Chat"]').first().click({ timeout: 30_000 });
    await page.getByText('each of you orders and asks under your own account').first().waitFor({ timeout: 20_000 });
    const box = page.getByRole('textbox').first();
    await box.click();
    // As in Teams, a group chat message reaches the bot only with an @mention, picked from the mention list.
    await page.keyboard.type('@Test');
    await page.getByRole('menuitem', { name: 'Test Bot' }).click({ timeout: 10_000 });
    await page.keyboard.type(' 2 office chairs');
    await page.keyboard.press('Enter');
    const place = page.getByRole('button', { name: 'Place order' }).last();
    await place.waitFor({ timeout: 20_000 });
    expect(await page.getByText('Ergo Pro office chair').count()).toBeGreaterThan(0); // the mention did not get in the way
    await place.click();
    await page.getByText('Done', { exact: true }).first().waitFor({ timeout: 20_000 });
    const orders = await server.app.db('orders').orderBy('id');
    expect(orders).toHaveLength(2);
    expect((await server.app.db('customers').where({ id: orders[1].customer_id }).first()).name).toBe('Müller Bau GmbH');
    expect(await page.getByText('each of you orders and asks under your own account').count()).toBe(1);
    await page.screenshot({ path: path.join('test-artifacts', 'playground-group.png') }).catch(() => undefined);
    await page.close();
  }, 90_000);
});
