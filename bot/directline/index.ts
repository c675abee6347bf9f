import crypto from 'node:crypto';
import type restify from 'restify';
import type { Db } from '../../data/db';
import type { ChannelAccount } from './activities';
import { deliverStored, mountClientRoutes } from './clientRoutes';
import { listActivitiesInState } from '../../data/directline';
import { mountConnectorRoutes } from './connectorRoutes';
import type { ChannelContext, ChannelLogger } from './context';
import { DirectLineTokens } from './tokens';

export interface LocalDirectLineOptions {
  db: Db; // conversations + activities persisted there (survive restarts)
  botEndpoint: () => string; // full URL of the bot's POST /api/messages (known only after listen)
  serviceUrl: () => string; // public base URL of this server, e.g. http://127.0.0.1:3978
  tokenSecret: string; // HMAC key for signing tokens (server-held)
  tokenTtlSeconds?: number; // default 3600
  logger?: ChannelLogger;
  /** The bot's account in this channel (default id 'auftragsbot'). */
  bot?: { id: string; name?: string };
}

const silent: ChannelLogger = { info() {}, warn() {}, error() {} };

/**
 * A local Direct Line 3.0 channel, acting as both ends like the Bot Framework Emulator: the Direct Line front
 * that Web Chat and botframework-directlinejs poll, and the Bot Connector service the bot replies to.
 */
export class LocalDirectLine {
  private readonly context: ChannelContext;

  constructor(options: LocalDirectLineOptions) {
    const tokens = new DirectLineTokens(options.tokenSecret, options.tokenTtlSeconds ?? 3600);
    // Derived from the token secret so that it stays the same across restarts: conversation references stored
    // by the bot (for proactive messages) carry it in their serviceUrl.
    const connectorSecret = crypto.createHmac('sha256', options.tokenSecret).update('directline-connector-path').digest('base64url');
    const secretBuffer = Buffer.from(connectorSecret);
    // A link to an uploaded file is its own permission (Web Chat shows it, the bot reads it): signed per file.
    const attachmentSignature = (conversationId: string, attachmentId: string) =>
      crypto.createHmac('sha256', options.tokenSecret).update(`directline-attachment\n${conversationId}\n${attachmentId}`).digest('base64url');
    const bot: ChannelAccount = { id: options.bot?.id ?? 'auftragsbot', name: options.bot?.name ?? 'Auftragsbot' };
    this.context = {
      db: options.db,
      tokens,
      bot,
      botEndpoint: options.botEndpoint,
      connectorServiceUrl: () => `${options.serviceUrl().replace(/\/+$/, '')}/connector/${connectorSecret}`,
      isConnectorSecret: (candidate) => {
        const given = Buffer.from(candidate ?? '');
        return given.length === secretBuffer.length && crypto.timingSafeEqual(given, secretBuffer);
      },
      logger: options.logger ?? silent,
      attachmentUrl: (conversationId, attachmentId) =>
        `${options.serviceUrl().replace(/\/+$/, '')}/v3/directline/conversations/${conversationId}/attachments/${attachmentId}?sig=${attachmentSignature(conversationId, attachmentId)}`,
      isAttachmentSignature: (conversationId, attachmentId, signature) => {
        const given = Buffer.from(signature ?? '');
        const expected = Buffer.from(attachmentSignature(conversationId, attachmentId));
        return given.length === expected.length && crypto.timingSafeEqual(given, expected);
      },
    };
  }

  /** Registers the Direct Line routes (/v3/directline/…) and the connector routes (/connector/<secret>/v3/…). */
  mount(server: restify.Server): void {
    mountClientRoutes(server, this.context);
    mountConnectorRoutes(server, this.context);
  }

  /**
   * Delivers the user activities a crash left 'sending' (accepted, perhaps never processed), oldest first. Call it
   * once the bot listens. The bot's turn guard runs each activity id once, so one that was processed after all is
   * not processed again. Returns how many the bot took.
   */
  async deliverPending(): Promise<number> {
    let delivered = 0;
    for (const stored of await listActivitiesInState(this.context.db, 'sending')) {
      if (await deliverStored(this.context, stored)) delivered += 1;
    }
    if (delivered) this.context.logger.info({ delivered }, 'directline activities left sending were delivered');
    return delivered;
  }

  /**
   * Whether a URL is a file link of this channel for that conversation (what the bot may read): this server's
   * own address, the conversation's attachment route, nothing else.
   */
  isOwnAttachmentUrl(url: string, conversationId: string): boolean {
    const prefix = `${this.context.attachmentUrl(conversationId, 'x').split('/attachments/')[0]}/attachments/`;
    return url.startsWith(prefix) && /^[A-Za-z0-9_-]{1,64}\?sig=[A-Za-z0-9_-]+$/.test(url.slice(prefix.length));
  }

  /** A token for a user, not yet bound to a conversation: what a web page hands to Web Chat. */
  issueToken(user: { id: string; name?: string; locale?: string }): { token: string; expires_in: number } {
    if (!user.id) throw new Error('A Direct Line token needs a user id');
    return this.context.tokens.issue({ userId: user.id, name: user.name, locale: user.locale });
  }
}
