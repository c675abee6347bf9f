import { makeCreditorReference } from '../../domain/creditorReference';
import {
  BankPayment,
  invoiceNumbersInText,
  matchPayments,
  MatchCustomer,
  MatchInvoice,
  MatchQuestion,
  nameTokens,
  oneSlipAway,
  PaymentMatch,
  withinOneSlip,
} from '../../domain/paymentMatching';
import fc from 'fast-check';
import damerauLevenshtein from 'damerau-levenshtein';
import { paymentsOf, readCamt053 } from '../../formats/camt053';
import { camt053, TestEntry } from '../support/camt053';

const MUELLER_IBAN = 'DE89370400440532013000';
const CAFE_IBAN = 'DE12500105170648489890';

const customers: MatchCustomer[] = [
  { number: 'K-1001', name: 'Müller Bau GmbH', ibans: [MUELLER_IBAN] },
  { number: 'K-1002', name: 'Café Sonnenschein', ibans: [CAFE_IBAN] },
  { number: 'K-1003', name: 'Anna Schmidt', ibans: [] },
];

const invoices: MatchInvoice[] = [
  { number: 'RE-2026-0004', customerNumber: 'K-1001', dueDate: '2026-02-15', openCents: 119000 },
  { number: 'RE-2026-0005', customerNumber: 'K-1001', dueDate: '2026-02-20', openCents: 59500 },
  { number: 'RE-2026-0006', customerNumber: 'K-1002', dueDate: '2026-02-10', openCents: 23800 },
  { number: 'RE-2026-0007', customerNumber: 'K-1003', dueDate: '2026-02-25', openCents: 4990 },
  { number: 'RE-2026-0012', customerNumber: 'K-1002', dueDate: '2026-02-28', openCents: 10000 },
];

/** Writes the entries as a camt.053 file, reads it back and matches it: the whole way a statement goes. */
function matchStatement(entries: TestEntry[], extra: Partial<MatchQuestion> = {}): PaymentMatch[] {
  const read = readCamt053(camt053({ entries }));
  if (!read.ok) throw new Error(read.reason);
  return matchPayments({ payments: paymentsOf(read.entries), openInvoices: invoices, customers, ...extra });
}

function one(entry: TestEntry, extra?: Partial<MatchQuestion>): PaymentMatch {
  return matchStatement([entry], extra)[0];
}

function sureOf(m: PaymentMatch) {
  if (m.kind !== 'sure') throw new Error(`expected a sure match, got ${JSON.stringify({ kind: m.kind, ...(m.kind === 'doubtful' ? { c: m.candidates } : {}) })}`);
  return { customerNumber: m.customerNumber, allocations: m.allocations, creditCents: m.creditCents, reasons: m.reasons };
}

describe('reading invoice numbers from remittance texts', () => {
  it.each([
    ['RE-2026-0004', ['RE-2026-0004']],
    ['RE 2026 0004', ['RE-2026-0004']],
    ['Rg.-Nr. 2026-4', ['RE-2026-0004']],
    ['rechnungsnr.: 2026/0004 vielen Dank', ['RE-2026-0004']],
    ['Invoice no. 2026-0004', ['RE-2026-0004']],
    ['RE20260004', ['RE-2026-0004']],
    ['RE-2026-0004 RE-2026-0005', ['RE-2026-0004', 'RE-2026-0005']],
    ['RE-2026-0005, RE 2026 0004', ['RE-2026-0005', 'RE-2026-0004']],
    ['Zahlung 2026-0004', ['RE-2026-0004']],
    ['Lieferung vom 2026-03-02, Kd-Nr. 1001, PREIS 2026', []],
    ['Miete März', []],
  ])('%s', (text, expected) => {
    expect(invoiceNumbersInText(text)).toEqual(expected);
  });

  it('finds the numbers one slip away (swapped or wrong digit)', () => {
    expect(oneSlipAway('RE-2062-0004')).toContain('RE-2026-0004');
    expect(oneSlipAway('RE-2026-0040')).toContain('RE-2026-0004');
    expect(oneSlipAway('RE-2026-0004')).not.toContain('RE-2026-0004');
    expect(oneSlipAway('LS-1001')).toEqual([]);
  });

  it('withinOneSlip agrees with the Damerau–Levenshtein distance (at most 1)', () => {
    expect(withinOneSlip('mueller', 'muller')).toBe(true);
    expect(withinOneSlip('sonnenschein', 'sonnenschien')).toBe(true);
    expect(withinOneSlip('schmidt', 'schmitt')).toBe(true);
    expect(withinOneSlip('schmidt', 'schmied')).toBe(false);
    fc.assert(
      fc.property(fc.stringMatching(/^[abc]{0,6}$/), fc.stringMatching(/^[abc]{0,6}$/), (a, b) => withinOneSlip(a, b) === (damerauLevenshtein(a, b).steps <= 1)),
    );
  });

  it('compares names without case, umlauts and legal forms', () => {
    expect(nameTokens('Müller Bau GmbH & Co. KG')).toEqual(['mueller', 'bau']);
    expect(nameTokens('MUELLER BAU GMBH')).toEqual(['mueller', 'bau']);
    expect(nameTokens('Café Sonnenschein e.K.')).toEqual(['cafe', 'sonnenschein']);
  });
});

