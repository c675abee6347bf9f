import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring download links for documents: a token names the document, the person it was sent to and the
 * moment it stops working, and carries an HMAC-SHA256 over exactly those three, so none can be changed without the
 * server's secret. Pure: the secret and the clock are passed in.
 *
 * Token: base64url("<documentId>.<recipient>.<expiresAt epoch seconds>") "." base64url(HMAC).
 */

export interface DocumentLinkClaims {
  documentId: string;
  /** Who may open it, e.g. the person id the document was sent to; the route checks it against who is asking. */
  recipient: string;
  expiresAt: Date;
}

export type LinkCheck =
  | { ok: true; claims: DocumentLinkClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

const MIN_SECRET_BYTES = 32;

export function signDocumentLink(claims: DocumentLinkClaims, secret: string | Buffer): string {
  assertSecret(secret);
  for (const [field, value] of [['documentId', claims.documentId], ['recipient', claims.recipient]] as const) {
    if (value.length === 0 || value.includes('\n')) throw new RangeError(`${field} must be a non-empty single line`);
  }
  const expires = Math.floor(claims.expiresAt.getTime() / 1000);
  if (!Number.isSafeInteger(expires)) throw new RangeError('expiresAt must be a valid date');
  // Each part is base64url-encoded on its own so an id containing dots cannot shift the boundaries.
  const payload = [claims.documentId, claims.recipient, String(expires)].map(b64).join('.');
  return `${payload}.${mac(payload, secret).toString('base64url')}`;
}

/** Checks the signature first (constant time), then the expiry against `now`. */
export function verifyDocumentLink(token: string, secret: string | Buffer, now: Date): LinkCheck {
  assertSecret(secret);
  const parts = token.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return { ok: false, reason: 'malformed' };
  const payload = parts.slice(0, 3).join('.');
  const given = Buffer.from(parts[3], 'base64url');
  const expected = mac(payload, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  const [documentId, recipient, expiresText] = parts.slice(0, 3).map((p) => Buffer.from(p, 'base64url').toString('utf8'));
  if (!/^\d+$/.test(expiresText)) return { ok: false, reason: 'malformed' };
  const expiresAt = new Date(Number(expiresText) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { documentId, recipient, expiresAt } };
}

function mac(payload: string, secret: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`document-link\n${payload}`).digest();
}

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}

function assertSecret(secret: string | Buffer): void {
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) throw new RangeError(`the link secret needs at least ${MIN_SECRET_BYTES} bytes`);
}
