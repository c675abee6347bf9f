import path from 'node:path';
import restify from 'restify';

/** The page's own files, each under a fixed URL: an allow-list, so no request path ever reaches the file system. */
const pageFiles: Record<string, string> = {
  '/': 'index.html',
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

/** Registers the chat page at `/`, its assets under `/web/` and the Web Chat bundle. */
export function mountWeb(server: restify.Server): void {
  for (const [url, file] of Object.entries(pageFiles)) {
    // maxAge 0: a changed page is picked up on the next reload.
    server.get(url, restify.plugins.serveStatic({ directory: webDir, file, charSet: 'utf-8', maxAge: 0 }));
  }
  server.get(
    webChatBundle.url,
    restify.plugins.serveStatic({ directory: webChatDist, file: webChatBundle.file, charSet: 'utf-8', maxAge: 3600 }),
  );
}
