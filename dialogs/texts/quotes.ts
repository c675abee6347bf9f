import { defineTexts } from '../i18n';

/** Quotes in the chat and in notifications: German and English. */
export const quoteTexts = defineTexts('quotes', {
  cardTitle: { de: 'Angebot {number}', en: 'Quotation {number}' },
  cardIntro: { de: 'Für {customer}: Preise netto zzgl. USt.', en: 'For {customer}: net prices plus VAT.' },
  cardIntroCustomer: { de: 'Gerne bieten wir Ihnen an (Preise netto zzgl. USt.):', en: 'We are pleased to offer (net prices plus VAT):' },
  lineText: { de: '{quantity} × {name}', en: '{quantity} × {name}' },
  lineDiscount: { de: '{quantity} × {name} (−{percent})', en: '{quantity} × {name} (−{percent})' },
  totalDiscount: { de: 'Rabatt {percent}', en: 'Discount {percent}' },
  totalNet: { de: 'Netto', en: 'Net' },
  totalVat: { de: 'USt. {rate} %', en: 'VAT {rate} %' },
  totalGross: { de: 'Gesamt', en: 'Total' },
  validity: { de: 'Gültig bis {date} · Status: {status}', en: 'Valid until {date} · status: {status}' },
  validityOrder: { de: 'Angenommen: Auftrag {order}', en: 'Accepted: order {order}' },
  pdf: { de: 'Angebot {number} (PDF)', en: 'Quotation {number} (PDF)' },
  accept: { de: 'Annehmen', en: 'Accept' },
  reject: { de: 'Ablehnen', en: 'Reject' },

  notifySent: {
    de: 'Ihr Angebot {number} über {gross}, gültig bis {date}. [Angebot herunterladen (PDF)]({link})',
    en: 'Your quotation {number} of {gross}, valid until {date}. [Download the quotation (PDF)]({link})',
  },
  notifyRequested: {
    de: '{customer} hat im Chat ein Angebot angefordert: {number} (zu Katalogpreisen, schon versendet).',
    en: '{customer} asked for a quote in the chat: {number} (at catalog prices, sent already).',
  },
  notifyAccepted: { de: '{customer} hat Angebot {number} angenommen: Auftrag {order}.', en: '{customer} accepted quote {number}: order {order}.' },
  notifyRejected: { de: '{customer} hat Angebot {number} abgelehnt.', en: '{customer} rejected quote {number}.' },

  madeCustomer: {
    de: 'Gern! Ihr Angebot {number} über {gross} ist erstellt, gültig bis {date}. Sie können es hier annehmen oder ablehnen.',
    en: 'Certainly! Your quotation {number} of {gross} is ready, valid until {date}. You can accept or reject it here.',
  },
  madeSales: {
    de: 'Angebot {number} für {customer} über {gross} ist als Entwurf angelegt, gültig bis {date}. Soll ich es senden?',
    en: 'Quote {number} for {customer} of {gross} is drafted, valid until {date}. Shall I send it?',
  },
  sendButton: { de: 'Angebot {number} senden', en: 'send quote {number}' },
  sent: { de: 'Angebot {number} ist an {customer} versendet.', en: 'Quote {number} is sent to {customer}.' },
  accepted: {
    de: 'Vielen Dank! Angebot {number} ist angenommen: Auftrag {order} über {gross}, Status: {status}.',
    en: 'Thank you! Quote {number} is accepted: order {order} of {gross}, status: {status}.',
  },
  rejected: { de: 'Angebot {number} ist abgelehnt. Wir haben den Vertrieb informiert.', en: 'Quote {number} is rejected. We have told our sales team.' },

  notFound: { de: 'Ein Angebot {number} finde ich nicht.', en: 'I cannot find a quote {number}.' },
  forbidden: { de: 'Das darf nur der Vertrieb.', en: 'Only sales may do that.' },
  forbiddenCreate: { de: 'Angebote erstellt der Vertrieb; Kunden können eines anfordern.', en: 'Quotes are made by sales; customers can ask for one.' },
  discountNotAllowed: {
    de: 'Rabatte und Gültigkeit legt der Vertrieb fest; Ihr Angebot bekommen Sie gern zu Katalogpreisen.',
    en: 'Discounts and validity are set by sales; you are welcome to a quote at catalog prices.',
  },
  badDiscount: { de: 'Ein Rabatt muss zwischen 0 und 100 % liegen.', en: 'A discount must be between 0 and 100 %.' },
  badValidity: { de: 'Ein Angebot gilt 1 bis 365 Tage.', en: 'A quote holds for 1 to 365 days.' },
  servicesNotQuoted: {
    de: 'Dienstleistungen ({names}) buchen Sie bitte direkt mit Termin; ein Angebot gibt es für Waren.',
    en: 'Please book services ({names}) directly with an appointment; quotes are for goods.',
  },
  problems: {
    de: 'Daraus kann ich kein Angebot machen: {problems}. Bitte nennen Sie Artikel und Mengen, z. B. „Angebot für 3 Stühle“.',
    en: 'I cannot make a quote of that: {problems}. Please name products and quantities, e.g. “quote for 3 chairs”.',
  },
  whichItems: {
    de: 'Gern! Wofür möchten Sie ein Angebot? Zum Beispiel: „Angebot für 3 Stühle und 1 Schreibtisch“.',
    en: 'Certainly! What would you like a quote for? For example: “quote for 3 chairs and 1 desk”.',
  },
  whichCustomer: {
    de: 'Für welchen Kunden? Zum Beispiel: „Angebot für Café Sonnenschein: 2 Stühle, 10 % Rabatt, gültig 14 Tage“.',
    en: 'For which customer? For example: “quote for Café Sonnenschein: 2 chairs, 10 % discount, valid 14 days”.',
  },
  notSent: { de: 'Angebot {number} ist noch ein Entwurf und noch nicht versendet.', en: 'Quote {number} is still a draft and not sent yet.' },
  alreadySent: { de: 'Angebot {number} ist bereits versendet.', en: 'Quote {number} is sent already.' },
  alreadyAccepted: { de: 'Angebot {number} ist bereits angenommen (Auftrag {order}); ein zweiter Auftrag entsteht nicht.', en: 'Quote {number} is accepted already (order {order}); no second order is made.' },
  alreadyRejected: { de: 'Angebot {number} ist bereits abgelehnt.', en: 'Quote {number} is rejected already.' },
  expired: {
    de: 'Angebot {number} ist abgelaufen (gültig bis {date}). Gern machen wir Ihnen ein neues – schreiben Sie z. B. „Angebot für …“.',
    en: 'Quote {number} has expired (valid until {date}). We are happy to make you a new one – write e.g. “quote for …”.',
  },
  notAllowed: { de: 'Mit Angebot {number} geht das nicht (Status: {status}).', en: 'That is not possible with quote {number} (status: {status}).' },
  orderProblems: {
    de: 'Aus Angebot {number} kann gerade kein Auftrag werden ({problems}). Der Vertrieb meldet sich bei Ihnen.',
    en: 'Quote {number} cannot become an order just now ({problems}). Our sales team will be in touch.',
  },

  listMine: { de: 'Ihre Angebote', en: 'Your quotes' },
  listOpen: { de: 'Offene Angebote', en: 'Open quotes' },
  listNone: { de: 'Keine Angebote.', en: 'No quotes.' },
  listLine: { de: '{number} · {customer} · {gross} · {status} · gültig bis {date}', en: '{number} · {customer} · {gross} · {status} · valid until {date}' },
  listLineMine: { de: '{number} · {gross} · {status} · gültig bis {date}', en: '{number} · {gross} · {status} · valid until {date}' },

  historyFromQuote: { de: 'aus Angebot {quote}', en: 'from quote {quote}' },
});