describe('matchPayments', () => {
  it.each([
    ['RE 2026 0004', 'RE-2026-0004'],
    ['Rg.-Nr. 2026-4', 'RE-2026-0004'],
    ['Ihre Rechnung RE-2026-0006 vom 10.2.', 'RE-2026-0006'],
  ])('books %s as a sure match of %s', (text, number) => {
    const invoice = invoices.find((i) => i.number === number)!;
    const m = one({ amount: (invoice.openCents / 100).toFixed(2), ustrd: [text], debtorName: 'Irgendwer' });
    expect(sureOf(m)).toEqual({
      customerNumber: invoice.customerNumber,
      allocations: [{ invoiceNumber: number, cents: invoice.openCents }],
      creditCents: 0,
      reasons: ['invoice_number'],
    });
  });

  it('books two invoices named in one text, in the order named', () => {
    expect(sureOf(one({ amount: '1785.00', ustrd: ['RE-2026-0004 RE-2026-0005'] }))).toMatchObject({
      allocations: [
        { invoiceNumber: 'RE-2026-0004', cents: 119000 },
        { invoiceNumber: 'RE-2026-0005', cents: 59500 },
      ],
      creditCents: 0,
    });
  });

  it('reads a number split over two remittance lines', () => {
    expect(sureOf(one({ amount: '1190.00', ustrd: ['Rechnung RE-2026-', '0004 Danke'] })).allocations).toEqual([{ invoiceNumber: 'RE-2026-0004', cents: 119000 }]);
  });

  it('books by the structured RF creditor reference', () => {
    const ref = makeCreditorReference('RE-2026-0007')!;
    expect(sureOf(one({ amount: '49.90', creditorRef: ref }))).toMatchObject({
      customerNumber: 'K-1003',
      allocations: [{ invoiceNumber: 'RE-2026-0007', cents: 4990 }],
      reasons: ['creditor_reference'],
    });
    // An RF reference typed into the free text counts as well.
    expect(sureOf(one({ amount: '49.90', ustrd: [`Ref ${ref}`] })).reasons).toEqual(['creditor_reference']);
  });

  it('books a typo when only that invoice is open with exactly the amount', () => {
    for (const typo of ['RE-2062-0004', 'RE-2026-0040']) {
      expect(sureOf(one({ amount: '1190.00', ustrd: [typo] }))).toMatchObject({
        customerNumber: 'K-1001',
        allocations: [{ invoiceNumber: 'RE-2026-0004', cents: 119000 }],
        reasons: ['invoice_number_typo', 'amount'],
      });
    }
  });

  it('asks an accountant about a typo when the amount does not fit', () => {
    const m = one({ amount: '1000.00', ustrd: ['RE-2062-0004'] });
    expect(m.kind).toBe('doubtful');
    expect(m.kind === 'doubtful' && m.candidates).toContainEqual({
      customerNumber: 'K-1001',
      invoiceNumbers: ['RE-2026-0004'],
      undoes: null,
      reasons: ['named_invoice_not_open', 'invoice_number_typo', 'amount_differs'],
    });
  });

  it('books by the customer name alone, in the payer name or in the text, when the amount fits one invoice', () => {
    expect(sureOf(one({ amount: '595.00', debtorName: 'MUELLER BAU GMBH', ustrd: ['Zahlung'] }))).toMatchObject({
      customerNumber: 'K-1001',
      allocations: [{ invoiceNumber: 'RE-2026-0005', cents: 59500 }],
      reasons: ['payer_name', 'amount'],
    });
    expect(sureOf(one({ amount: '238.00', debtorName: 'A. Demir', ustrd: ['Café Sonnenschein'] }))).toMatchObject({
      customerNumber: 'K-1002',
      allocations: [{ invoiceNumber: 'RE-2026-0006', cents: 23800 }],
      reasons: ['customer_name_in_text', 'amount'],
    });
  });

  it('books by the payer account, also all open invoices at once when the amount is their sum', () => {
    expect(sureOf(one({ amount: '1785.00', debtorIban: MUELLER_IBAN, debtorName: 'M. Müller' }))).toMatchObject({
      customerNumber: 'K-1001',
      allocations: [
        { invoiceNumber: 'RE-2026-0004', cents: 119000 },
        { invoiceNumber: 'RE-2026-0005', cents: 59500 },
      ],
      reasons: ['payer_iban', 'amount_of_all_open'],
    });
  });

  it('proposes the customer’s open invoices when the payer is known but the amount fits none', () => {
    expect(one({ amount: '100.00', debtorIban: MUELLER_IBAN })).toMatchObject({
      kind: 'doubtful',
      candidates: [{ customerNumber: 'K-1001', invoiceNumbers: ['RE-2026-0004', 'RE-2026-0005'], reasons: ['payer_iban', 'amount_differs'] }],
    });
  });

  it('never books on a merely similar name', () => {
    expect(one({ amount: '595.00', debtorName: 'Müler Bau' })).toMatchObject({
      kind: 'doubtful',
      candidates: [{ customerNumber: 'K-1001', invoiceNumbers: ['RE-2026-0005'], reasons: ['payer_name_similar', 'amount'] }],
    });
  });

  it('asks when the payer’s account belongs to another customer than the invoice named', () => {
    expect(one({ amount: '1190.00', debtorIban: CAFE_IBAN, ustrd: ['RE-2026-0004'] })).toMatchObject({
      kind: 'doubtful',
      reasons: ['invoice_number', 'payer_is_other_customer'],
    });
  });

  it('the amount alone is only a hint; nothing at all is no match', () => {
    expect(one({ amount: '49.90', debtorName: 'Unbekannt' })).toMatchObject({
      kind: 'doubtful',
      candidates: [{ customerNumber: 'K-1003', invoiceNumbers: ['RE-2026-0007'], reasons: ['amount_only'] }],
    });
    expect(one({ amount: '12.34', debtorName: 'Unbekannt', ustrd: ['Spende'] })).toMatchObject({ kind: 'none', reason: 'no_match' });
  });

  it('books a partial payment and keeps an overpayment as credit', () => {
    expect(sureOf(one({ amount: '500.00', ustrd: ['RE-2026-0004'] }))).toMatchObject({ allocations: [{ invoiceNumber: 'RE-2026-0004', cents: 50000 }], creditCents: 0 });
    expect(sureOf(one({ amount: '1200.00', ustrd: ['RE-2026-0004'] }))).toMatchObject({ allocations: [{ invoiceNumber: 'RE-2026-0004', cents: 119000 }], creditCents: 1000 });
  });

  it('a second payment of the same invoice in one statement meets what is left of it', () => {
    const [first, second, third] = matchStatement([
      { amount: '1000.00', ustrd: ['RE-2026-0004'] },
      { amount: '190.00', ustrd: ['RE-2026-0004'] },
      { amount: '1190.00', ustrd: ['RE-2026-0004'] },
    ]);
    expect(sureOf(first).allocations).toEqual([{ invoiceNumber: 'RE-2026-0004', cents: 100000 }]);
    expect(sureOf(second).allocations).toEqual([{ invoiceNumber: 'RE-2026-0004', cents: 19000 }]);
    // Paid in full now: a third payment is for an accountant (a double payment), not silently booked elsewhere.
    expect(third.kind).toBe('doubtful');
    expect(third.kind === 'doubtful' && third.reasons).toContain('named_invoice_not_open');
  });

  it('skips a repeated entry reference, an entry imported before and a pending entry', () => {
    const entries: TestEntry[] = [
      { amount: '1190.00', ustrd: ['RE-2026-0004'], acctSvcrRef: 'REF-1' },
      { amount: '1190.00', ustrd: ['RE-2026-0004'], acctSvcrRef: 'REF-1' },
      { amount: '595.00', ustrd: ['RE-2026-0005'], acctSvcrRef: 'REF-2' },
      { amount: '238.00', ustrd: ['RE-2026-0006'], status: 'PDNG' },
    ];
    const first = matchStatement(entries);
    expect(first.map((m) => m.kind)).toEqual(['sure', 'skipped', 'sure', 'skipped']);
    expect(first[1]).toMatchObject({ reason: 'duplicate' });
    expect(first[3]).toMatchObject({ reason: 'not_booked' });
    // Importing the same file again books nothing.
    const imported = new Set(first.filter((m) => m.kind === 'sure').map((m) => m.payment.paymentRef));
    const again = matchStatement(entries, { alreadyImported: imported });
    expect(again.map((m) => m.kind === 'skipped' && m.reason)).toEqual(['already_imported', 'already_imported', 'already_imported', 'not_booked']);
  });

  it('matches each transaction of a batch entry on its own', () => {
    const m = matchStatement([
      {
        amount: '1428.00',
        transactions: [
          { amount: '1190.00', ustrd: ['RE-2026-0004'] },
          { amount: '238.00', ustrd: ['RE-2026-0006'] },
        ],
      },
    ]);
    expect(m.map((x) => [x.payment.paymentRef.endsWith('/1') || x.payment.paymentRef.endsWith('/2'), x.kind === 'sure' && x.allocations])).toEqual([
      [true, [{ invoiceNumber: 'RE-2026-0004', cents: 119000 }]],
      [true, [{ invoiceNumber: 'RE-2026-0006', cents: 23800 }]],
    ]);
  });

  describe('debits and reversals', () => {
    it('traces a returned payment by its end-to-end id, in the same statement or from earlier ones', () => {
      const [payment, returned] = matchStatement([
        { amount: '1190.00', ustrd: ['RE-2026-0004'], endToEndId: 'E2E-77', debtorIban: MUELLER_IBAN },
        { amount: '1190.00', credit: false, reversal: true, transactions: [{ endToEndId: 'E2E-77', creditorIban: MUELLER_IBAN }] },
      ]);
      expect(payment.kind).toBe('sure');
      expect(returned).toMatchObject({ kind: 'reversal', undoes: payment.payment.paymentRef, customerNumber: 'K-1001', reasons: ['end_to_end_id', 'amount'] });

      const earlierPayments = [{ paymentRef: 'camt:X:OLD-1', customerNumber: 'K-1002', amountCents: 23800, endToEndId: null, payerIban: CAFE_IBAN }];
      expect(one({ amount: '238.00', credit: false, reversal: true, transactions: [{ creditorIban: CAFE_IBAN }] }, { earlierPayments })).toMatchObject({
        kind: 'reversal',
        undoes: 'camt:X:OLD-1',
        reasons: ['reversal_indicator', 'payer_iban', 'amount'],
      });
    });

    it('a plain debit back to a payer is for an accountant; any other debit is not a payment', () => {
      const earlierPayments = [{ paymentRef: 'camt:X:OLD-1', customerNumber: 'K-1002', amountCents: 23800, endToEndId: null, payerIban: CAFE_IBAN }];
      expect(one({ amount: '238.00', credit: false, transactions: [{ creditorIban: CAFE_IBAN }] }, { earlierPayments })).toMatchObject({
        kind: 'doubtful',
        candidates: [{ undoes: 'camt:X:OLD-1', customerNumber: 'K-1002', reasons: ['payer_iban', 'amount'] }],
      });
      expect(one({ amount: '80.00', credit: false, transactions: [{ creditorName: 'Stadtwerke' }] }, { earlierPayments })).toMatchObject({ kind: 'none', reason: 'debit_not_a_payment' });
    });

    it('a reversal is traced once: a second one finds nothing left to undo', () => {
      const earlierPayments = [{ paymentRef: 'camt:X:OLD-1', customerNumber: 'K-1002', amountCents: 23800, endToEndId: 'E2E-1', payerIban: CAFE_IBAN }];
      const [a, b] = matchStatement(
        [
          { amount: '238.00', credit: false, reversal: true, endToEndId: 'E2E-1' },
          { amount: '238.00', credit: false, reversal: true, endToEndId: 'E2E-1' },
        ],
        { earlierPayments },
      );
      expect(a).toMatchObject({ kind: 'reversal', undoes: 'camt:X:OLD-1' });
      expect(b).toMatchObject({ kind: 'none', reason: 'no_match' });
    });
  });

  it('property: a sure match pays exactly the amount, never more than an invoice has open, and one payment never pays twice', () => {
    const entry = fc.record({
      cents: fc.integer({ min: 1, max: 300_000 }),
      invoice: fc.integer({ min: 0, max: invoices.length - 1 }),
      style: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (list) => {
        const payments: BankPayment[] = list.map((e, i) => {
          const inv = invoices[e.invoice];
          const text = [inv.number, inv.number.replace(/-/g, ' '), `Rg.-Nr. ${inv.number.slice(3, 7)}-${Number(inv.number.slice(8))}`, 'Danke'][e.style];
          return {
            paymentRef: `p${i}`,
            entryReference: `p${i}`,
            amountCents: e.cents,
            direction: 'credit',
            reversal: false,
            booked: true,
            bookingDate: '2026-03-02',
            endToEndId: null,
            counterpartyName: null,
            counterpartyIban: null,
            remittance: [text],
            creditorReferences: [],
          };
        });
        const open = new Map(invoices.map((i) => [i.number, i.openCents]));
        for (const m of matchPayments({ payments, openInvoices: invoices, customers })) {
          if (m.kind !== 'sure') continue;
          const paid = m.allocations.reduce((s, a) => s + a.cents, 0);
          if (paid + m.creditCents !== m.payment.amountCents || m.creditCents < 0) return false;
          for (const a of m.allocations) {
            const left = (open.get(a.invoiceNumber) ?? 0) - a.cents;
            if (a.cents <= 0 || left < 0) return false;
            open.set(a.invoiceNumber, left);
          }
        }
        return true;
      }),
    );
  });

  it('matches 10,000 entries against 5,000 open invoices correctly', () => {
    const open: MatchInvoice[] = Array.from({ length: 5000 }, (_, i) => ({
      number: `RE-2026-${String(i + 1).padStart(4, '0')}`,
      customerNumber: `K-${1000 + (i % 800)}`,
      dueDate: '2026-02-01',
      openCents: 10_000 + i * 7,
    }));
    const spellings = [(y: number, n: number) => `RE-${y}-${String(n).padStart(4, '0')}`, (y: number, n: number) => `Rg.-Nr. ${y}-${n}`, (y: number, n: number) => `RE ${y} ${String(n).padStart(4, '0')}`];
    const entries: TestEntry[] = Array.from({ length: 10_000 }, (_, i) =>
      i < 5000
        ? { amount: (open[i].openCents / 100).toFixed(2), ustrd: [`Danke ${spellings[i % 3](2026, i + 1)}`], debtorName: `Firma ${i}` }
        : { amount: `${(i % 90) + 1}.00`, ustrd: ['Sonstiges'], debtorName: `Niemand ${i}` },
    );
    const read = readCamt053(camt053({ entries }));
    if (!read.ok) throw new Error(read.reason);
    const payments: BankPayment[] = paymentsOf(read.entries);
    const result = matchPayments({ payments, openInvoices: open, customers: [] });
    expect(result).toHaveLength(10_000);
    result.slice(0, 5000).forEach((m, i) => {
      expect(m.kind === 'sure' && m.allocations).toEqual([{ invoiceNumber: open[i].number, cents: open[i].openCents }]);
    });
    expect(result.slice(5000).every((m) => m.kind === 'none')).toBe(true);
  });
});

