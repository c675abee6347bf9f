import { defineTexts } from '../i18n';

export const commonTexts = defineTexts('common', {
  welcome: {
    de: 'Hallo {name}, willkommen beim Auftragsbot! Sie können hier bestellen, Termine buchen und nach Ihren Aufträgen fragen. Schreiben Sie „Hilfe“, um zu sehen, was ich kann.',
    en: 'Hello {name}, welcome to Auftragsbot! You can place orders, book services and ask about your orders here. Type “help” to see what I can do.',
  },
  greeting: {
    de: 'Hallo {name}! Wie kann ich Ihnen helfen?',
    en: 'Hello {name}! How can I help you?',
  },
  notLinked: {
    de: 'Hallo! Ihr Zugang ist noch nicht mit einem Kundenkonto verknüpft, deshalb kann ich Ihnen noch keine Auftragsdaten zeigen. Verknüpfen kann Sie ein Administrator von Bürowerk (im Chat oder in der Verwaltung) – bitte wenden Sie sich an Ihre Ansprechperson und nennen Sie diese Kennung: {userId}',
    en: 'Hello! Your account is not linked to a customer account yet, so I cannot show you any order data. An administrator at Bürowerk can link you (in the chat or in the admin tools) – please contact your sales representative and quote this id: {userId}',
  },
  helpIntro: {
    de: 'Das kann ich für Sie tun:',
    en: 'Here is what I can do for you:',
  },
  helpOrder: {
    de: '• Waren bestellen – schreiben Sie einfach, was Sie brauchen, z. B. „5 Pakete Kopierpapier und 2 Toner“',
    en: '• Order goods – just write what you need, e.g. “5 reams of copy paper and 2 toner cartridges”',
  },
  helpBook: {
    de: '• Dienstleistungen buchen, z. B. „Druckerwartung nächsten Dienstag“',
    en: '• Book services, e.g. “printer maintenance next Tuesday”',
  },
  helpStatus: {
    de: '• Nach dem Stand Ihrer Aufträge und Lieferungen fragen („Wo bleibt meine Bestellung?“), Aufträge stornieren und Termine verschieben',
    en: '• Ask about your orders and deliveries (“Where is my order?”), cancel orders and move appointments',
  },
  helpSales: {
    de: '• Vertrieb: „offene Aufträge“, „Aufträge auf Halt“, „heute zu versenden“, „was ist überfällig?“; Aufträge weiterschalten („1004 versandbereit“), versenden und für Kunden bestellen („Bestellung für Müller Bau: 5 Stühle“)',
    en: '• Sales: “open orders”, “orders on hold”, “to ship today”, “what is late?”; move orders on (“1004 ready to ship”), ship them and order for customers (“order for Müller Bau: 5 chairs”)',
  },
  helpAccountant: {
    de: '• Buchhaltung: den Stand jedes Auftrags abfragen („Status Auftrag 1003“) und Aufträge auf Halt ablehnen',
    en: '• Accounting: ask about any order (“status of order 1003”) and reject orders on hold',
  },
  helpAdmin: {
    de: '• Administration: alles, was der Vertrieb kann',
    en: '• Administration: everything sales can do',
  },
  helpLanguage: {
    de: 'Sie können Deutsch oder Englisch mit mir schreiben („English please“).',
    en: 'You can write to me in English or German (“bitte auf Deutsch”).',
  },
  languageSwitched: {
    de: 'Gern, ab jetzt schreibe ich Ihnen auf Deutsch.',
    en: 'Sure, I will write to you in English from now on.',
  },
  accountingLater: {
    de: 'Fragen zu Rechnungen und Zahlungen kann ich im Chat noch nicht beantworten. Unsere Buchhaltung hilft Ihnen gern weiter.',
    en: 'I cannot answer questions about invoices and payments in the chat yet. Our accounting team will be glad to help.',
  },
  staleCard: {
    de: 'Dieser Knopf gehört zu einem Vorgang, der schon abgeschlossen ist. Schreiben Sie einfach, was Sie möchten.',
    en: 'That button belongs to something that is already finished. Just write what you would like to do.',
  },
  notUnderstood: {
    de: 'Das habe ich leider nicht verstanden. Schreiben Sie „Hilfe“, um zu sehen, was ich kann.',
    en: 'Sorry, I did not understand that. Type “help” to see what I can do.',
  },
  unreadableMessage: {
    de: 'Diese Nachricht konnte ich leider nicht lesen. Bitte schreiben Sie mir noch einmal – Ihre bisherigen Angaben bleiben erhalten.',
    en: 'Sorry, I could not read that message. Please write to me again – nothing you entered so far is lost.',
  },
  turnError: {
    de: 'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.',
    en: 'Sorry, something went wrong on my side. Please try again in a moment.',
  },
});
