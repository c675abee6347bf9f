import { SERVICES_INTENT, type Recognized, type Recognizer } from './recognizer';
import { matchStaffCommand } from './understanding/staff';
import type { StaffCommand } from './understanding/types';

export { matchStaffCommand } from './understanding/staff';
export type { QueueName, StaffCommand } from './understanding/types';

/** Intents this file produces; the main dialog routes them to the staff and the status dialog. */
export const StaffIntents = { work: 'staff_work', status: 'order_status' } as const;

/**
 * Where a staff phrase goes: work (queues, status changes, shipping) to the staff dialog with `{ command }`, status
 * questions to the status dialog with its options, and a cancellation to the cancel dialog, which serves customers
 * (their own orders) and staff alike, so that "Auftrag 1016 stornieren" from the customer who owns it is answered.
 */
export function routeStaffCommand(command: StaffCommand): Recognized {
  switch (command.kind) {
    case 'order_status':
      return { intent: StaffIntents.status, details: { order: command.order } };
    case 'late':
      return { intent: StaffIntents.status, details: { late: true } };
    case 'customer_orders':
      // A customer number is looked up as a number, a name as words.
      if (/^\d+$/.test(command.customer)) return { intent: StaffIntents.status, details: { customer: command.customer } };
      return { intent: StaffIntents.status, details: { customerQuery: command.customer } };
    case 'transition':
      if (command.to === 'cancelled') return { intent: 'cancel_order', details: { understanding: { intent: 'cancel_order', order: command.order } } };
      return { intent: StaffIntents.work, details: { command } };
    default:
      return { intent: StaffIntents.work, details: { command } };
  }
}

/**
 * The staff phrases in front of another recognizer. The understanding recognizer reads them itself now
 * (`understanding.staff`), so this wrapper only keeps older wiring working: both route a phrase the same way.
 */
export function withStaffCommands(inner: Recognizer): Recognizer {
  return async (text, locale, turn) => {
    const command = matchStaffCommand(text);
    if (!command) return inner(text, locale, turn);
    // s13: "1004 erledigt" of an order with an appointment is a visit report (asked for report and duration).
    if (command.kind === 'transition' && command.to === 'performed') {
      const recognized = await inner(text, locale, turn);
      if (recognized.intent === SERVICES_INTENT) return recognized;
    }
    return routeStaffCommand(command);
  };
}
