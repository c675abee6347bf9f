import crypto from 'node:crypto';

/** What a Direct Line token grants: one user, optionally bound to one conversation. */
export interface TokenClaims {
  userId: string;
  name?: string;
  locale?: string;
  conversationId?: string;
}

export interface VerifiedToken extends TokenClaims {
  /** Seconds since the epoch. */
  expiresAt: number;
}

const ISSUER = 'auftragsbot-directline';
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Compact HS256 JWTs signed with a server-held key. JWT-shaped because Web Chat and botframework-directlinejs
 * decode the token's payload (never its signature) for the user id.
 */
export class DirectLineTokens {
  private readonly key: Buffer;

  constructor(secret: string, private readonly ttlSeconds: number) {
    if (!secret) throw new Error('Direct Line token secret must not be empty');
    // Derived so that the raw secret, which may serve other purposes too, never signs anything itself.
    this.key = crypto.createHmac('sha256', secret).update('directline-token-key').digest();
  }

  issue(claims: TokenClaims): { token: string; expires_in: number } {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: ISSUER,
      sub: claims.userId,
      name: claims.name,
      locale: claims.locale,
      conv: claims.conversationId,
      iat: now,
      exp: now + this.ttlSeconds,
      // Makes every issued token distinct, also two refreshes within one second.
      jti: crypto.randomBytes(9).toString('base64url'),
    };
    const body = `${HEADER}.${base64url(JSON.stringify(payload))}`;
    return { token: `${body}.${this.sign(body)}`, expires_in: this.ttlSeconds };
  }

  /** The token's claims, or undefined when it is malformed, forged or expired. */
  verify(token: string | undefined): VerifiedToken | undefined {
    if (!token) return undefined;
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return undefined;
    let payload: any;
    try {
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (payload?.iss !== ISSUER || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined;
    if (payload.exp <= Math.floor(Date.now() / 1000)) return undefined;
    return {
      userId: payload.sub,
      name: typeof payload.name === 'string' ? payload.name : undefined,
      locale: typeof payload.locale === 'string' ? payload.locale : undefined,
      conversationId: typeof payload.conv === 'string' ? payload.conv : undefined,
      expiresAt: payload.exp,
    };
  }

  private sign(data: string): string {
    return crypto.createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
