import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import restify from 'restify';

/** The page's assets, each under a fixed URL: an allow-list, so no request path ever reaches the file system. */
const assetFiles: Record<string, string> = {
  '/web/app.js': 'app.js',
  '/web/style.css': 'style.css',
  '/web/favicon.svg': 'favicon.svg',
};

/** Web Chat's prebuilt UMD bundle (defines window.WebChat), served from node_modules rather than a CDN. */
const webChatBundle = { url: '/web/vendor/webchat.js', file: 'webchat.js' };

// Both folders are resolved from code locations, so the server works from any working directory.
const webDir = path.resolve(__dirname, '..', 'web');
// The package exports neither package.json nor dist/, so go from its CommonJS entry (lib/index.js) to dist/.
const webChatDist = path.resolve(path.dirname(require.resolve('botframework-webchat')), '..', 'dist');

/** Azure's Direct Line service, which the page talks to when the bot runs with app credentials (no local channel). */
export const azureDirectLineOrigins = ['https://directline.botframework.com', 'wss://directline.botframework.com'];

export interface WebOptions {
  /** The page talks to Azure's Direct Line rather than the local channel: its origins join connect-src. */
  azureDirectLine?: boolean;
}

/** CSP hash source of an empty <style> element (SHA-256 of the empty string). */
const EMPTY_STYLE_HASH = `sha256-${crypto.createHash('sha256').update('').digest('base64')}`;

/**
 * The page's Content-Security-Policy. Scripts only from our origin (app.js, the bundle; no inline script, no eval).
 * Styles: our stylesheet plus the <style> elements Web Chat's emotion inserts, admitted by the page's nonce
 * rather than 'unsafe-inline'; react-scroll-to-bottom (inside Web Chat) adds its <style> without the nonce and
 * fills it through CSSOM, so the hash of the empty text admits exactly that empty element and nothing with content.
 * Images from data: and blob: for the avatars and cards Web Chat draws.
 */
export function contentSecurityPolicy(nonce: string, options: WebOptions = {}): string {
  // blob: — Web Chat reads a file the user picked (a bank statement) from its object URL before uploading it.
  const connect = ["'self'", 'blob:', ...(options.azureDirectLine ? azureDirectLineOrigins : [])];
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers on the page and every asset: no framing, no MIME sniffing, no full URL to other sites. */
function setSecurityHeaders(res: restify.Response, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
}

const NONCE_PLACEHOLDER = /__CSP_NONCE__/g;

/** Registers the chat page at `/`, its assets under `/web/` and the Web Chat bundle. */
export function mountWeb(server: restify.Server, options: WebOptions = {}): void {
  // Assets carry the policy too (a script or SVG opened on its own must not run anything either).
  const assetPolicy = contentSecurityPolicy(crypto.randomBytes(16).toString('base64'), options);
  const withHeaders = (handler: restify.RequestHandler): restify.RequestHandler => (req, res, next) => {
    setSecurityHeaders(res, assetPolicy);
    return handler(req, res, next);
  };

  server.get('/', (_req, res, next) => {
    // A fresh nonce per response; read per request so that a changed page is picked up on the next reload.
    const nonce = crypto.randomBytes(16).toString('base64');
    fs.readFile(path.join(webDir, 'index.html'), 'utf8', (err, html) => {
      if (err) return next(err);
      setSecurityHeaders(res, contentSecurityPolicy(nonce, options));
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.writeHead(200);
      res.end(html.replace(NONCE_PLACEHOLDER, nonce));
      return next();
    });
  });
  for (const [url, file] of Object.entries(assetFiles)) {
    // maxAge 0: a changed asset is picked up on the next reload.
    server.get(url, withHeaders(restify.plugins.serveStatic({ directory: webDir, file, charSet: 'utf-8', maxAge: 0 })));
  }
  server.get(
    webChatBundle.url,
    withHeaders(restify.plugins.serveStatic({ directory: webChatDist, file: webChatBundle.file, charSet: 'utf-8', maxAge: 3600 })),
  );
}
