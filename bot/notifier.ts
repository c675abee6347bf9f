import { exponentialRetryPolicy, type Pipeline } from '@azure/core-rest-pipeline';
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { getConversationRef, listConversationRefsForPerson, type StoredConversationRef } from '../data/conversationRefs';
import type { Db } from '../data/db';
import { claimDueNotifications, holdUntil, markDropped, markFailed, markSent, releaseClaim, type OutboxRow } from '../data/outbox';
import { getPerson } from '../data/parties';
import { isUnrenderable, obsoleteReason, renderNotification } from '../dialogs/notifications';
import type { Locale } from '../domain/locale';
import type { Person } from '../domain/parties';
import { quietUntil, type QuietHours } from '../domain/quietHours';
import type { Logger } from './logger';
import { usesUniversalActions, withUniversalActions } from './universalActions';

export interface NotifierOptions {
  db: Db;
  /** Only continueConversationAsync is used, so a second adapter (another process) works as well as the host's. */
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** The bot's MicrosoftAppId ('' without credentials). */
  appId: string;
  logger?: Logger;
  /** Rows claimed per pass. */
  batchSize?: number;
  /** How long a claimed row is reserved for this sender before another may take it (a crash mid-send). */
  leaseSeconds?: number;
  /** How long one send may take before it counts as failed; a quarter of the lease unless set, at most half. */
  sendTimeoutSeconds?: number;
  /** Customer messages due inside these Berlin hours wait until they end; none unless set (config QUIET_HOURS). */
  quietHours?: QuietHours | null;
}

export interface SendReport {
  sent: number;
  failed: number;
  /** Held back by quiet hours until they end. */
  held: number;
  /** No longer wanted at send time (their reason was gone), settled unsent. */
  dropped: number;
}

/** Thrown for rows that cannot be sent at all, so last_error says why instead of a stack trace. */
class Undeliverable extends Error {}

/**
 * The id the message carries on every attempt. A channel that drops a second activity with the same id (the local
 * Direct Line channel does) shows the message once even when a send that seemed lost did arrive.
 */
function notificationActivityId(row: Pick<OutboxRow, 'id'>): string {
  return `notification-${row.id}`;
}

/**
 * Gives up waiting for a send after `ms`. The request itself may still arrive later; the retry then carries the same
 * notification id. Waiting longer than the lease would let another sender take the row and send it meanwhile.
 */
async function withinTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The conversation to write to and who reads it there, for each kind of recipient. */
async function target(db: Db, row: OutboxRow): Promise<{ ref: StoredConversationRef; viewer: Person | null; locale: Locale }> {
  const r = row.recipient;
  if (r.kind === 'conversation') {
    const ref = await getConversationRef(db, r.channelId, r.conversationId);
    if (!ref) throw new Undeliverable(`no stored conversation reference for ${r.channelId}/${r.conversationId}`);
    const viewer = ref.personId == null ? null : await getPerson(db, ref.personId);
    return { ref, viewer, locale: viewer?.locale ?? ref.locale ?? 'de' };
  }
  const person = await getPerson(db, r.personId);
  if (!person) throw new Undeliverable(`person ${r.personId} does not exist`);
  const ref = pickReference(await listConversationRefsForPerson(db, r.personId), row);
  if (!ref) throw new Undeliverable(`no stored conversation reference for person ${r.personId}`);
  return { ref, viewer: person, locale: person.locale ?? ref.locale ?? 'de' };
}

/** The conversation to write to: the one named in the row (where an order was placed), else the one the person used last. */
function pickReference(refs: StoredConversationRef[], row: OutboxRow): StoredConversationRef | undefined {
  const wanted = row.payload.conversation as { channelId?: unknown; conversationId?: unknown } | undefined;
  return refs.find((r) => r.channelId === wanted?.channelId && r.conversationId === wanted?.conversationId) ?? refs[0];
}

async function deliver(options: NotifierOptions, row: OutboxRow): Promise<void> {
  const { ref, viewer, locale } = await target(options.db, row);
  const message = await renderNotification({ db: options.db, row, viewer, locale });
  if (isUnrenderable(message)) throw new Undeliverable(message.unrenderable);
  // Without the stored activity id: a proactive message is a new message, not a reply threaded under an old one.
  const { activityId: _old, ...reference } = ref.reference as Partial<ConversationReference>;
  await options.adapter.continueConversationAsync(options.appId, reference, async (context) => {
    retriesWithoutThrottling(context);
    // botbuilder gives the continuation activity an id of its own and would send the message as a reply to it.
    context.activity.id = undefined as unknown as string;
    const card = message.card && usesUniversalActions(context.activity.channelId)
      ? { ...message.card, content: withUniversalActions(message.card.content) }
      : message.card;
    await context.sendActivity({
      type: 'message', text: message.text, locale, attachments: card ? [card] : undefined,
      channelData: { notification: { kind: row.kind, id: notificationActivityId(row) } },
    });
  });
}

