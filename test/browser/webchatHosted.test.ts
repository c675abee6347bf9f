import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import restify from 'restify';
import { mountDirectLineToken } from '../../bot/directLineToken';
import { createLogger } from '../../bot/logger';
import { mountWeb } from '../../bot/web';
import { chromiumPath, launchChromium, waitOnline, watchCsp } from './chromium';

const run = chromiumPath ? describe : describe.skip;
if (!chromiumPath) console.warn('[skip] test/browser/webchatHosted.test.ts: Chromium not installed (apt-get install chromium)');

const SECRET = 'hosted-direct-line-secret';
const AZURE = 'https://directline.botframework.com/v3/directline';

/** Without demo mode: the page and the token route on loopback, Azure's token endpoint as a loopback stand-in. */
async function startHostedPage(): Promise<{ url: string; tokenRequests: number; close(): Promise<void> }> {
  const state = { tokenRequests: 0 };
  const azure = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.tokenRequests += 1;
      const ok = req.headers.authorization === `Bearer ${SECRET}`;
      res.writeHead(ok ? 200 : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { conversationId: 'azure-conv-1', token: 'azure-token-1', expires_in: 1800 } : {}));
    });
  });
  await new Promise<void>((resolve) => azure.listen(0, '127.0.0.1', resolve));
  const server = restify.createServer();
  mountWeb(server, { azureDirectLine: true });
  mountDirectLineToken(server, {
    secret: SECRET,
    endpoint: `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline/tokens/generate`,
    logger: createLogger('silent'),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get tokenRequests() {
      return state.tokenRequests;
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => azure.close(() => resolve()));
    },
  };
}

run('chat page with app credentials (no demo mode)', () => {
  let browser: Browser;
  let hosted: Awaited<ReturnType<typeof startHostedPage>>;

  beforeAll(async () => {
    hosted = await startHostedPage();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hosted?.close();
  });

  it('shows no picker, gets its token from the server and talks to Azure Direct Line with it', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    try {
      const page = await context.newPage();
      const csp = watchCsp(page);
      const seen: { method: string; url: string; authorization?: string }[] = [];
      // Azure's Direct Line, answered inside the browser: nothing leaves the machine.
      await page.route(`${AZURE}/**`, async (route) => {
        const request = route.request();
        seen.push({ method: request.method(), url: request.url(), authorization: request.headers().authorization });
        const path = new URL(request.url()).pathname;
        if (request.method() === 'POST' && path === '/v3/directline/conversations') {
          return route.fulfill({ status: 201, json: { conversationId: 'azure-conv-1', token: 'azure-token-1', expires_in: 1800 } });
        }
        if (request.method() === 'GET' && path === '/v3/directline/conversations/azure-conv-1/activities') {
          const first = !new URL(request.url()).searchParams.get('watermark');
          const activities = first
            ? [{ type: 'message', id: 'azure-conv-1|0', text: 'Hallo! Ihr Zugang ist noch nicht verknüpft.', from: { id: 'bot', role: 'bot' }, timestamp: new Date().toISOString() }]
            : [];
          return route.fulfill({ status: 200, json: { activities, watermark: '1' } });
        }
        return route.fulfill({ status: 404, json: {} });
      });
      const responses: string[] = [];
      page.on('response', async (response) => {
        if (response.url().startsWith(hosted.url)) responses.push(await response.text().catch(() => ''));
      });

      await page.goto(`${hosted.url}/`);
      await waitOnline(page);
      expect(await page.locator('#picker').isHidden()).toBe(true);
      expect(await page.locator('button[data-user]').count()).toBe(0);
      expect(await page.locator('#switch').isHidden()).toBe(true);
      expect(await page.locator('#session-name').innerText()).toBe('Gast');
      await page.locator('.webchat__bubble', { hasText: 'Ihr Zugang ist noch nicht verknüpft' }).waitFor({ timeout: 10_000 });

      expect(hosted.tokenRequests).toBe(1);
      expect(seen[0]).toEqual({ method: 'POST', url: `${AZURE}/conversations`, authorization: 'Bearer azure-token-1' });
      expect(seen.every((r) => r.authorization === 'Bearer azure-token-1')).toBe(true);
      expect(responses.join('\n')).not.toContain(SECRET);
      expect(csp).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
