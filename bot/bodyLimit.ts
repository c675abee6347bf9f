import zlib from 'node:zlib';
import type restify from 'restify';

/**
 * Request bodies at the edge. No client of ours compresses what it posts except, possibly, a Bot Framework
 * channel on /api/messages; every other route refuses a Content-Encoding before any body is read (restify's own
 * reader would inflate it without a bound and lets a broken gzip stream crash the process).
 */

/** How much of a refused body is still read (and dropped) before the connection is cut, as a multiple of the limit. */
const DRAIN_LIMIT_FACTOR = 8;

/** Paths that may post gzip: the messaging endpoint, read by readJsonBody below with a bound on the inflated size. */
const GZIP_PATHS = new Set(['/api/messages']);

function encodingOf(req: restify.Request): string {
  return String(req.headers['content-encoding'] ?? '').trim().toLowerCase();
}

function sendProblem(req: restify.Request, res: restify.Response, status: number, code: string, message: string): void {
  // Direct Line's clients expect its error shape; everyone else gets the REST API's.
  if ((req.path?.() ?? req.url ?? '').startsWith('/v3/')) res.send(status, { error: { code, message } });
  else res.send(status, { error: code, message });
}

/** A pre-routing handler: 415 for any compressed body where none is expected. */
export function refuseCompressedBodies(): restify.RequestHandler {
  return (req, res, next) => {
    const encoding = encodingOf(req);
    if (!encoding || encoding === 'identity' || ['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? '')) return next();
    const path = req.path?.() ?? '';
    if (encoding === 'gzip' && GZIP_PATHS.has(path)) return next();
    res.header('Accept-Encoding', 'identity');
    sendProblem(req, res, 415, 'unsupported_content_encoding', 'Compressed request bodies are not accepted here.');
    return next(false);
  };
}

/**
 * Reads a JSON body of at most `maxBytes`, counted after inflating a gzip body, so a small bomb cannot grow into
 * gigabytes. A broken gzip stream answers 400 and an oversized body 413, before anything is parsed or buffered
 * beyond the limit. A body already read by another handler is left as it is.
 */
export function readJsonBody(maxBytes: number): restify.RequestHandler {
  return readBoundedBody(maxBytes, 'json');
}

/** The same bound for a text body (an XML bank statement): req.body is the text, not parsed. */
export function readTextBody(maxBytes: number): restify.RequestHandler {
  return readBoundedBody(maxBytes, 'text');
}

/** The same bound for a binary body (a multipart upload): req.body is the Buffer as it came. */
export function readRawBody(maxBytes: number): restify.RequestHandler {
  return readBoundedBody(maxBytes, 'raw');
}

function readBoundedBody(maxBytes: number, as: 'json' | 'text' | 'raw'): restify.RequestHandler {
  return (req, res, next) => {
    if ((req as any)._readBody || req.body !== undefined) return next();
    (req as any)._readBody = true;
    const gzip = encodingOf(req) === 'gzip';
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;

    function reject(status: number, code: string, message: string) {
      if (settled) return;
      settled = true;
      sendProblem(req, res, status, code, message);
      // The rest of the body is read and dropped, so the client sees the answer rather than a reset connection;
      // a client that goes on sending far beyond the limit is cut off.
      req.unpipe?.();
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > DRAIN_LIMIT_FACTOR * maxBytes) req.socket?.destroy();
      });
      req.resume();
      next(false);
    }

    // A body announced as too large (compressed or not) is refused before a byte is read.
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT_FACTOR * maxBytes) {
      sendProblem(req, res, 413, 'request_too_large', `The body exceeds ${maxBytes} bytes.`);
      req.socket?.destroySoon?.();
      return next(false);
    }
    if (Number.isFinite(declared) && declared > maxBytes) return reject(413, 'request_too_large', `The body exceeds ${maxBytes} bytes.`);
    // Counted chunk by chunk below: a stream's output is not bounded by zlib itself.
    const source: NodeJS.ReadableStream = gzip ? req.pipe(zlib.createGunzip()) : req;

    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        // Stop inflating; the request itself is drained by reject, so the client still gets its answer.
        if (source !== req) (source as any).destroy?.();
        return reject(413, 'request_too_large', `The body exceeds ${maxBytes} bytes.`);
      }
      chunks.push(chunk);
    });
    source.on('error', () => {
      reject(400, 'bad_request_body', gzip ? 'The body is not valid gzip.' : 'The body could not be read.');
    });
    if (gzip) req.on('error', () => reject(400, 'bad_request_body', 'The body could not be read.'));
    source.on('end', () => {
      if (settled) return;
      if (as === 'raw') {
        settled = true;
        req.body = Buffer.concat(chunks);
        return next();
      }
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) {
        settled = true;
        req.body = undefined;
        return next();
      }
      if (as === 'text') {
        settled = true;
        req.body = text;
        return next();
      }
      try {
        req.body = JSON.parse(text);
      } catch {
        return reject(400, 'bad_request_body', 'The body is not valid JSON.');
      }
      settled = true;
      next();
    });
  };
}
