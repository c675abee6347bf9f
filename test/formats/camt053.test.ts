import { decimalToCents, readCamt053, StatementEntry, statementRefusalText } from '../../formats/camt053';
import { camt053, SELLER_IBAN, TestStatement } from '../support/camt053';

function read(statement: TestStatement): StatementEntry[] {
  const r = readCamt053(camt053(statement));
  if (!r.ok) throw new Error(`unexpected ${r.reason}: ${JSON.stringify(r)}`);
  return r.entries;
}

describe('readCamt053', () => {
  const entries: TestStatement['entries'] = [
    {
      amount: '1190.50',
      debtorName: 'Müller Bau GmbH',
      debtorIban: 'DE89 3704 0044 0532 0130 00',
      endToEndId: 'E2E-4711',
      ustrd: ['Rechnung RE-2026-0004', 'Kd-Nr. K-1001'],
      bookingDate: '2026-03-02',
      valueDate: '2026-03-03',
    },
    { amount: '59.9', creditorRef: 'RF18 RE20 2600 05', debtorName: 'Café Sonnenschein' },
  ];

  for (const version of ['02', '08'] as const) {
    for (const prefix of [null, 'camt', 'ns2']) {
      it(`reads camt.053.001.${version} with ${prefix ? `prefix ${prefix}:` : 'the default namespace'}`, () => {
        const r = readCamt053(camt053({ version, prefix, entries }));
        expect(r.ok && r.version).toBe(`camt.053.001.${version}`);
        if (!r.ok) return;
        expect(r.statements).toHaveLength(1);
        expect(r.statements[0]).toMatchObject({ id: 'STMT-2026-03-02', accountIban: SELLER_IBAN });
        expect(r.entries[0]).toEqual({
          reference: `camt:${SELLER_IBAN}:STMT-2026-03-02-000001`,
          accountIban: SELLER_IBAN,
          amountCents: 119050,
          direction: 'credit',
          reversal: false,
          status: 'booked',
          bookingDate: '2026-03-02',
          valueDate: '2026-03-03',
          accountServicerRef: 'STMT-2026-03-02-000001',
          transactions: [
            {
              amountCents: 119050,
              endToEndId: 'E2E-4711',
              debtorName: 'Müller Bau GmbH',
              debtorIban: 'DE89370400440532013000',
              creditorName: null,
              creditorIban: null,
              remittance: ['Rechnung RE-2026-0004', 'Kd-Nr. K-1001'],
              creditorReferences: [],
            },
          ],
        });
        expect(r.entries[1]).toMatchObject({ amountCents: 5990, transactions: [{ creditorReferences: ['RF18 RE20 2600 05'], remittance: [] }] });
      });
    }
  }

  it('reads debits, reversals, pending entries, date-times and batch entries with several transactions', () => {
    const [debit, pending, batch] = read({
      entries: [
        { amount: '100.00', credit: false, reversal: true, transactions: [{ creditorName: 'Müller Bau GmbH', creditorIban: 'DE89370400440532013000', endToEndId: 'E2E-4711' }] },
        { amount: '10.00', status: 'PDNG' },
        {
          amount: '300.00',
          transactions: [
            { amount: '100.00', debtorName: 'A GmbH', ustrd: ['RE-2026-0001'] },
            { amount: '200.00', debtorName: 'B KG', ustrd: ['RE-2026-0002'] },
          ],
        },
      ],
    });
    expect(debit).toMatchObject({ direction: 'debit', reversal: true, transactions: [{ creditorName: 'Müller Bau GmbH', endToEndId: 'E2E-4711' }] });
    expect(pending.status).toBe('pending');
    expect(batch.transactions.map((t) => [t.amountCents, t.debtorName])).toEqual([
      [10000, 'A GmbH'],
      [20000, 'B KG'],
    ]);
    for (const version of ['02', '08'] as const) {
      const xml = camt053({ version, entries: [{ amount: '1.00' }] }).replace('<BookgDt>\n          <Dt>2026-03-02</Dt>', '<BookgDt>\n          <DtTm>2026-03-01T23:30:00+01:00</DtTm>');
      const r = readCamt053(xml);
      expect(r.ok && r.entries[0].bookingDate).toBe('2026-03-01');
    }
  });

  it('gives the same reference to the same entry on every import, and to a duplicate AcctSvcrRef', () => {
    const statement: TestStatement = {
      entries: [
        { amount: '10.00', acctSvcrRef: 'BANK-REF-1' },
        { amount: '10.00', acctSvcrRef: 'BANK-REF-1' },
        { amount: '20.00', acctSvcrRef: null },
        { amount: '20.00', acctSvcrRef: null },
      ],
    };
    const first = read(statement).map((e) => e.reference);
    expect(read(statement).map((e) => e.reference)).toEqual(first);
    expect(first[0]).toBe(`camt:${SELLER_IBAN}:BANK-REF-1`);
    expect(first[1]).toBe(first[0]);
    // Without the bank's reference, two equal entries of one statement stay apart by their position.
    expect(first[2]).not.toBe(first[3]);
    // The bank's reference survives a new statement file; the fallback is tied to its statement.
    expect(read({ ...statement, id: 'OTHER' })[0].reference).toBe(first[0]);
  });

  it('reads amounts exactly from their digits', () => {
    expect(decimalToCents('0.1')).toBe(10);
    expect(decimalToCents('12')).toBe(1200);
    expect(decimalToCents('1.500')).toBe(150);
    expect(decimalToCents('0.29')).toBe(29);
    expect(decimalToCents('1.15')).toBe(115);
    expect(decimalToCents('90071992547409.91')).toBe(9007199254740991);
    for (const bad of ['1.005', '-1.00', '1e3', '1,00', '.5', '5.', '', ' 1.00', '90071992547409.92']) expect(decimalToCents(bad)).toBeNull();
  });

  it('refuses malformed XML with the parser’s reason', () => {
    const xml = camt053({ entries: [{ amount: '1.00' }] }).replace('</Ntry>', '</Ntr>');
    expect(readCamt053(xml)).toMatchObject({ ok: false, reason: 'malformed_xml', line: expect.any(Number) });
    expect(readCamt053('')).toMatchObject({ ok: false, reason: 'malformed_xml' });
    expect(readCamt053('RE-2026-0004;119,00')).toMatchObject({ ok: false, reason: 'malformed_xml' });
  });

  it('refuses other XML: another namespace (camt.052, pain.001), no Document, no statement', () => {
    const base = { entries: [{ amount: '1.00' }] };
    expect(readCamt053(camt053({ ...base, namespace: 'urn:iso:std:iso:20022:tech:xsd:camt.052.001.08' }))).toMatchObject({ ok: false, reason: 'not_camt053' });
    expect(readCamt053(camt053({ ...base, namespace: 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09' }))).toMatchObject({ ok: false, reason: 'not_camt053' });
    expect(readCamt053('<?xml version="1.0"?><Invoice><ID>RE-2026-0004</ID></Invoice>')).toMatchObject({ ok: false, reason: 'not_camt053' });
    expect(readCamt053('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt/></Document>')).toMatchObject({
      ok: false,
      reason: 'not_camt053',
    });
  });

  it('refuses a statement or an entry in another currency, returning nothing to book', () => {
    expect(readCamt053(camt053({ accountCurrency: 'USD', entries: [{ amount: '1.00' }] }))).toEqual({
      ok: false,
      reason: 'wrong_currency',
      currency: 'USD',
      where: 'Stmt STMT-2026-03-02',
    });
    expect(readCamt053(camt053({ entries: [{ amount: '1.00' }, { amount: '2.00', currency: 'CHF' }] }))).toEqual({
      ok: false,
      reason: 'wrong_currency',
      currency: 'CHF',
      where: 'Stmt STMT-2026-03-02, Ntry 2',
    });
  });

  it('refuses an entry it cannot book with where and why', () => {
    expect(readCamt053(camt053({ entries: [{ amount: '1.005' }] }))).toMatchObject({ ok: false, reason: 'invalid_entry', where: 'Stmt STMT-2026-03-02, Ntry 1' });
    expect(readCamt053(camt053({ entries: [{ amount: '1.00', bookingDate: '2026-02-30' }] }))).toMatchObject({ ok: false, reason: 'invalid_entry' });
  });

  it('words every refusal in German and English, saying nothing was booked', () => {
    const refusals = [
      readCamt053('<a>'),
      readCamt053('<Invoice/>'),
      readCamt053(camt053({ accountCurrency: 'USD', entries: [{ amount: '1.00' }] })),
      readCamt053(camt053({ entries: [{ amount: '1.005' }] })),
    ];
    expect(refusals.map((r) => !r.ok && r.reason)).toEqual(['malformed_xml', 'not_camt053', 'wrong_currency', 'invalid_entry']);
    for (const r of refusals) {
      if (r.ok) continue;
      const text = statementRefusalText(r);
      expect(text.de).toMatch(/Es wurde nichts gebucht\.$/);
      expect(text.en).toMatch(/Nothing was booked\.$/);
    }
    expect(refusals[2].ok === false && statementRefusalText(refusals[2]).de).toContain('USD');
  });

  it('does not expand entities declared in a DOCTYPE (no entity bomb)', () => {
    const lol = '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">';
    const xml = camt053({ entries: [{ amount: '1.00', ustrd: ['x'] }] })
      .replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE Document [${lol}]>`)
      .replace('<Ustrd>x</Ustrd>', '<Ustrd>&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;</Ustrd>');
    const r = readCamt053(xml);
    expect(r.ok && r.entries[0].transactions[0].remittance).toEqual(['&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;']);
  });

  it('reads a statement of 10,000 entries completely and exactly', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      amount: `${i + 1}.${String(i % 100).padStart(2, '0')}`,
      debtorName: `Kunde ${i}`,
      ustrd: [`RE-2026-${String(i + 1).padStart(4, '0')}`],
    }));
    const r = readCamt053(camt053({ entries: many }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries).toHaveLength(10_000);
    expect(new Set(r.entries.map((e) => e.reference)).size).toBe(10_000);
    expect(r.entries.reduce((s, e) => s + e.amountCents, 0)).toBe(many.reduce((s, _, i) => s + (i + 1) * 100 + (i % 100), 0));
    expect(r.entries[9_999].transactions[0]).toMatchObject({ debtorName: 'Kunde 9999', remittance: ['RE-2026-10000'] });
  });
});
