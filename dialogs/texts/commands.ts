import type { Localized } from '../../domain/locale';

/**
 * The commands a chat client may offer as shortcuts (Teams' command menu), taken from the help texts in common.ts.
 * A title is sent to the bot as the user's message, so each one is a phrase the recognizer understands
 * (test/teams/commands.test.ts holds it to that). Teams allows at most 32 characters for a title and 128 for a
 * description in the manifest.
 */
export interface ChatCommand {
  /** Intent the recognizer must find for the title. */
  intent: string;
  title: Localized;
  description: Localized;
  /** Where the command makes sense: everyone, or staff only (still listed, the bot answers politely otherwise). */
  audience: 'everyone' | 'staff';
}

export const chatCommands: readonly ChatCommand[] = [
  {
    intent: 'help',
    title: { de: 'Hilfe', en: 'help' },
    description: { de: 'Zeigt, was der Auftragsbot für Sie tun kann', en: 'Shows what Auftragsbot can do for you' },
    audience: 'everyone',
  },
  {
    intent: 'order',
    title: { de: 'Katalog', en: 'catalog' },
    description: { de: 'Waren aus dem Katalog bestellen', en: 'Order goods from the catalog' },
    audience: 'everyone',
  },
  {
    intent: 'order_status',
    title: { de: 'Wo bleibt meine Bestellung?', en: 'Where is my order?' },
    description: { de: 'Stand Ihrer Aufträge und Lieferungen', en: 'Status of your orders and deliveries' },
    audience: 'everyone',
  },
  {
    intent: 'staff_work',
    title: { de: 'offene Aufträge', en: 'open orders' },
    description: { de: 'Vertrieb: Aufträge, die noch zu bearbeiten sind', en: 'Sales: orders still to be worked on' },
    audience: 'staff',
  },
  {
    intent: 'staff_work',
    title: { de: 'Aufträge auf Halt', en: 'orders on hold' },
    description: { de: 'Vertrieb: Aufträge, die auf eine Freigabe warten', en: 'Sales: orders waiting for a release' },
    audience: 'staff',
  },
  {
    intent: 'staff_work',
    title: { de: 'heute zu versenden', en: 'to ship today' },
    description: { de: 'Vertrieb: was heute das Haus verlassen soll', en: 'Sales: what should leave the warehouse today' },
    audience: 'staff',
  },
  {
    intent: 'order_status',
    title: { de: 'was ist überfällig?', en: 'what is late?' },
    description: { de: 'Vertrieb: Aufträge im Verzug', en: 'Sales: orders running late' },
    audience: 'staff',
  },
  {
    // Customers see their own open invoices, staff every account's (Teams allows ten commands: this is the tenth).
    intent: 'invoices',
    title: { de: 'Welche Rechnungen sind offen?', en: 'Which invoices are open?' },
    description: { de: 'Offene Rechnungen mit Beträgen, Fälligkeit und PDF', en: 'Open invoices with amounts, due dates and PDF' },
    audience: 'everyone',
  },
  {
    intent: 'switch_locale',
    title: { de: 'English please', en: 'bitte auf Deutsch' },
    description: { de: 'Switch the conversation to English', en: 'Die Unterhaltung auf Deutsch führen' },
    audience: 'everyone',
  },
];
