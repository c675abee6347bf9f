import type { CardAttachment } from '../../cards/bind';
import type { Db } from '../../data/db';
import type { OutboxRow } from '../../data/outbox';
import type { Locale } from '../../domain/locale';
import type { Person } from '../../domain/parties';
import type { CalendarFor } from '../appointmentDetails';

/** What the recipient sees: always a text (also what Teams shows in a notification), optionally a card. */
export interface RenderedMessage {
  text: string;
  card?: CardAttachment;
}

/** A row that cannot be turned into a message for this reader (e.g. an order they may not see); `why` goes to last_error. */
export interface Unrenderable {
  unrenderable: string;
}

export interface RenderContext {
  db: Db;
  row: OutboxRow;
  /** The person reading it: the recipient, or the person a conversation recipient is linked to (null: none). */
  viewer: Person | null;
  locale: Locale;
}

/** One kind of message: how it reads, and (for messages due later) whether it is still wanted when due. */
export interface NotificationKind {
  render(ctx: RenderContext): Promise<RenderedMessage | Unrenderable>;
  /** Asked at send time; a reason (e.g. 'booking cancelled') drops the row unsent, null keeps it. */
  obsolete?(db: Db, row: OutboxRow, now: Date): Promise<string | null>;
}

export function isUnrenderable(value: RenderedMessage | Unrenderable): value is Unrenderable {
  return 'unrenderable' in value;
}

/**
 * Calendar links in a message are signed for its reader, from when the message was written or became due,
 * whichever is later (a reminder queued weeks ahead still carries a fresh link).
 */
export function calendarForReader(ctx: RenderContext): CalendarFor | undefined {
  if (!ctx.viewer) return undefined;
  const written = Math.max(Date.parse(ctx.row.createdAt) || 0, Date.parse(ctx.row.dueAt) || 0);
  return { personId: ctx.viewer.id, now: written > 0 ? new Date(written) : new Date() };
}
