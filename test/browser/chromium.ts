import { chromium, type Browser, type Page } from 'playwright-core';

// globalSetup sets TEST_CHROMIUM to the browser's path, or to '' (announced there) when none is installed.
export const chromiumPath = process.env.TEST_CHROMIUM;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Loopback, or a document-internal URL (data:, blob:, about:) that never touches the network. */
export function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/** Console messages about a Content-Security-Policy violation, collected for the page's whole life. */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Picks the demo identity and waits until the page reports the chat online (Web Chat sends only then). */
export async function signIn(page: Page, baseUrl: string, user: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.locator(`button[data-user="${user}"]`).click();
  await waitOnline(page);
}

export async function waitOnline(page: Page, timeout = 15_000): Promise<void> {
  await page.locator('body[data-connection="online"]').waitFor({ state: 'attached', timeout });
}

export async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/** Texts of the bot's bubbles after the last user bubble with the given text, once one matching `want` came. */
export async function botAnswerAfter(page: Page, userText: string, want: RegExp, timeout = 15_000): Promise<string> {
  const handle = await page.waitForFunction(
    ([mineText, source, flags]) => {
      const pattern = new RegExp(source, flags);
      const bubbles = Array.from(document.querySelectorAll('.webchat__bubble'));
      const mine = bubbles.map((b) => b.matches('.webchat__bubble--from-user') && b.textContent?.trim() === mineText).lastIndexOf(true);
      if (mine < 0) return false;
      const reply = bubbles.slice(mine + 1).find((b) => !b.matches('.webchat__bubble--from-user') && pattern.test(b.textContent ?? ''));
      return reply?.textContent ?? false;
    },
    [userText, want.source, want.flags] as const,
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}
