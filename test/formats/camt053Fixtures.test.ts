import { readFileSync } from 'node:fs';
import path from 'node:path';
import { matchPayments } from '../../domain/paymentMatching';
import { paymentsOf, readCamt053 } from '../../formats/camt053';

/** Statements written by hand (not by our builder), so the reader is not only checked against its own twin. */
const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('hand-written camt.053 statements', () => {
  it('reads a .001.02 statement as German banks send it', () => {
    const r = readCamt053(fixture('camt053-v02-sparkasse-style.xml'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.version).toBe('camt.053.001.02');
    expect(r.statements.map((s) => [s.id, s.accountIban])).toEqual([['0530226212345-1', 'DE02120300000000202051']]);
    expect(r.entries).toEqual([
      {
        reference: 'camt:DE02120300000000202051:2026030212345001',
        accountIban: 'DE02120300000000202051',
        amountCents: 119050,
        direction: 'credit',
        reversal: false,
        status: 'booked',
        bookingDate: '2026-03-02',
        valueDate: '2026-03-02',
        accountServicerRef: '2026030212345001',
        transactions: [
          {
            amountCents: 119050,
            endToEndId: 'RE-2026-0004',
            debtorName: 'Mueller Bau GmbH',
            debtorIban: 'DE89370400440532013000',
            creditorName: 'Buerowerk GmbH',
            creditorIban: null,
            remittance: ['Rechnung RE-2026-', '0004 vom 15.02.2026'],
            creditorReferences: [],
          },
        ],
      },
      {
        reference: 'camt:DE02120300000000202051:2026030212345002',
        accountIban: 'DE02120300000000202051',
        amountCents: 5000,
        direction: 'debit',
        reversal: false,
        status: 'booked',
        bookingDate: '2026-03-02',
        valueDate: '2026-03-02',
        accountServicerRef: '2026030212345002',
        transactions: [
          { amountCents: 5000, endToEndId: null, debtorName: null, debtorIban: null, creditorName: null, creditorIban: null, remittance: [], creditorReferences: [] },
        ],
      },
    ]);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const r = readCamt053(`\ufeff${fixture('camt053-v02-sparkasse-style.xml')}`);
    expect(r.ok && r.entries.length).toBe(2);
  });

  it('reads a prefixed .001.08 statement and matches it, the reversal tracing back to the first statement', () => {
    const first = readCamt053(fixture('camt053-v02-sparkasse-style.xml'));
    const second = readCamt053(fixture('camt053-v08-prefixed.xml'));
    if (!first.ok || !second.ok) throw new Error('fixtures not read');
    expect(second.version).toBe('camt.053.001.08');
    expect(second.entries.map((e) => [e.bookingDate, e.direction, e.reversal, e.transactions[0].creditorReferences])).toEqual([
      ['2026-03-03', 'credit', false, ['RF72 RE20 2600 07']],
      ['2026-03-03', 'debit', true, []],
    ]);
    const matches = matchPayments({
      payments: [...paymentsOf(first.entries), ...paymentsOf(second.entries)],
      openInvoices: [
        { number: 'RE-2026-0004', customerNumber: 'K-1001', dueDate: '2026-02-15', openCents: 119050 },
        { number: 'RE-2026-0007', customerNumber: 'K-1003', dueDate: '2026-02-25', openCents: 4990 },
      ],
      customers: [
        { number: 'K-1001', name: 'Müller Bau GmbH', ibans: ['DE89370400440532013000'] },
        { number: 'K-1003', name: 'Anna Schmidt', ibans: [] },
      ],
    });
    expect(matches.map((m) => [m.kind, m.kind === 'sure' ? m.allocations : m.kind === 'reversal' ? m.undoes : m.kind === 'none' ? m.reason : null])).toEqual([
      ['sure', [{ invoiceNumber: 'RE-2026-0004', cents: 119050 }]],
      ['none', 'debit_not_a_payment'],
      ['sure', [{ invoiceNumber: 'RE-2026-0007', cents: 4990 }]],
      ['reversal', 'camt:DE02120300000000202051:2026030212345001'],
    ]);
  });
});