describe('the payer indexes find exactly whom comparing with every customer finds', () => {
  // The straightforward way (every customer compared with every payment), as the matching did before its indexes.
  const similar = (customer: string[], payer: string[]) => customer.every((c) => payer.some((p) => p === c || (c.length >= 5 && withinOneSlip(c, p))));
  function payerByComparingAll(customers: MatchCustomer[], name: string | null, remittance: string[]): string | null {
    const all = customers.map((c) => ({ number: c.number, tokens: nameTokens(c.name) })).filter((c) => c.tokens.length > 0);
    const namedIn = (tokens: string[]) => all.filter((c) => c.tokens.every((t) => tokens.includes(t))).map((c) => c.number);
    if (name) {
      const tokens = nameTokens(name);
      const exact = namedIn(tokens);
      if (exact.length === 1) return exact[0];
      if (exact.length === 0) {
        const near = all.filter((c) => similar(c.tokens, tokens));
        if (near.length === 1) return near[0].number;
      }
    }
    if (remittance.length > 0) {
      const named = namedIn(nameTokens(remittance.join(' ')));
      if (named.length === 1) return named[0];
    }
    return null;
  }

  const words = ['kunde', 'mueller', 'müller', 'bau', 'cafe', 'sonnenschein', 'schmidt', 'handel', 'technik', 'gmbh', '12', '7', 'nord'];
  const slip = (w: string, i: number) => (w.length < 2 ? w : i % 3 === 0 ? w.slice(1) : i % 3 === 1 ? w[1] + w[0] + w.slice(2) : `${w}x`);
  const name = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' '));

  it('for payer names and remittance texts, with slips of the finger, among customers sharing common words', () => {
    const seen = { found: 0, similarOnly: 0, none: 0 };
    fc.assert(fc.property(
      fc.uniqueArray(name, { minLength: 1, maxLength: 25 }),
      fc.array(fc.record({ pick: fc.nat(), typo: fc.nat(5), inText: fc.boolean(), other: name }), { minLength: 1, maxLength: 8 }),
      (names, asks) => {
        const customers: MatchCustomer[] = names.map((n, i) => ({ number: `K${i}`, name: n, ibans: [] }));
        const payments = asks.map((a, i) => {
          const base = a.pick % 3 === 0 ? a.other : names[a.pick % names.length];
          const written = a.typo < 2 ? base.split(' ').map((w, j) => (j === 0 ? slip(w, a.typo) : w)).join(' ') : base;
          return {
            paymentRef: `P${i}`, entryReference: `P${i}`, amountCents: 1000 + i, direction: 'credit' as const, reversal: false, booked: true, bookingDate: null,
            endToEndId: null, counterpartyName: a.inText ? null : written, counterpartyIban: null, remittance: a.inText ? [written] : [], creditorReferences: [],
          };
        });
        const results = matchPayments({ payments, openInvoices: [], customers });
        results.forEach((r, i) => {
          const expected = payerByComparingAll(customers, payments[i].counterpartyName, payments[i].remittance);
          const found = r.kind === 'doubtful' ? r.candidates[0].customerNumber : null;
          expect(found).toBe(expected);
          if (r.kind === 'doubtful' && r.reasons.includes('payer_name_similar')) seen.similarOnly++;
          else if (found) seen.found++;
          else seen.none++;
        });
      },
    ), { numRuns: 300 });
    // The runs met all three outcomes: an exact name, a name only one slip away, nobody.
    expect(seen.found).toBeGreaterThan(50);
    expect(seen.similarOnly).toBeGreaterThan(5);
    expect(seen.none).toBeGreaterThan(50);
  });
});
