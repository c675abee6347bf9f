import type { Db } from '../data/db';
import type { IntentRoute } from './mainDialog';
import { QuoteIntents } from './quoteCommands';
import { quoteCardActions, QuoteDialog } from './quoteDialog';

/** The quote conversation's route: quote phrases and the quote card's buttons (Annehmen / Ablehnen). */
export function quoteRoutes(db: Db): IntentRoute[] {
  return [{ intent: QuoteIntents.quotes, dialog: new QuoteDialog({ db }), cardAction: (action) => quoteCardActions.has(action), cardInterrupts: true }];
}
