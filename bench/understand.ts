import { listProducts } from '../data/catalog';
import { migrate, openDatabase } from '../data/db';
import { listCustomers } from '../data/parties';
import { seed } from '../data/seed';
import type { Locale } from '../domain/locale';
import { understand } from '../dialogs/understanding';
import { freshDatabase } from './databases';
import { BenchResult, measure } from './stats';

/** What customers and staff actually type: orders, services, dates, references, small talk, in both languages. */
const messages: { text: string; locale: Locale }[] = [
  { locale: 'de', text: 'Hallo, wir brauchen 10 Pakete Kopierpapier und zwei schwarze Toner bis Freitag' },
  { locale: 'de', text: '5 Bürostühle bitte' },
  { locale: 'de', text: 'Ich hätte gerne drei Schreibtische und einen 27 Zoll Monitor, Lieferung nächste Woche Dienstag' },
  { locale: 'de', text: 'Bitte 2 kg Kaffee und 1 Farbtoner an die Kastanienallee 7 liefern' },
  { locale: 'de', text: 'Können Sie uns ein graviertes Türschild machen? 4 Stück, bis Ende März' },
  { locale: 'de', text: 'Wir bräuchten am Donnerstag um 10 Uhr eine Druckerwartung' },
  { locale: 'de', text: 'Wo bleibt mein Auftrag 1003?' },
  { locale: 'de', text: 'Bitte Bestellung #1007 stornieren, wir haben uns vertan' },
  { locale: 'de', text: 'Ist die Rechnung zu Auftrag 1002 schon bezahlt?' },
  { locale: 'de', text: 'nein, doch lieber 20 Pakete Papier statt 10' },
  { locale: 'de', text: 'Für Kunde 10002: zwölf Pakete Druckerpapier und 3 Toner' },
  { locale: 'de', text: 'ja passt so' },
  { locale: 'de', text: 'Hilfe' },
  { locale: 'en', text: 'Hi, we need 10 packs of copy paper and two black toner cartridges by Friday' },
  { locale: 'en', text: 'Could I order three office chairs and a standing desk for next Monday please?' },
  { locale: 'en', text: 'Book an IT setup appointment tomorrow afternoon' },
  { locale: 'en', text: "What's the status of order 1004?" },
  { locale: 'en', text: 'cancel my booking on the 14th' },
  { locale: 'en', text: 'actually make that 6 chairs, not 5' },
  { locale: 'en', text: 'please switch to German' },
  { locale: 'en', text: 'hello' },
];

/** The seeded catalog and customers, read once as the bot reads them. */
async function seededCatalog() {
  const place = await freshDatabase('sqlite');
  const db = openDatabase(place.options);
  try {
    await migrate(db);
    await seed(db);
    const customers = (await listCustomers(db)).map((c) => ({ number: c.number, name: c.name }));
    return { catalog: await listProducts(db), customers };
  } finally {
    await db.destroy();
    await place.drop();
  }
}

/** The recognizer alone: no database or network inside the measured calls. */
export async function benchUnderstand(): Promise<BenchResult> {
  const { catalog, customers } = await seededCatalog();
  // A fixed Monday so that relative dates resolve the same way on every run.
  const now = new Date('2026-03-02T08:00:00Z');
  return measure('understand() 21 messages de/en', 5, { warmup: 100, runs: 4000, maxMs: 3000 }, (i) => {
    const { text, locale } = messages[i % messages.length];
    return understand(text, { locale, catalog, customers, now });
  });
}
