import crypto from 'node:crypto';
import type restify from 'restify';
import type { Logger } from './logger';

/** Azure's endpoint that exchanges a Direct Line secret for a token bound to one new conversation. */
export const AZURE_DIRECT_LINE_TOKENS = 'https://directline.botframework.com/v3/directline/tokens/generate';

export interface DirectLineTokenOptions {
  /** DIRECT_LINE_SECRET of the Azure Bot's Direct Line channel; it never leaves the server. */
  secret: string;
  /** Token endpoint (Azure's unless a test or a regional endpoint says otherwise). */
  endpoint?: string;
  logger: Logger;
  timeoutMs?: number;
}

interface AzureToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

function isAzureToken(body: unknown): body is AzureToken {
  const b = body as Partial<AzureToken> | null;
  return !!b && typeof b.token === 'string' && typeof b.conversationId === 'string' && typeof b.expires_in === 'number';
}

/**
 * POST /api/directline/token: a Direct Line token for an anonymous web user (the chat page without demo mode).
 * The user id is made here, with the "dl_" prefix by which Direct Line marks ids its token holder may not change,
 * so a page cannot speak as someone else; the bot then treats the user as a guest until linked.
 */
export function mountDirectLineToken(server: restify.Server, options: DirectLineTokenOptions): void {
  const endpoint = options.endpoint ?? AZURE_DIRECT_LINE_TOKENS;
  server.post('/api/directline/token', async (_req, res) => {
    const userId = `dl_${crypto.randomBytes(16).toString('hex')}`;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const body: unknown = response.ok ? await response.json() : undefined;
      if (!isAzureToken(body)) {
        options.logger.warn({ status: response.status }, 'direct line token exchange refused');
        res.send(502, { error: 'The chat service did not issue a token' });
        return;
      }
      res.setHeader('Cache-Control', 'no-store');
      res.send(200, { token: body.token, conversationId: body.conversationId, expires_in: body.expires_in, userId });
    } catch (err) {
      options.logger.warn({ err }, 'direct line token exchange failed');
      res.send(502, { error: 'The chat service could not be reached' });
    }
  });
}
