import crypto from 'node:crypto';
import type restify from 'restify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Request limits on the REST, token and demo routes: per client address and per presented key (an API key or a
 * Direct Line token, also a wrong one), each a fixed window of a minute. rate-limiter-flexible rather than
 * restify's throttle plugin: that one keys on exactly one of address or username and answers without Retry-After.
 * Limits live in this process's memory, so with several instances each one enforces them on its own.
 */

export interface RateLimits {
  /** Requests per minute from one client address. */
  perAddressPerMinute: number;
  /** Requests per minute with one key or token. */
  perKeyPerMinute: number;
  /** Demo tokens per minute from one client address. */
  demoTokensPerMinute: number;
}

/** The limited routes: everything under /api/ except the messaging endpoint (channel traffic), and Direct Line's token and conversation start. */
function isLimited(method: string, path: string): boolean {
  if (path.startsWith('/api/')) return path !== '/api/messages';
  return method === 'POST' && (path.startsWith('/v3/directline/tokens/') || path === '/v3/directline/conversations');
}

function presentedKey(req: restify.Request): string | undefined {
  const match = /^Bearer\s+(\S+)/i.exec(req.header('authorization') ?? '');
  // Hashed, so no key is kept in memory as it was sent.
  return match ? crypto.createHash('sha256').update(match[1]).digest('base64url') : undefined;
}

export function rateLimiter(limits: RateLimits): restify.RequestHandler {
  const byAddress = new RateLimiterMemory({ keyPrefix: 'address', points: limits.perAddressPerMinute, duration: 60 });
  const byKey = new RateLimiterMemory({ keyPrefix: 'key', points: limits.perKeyPerMinute, duration: 60 });
  const demoTokens = new RateLimiterMemory({ keyPrefix: 'demo', points: limits.demoTokensPerMinute, duration: 60 });

  return (req, res, next) => {
    const path = req.path?.() ?? '';
    if (!isLimited(req.method ?? '', path)) return next();
    const address = req.socket?.remoteAddress ?? 'unknown';
    const key = presentedKey(req);
    const checks: Promise<RateLimiterRes>[] = [byAddress.consume(address)];
    if (key) checks.push(byKey.consume(key));
    if (path === '/api/demo/token') checks.push(demoTokens.consume(address));
    Promise.all(checks).then(
      () => next(),
      (refused: unknown) => {
        const waitMs = refused instanceof RateLimiterRes ? refused.msBeforeNext : 60_000;
        res.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
        const message = 'Too many requests; try again later.';
        if (path.startsWith('/v3/')) res.send(429, { error: { code: 'TooManyRequests', message } });
        else res.send(429, { error: 'too_many_requests', message });
        next(false);
      },
    );
  };
}
