import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { migrate, openDatabase, type Db } from '../data/db';
import { seed } from '../data/seed';
import { addDays, berlinDateTime } from '../domain/calendar';
import { formatYearlyNumber } from '../domain/documentNumbers';
import { defaultDunningConfig } from '../domain/dunning';
import { runDunning } from '../operations/dunningRun';
import { importStatement } from '../operations/importStatement';
import { camt053, type TestEntry } from '../test/support/camt053';
import { benchDatabaseKinds, freshDatabase, type DbKind } from './databases';

/**
 * The daily dunning run over 100,000 open invoices of 10,000 customers (goal: under 10 s), and importing a
 * camt.053 statement of 10,000 entries into that database (goal: under 5 s), on SQLite and PostgreSQL. Part of
 * `npm run bench` (benchPayments); `npx tsx bench/dunningRun.ts` runs it alone (BENCH_STRICT=1 makes a missed goal
 * fail; BENCH_PHASE=import skips the dunning run, for profiling the import).
 *
 * The invoices are due over the last 100 days and carry the notices their age has earned before today, the steady
 * state of a business that runs the job every day: today's run reads all 100,000 and creates the ~3 % that cross a
 * level today, each with its number, document and outbox row.
 */
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const INVOICES = Number(process.env.BENCH_INVOICES ?? 100_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const TODAY = '2026-06-15';
const now = berlinDateTime(TODAY, '08:00');

export const DUNNING_GOAL_SECONDS = 10;
export const IMPORT_GOAL_SECONDS = 5;

async function inserts(db: Db, table: string, rows: Record<string, unknown>[], columns: number): Promise<void> {
  // SQLite: at most 500 rows in one multi-row INSERT, and 32,766 bound values.
  const size = Math.min(500, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += size) await db(table).insert(rows.slice(i, i + size));
}

async function fill(db: Db): Promise<void> {
  const at = new Date('2026-01-01T00:00:00Z').toISOString();
  const customers = Array.from({ length: CUSTOMERS }, (_, c) => ({
    number: `B${100000 + c}`, name: `Kunde ${c} GmbH`, kind: c % 5 === 0 ? 'b2c' : 'b2b', address_name: `Kunde ${c} GmbH`, street: 'Weg 1',
    postcode: '10115', city: 'Berlin', country: 'DE', payment_terms_days: 14,
  }));
  await inserts(db, 'customers', customers, 10);
  const ids = new Map((await db('customers').whereLike('number', 'B%').select('id', 'number')).map((r: any) => [r.number, Number(r.id)]));
  await inserts(db, 'persons', customers.map((c) => ({ display_name: c.name, role: 'customer', customer_id: ids.get(c.number), locale: 'de' })), 4);
  await inserts(db, 'orders', customers.map((c, i) => ({
    number: String(500000 + i), customer_id: ids.get(c.number), status: 'invoiced', version: 1, channel: 'bench', created_at: at, updated_at: at,
  })), 7);
  const orders = new Map((await db('orders').where('channel', 'bench').select('id', 'customer_id')).map((r: any) => [Number(r.customer_id), Number(r.id)]));
  const invoices: Record<string, unknown>[] = [];
  const notices: { number: string; level: number; date: string; customer: number }[] = [];
  let noticeNo = 0;
  for (let i = 0; i < INVOICES; i++) {
    const customerId = ids.get(customers[i % CUSTOMERS].number)!;
    const due = addDays(TODAY, -(1 + (i % 100)));
    const gross = 5_000 + (i % 700) * 13;
    const number = formatYearlyNumber('invoice', 2026, i + 1);
    invoices.push({
      number, kind: 'invoice', status: 'issued', order_id: orders.get(customerId), customer_id: customerId, issue_date: addDays(due, -14),
      due_date: due, locale: 'de', net_cents: gross, vat_cents: 0, gross_cents: gross, paid_cents: 0, document: '{}', created_at: at,
    });
    // Levels already sent before today, on the day each became due (what a daily run would have done).
    for (const level of defaultDunningConfig.levels) {
      const sentOn = addDays(due, level.daysAfterDue);
      if (sentOn < TODAY) notices.push({ number, level: level.level, date: sentOn, customer: customerId });
    }
  }
  await inserts(db, 'invoices', invoices, 16);
  const invoiceIds = new Map((await db('invoices').select('id', 'number')).map((r: any) => [r.number, Number(r.id)]));
  await inserts(db, 'dunning_notices', notices.map((n) => ({
    number: formatYearlyNumber('dunning_notice', 2026, ++noticeNo), invoice_id: invoiceIds.get(n.number), customer_id: n.customer, level: n.level,
    notice_date: n.date, open_cents: 0, fee_cents: defaultDunningConfig.levels[n.level - 1].feeCents, earlier_fees_cents: 0, flat_fee_cents: 0,
    interest_cents: 0, total_cents: 0, new_due_date: n.date, document: '{}', created_at: at,
  })), 16);
  await db('number_sequences').insert({ name: 'dunning_notice:2026', last_value: noticeNo }).onConflict('name').merge();
}

/** Numbers in all spellings, names only, a payer's account, a similar name, unknown payers, debits and a return. */
function statementEntries(): TestEntry[] {
  return Array.from({ length: ENTRIES }, (_, i) => {
    const n = i * 7 + 1;
    const invoice = formatYearlyNumber('invoice', 2026, n);
    const gross = ((5_000 + ((n - 1) % 700) * 13) / 100).toFixed(2);
    const customer = `Kunde ${(n - 1) % CUSTOMERS} GmbH`;
    switch (i % 8) {
      case 0: return { amount: gross, ustrd: [`Rechnung ${invoice}`], debtorName: customer, endToEndId: `E2E-${i}` };
      case 1: return { amount: gross, ustrd: [`Rg ${invoice.replace(/-/g, ' ')} Danke`] };
      case 2: return { amount: '10.00', debtorName: customer, ustrd: ['Abschlag'] };
      case 3: return { amount: gross, ustrd: [`RE-2062-${invoice.slice(8)}`] };
      case 4: return { amount: '33.00', debtorName: `Kunde ${(n - 1) % CUSTOMERS} GmbHh`, ustrd: ['Zahlung'] };
      case 5: return { amount: `${(i % 97) + 1}.13`, debtorName: `Unbekannt ${i}`, ustrd: ['Sonstiges'] };
      case 6: return { amount: '12.00', credit: false, transactions: [{ creditorName: 'Stadtwerke', ustrd: ['Strom'] }] };
      default: {
        // The return of entry i-7's transfer, by its end-to-end id.
        const back = formatYearlyNumber('invoice', 2026, (i - 7) * 7 + 1);
        const backGross = ((5_000 + (((i - 7) * 7) % 700) * 13) / 100).toFixed(2);
        return { amount: backGross, credit: false, reversal: true, endToEndId: `E2E-${i - 7}`, ustrd: [`Retoure ${back}`] };
      }
    }
  });
}

export interface PaymentsBenchResult {
  kind: DbKind;
  dunningSeconds: number;
  notices: number;
  importSeconds: number;
  importSummary: string;
  /** The same statement imported again (books nothing). */
  againSeconds: number;
}

/** One database of the kind: filled, the dunning run timed, then the statement imported (and again). */
export async function benchPayments(kind: DbKind, options: { dunning?: boolean; log?: (line: string) => void } = {}): Promise<PaymentsBenchResult> {
  const log = options.log ?? (() => {});
  const place = await freshDatabase(kind);
  const db = openDatabase(place.options);
  try {
    await migrate(db);
    await seed(db);
    const filling = performance.now();
    await fill(db);
    log(`[${kind}] ${INVOICES} invoices of ${CUSTOMERS} customers written in ${((performance.now() - filling) / 1000).toFixed(1)} s`);

    let dunningSeconds = NaN;
    let notices = 0;
    if (options.dunning !== false) {
      const started = performance.now();
      const run = await runDunning(db, now);
      dunningSeconds = (performance.now() - started) / 1000;
      if (!run.ok) throw new Error(run.detail);
      notices = run.created.length;
      log(`[${kind}] dunning run: ${notices} notices over ${INVOICES} open invoices in ${dunningSeconds.toFixed(2)} s (goal < ${DUNNING_GOAL_SECONDS} s)`);
    }

    const xml = camt053({ id: 'BENCH', entries: statementEntries() });
    const accountant = { personId: null, role: 'accountant' as const, customerId: null, channel: 'bench' };
    const stats = new Map<string, { n: number; ms: number }>();
    const started = new Map<string, number>();
    if (process.env.BENCH_SQL_STATS === '1') {
      db.on('query', (q: any) => started.set(q.__knexQueryUid, performance.now()));
      db.on('query-response', (_r: unknown, q: any) => {
        const s = stats.get(q.sql) ?? { n: 0, ms: 0 };
        s.n++;
        s.ms += performance.now() - (started.get(q.__knexQueryUid) ?? performance.now());
        stats.set(q.sql, s);
      });
    }
    const profiler = process.env.BENCH_CPUPROFILE ? new (require('node:inspector').Session)() : null;
    if (profiler) {
      profiler.connect();
      await new Promise((r) => profiler.post('Profiler.enable', () => profiler.post('Profiler.start', r)));
    }
    const importing = performance.now();
    const imported = await importStatement(db, accountant, xml, now);
    const importSeconds = (performance.now() - importing) / 1000;
    if (profiler) {
      const { profile } = await new Promise<any>((r) => profiler.post('Profiler.stop', (_e: unknown, p: unknown) => r(p)));
      require('node:fs').writeFileSync(`${process.env.BENCH_CPUPROFILE}.${kind}.cpuprofile`, JSON.stringify(profile));
    }
    for (const [sql, v] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) log(`${v.ms.toFixed(0).padStart(7)} ms ${String(v.n).padStart(6)}× ${sql.slice(0, 200)}`);
    if (!imported.ok) throw new Error(`import refused: ${imported.code}`);
    const s = imported.summary;
    const importSummary = `${s.booked} booked, ${s.reversed} reversed, ${s.doubtful} doubtful, ${s.open} open, ${s.ignored} ignored`;
    log(`[${kind}] camt.053 import of ${ENTRIES} entries (${(xml.length / 1e6).toFixed(1)} MB): ${importSummary} in ${importSeconds.toFixed(2)} s (goal < ${IMPORT_GOAL_SECONDS} s)`);
    const again = performance.now();
    const second = await importStatement(db, accountant, xml, now);
    const againSeconds = (performance.now() - again) / 1000;
    if (!second.ok || second.summary.booked + second.summary.reversed > 0) throw new Error('the same statement again booked something');
    log(`[${kind}] the same statement again: nothing booked, ${againSeconds.toFixed(2)} s`);
    return { kind, dunningSeconds, notices, importSeconds, importSummary, againSeconds };
  } finally {
    await db.destroy();
    await place.drop();
  }
}

async function main(): Promise<void> {
  let failed = false;
  console.log(`dunning run and camt.053 import (${os.cpus().length} cores)`);
  for (const kind of await benchDatabaseKinds()) {
    const r = await benchPayments(kind, { dunning: process.env.BENCH_PHASE !== 'import', log: (l) => console.log(`  ${l}`) });
    failed ||= r.importSeconds >= IMPORT_GOAL_SECONDS || r.dunningSeconds >= DUNNING_GOAL_SECONDS;
  }
  if (failed && process.env.BENCH_STRICT === '1') process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err) => {
    console.error(String(err?.stack ?? err).slice(0, 2000));
    process.exitCode = 1;
  });
}
