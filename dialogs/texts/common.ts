import { defineTexts } from '../i18n';

export const commonTexts = defineTexts('common', {
  welcome: {
    de: 'Hallo {name}, willkommen beim Auftragsbot! Sie können hier bestellen, Termine buchen und nach Ihren Aufträgen fragen. Schreiben Sie „Hilfe“, um zu sehen, was ich kann.',
    en: 'Hello {name}, welcome to Auftragsbot! You can place orders, book services and ask about your orders here. Type “help” to see what I can do.',
  },
  welcomeSales: {
    de: 'Hallo {name}, willkommen beim Auftragsbot! Hier sehen Sie die Arbeitslisten („offene Aufträge“, „Aufträge auf Halt“), schalten Aufträge weiter, versenden sie und erfassen Bestellungen für Kunden. Schreiben Sie „Hilfe“ für alle Befehle.',
    en: 'Hello {name}, welcome to Auftragsbot! Here you see the work queues (“open orders”, “orders on hold”), move orders on, ship them and enter orders for customers. Type “help” for every command.',
  },
  welcomeAccountant: {
    de: 'Hallo {name}, willkommen beim Auftragsbot! Hier sehen Sie offene und überfällige Rechnungen („offene Rechnungen“), buchen Zahlungen, lesen Kontoauszüge ein (einfach als Datei schicken) und prüfen angehaltene Aufträge („Aufträge auf Halt“). An jedem Arbeitstag bekommen Sie morgens eine Übersicht. Schreiben Sie „Hilfe“ für alle Befehle.',
    en: 'Hello {name}, welcome to Auftragsbot! Here you see open and overdue invoices (“open invoices”), book payments, import bank statements (just send the file) and review orders on hold (“orders on hold”). On working days you get a summary each morning. Type “help” for every command.',
  },
  welcomeTechnician: {
    de: 'Hallo {name}, willkommen beim Auftragsbot! Hier sehen Sie Ihre Termine („meine Termine heute“) und melden Einsätze als erledigt („1004 erledigt“). Schreiben Sie „Hilfe“ für alle Befehle.',
    en: 'Hello {name}, welcome to Auftragsbot! Here you see your appointments (“my appointments today”) and report visits as done (“1004 done”). Type “help” for every command.',
  },
  helpTechnician: {
    de: '• Ihr Einsatztag: „meine Termine heute“, „meine Termine morgen“; nach dem Einsatz „1004 erledigt“ (ich frage nach Bericht und Dauer) oder gleich „1004 erledigt: Router getauscht, 2 Stunden“',
    en: '• Your service day: “my appointments today”, “my appointments tomorrow”; after the visit “1004 done” (I ask for the report and the duration) or at once “1004 done: router replaced, 2 hours”',
  },
  welcomeAdmin: {
    de: 'Hallo {name}, willkommen beim Auftragsbot! Sie können alles, was Vertrieb und Buchhaltung hier können. Schreiben Sie „Hilfe“ für alle Befehle.',
    en: 'Hello {name}, welcome to Auftragsbot! You can do everything sales and accounting can do here. Type “help” for every command.',
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
    de: '• Nach dem Stand Ihrer Aufträge und Lieferungen fragen („Wo bleibt meine Bestellung?“), Aufträge stornieren und Termine verschieben; Ihre Rechnungen („Welche Rechnungen sind offen?“)',
    en: '• Ask about your orders and deliveries (“Where is my order?”), cancel orders and move appointments; your invoices (“Which invoices are open?”)',
  },
  helpSales: {
    de: '• Vertrieb: „offene Aufträge“, „Aufträge auf Halt“, „heute zu versenden“, „was ist überfällig?“; Aufträge weiterschalten („1004 versandbereit“), versenden und für Kunden bestellen („Bestellung für Müller Bau: 5 Stühle“)',
    en: '• Sales: “open orders”, “orders on hold”, “to ship today”, “what is late?”; move orders on (“1004 ready to ship”), ship them and order for customers (“order for Müller Bau: 5 chairs”)',
  },
  helpQuotes: {
    de: '• Ein Angebot anfordern („Angebot für 3 Stühle“, oder beim Bestellen „Können Sie mir dafür ein Angebot machen?“) und es annehmen oder ablehnen; „meine Angebote“',
    en: '• Ask for a quote (“quote for 3 chairs”, or while ordering “Can you make me a quote for that?”) and accept or reject it; “my quotes”',
  },
  helpQuotesSales: {
    de: '• Angebote: „Angebot für Café Sonnenschein: 2 Stühle, 10 % Rabatt, gültig 14 Tage“, „Angebot AN-2026-0001 senden“, „offene Angebote“',
    en: '• Quotes: “quote for Café Sonnenschein: 2 chairs, 10% discount, valid 14 days”, “send quote AN-2026-0001”, “open quotes”',
  },
  helpStatusStaff: {
    de: '• Den Stand jedes Auftrags abfragen („Status Auftrag 1003“, „Aufträge von Müller Bau“), Aufträge stornieren und Termine verschieben',
    en: '• Ask about any order (“status of order 1003”, “orders of Müller Bau”), cancel orders and move appointments',
  },
  helpAccountant: {
    de: '• Buchhaltung: den Stand jedes Auftrags abfragen („Status Auftrag 1003“), die angehaltenen Aufträge ansehen („Aufträge auf Halt“) und freigeben („1004 freigeben“) oder ablehnen („1004 stornieren“); Rechnungen: „offene Rechnungen“, „überfällige Rechnungen“, „Rechnungen von Müller Bau“, „Rechnung zu Auftrag 1004 erstellen“, „Rechnung RE-2026-0007 stornieren“; Guthaben: „Guthaben von Müller Bau verrechnen“; Kontoauszüge (camt.053) einfach als Datei schicken',
    en: '• Accounting: ask about any order (“status of order 1003”), see the orders on hold (“orders on hold”) and release (“1004 release”) or reject them (“cancel order 1004”); invoices: “open invoices”, “overdue invoices”, “invoices of Müller Bau”, “create invoice for order 1004”, “cancel invoice RE-2026-0007”; credit: “apply credit of Müller Bau”; bank statements (camt.053): just send the file',
  },
  helpAccountantOrders: {
    de: 'Bestellungen nimmt der Vertrieb auf. Zahlungen: „Zahlung 238,00 € für RE-2026-0004 eingegangen“, „Müller Bau hat 500 € überwiesen“; Kontoauszüge (camt.053) auch über die REST-Schnittstelle.',
    en: 'Orders are entered by the sales team. Payments: “payment of €238.00 for RE-2026-0004”, “Müller Bau paid €500”; bank statements (camt.053) also through the REST API.',
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
  accountingLaterAccountant: {
    de: 'Rechnungen und Zahlungen zeigt der Chat noch nicht. Die angehaltenen Aufträge finden Sie mit „Aufträge auf Halt“, jeden Auftrag mit „Status Auftrag 1003“.',
    en: 'Invoices and payments are not in the chat yet. You find the orders on hold with “orders on hold” and any order with “status of order 1003”.',
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
