import { read } from './helpers';

describe('intents and references', () => {
  it.each([
    ['Hallo, wir brauchen 10 Pakete Kopierpapier', 'de', 'order'],
    ['Termin für Druckerwartung am Freitag', 'de', 'book_service'],
    ['Kann ich meinen Termin auf Donnerstag verschieben?', 'de', 'reschedule_booking'],
    ['Bitte sagen Sie die Beratung ab', 'de', 'cancel_booking'],
    ['Wo ist meine Bestellung 1003?', 'de', 'order_status'],
    ['Bitte Bestellung 1003 stornieren', 'de', 'cancel_order'],
    ['Wo ist meine Rechnung?', 'de', 'invoice_status'],
    ['Ist die Rechnung schon bezahlt?', 'de', 'payment_status'],
    ['Was kannst du?', 'de', 'help'],
    ['abbrechen', 'de', 'cancel'],
    ['Moin', 'de', 'greeting'],
    ['Wie ist das Wetter?', 'de', 'other'],
    ['Please cancel the printer maintenance', 'en', 'cancel_booking'],
    ['cancel', 'en', 'cancel'],
    ['Has #1004 shipped yet?', 'en', 'order_status'],
    ['Did you receive my payment?', 'en', 'payment_status'],
    ['Kann der Techniker am Freitag statt Donnerstag kommen?', 'de', 'reschedule_booking'],
  ] as const)('%s → %s', (text, locale, intent) => {
    expect(read(text, locale).intent).toBe(intent);
  });

  it('finds order numbers and the customer staff order for', () => {
    expect(read('Status von Auftrag Nr. 1005').order).toBe('1005');
    expect(read('status of order #1003', 'en').order).toBe('1003');
    expect(read('Bestellung für Müller Bau: 6 Stühle').customer).toBe('10001');
    expect(read('for Cafe Sonnenschein, 10 bags of coffee', 'en').customer).toBe('10002');
    expect(read('Kunde 10003 möchte einen Monitor').customer).toBe('10003');
    expect(read('Kunde 99999 möchte einen Monitor').customer).toBeNull();
  });

  it('reads yes/no answers and language switches', () => {
    expect(read('ja, passt').confirm).toBe(true);
    expect(read('passt').confirm).toBe(true);
    expect(read('nope', 'en').confirm).toBe(false);
    expect(read('no wait, 4 chairs', 'en').confirm).toBeNull();
    expect(read('10 Pakete Papier').confirm).toBeNull();
    expect(read('bitte auf Deutsch', 'en').switchLocale).toBe('de');
    expect(read('English please').switchLocale).toBe('en');
    expect(read('Sprechen Sie Englisch?').switchLocale).toBe('en');
  });

  it('never throws on odd input', () => {
    for (const text of ['', '   ', '!!!', '12345678901234567890', 'x'.repeat(5000), '🙂 2 Stühle 🙂']) expect(() => read(text)).not.toThrow();
    expect(read('🙂 2 Stühle 🙂').items).toEqual([{ sku: 'CHAIR-ERGO', quantity: 2, text: 'Stühle' }]);
  });
});
