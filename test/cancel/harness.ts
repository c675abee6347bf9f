import type { Activity } from 'botbuilder';
import { findServiceSlots } from '../../data/bookings';
import type { Db } from '../../data/db';
import { type Actor } from '../../data/orders';
import { placeOrder } from '../../operations';
import { CancelDialog } from '../../dialogs/cancelDialog';
import { MainDialog } from '../../dialogs/mainDialog';
import { understandingRecognizer } from '../../dialogs/recognizer';
import { RESCHEDULE_SLOT_ACTION, RescheduleDialog } from '../../dialogs/rescheduleDialog';
import { chatAs, monday } from '../staff/helpers';

/** Tuesday 3 March 2026, 10:00 in Berlin: the "now" of the conversations, a day after the orders were placed. */
export const tuesday = new Date('2026-03-03T09:00:00Z');

/**
 * The main dialog with the real recognizer and the routes bot/server.ts registers for these conversations,
 * each turn carrying the demo user as the bot identifies it.
 */
export function chat(db: Db, userId: string, locale: string, clock: { now: Date } = { now: tuesday }) {
  const now = () => clock.now;
  const cancel = new CancelDialog({ db, now });
  const reschedule = new RescheduleDialog({ db, now });
  const main = new MainDialog(understandingRecognizer(db, now), [
    { intent: 'cancel_order', dialog: cancel },
    { intent: 'cancel_booking', dialog: cancel },
    { intent: 'reschedule_booking', dialog: reschedule, cardAction: (action) => action === RESCHEDULE_SLOT_ACTION },
  ]);
  const { client, send } = chatAs(db, main, userId, locale);
  return { client, say: send };
}

/** The titles of the quick-reply buttons under the replies. */
export function quickReplies(replies: Partial<Activity>[]): string[] {
  return replies.flatMap((r) => r.suggestedActions?.actions.map((a) => a.title) ?? []);
}

/** The first free start of a service on a day, as the booking chat would offer it on Monday. */
export async function freeStart(db: Db, sku: string, date: string, partOfDay?: 'morning' | 'afternoon'): Promise<string> {
  const [slot] = await findServiceSlots(db, sku, { fromDate: date, days: 1, partOfDay, limit: 1 }, monday);
  if (!slot) throw new Error(`no free ${sku} slot on ${date}`);
  return slot.start;
}

/** A service order with its appointment booked, placed on Monday. */
export async function bookService(db: Db, actor: Actor, customerId: number, sku: string, start: string, extra: { sku: string; quantity: number }[] = []) {
  const placed = await placeOrder(db, actor, { customerId, lines: [{ sku, quantity: 1 }, ...extra], serviceSlots: [{ sku, start }] }, monday);
  if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
  return placed.order;
}
