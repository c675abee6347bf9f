import http from 'node:http';
import { startTestServer, type TestServer } from '../support/server';

describe('chat page routes', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });

  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['/', 'text/html'],
    ['/web/app.js', 'application/javascript'],
    ['/web/style.css', 'text/css'],
    ['/web/favicon.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (url, type) => {
    const response = await fetch(`${server.url}${url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
    expect((await response.text()).length).toBeGreaterThan(100);
  });

  it.each(['/', '/web/app.js', '/web/style.css', '/web/favicon.svg', '/web/vendor/webchat.js'])(
    'sends the security headers with %s',
    async (url) => {
      const response = await fetch(`${server.url}${url}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
      expect(csp).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
      expect(csp).toMatch(/(^|; )default-src 'none'(;|$)/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    },
  );

  it('gives the page a fresh style nonce per response, and has no inline script', async () => {
    const [first, second] = await Promise.all([fetch(`${server.url}/`), fetch(`${server.url}/`)]);
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
    const [a, b] = [nonceOf(first.headers.get('content-security-policy')), nonceOf(second.headers.get('content-security-policy'))];
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
    const html = await first.text();
    expect(html).toContain(`<meta name="csp-nonce" content="${a}">`);
    // Every <script> element loads a file; none carries code.
    expect(Array.from(html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g), (m) => [/src="/.test(m[1]), m[2].trim()])).toEqual([
      [true, ''],
      [true, ''],
    ]);
  });

  it("serves Web Chat's bundle from node_modules", async () => {
    const response = await fetch(`${server.url}/web/vendor/webchat.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(await response.text()).toContain('window.WebChat');
  });

  it('the page loads nothing but its own files and the local bundle', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const references = Array.from(html.matchAll(/(?:src|href)="([^"]+)"/g), (m) => m[1]);
    expect(references.sort()).toEqual(['/web/app.js', '/web/favicon.svg', '/web/favicon.svg', '/web/style.css', '/web/vendor/webchat.js']);
  });

  it.each([
    '/web/../package.json',
    '/web/%2e%2e/package.json',
    '/web/vendor/..%2f..%2fpackage.json',
    '/web/vendor/webchat-es5.js',
    '/index.html',
    '/web/',
    '/web/index.html',
  ])('answers 404 to %s, which is not on the allow-list', async (url) => {
    // fetch would normalise the dots away, so send the path as written with node:http.
    const status = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      http
        .get({ hostname, port, path: url }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(404);
  });
});
