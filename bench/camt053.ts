import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { matchPayments, type MatchCustomer, type MatchInvoice } from '../domain/paymentMatching';
import { paymentsOf, readCamt053 } from '../formats/camt053';
import { camt053, type TestEntry } from '../test/support/camt053';

/**
 * `npx tsx bench/camt053.ts`: reading a camt.053 statement of 10,000 entries and matching it against 5,000 open
 * invoices of 800 customers. Goal: both together well under 5 s (the reading alone under 2 s). Standalone, not part
 * of `npm run bench`; BENCH_STRICT=1 makes a missed goal fail.
 */
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const INVOICES = 5_000;
const RUNS = 5;

const customers: MatchCustomer[] = Array.from({ length: 800 }, (_, c) => ({
  number: `K-${1000 + c}`,
  name: `Kunde ${c} Handels GmbH`,
  ibans: [`DE${String(10 + (c % 89))}3704004405320${String(c).padStart(5, '0')}`],
}));
const invoices: MatchInvoice[] = Array.from({ length: INVOICES }, (_, i) => ({
  number: `RE-2026-${String(i + 1).padStart(4, '0')}`,
  customerNumber: customers[i % customers.length].number,
  dueDate: `2026-02-${String((i % 28) + 1).padStart(2, '0')}`,
  openCents: 10_000 + i * 7,
}));

// A realistic mix: numbers in all spellings, typos, names only, payer accounts, partial payments, noise, debits.
const entries: TestEntry[] = Array.from({ length: ENTRIES }, (_, i) => {
  const inv = invoices[i % INVOICES];
  const n = i % INVOICES + 1;
  const amount = (inv.openCents / 100).toFixed(2);
  const customer = customers[(i % INVOICES) % customers.length];
  switch (i % 8) {
    case 0: return { amount, ustrd: [`RE-2026-${String(n).padStart(4, '0')}`], debtorName: customer.name };
    case 1: return { amount, ustrd: [`Rg.-Nr. 2026-${n}`] };
    case 2: return { amount, ustrd: [`RE 2026 ${String(n).padStart(4, '0')} und RE-2026-${String(((n + 1) % INVOICES) + 1).padStart(4, '0')}`] };
    case 3: return { amount, ustrd: [`RE-2062-${String(n).padStart(4, '0')}`] };
    case 4: return { amount, debtorName: customer.name, ustrd: ['Zahlung'] };
    case 5: return { amount: '50.00', debtorIban: customer.ibans[0], ustrd: ['Abschlag'] };
    case 6: return { amount: `${(i % 97) + 1}.13`, debtorName: `Unbekannt ${i}`, ustrd: ['Sonstiges'] };
    default: return { amount: '12.00', credit: false, transactions: [{ creditorName: 'Stadtwerke', ustrd: ['Strom'] }] };
  }
});
const xml = camt053({ entries });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const readMs: number[] = [];
const matchMs: number[] = [];
let kinds: Record<string, number> = {};
const cpuStart = process.cpuUsage();
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const read = readCamt053(xml);
  const t1 = performance.now();
  if (!read.ok) throw new Error(`statement not read: ${read.reason}`);
  const matches = matchPayments({ payments: paymentsOf(read.entries), openInvoices: invoices, customers });
  const t2 = performance.now();
  readMs.push(t1 - t0);
  matchMs.push(t2 - t1);
  kinds = {};
  for (const m of matches) kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
}
const cpu = process.cpuUsage(cpuStart);
const total = median(readMs.map((r, i) => r + matchMs[i]));
console.log(`camt.053: ${ENTRIES} entries (${(xml.length / 1e6).toFixed(1)} MB) against ${INVOICES} open invoices, ${RUNS} runs`);
console.log(`  read   median ${median(readMs).toFixed(0)} ms`);
console.log(`  match  median ${median(matchMs).toFixed(0)} ms`);
console.log(`  total  median ${total.toFixed(0)} ms (goal < 5000 ms), CPU ${((cpu.user + cpu.system) / 1000 / RUNS).toFixed(0)} ms per run`);
console.log(`  results ${JSON.stringify(kinds)}`);
console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs, node ${process.version}`);
if (process.env.BENCH_STRICT === '1' && (total >= 5000 || median(readMs) >= 2000)) {
  console.error('BENCH_STRICT=1: goal missed');
  process.exit(1);
}
