import { ADAPTIVE_CARD, bindCard, cardNames, prepareCards, type CardName } from '../../cards/bind';
import { catalogCard, catalogQuantities, summaryCard } from '../../dialogs/order/cards';
import { newSession } from '../../dialogs/order/session';
import { listProducts } from '../../data/catalog';
import { getCustomer } from '../../data/parties';
import { checkLines } from '../../data/orders';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { cardProblems } from './adaptiveCard15';

const samples: Record<CardName, object> = {
  dunningNotice: {
    title: '1. Mahnung zu Rechnung RE-2026-0004', intro: 'Sicher ist es nur übersehen worden: Rechnung RE-2026-0004 war am 16.03.2026 fällig und ist noch offen. Bitte überweisen Sie den Betrag bis 06.04.2026.',
    openLabel: 'Offener Betrag', open: '238,00 €', feesLabel: 'Mahngebühren', fees: '5,00 €', interestLabel: 'Verzugszinsen (§ 288 BGB)', interest: '',
    totalLabel: 'Zu zahlen', total: '243,00 €', dueLabel: 'Zahlbar bis', newDue: '06.04.2026', pdfLabel: 'Mahnung MA-2026-0001 (PDF)',
    link: 'https://bot.example.com/documents/abc.def.ghi.jkl', alreadyPaidLabel: 'Ich habe schon bezahlt', number: 'MA-2026-0001',
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
  bankEntry: {
    title: 'Bankeingang prüfen', facts: '415,31 € von Cafe Sonnenschin am 02.03.2026', remittance: 'Verwendungszweck: Danke', why: 'ähnlicher Name, Betrag passt',
    entry: 7, candidates: [{ label: 'Buchen auf RE-2026-0003', entry: 7, index: 0 }], assignLabel: 'Andere Rechnung', assignPlaceholder: 'RE-2026-0001', leaveLabel: 'Offen lassen',
  },
  orderSummary: {
    title: 'Ihre Bestellung',
    customerName: 'Müller Bau GmbH',
    pricesNote: 'Preise netto zzgl. MwSt.',
    warning: '',
    lines: [
      { quantity: 10, name: 'Kopierpapier', amount: '49,00 €', note: 'je 4,90 €' },
      { quantity: 1, name: 'Kaffee', amount: '18,90 €', note: '' },
    ],
    totals: [{ title: 'Netto 19 %', value: '49,00 €' }, { title: 'Gesamt', value: '78,54 €' }],
    details: [{ title: 'Lieferadresse', value: 'Hauptstraße 12, 10827 Berlin' }],
    confirmTitle: 'Bestellen',
    changeTitle: 'Ändern',
    cancelTitle: 'Abbrechen',
    draftKey: 'chat:1',
    version: 'k3Jx0c1Qd9aZ2bYw',
  },
  productChoice: { question: 'Welchen Toner?', candidates: [{ title: 'Toner schwarz', sku: 'TONER-BK' }, { title: 'Farbset', sku: 'TONER-COLOR' }] },
  slotChoice: { question: 'Welcher Termin?', slots: [{ title: 'Di 8:00', start: '2026-12-01T07:00:00.000Z' }] },
  orderCard: {
    title: 'Auftrag 1001 · Müller Bau GmbH', statusLine: 'Status: Bestätigt', facts: [{ title: 'Kunde', value: 'Müller Bau GmbH (10001)' }],
    lines: [{ text: '2 Stück × Toner schwarz', detail: 'TONER-BK · 0 von 2 versendet', amount: '178,00 €' }],
    totals: [{ label: 'Netto', value: '178,00 €' }], historyTitle: 'Verlauf',
    history: [{ text: '27.11.2026 10:00 · Bestätigt · System', note: '' }], hint: '',
    actions: [{ title: 'In Vorbereitung', data: { action: 'staff.transition', order: '1001', to: 'in_preparation', version: 3 } }],
  },
  orderList: {
    title: 'Offene Aufträge', subtitle: '1–1 von 1',
    items: [{ heading: 'Auftrag 1001', line1: 'Müller Bau GmbH · Bestätigt', line2: 'zugesagt offen · 211,82 €', openTitle: 'Öffnen', openData: { action: 'staff.open', order: '1001' } }],
    actions: [],
  },
  shippingForm: {
    title: 'Versand Auftrag 1001', carrierLabel: 'Versanddienst', carrier: 'DHL', carriers: [{ name: 'DHL' }, { name: 'DPD' }],
    trackingLabel: 'Sendungsnummer', linesIntro: 'Was geht mit?', lines: [{ inputId: 'qty_1', label: 'Toner schwarz (offen: 2 Stück)', remaining: 2 }],
    submitTitle: 'Versenden', submitData: { action: 'staff.ship', order: '1001', version: 3 },
  },
  rescheduleSlots: { question: 'Neue Zeit?', slots: [{ title: 'Do 08:00', order: '1001', sku: 'SVC-PRINTER', start: '2026-12-03T07:00:00.000Z' }] },
  stockChoice: {
    message: 'Monitor ist nicht auf Lager.',
    question: 'Wie möchten Sie vorgehen?',
    options: [{ title: 'Nachliefern', choice: 'backorder' }, { title: 'Teillieferung', choice: 'partial' }, { title: 'Entfernen', choice: 'remove' }],
  },
  customerChoice: { question: 'Für welchen Kunden?', customers: [{ title: 'Müller Bau GmbH (10001)', number: '10001' }] },
  catalog: {
    title: 'Katalog',
    hint: 'Mengen eintragen',
    submitTitle: 'Übernehmen',
    categories: [{ title: 'Papier', products: [{ sku: 'PAPER-A4', name: 'Kopierpapier', price: '4,90 €', quantityLabel: 'Menge' }] }],
  },
  absenceConflicts: {
    title: 'Tom Richter fehlt vom 03.12.2026 bis 03.12.2026 (krank). Betroffene Termine: Auftrag 1004, Müller Bau GmbH, Do., 3.12., 10:00.',
    bookings: [{ line: 'Auftrag 1004, Müller Bau GmbH, Do., 3.12., 10:00', offer: 'Neue Termine anbieten: Müller Bau GmbH (1004)', order: '1004', sku: 'SVC-PRINTER' }],
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
  },
  documentLink: {
    title: 'Auftragsbestätigung (PDF)', number: 'Auftrag 1004', downloadLabel: 'PDF herunterladen',
    link: 'https://bot.example.com/documents/abc.def.ghi.jkl', validity: 'Der Link gilt bis 01.04.2026.',
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
    title: 'Terminerinnerung', serviceLabel: 'Leistung', service: 'Druckerwartung vor Ort', whenLabel: 'Wann', when: '10.03.2026, 08:00',
    orderLabel: 'Auftrag', number: '1001', hint: 'Verschieben: „Termin von Auftrag 1001 verschieben“',
  },
  choices: { text: 'Welchen Auftrag meinen Sie?', choices: [{ title: 'Auftrag 1001', value: 'Auftrag 1001' }, { title: 'Auftrag 1002', value: 'Auftrag 1002' }] },
  outcome: { title: 'Erledigt', lines: ['Bestellt als Auftrag 1003.', 'Versendet mit DHL 00340434161234567890.'] },
  orderPlaced: {
    title: 'Danke', message: 'Auftrag 1001 ist eingegangen.', numberLabel: 'Nummer', number: '1001',
    statusLabel: 'Status', status: 'Bestätigt', grossLabel: 'Gesamt', gross: '10,00 €',
  },
};

describe('card templates', () => {
  it.each(cardNames)('%s binds sample data into a valid Adaptive Card 1.5', (name) => {
    const card = bindCard(name, samples[name]);
    expect(card.contentType).toBe(ADAPTIVE_CARD);
    expect(cardProblems(card.content)).toEqual([]);
    expect(card.content.version).toBe('1.5');
  });

  it('repeats one button per candidate with the SKU in the submit data', () => {
    const card = bindCard('productChoice', samples.productChoice).content as any;
    expect(card.body[1].actions.map((a: any) => a.data)).toEqual([
      { action: 'order.product', sku: 'TONER-BK' },
      { action: 'order.product', sku: 'TONER-COLOR' },
    ]);
  });

  it('reuses one parsed template: each binding sees only its own data, and changing a result changes no later one', () => {
    prepareCards();
    const first = bindCard('productChoice', samples.productChoice).content as any;
    const second = bindCard('productChoice', { question: 'Welches Papier?', candidates: [{ title: 'A4', sku: 'PAPER-A4' }] }).content as any;
    expect(second.body[1].actions.map((a: any) => a.data)).toEqual([{ action: 'order.product', sku: 'PAPER-A4' }]);
    first.body[1].actions[0].data.sku = 'CHANGED';
    first.body.push({ type: 'TextBlock', text: 'extra' });
    const third = bindCard('productChoice', samples.productChoice).content as any;
    expect(third).toEqual(bindCard('productChoice', JSON.parse(JSON.stringify(samples.productChoice))).content);
    expect(third.body[1].actions.map((a: any) => a.data.sku)).toEqual(['TONER-BK', 'TONER-COLOR']);
    expect(third.body).toHaveLength(first.body.length - 1);
  });

  it('reports template leftovers and unsupported types', () => {
    const card = bindCard('productChoice', { candidates: [] }).content;
    expect(cardProblems(card).some((p) => p.includes('placeholder'))).toBe(true);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.6', body: [{ type: 'Media', sources: [] }] })).toHaveLength(2);
  });
});

describe('cards built by the order dialog from the seeded catalog', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(() => t.close());

  it.each(['de', 'en'] as const)('the catalog card (%s) lists every goods item with a quantity field', async (locale) => {
    const catalog = await listProducts(t.db);
    const card = catalogCard(catalog, locale).content as any;
    expect(cardProblems(card)).toEqual([]);
    const inputs = JSON.stringify(card).match(/"id":"qty_[^"]+"/g)!;
    expect(inputs).toHaveLength(catalog.filter((p) => p.kind !== 'service').length);
    expect(catalogQuantities({ action: 'order.catalog', 'qty_PAPER-A4': '3', 'qty_COFFEE-1KG': '', qty_X: '-1' }, catalog)).toEqual({ lines: [{ sku: 'PAPER-A4', quantity: 3 }], invalid: [] });
  });

  it.each(['de', 'en'] as const)('the summary card (%s) shows net per VAT rate, VAT and gross', async (locale) => {
    const catalog = await listProducts(t.db);
    const customer = (await getCustomer(t.db, 1))!;
    const s = newSession({ id: 1, displayName: 'Peter Müller', role: 'customer', customerId: 1, locale }, locale, 'test');
    s.draft.lines = [{ sku: 'PAPER-A4', quantity: 10 }, { sku: 'COFFEE-1KG', quantity: 2 }];
    const card = summaryCard(s, catalog, customer, await checkLines(t.db, s.draft.lines)).content as any;
    expect(cardProblems(card)).toEqual([]);
    const facts = card.body[3].facts.map((f: any) => f.value);
    // 10 × 4,90 = 49,00 at 19 % (VAT 9,31); 2 × 18,90 = 37,80 at 7 % (VAT 2,65); gross 98,76
    expect(facts).toEqual(locale === 'de' ? ['49,00 €', '9,31 €', '37,80 €', '2,65 €', '98,76 €'] : ['€49.00', '€9.31', '€37.80', '€2.65', '€98.76']);
    expect(card.body[4].facts[0].value).toBe('Müller Bau GmbH, Hauptstraße 12, 10827 Berlin');
  });
});
