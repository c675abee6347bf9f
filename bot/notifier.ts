import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { listConversationRefsForPerson, type StoredConversationRef } from '../data/conversationRefs';
import type { Db } from '../data/db';
import { getOrder } from '../data/orders';
import { claimDueNotifications, markFailed, markSent, releaseClaim, type OutboxRow } from '../data/outbox';
import { getPerson } from '../data/parties';
import { formatDate, formatDateTime, orderLinesText } from '../dialogs/format';
import { reasonText } from '../dialogs/staffViews';
import { notificationTexts } from '../dialogs/texts/notifications';
import { statusLabel, isOrderStatus } from '../domain/lifecycle';
import type { Locale } from '../domain/locale';
import { formatMoney } from '../domain/money';
import type { Person } from '../domain/parties';
import type { Logger } from './logger';

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
}

export interface SendReport {
  sent: number;
  failed: number;
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

function payloadNumber(row: OutboxRow): string {
  const n = row.payload.orderNumber ?? row.payload.number;
  if (typeof n !== 'string' && typeof n !== 'number') throw new Undeliverable(`outbox row ${row.id} (${row.kind}) has no order number`);
  return String(n);
}

/**
 * The message for one outbox row in the recipient's language. The order is read with the recipient's own
 * rights, so a row can never show someone an order they may not see.
 */
export async function notificationMessage(db: Db, row: OutboxRow, person: Person, locale: Locale): Promise<string> {
  const number = payloadNumber(row);
  const actor = { personId: person.id, role: person.role, customerId: person.customerId, channel: 'notifier' };
  const view = await getOrder(db, actor, number);
  if (!view) throw new Undeliverable(`order ${number} is not visible to person ${person.id}`);
  const p = row.payload;
  const total = formatMoney(view.totals.grossCents, locale);
  switch (row.kind) {
    case 'order_confirmed': {
      const text = notificationTexts(locale, 'order_confirmed', { number, lines: orderLinesText(view.lines, locale), total });
      return view.promisedDate ? `${text} ${notificationTexts(locale, 'promised', { date: formatDate(view.promisedDate, locale) })}` : text;
    }
    case 'order_on_hold':
      return notificationTexts(locale, 'order_on_hold', { number });
    case 'order_on_hold_review':
      return notificationTexts(locale, 'order_on_hold_review', {
        number, customer: view.customer.name, total, reason: reasonText(String(p.reason ?? view.holdReason ?? ''), locale),
      });
    case 'order_shipped':
      return notificationTexts(locale, p.partial ? 'order_partially_shipped' : 'order_shipped', {
        number, carrier: String(p.carrier ?? ''), tracking: String(p.trackingNumber ?? ''),
      });
    case 'order_delivered':
      return notificationTexts(locale, 'order_delivered', { number });
    case 'order_cancelled': {
      const text = notificationTexts(locale, 'order_cancelled', { number });
      return p.reason ? `${text} ${notificationTexts(locale, 'cancelledReason', { reason: reasonText(String(p.reason), locale) })}` : text;
    }
    case 'booking_rescheduled': {
      const moved = p as { sku?: unknown; from?: { start?: unknown }; to?: { start?: unknown } };
      const service = view.lines.find((l) => l.sku === moved.sku)?.name[locale] ?? String(moved.sku ?? '');
      return notificationTexts(locale, 'booking_rescheduled', {
        number, service, when: formatDateTime(String(moved.to?.start ?? ''), locale), before: formatDateTime(String(moved.from?.start ?? ''), locale),
      });
    }
    default: {
      const status = isOrderStatus(p.status) ? p.status : view.status;
      return notificationTexts(locale, 'order_status_changed', { number, status: statusLabel(status, locale) });
    }
  }
}

/** The conversation to write to: the one named in the row (where an order was placed), else the one the person used last. */
function pickReference(refs: StoredConversationRef[], row: OutboxRow): StoredConversationRef | undefined {
  const wanted = row.payload.conversation as { channelId?: unknown; conversationId?: unknown } | undefined;
  return refs.find((r) => r.channelId === wanted?.channelId && r.conversationId === wanted?.conversationId) ?? refs[0];
}

async function deliver(options: NotifierOptions, row: OutboxRow): Promise<void> {
  const person = await getPerson(options.db, row.personId);
  if (!person) throw new Undeliverable(`person ${row.personId} does not exist`);
  const ref = pickReference(await listConversationRefsForPerson(options.db, row.personId), row);
  if (!ref) throw new Undeliverable(`no stored conversation reference for person ${row.personId}`);
  const locale = person.locale ?? ref.locale ?? 'de';
  const text = await notificationMessage(options.db, row, person, locale);
  await options.adapter.continueConversationAsync(options.appId, ref.reference as Partial<ConversationReference>, async (context) => {
    await context.sendActivity({ type: 'message', text, locale, channelData: { notification: { kind: row.kind, id: notificationActivityId(row) } } });
  });
}

/**
 * One pass: claim due rows (a lease, so no other sender takes them), send each, mark it sent right after.
 * A failure is recorded with markFailed, which schedules the retry with backoff. Each send is bounded by a
 * timeout, and no send starts that could outlast half the lease: the rest is handed back for the next pass,
 * so every row is settled while this sender still holds it.
 */
export async function sendDueNotifications(options: NotifierOptions, now: Date = new Date()): Promise<SendReport> {
  const leaseMs = (options.leaseSeconds ?? 60) * 1000;
  const sendTimeoutMs = Math.min((options.sendTimeoutSeconds ?? leaseMs / 4000) * 1000, leaseMs / 2);
  const started = performance.now();
  const rows = await claimDueNotifications(options.db, { limit: options.batchSize ?? 20, now, leaseSeconds: leaseMs / 1000 });
  const report: SendReport = { sent: 0, failed: 0 };
  for (const row of rows) {
    if (performance.now() - started + sendTimeoutMs > leaseMs / 2) {
      await releaseClaim(options.db, row, now);
      continue;
    }
    try {
      await withinTimeout(deliver(options, row), sendTimeoutMs);
    } catch (err) {
      const message = err instanceof Undeliverable ? err.message : `send failed: ${(err as Error)?.message ?? String(err)}`;
      options.logger?.warn({ outboxId: row.id, kind: row.kind, attempts: row.attempts + 1, error: message }, 'notification not delivered');
      if (!(await markFailed(options.db, row, message, now))) claimLost(options, row);
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
