import { signDocumentLink, verifyDocumentLink } from '../../domain/documentLinks';

const secret = 'a-secret-of-at-least-thirty-two-bytes!!';
const now = new Date('2026-12-01T10:00:00Z');
const claims = { documentId: 'RE-2026-0004', recipient: 'person:7', expiresAt: new Date('2026-12-08T10:00:00Z') };

describe('signed document links', () => {
  test('a signed link verifies and gives back what it names', () => {
    const token = signDocumentLink(claims, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){3}$/);
    expect(verifyDocumentLink(token, secret, now)).toEqual({ ok: true, claims });
    expect(signDocumentLink(claims, secret)).toBe(token); // deterministic
  });

  test('expired at the expiry instant and after', () => {
    const token = signDocumentLink(claims, secret);
    expect(verifyDocumentLink(token, secret, new Date('2026-12-08T09:59:59Z')).ok).toBe(true);
    expect(verifyDocumentLink(token, secret, new Date('2026-12-08T10:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  test('an altered document, recipient, expiry or signature, or another secret, fails the signature', () => {
    const token = signDocumentLink(claims, secret);
    const parts = token.split('.');
    const swap = (i: number, value: string) => parts.map((p, j) => (j === i ? Buffer.from(value).toString('base64url') : p)).join('.');
    expect(verifyDocumentLink(swap(0, 'RE-2026-0005'), secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyDocumentLink(swap(1, 'person:8'), secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyDocumentLink(swap(2, String(Date.parse('2030-01-01') / 1000)), secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const sig = parts[3];
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(verifyDocumentLink([...parts.slice(0, 3), flipped].join('.'), secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyDocumentLink([...parts.slice(0, 3), sig.slice(0, 10)].join('.'), secret, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyDocumentLink(token, `${secret}x`, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  test('ids containing dots cannot move the boundaries; malformed tokens are told apart', () => {
    const dotted = { ...claims, documentId: 'a.b.c', recipient: 'x.y' };
    expect(verifyDocumentLink(signDocumentLink(dotted, secret), secret, now)).toEqual({ ok: true, claims: dotted });
    expect(verifyDocumentLink('', secret, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyDocumentLink('a.b.c', secret, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyDocumentLink('a.b.c.d e', secret, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  test('refuses a short secret and empty ids', () => {
    expect(() => signDocumentLink(claims, 'short')).toThrow(RangeError);
    expect(() => signDocumentLink({ ...claims, recipient: '' }, secret)).toThrow(RangeError);
  });
});
