import { Dialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { bindCard, type CardName } from '../../cards/bind';
import type { AppExtras } from '../../bot/server';
import type { Recognizer } from '../../dialogs/recognizer';

/**
 * Every card template with German sample data as long as real orders get (so layout trouble shows), for the
 * browser to render through the real bot and Web Chat: "karte <name>" answers with that card. A new template
 * without a sample here is a type error.
 */
export const gallerySamples: Record<CardName, object> = {
  absenceConflicts: {
    title: 'Tom Richter fehlt vom 03.12.2026 bis 03.12.2026 (krank). Betroffene Termine: Auftrag 1004, Müller Bau GmbH, Do., 3.12., 10:00.',
    bookings: [{ line: 'Auftrag 1004, Müller Bau GmbH, Do., 3.12., 10:00', offer: 'Neue Termine anbieten: Müller Bau GmbH (1004)', order: '1004', sku: 'SVC-PRINTER' }],
    rest: '',
  },
  dayPlan: {
    title: 'Einsatzplan Do., 3.12.2026', empty: 'Keine Termine.',
    resources: [{
      name: 'Tom Richter',
      entries: [{
        time: '10:00–12:00', service: 'Druckerwartung vor Ort', customerLabel: 'Kunde', customer: 'Müller Bau GmbH', addressLabel: 'Adresse',
        address: 'Hauptstraße 12, 10827 Berlin', orderLabel: 'Auftrag', order: '1004', notesLabel: 'Notizen', notes: 'Drucker im 2. OG',
      }],
    }],
    rest: '… und 4 weitere Termine.',
    moreTitle: 'Weitere Termine (2/2)',
    moreData: { action: 'services.dayPlan', scope: 'all', date: '2026-12-03', page: 1 },
  },
  documentLink: {
    title: 'Auftragsbestätigung (PDF)', number: 'Auftrag 1004', downloadLabel: 'PDF herunterladen',
    link: 'https://bot.example.com/documents/abc.def.ghi.jkl', validity: 'Der Link gilt bis 01.04.2026.',
  },
  dunningNotice: {
    title: '1. Mahnung zu Rechnung RE-2026-0004', intro: 'Sicher ist es nur übersehen worden: Rechnung RE-2026-0004 war am 16.03.2026 fällig und ist noch offen. Bitte überweisen Sie den Betrag bis 06.04.2026.',
    openLabel: 'Offener Betrag', open: '238,00 €', feesLabel: 'Mahngebühren', fees: '5,00 €', interestLabel: 'Verzugszinsen (§ 288 BGB)', interest: '',
    totalLabel: 'Zu zahlen', total: '243,00 €', dueLabel: 'Zahlbar bis', newDue: '06.04.2026', pdfLabel: 'Mahnung MA-2026-0001 (PDF)',
    link: 'https://bot.example.com/documents/abc.def.ghi.jkl', alreadyPaidLabel: 'Ich habe schon bezahlt', number: 'MA-2026-0001',
  },
  quote: {
    title: 'Angebot AN-2026-0001', intro: 'Gerne bieten wir Ihnen an (Preise netto zzgl. USt.):',
    lines: [{ text: '2 × Bürostuhl Ergo', amount: '698,00 €' }, { text: '1 × Schreibtisch 160 cm (−5 %)', amount: '559,55 €' }],
    totals: [{ label: 'Rabatt 10 %', value: '−125,76 €' }, { label: 'Netto', value: '1.131,79 €' }, { label: 'USt. 19 %', value: '215,04 €' }, { label: 'Gesamt', value: '1.346,83 €' }],
    validity: 'Gültig bis 16.03.2026', pdfLabel: 'Angebot AN-2026-0001 (PDF)', link: 'https://bot.example.com/documents/abc.def.ghi.jkl',
    showActions: true, acceptLabel: 'Annehmen', rejectLabel: 'Ablehnen', number: 'AN-2026-0001',
  },
  accountantDigest: {
    title: 'Buchhaltung am 30.03.2026',
    sections: [
      { heading: 'Neu überfällig', count: 2, lines: 'RE-2026-0004 · Müller Bau GmbH · 238,00 €\nRE-2026-0007 · Café Sonnenschein · 830,62 €' },
      { heading: 'Heute gemahnt', count: 1, lines: 'MA-2026-0001 · 1. Mahnung · RE-2026-0003' },
      { heading: 'Zahlungseingänge', count: 0, lines: 'keine' },
    ],
    overdueLabel: 'Überfällige Rechnungen', doubtfulLabel: 'Bankeingänge prüfen', heldLabel: 'Aufträge auf Halt',
  },
  creditOffer: {
    title: 'Guthaben verrechnen?', text: 'Guthaben 12,00 € von Müller Bau GmbH mit RE-2026-0009 verrechnen?', creditLabel: 'Guthaben', credit: '12,00 €',
    openLabel: 'Offen auf RE-2026-0009', open: '238,00 €', applyLabel: 'Verrechnen', invoice: 'RE-2026-0009',
  },
  bankEntry: {
    title: 'Bankeingang prüfen', facts: '415,31 € von Cafe Sonnenschin am 02.03.2026', remittance: 'Verwendungszweck: Danke', why: 'ähnlicher Name, Betrag passt',
    entry: 7, candidates: [{ label: 'Buchen auf RE-2026-0003', entry: 7, index: 0 }], assignLabel: 'Andere Rechnung', assignPlaceholder: 'RE-2026-0001', leaveLabel: 'Offen lassen',
  },
  invoiceList: {
    title: 'Ihre offenen Rechnungen',
    summary: 'Offen insgesamt: 1.245,93 €',
    invoices: [
      {
        title: 'RE-2026-0007 · Auftrag 1004', customer: '', amounts: '830,62 € · offen 830,62 € · fällig 16.03.2026', status: 'offen', statusColor: 'Default',
        downloadLabel: 'PDF herunterladen', link: 'https://bot.example.com/documents/abc.def.ghi.jkl',
      },
      {
        title: 'RE-2026-0003 · Auftrag 1001', customer: 'Müller Bau GmbH', amounts: '415,31 € · offen 415,31 € · fällig 02.02.2026', status: 'überfällig', statusColor: 'Attention',
        downloadLabel: 'PDF herunterladen', link: 'https://bot.example.com/documents/mno.pqr.stu.vwx',
      },
    ],
    footer: '',
  },
  appointmentReminder: {
    title: 'Terminerinnerung', serviceLabel: 'Leistung', service: 'Druckerwartung vor Ort', whenLabel: 'Wann', when: 'Donnerstag, 10.12.2026, 08:00',
    orderLabel: 'Auftrag', number: '1001', hint: 'Verschieben: „Termin von Auftrag 1001 verschieben“',
  },
  orderSummary: {
    title: 'Ihre Bestellung',
    customerName: 'Müller Bau GmbH',
    pricesNote: 'Preise netto zzgl. MwSt.',
    warning: '',
    lines: [
      { quantity: 10, name: 'Kopierpapier A4, 500 Blatt', amount: '49,00 €', note: 'je 4,90 €' },
      { quantity: 2, name: 'Schreibtisch höhenverstellbar 160×80', amount: '1.178,00 €', note: 'je 589,00 €' },
    ],
    totals: [{ title: 'Netto 19 %', value: '1.227,00 €' }, { title: 'MwSt. 19 %', value: '233,13 €' }, { title: 'Gesamt brutto', value: '1.460,13 €' }],
    details: [
      { title: 'Lieferadresse', value: 'Müller Bau GmbH, Hauptstraße 12, 10827 Berlin' },
      { title: 'Wunschtermin', value: 'Freitag, 4. Dezember 2026' },
    ],
    confirmTitle: 'Bestellen',
    changeTitle: 'Ändern',
    cancelTitle: 'Abbrechen',
    draftKey: 'chat:1',
    version: 'k3Jx0c1Qd9aZ2bYw',
  },
  productChoice: { question: 'Welchen Toner meinen Sie?', candidates: [{ title: 'Toner schwarz', sku: 'TONER-BK' }, { title: 'Toner-Farbset C/M/Y', sku: 'TONER-COLOR' }] },
  slotChoice: { question: 'Welcher Termin passt Ihnen?', slots: [{ title: 'Di, 1. Dez., 08:00–10:00', start: '2026-12-01T07:00:00.000Z' }, { title: 'Mi, 2. Dez., 13:00–15:00', start: '2026-12-02T12:00:00.000Z' }] },
  orderCard: {
    title: 'Auftrag 1001 · Müller Bau GmbH',
    statusLine: 'Status: Bestätigt',
    facts: [
      { title: 'Kunde', value: 'Müller Bau GmbH (10001)' },
      { title: 'Wunschtermin', value: 'Freitag, 4. Dezember 2026' },
      { title: 'Lieferadresse', value: 'Müller Bau GmbH, Hauptstraße 12, 10827 Berlin' },
    ],
    lines: [{ text: '2 Stück × Toner schwarz', detail: 'TONER-BK · 0 von 2 versendet', amount: '178,00 €' }],
    linesRest: '… und 14 weitere Positionen',
    totals: [{ label: 'Netto', value: '178,00 €' }, { label: 'Gesamt brutto', value: '211,82 €' }],
    historyTitle: 'Verlauf',
    history: [{ text: '27.11.2026 10:00 · Bestätigt · System', note: '' }],
    historyRest: '… und 3 ältere Einträge',
    hint: '',
    actions: [
      { title: 'In Vorbereitung', data: { action: 'staff.transition', order: '1001', to: 'in_preparation', version: 3 } },
      { title: 'Stornieren', data: { action: 'staff.transition', order: '1001', to: 'cancelled', version: 3 } },
      { title: 'Weitere Positionen und Verlauf (2/2)', data: { action: 'staff.open', order: '1001', page: 1 } },
    ],
  },
  orderList: {
    title: 'Offene Aufträge',
    subtitle: '1–2 von 2',
    items: [
      { heading: 'Auftrag 1001', line1: 'Müller Bau GmbH · Bestätigt', line2: 'zugesagt Fr, 4.12. · 211,82 €', openTitle: 'Öffnen', openData: { action: 'staff.open', order: '1001' } },
      { heading: 'Auftrag 1002', line1: 'Café Sonnenschein · Auf Halt', line2: 'Kreditrahmen überschritten · 1.249,50 €', openTitle: 'Öffnen', openData: { action: 'staff.open', order: '1002' } },
    ],
    actions: [],
  },
  shippingForm: {
    title: 'Versand Auftrag 1001',
    carrierLabel: 'Versanddienst',
    carrier: 'DHL',
    carriers: [{ name: 'DHL' }, { name: 'DPD' }],
    trackingLabel: 'Sendungsnummer',
    linesIntro: 'Was geht mit?',
    lines: [{ inputId: 'qty_1', label: 'Toner schwarz (offen: 2 Stück)', remaining: 2 }],
    submitTitle: 'Versenden',
    submitData: { action: 'staff.ship', order: '1001', version: 3 },
  },
  rescheduleSlots: { question: 'Auf welche Zeit soll die Druckerwartung?', slots: [{ title: 'Do, 3. Dez., 08:00–10:00', order: '1001', sku: 'SVC-PRINTER', start: '2026-12-03T07:00:00.000Z' }] },
  stockChoice: {
    message: 'Monitor 27 Zoll ist erst ab dem 14. Dezember wieder auf Lager.',
    question: 'Wie möchten Sie vorgehen?',
    options: [{ title: 'Nachliefern', choice: 'backorder' }, { title: 'Teillieferung', choice: 'partial' }, { title: 'Entfernen', choice: 'remove' }],
  },
  customerChoice: { question: 'Für welchen Kunden?', customers: [{ title: 'Müller Bau GmbH (10001)', number: '10001' }, { title: 'Café Sonnenschein (10002)', number: '10002' }] },
  catalog: {
    title: 'Katalog',
    hint: 'Tragen Sie die gewünschten Mengen ein und tippen Sie auf „Übernehmen“.',
    submitTitle: 'Übernehmen',
    categories: [{ title: 'Papier', products: [{ sku: 'PAPER-A4', name: 'Kopierpapier A4, 500 Blatt', price: '4,90 € / Packung', quantityLabel: 'Menge' }] }],
    rest: '… und 13 weitere Produkte auf den nächsten Seiten.',
    moreTitle: 'Weitere Produkte (2/3)',
    morePage: 1,
    backTitle: '',
    backPage: -1,
  },
  choices: { text: 'Welchen Auftrag meinen Sie?', choices: [{ title: 'Auftrag 1001', value: 'Auftrag 1001' }, { title: 'Auftrag 1002', value: 'Auftrag 1002' }] },
  outcome: { title: 'Erledigt', lines: ['Bestellt als Auftrag 1003.', 'Versendet mit DHL 00340434161234567890.'] },
  orderPlaced: {
    title: 'Vielen Dank für Ihre Bestellung!',
    message: 'Auftrag 1001 ist eingegangen und bestätigt.',
    numberLabel: 'Auftragsnummer',
    number: '1001',
    statusLabel: 'Status',
    status: 'Bestätigt',
    grossLabel: 'Gesamt brutto',
    gross: '1.460,13 €',
  },
};

class CardDialog extends Dialog {
  constructor() {
    super('test.card');
  }

  async beginDialog(dc: DialogContext, options?: { name?: CardName }): Promise<DialogTurnResult> {
    const name = options!.name!;
    await dc.context.sendActivity({ attachments: [bindCard(name, gallerySamples[name])] });
    return dc.endDialog();
  }
}

/** "karte <name>" shows a card; "langsam …" is answered after 2.5 s (a slow turn, for the typing indicator). */
export function galleryExtras(): AppExtras {
  const recognizer = (real: Recognizer): Recognizer => async (text, locale) => {
    const card = /^karte (\w+)$/.exec(text);
    if (card && card[1] in gallerySamples) return { intent: 'test.card', details: { name: card[1] } };
    if (text.startsWith('langsam ')) {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      return real(text.slice('langsam '.length), locale);
    }
    return real(text, locale);
  };
  return { recognizer, routes: [{ intent: 'test.card', dialog: new CardDialog() }] };
}