/**
 * The connector client's default retries wait out a 429 or 503 for as long as its Retry-After says, in the process,
 * past our send timeout and lease (a late retry would then double the message). For proactive sends only server
 * errors without Retry-After are retried there (a quick 500); a throttled send fails at once and the outbox retries it
 * no earlier than Retry-After, across restarts.
 */
function retriesWithoutThrottling(context: TurnContext): void {
  const pipeline = (context.turnState.get(context.adapter.ConnectorClientKey) as { client?: { pipeline?: Pipeline } } | undefined)?.client?.pipeline;
  if (!pipeline || pipeline.getOrderedPolicies().some((p) => p.name === 'exponentialRetryPolicy')) return;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(exponentialRetryPolicy({ maxRetries: 3 }), { phase: 'Retry' });
}

/** Seconds a channel asked us to wait (Retry-After as seconds or an HTTP date) on a 429 or 503, if it did. */
export function retryAfterOf(err: unknown, now: Date): number | undefined {
  const e = err as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } | Record<string, string> } };
  if (e?.statusCode !== 429 && e?.statusCode !== 503) return undefined;
  const headers = e.response?.headers as any;
  const raw: unknown = typeof headers?.get === 'function' ? headers.get('retry-after') : headers?.['retry-after'];
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim());
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * One pass: claim due rows (a lease, so no other sender takes them), hold customer messages in quiet hours until
 * they end, drop rows whose reason is gone, send each other one and mark it sent right after.
 * A failure is recorded with markFailed, which schedules the retry with backoff. Each send is bounded by a
 * timeout, and no send starts that could outlast half the lease: the rest is handed back for the next pass,
 * so every row is settled while this sender still holds it.
 */
export async function sendDueNotifications(options: NotifierOptions, now: Date = new Date()): Promise<SendReport> {
  const leaseMs = (options.leaseSeconds ?? 60) * 1000;
  const sendTimeoutMs = Math.min((options.sendTimeoutSeconds ?? leaseMs / 4000) * 1000, leaseMs / 2);
  const started = performance.now();
  const rows = await claimDueNotifications(options.db, { limit: options.batchSize ?? 20, now, leaseSeconds: leaseMs / 1000 });
  const report: SendReport = { sent: 0, failed: 0, held: 0, dropped: 0 };
  for (const row of rows) {
    if (performance.now() - started + sendTimeoutMs > leaseMs / 2) {
      await releaseClaim(options.db, row, now);
      continue;
    }
    // Held first and asked "still wanted?" when released: a reason may go away during the night.
    const until = row.quiet ? quietUntil(now, options.quietHours ?? null) : null;
    if (until) {
      if (!(await holdUntil(options.db, row, until))) claimLost(options, row);
      report.held += 1;
      continue;
    }
    try {
      const obsolete = await obsoleteReason(options.db, row, now);
      if (obsolete) {
        if (!(await markDropped(options.db, row, obsolete, now))) claimLost(options, row);
        options.logger?.info({ outboxId: row.id, kind: row.kind, why: obsolete }, 'notification no longer wanted');
        report.dropped += 1;
        continue;
      }
      await withinTimeout(deliver(options, row), sendTimeoutMs);
    } catch (err) {
      const message = err instanceof Undeliverable ? err.message : `send failed: ${(err as Error)?.message ?? String(err)}`;
      options.logger?.warn({ outboxId: row.id, kind: row.kind, attempts: row.attempts + 1, error: message }, 'notification not delivered');
      const retryAfter = retryAfterOf(err, now);
      if (!(await markFailed(options.db, row, retryAfter === undefined ? message : `${message} (retry after ${retryAfter} s)`, now, retryAfter))) claimLost(options, row);
      report.failed += 1;
      continue;
    }
    if (!(await markSent(options.db, row, new Date()))) claimLost(options, row);
    report.sent += 1;
  }
  return report;
}

function claimLost(options: NotifierOptions, row: OutboxRow): void {
  options.logger?.warn({ outboxId: row.id, kind: row.kind }, 'notification lease ran out before it was settled; another sender has it');
}
