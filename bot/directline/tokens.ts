import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';

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

/**
 * Compact HS256 JWTs signed with a server-held key. JWT-shaped because Web Chat and botframework-directlinejs
 * decode the token's payload (never its signature) for the user id.
 */
export class DirectLineTokens {
  private readonly key: crypto.KeyObject;

  constructor(secret: string, private readonly ttlSeconds: number) {
    if (!secret) throw new Error('Direct Line token secret must not be empty');
    // Derived so that the raw secret, which may serve other purposes too, never signs anything itself.
    // A KeyObject of type 'secret', so jsonwebtoken never tries to read it as a public key.
    this.key = crypto.createSecretKey(crypto.createHmac('sha256', secret).update('directline-token-key').digest());
  }

  issue(claims: TokenClaims): { token: string; expires_in: number } {
    const payload = { name: claims.name, locale: claims.locale, conv: claims.conversationId };
    const token = jwt.sign(payload, this.key, {
      algorithm: 'HS256',
      issuer: ISSUER,
      subject: claims.userId,
      expiresIn: this.ttlSeconds,
      // Makes every issued token distinct, also two refreshes within one second.
      jwtid: crypto.randomBytes(9).toString('base64url'),
    });
    return { token, expires_in: this.ttlSeconds };
  }

  /** The token's claims, or undefined when it is malformed, forged or expired. */
  verify(token: string | undefined): VerifiedToken | undefined {
    if (!token) return undefined;
    let payload: string | jwt.JwtPayload;
    try {
      // Pinned to HS256 so a token can never pick its own algorithm ('none', or a public-key one).
      payload = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
    } catch {
      return undefined;
    }
    // jsonwebtoken only checks exp when present; a token without one must not live forever.
    if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined;
    return {
      userId: payload.sub,
      name: typeof payload.name === 'string' ? payload.name : undefined,
      locale: typeof payload.locale === 'string' ? payload.locale : undefined,
      conversationId: typeof payload.conv === 'string' ? payload.conv : undefined,
      expiresAt: payload.exp,
    };
  }
}
