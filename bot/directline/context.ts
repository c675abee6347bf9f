import type { Db } from '../../data/db';
import type { ChannelAccount } from './activities';
import type { DirectLineTokens } from './tokens';

export interface ChannelLogger {
  info(...a: any[]): void;
  warn(...a: any[]): void;
  error(...a: any[]): void;
}

/** What the client front and the connector side share. */
export interface ChannelContext {
  db: Db;
  tokens: DirectLineTokens;
  bot: ChannelAccount;
  botEndpoint(): string;
  /** The serviceUrl handed to the bot: this server's connector, behind the secret path segment. */
  connectorServiceUrl(): string;
  /** Constant-time check of the secret path segment of a connector call. */
  isConnectorSecret(candidate: string | undefined): boolean;
  logger: ChannelLogger;
  /** The signed link to an uploaded file, handed to the bot as the attachment's contentUrl. */
  attachmentUrl(conversationId: string, attachmentId: string): string;
  /** Whether `signature` is the one attachmentUrl put in that link. */
  isAttachmentSignature(conversationId: string, attachmentId: string, signature: string | undefined): boolean;
}
