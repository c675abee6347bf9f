import type { Db } from '../../data/db';
import type { OutboxRow } from '../../data/outbox';
import { appointmentReminder } from './appointmentReminder';
import type { NotificationKind, RenderContext, RenderedMessage, Unrenderable } from './kind';
import { documentMessages } from './documentMessages';
import { invoiceMessages } from './invoiceMessages';
import { orderMessages, orderStatusChanged } from './orderMessages';
import { serviceMessages } from './serviceMessages';
import { paymentMessages } from './paymentMessages';
import { quoteMessages } from './quoteMessages';

export { isUnrenderable, type RenderedMessage, type Unrenderable } from './kind';

/**
 * Every kind of outbox message and how it reads. A new kind (invoice_issued, dunning_notice, accountant_digest …)
 * is one entry here with its texts in texts/notifications.ts and, when it is due later, its `obsolete` check.
 */
const kinds: Record<string, NotificationKind> = {
  ...orderMessages,
  // The order confirmation and delivery notes come with their documents' links.
  ...documentMessages(orderMessages),
  ...invoiceMessages,
  ...serviceMessages,
  ...paymentMessages,
  ...quoteMessages,
  appointment_reminder: appointmentReminder,
};

function kindOf(row: OutboxRow): NotificationKind {
  return kinds[row.kind] ?? orderStatusChanged;
}

/** The message for one outbox row in the reader's language. */
export function renderNotification(ctx: RenderContext): Promise<RenderedMessage | Unrenderable> {
  return kindOf(ctx.row).render(ctx);
}

/** Why a due row is no longer wanted (its reason is gone), or null to send it. */
export async function obsoleteReason(db: Db, row: OutboxRow, now: Date): Promise<string | null> {
  return (await kindOf(row).obsolete?.(db, row, now)) ?? null;
}
