import { visitBookings } from '../data/bookings';
import type { Db } from '../data/db';
import { referenceDataOf } from '../data/referenceData';
import type { Locale } from '../domain/locale';
import { recognizeInvoiceCommand } from './invoiceCommands';
import { recognizePaymentCommand } from './paymentCommands';
import { recognizeQuoteCommand } from './quoteCommands';
import { routeStaffCommand } from './staffCommands';
import { understand } from './understanding';
import { readServicePhrase } from './understanding/servicePhrases';

/** Intent of the service day's staff phrases (dialogs/servicesDialog.ts). */
export const SERVICES_INTENT = 'service_day';

export interface Recognized {
  intent: string;
  /** Whatever else the recognizer found (entities); child dialogs receive it as options. */
  details?: Record<string, unknown>;
}

/** `turn` is any object that lives as long as the turn (the TurnContext): what is read for it is read once. */
export type Recognizer = (text: string, locale: Locale, turn?: object) => Promise<Recognized>;

/** Intents the main dialog answers itself; all others go to the child dialog routed for them. */
export const Intents = { greeting: 'greeting', help: 'help', invoiceStatus: 'invoice_status', paymentStatus: 'payment_status' } as const;

export const SWITCH_LOCALE = 'switch_locale';

/**
 * The recognizer of the running bot: the offline understanding over the catalog and customers in the database,
 * staff phrases included. Child dialogs receive the whole Understanding as `details.understanding`; staff work goes
 * to the staff dialog as `details.command` (see routeStaffCommand).
 */
export function understandingRecognizer(db: Db, now: () => Date = () => new Date()): Recognizer {
  const reference = referenceDataOf(db);
  return async (text, locale, turn) => {
    // Payment and invoice phrases ("Zahlung 238,00 € für RE-2026-0004", "Rechnung RE-2026-0007 stornieren") are read by their own rules first.
    const payment = recognizePaymentCommand(text);
    if (payment) return payment;
    const invoice = recognizeInvoiceCommand(text);
    if (invoice) return invoice;
    // Quote phrases ("Angebot für Café Sonnenschein: 2 Stühle", "meine Angebote", "Angebot AN-2026-0001 senden").
    const quote = recognizeQuoteCommand(text);
    if (quote) return quote;
    // s13 (services): the service day's staff phrases ("Einsatzplan morgen", "Tom ist am 3.12. krank", "1004 erledigt");
    // "1004 erledigt" of an order without appointments stays the staff step to performed.
    const servicePhrase = readServicePhrase(text, now());
    if (servicePhrase && (servicePhrase.kind !== 'visitDone' || (await visitBookings(db, servicePhrase.order)).length > 0)) return { intent: SERVICES_INTENT };
    const { catalog, customers } = await reference.current(turn);
    const understanding = understand(text, { locale, catalog, customers, now: now() });
    if (understanding.switchLocale) return { intent: SWITCH_LOCALE, details: { locale: understanding.switchLocale } };
    if (understanding.intent === 'staff_command' && understanding.staff) return routeStaffCommand(understanding.staff);
    return { intent: understanding.intent, details: { understanding } };
  };
}
