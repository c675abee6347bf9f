import type { Db } from '../data/db';
import type { ChatFileReader } from './chatFiles';
import type { IntentRoute } from './mainDialog';
import { PaymentIntents } from './paymentCommands';
import { paymentCardActions, PaymentDialog } from './paymentDialog';
import { Intents } from './recognizer';

/** The payment conversation's routes: accounting's payment phrases, customers' "did you get my payment?", and its card buttons. */
export function paymentRoutes(db: Db, readFile?: ChatFileReader): IntentRoute[] {
  const payments = new PaymentDialog({ db, readFile });
  return [
    // Bank statements sent as chat files come here too.
    { intent: PaymentIntents.payments, dialog: payments, cardAction: (action) => paymentCardActions.has(action), cardInterrupts: true, files: true },
    { intent: Intents.paymentStatus, dialog: payments },
  ];
}
