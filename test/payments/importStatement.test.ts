import { listBankEntries } from '../../data/bankEntries';
import { findInvoice } from '../../data/invoices';
import { decideBankEntry, importStatement } from '../../operations/importStatement';
import { demoActors, monday } from '../orders/actors';
import { camt053 } from '../support/camt053';
import { describeEachDatabase } from '../support/databases';
import { invoicedOrder } from './helpers';

const euro = (cents: number) => (cents / 100).toFixed(2);

describeEachDatabase('importing camt.053 statements', ({ get }) => {
  it('books sure matches (also messy remittances), keeps doubtful ones for a decision, and books nothing twice', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const m1 = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 3 }], monday);
    const m2 = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 7 }], monday);
    const c1 = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'PAPER-A4', quantity: 2 }], monday);
    const [i1, i2, i3] = [m1.invoices[0], m2.invoices[0], c1.invoices[0]];
    const [year, seq] = i2.number.split('-').slice(1);
    const statement = camt053({
      id: 'S-1',
      entries: [
        { amount: euro(i1.grossCents), debtorName: 'Müller Bau GmbH', ustrd: [`Rechnung ${i1.number}`], endToEndId: 'E2E-1', debtorIban: 'DE89370400440532013000' },
        // "Rg.-Nr. 2026-7" and a partial amount: still sure by the number.
        { amount: euro(1000), debtorName: 'Mueller Bau', ustrd: [`Rg.-Nr. ${year}-${Number(seq)} Teilzahlung`] },
        // No number, a name that is only similar: for an accountant.
        { amount: euro(i3.grossCents), debtorName: 'Cafe Sonnenschin', ustrd: ['Danke'] },
        // A bank fee: not a payment.
        { amount: '3.50', credit: false, transactions: [{ creditorName: 'Bank', ustrd: ['Kontoführung'] }] },
      ],
    });
    const first = await importStatement(db, a.accounting, statement, monday);
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(first.summary).toMatchObject({ booked: 2, doubtful: 1, ignored: 1, alreadyImported: 0 });
    expect((await findInvoice(db, i1.number))!.openCents).toBe(0);
    expect((await findInvoice(db, i2.number))!.paidCents).toBe(1000);

    const again = await importStatement(db, a.accounting, statement, monday);
    expect(again.ok && again.summary).toMatchObject({ booked: 0, doubtful: 0, alreadyImported: 4 });
    expect((await findInvoice(db, i2.number))!.paidCents).toBe(1000);

    const [doubtful] = await listBankEntries(db, { status: 'doubtful' });
    expect(doubtful.candidates[0]).toMatchObject({ customerNumber: '10002', invoiceNumbers: [i3.number] });
    expect(await decideBankEntry(db, a.sales, doubtful.id, { kind: 'confirm', candidate: 0 }, monday)).toEqual({ ok: false, code: 'forbidden' });
    expect(await decideBankEntry(db, a.accounting, doubtful.id, { kind: 'confirm', candidate: 0 }, monday)).toMatchObject({ ok: true, status: 'booked' });
    expect(await decideBankEntry(db, a.accounting, doubtful.id, { kind: 'leave' }, monday)).toEqual({ ok: false, code: 'already_decided' });
    expect((await findInvoice(db, i3.number))!.openCents).toBe(0);

    // The first payment comes back (RvslInd, same end-to-end id): the invoice is open again.
    const returned = camt053({ id: 'S-2', entries: [{ amount: euro(i1.grossCents), credit: false, reversal: true, endToEndId: 'E2E-1', ustrd: ['Rücklastschrift'] }] });
    const back = await importStatement(db, a.accounting, returned, monday);
    expect(back.ok && back.summary).toMatchObject({ reversed: 1 });
    expect((await findInvoice(db, i1.number))!.openCents).toBe(i1.grossCents);
  });

  it('the same statement uploaded twice at once books once', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const { invoices: [invoice] } = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'PAPER-A4', quantity: 6 }], monday);
    const statement = camt053({ id: 'RACE-1', entries: [{ amount: euro(invoice.grossCents), ustrd: [invoice.number] }, { amount: '4.00', ustrd: ['?'] }] });
    const results = await Promise.all([importStatement(db, a.accounting, statement, monday), importStatement(db, a.accounting, statement, monday)]);
    const summaries = results.map((r) => (r.ok ? r.summary : null));
    expect(summaries.map((x) => x?.booked).sort()).toEqual([0, 1]);
    expect(summaries.map((x) => x?.alreadyImported).sort()).toEqual([0, 2]);
    expect((await findInvoice(db, invoice.number))!.paidCents).toBe(invoice.grossCents);
  });

  it('refuses a malformed file, another format and a foreign currency, booking nothing', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const before = Number((await db('payments').count({ n: '*' }).first())!.n);
    const broken = await importStatement(db, a.accounting, '<Document><BkToCstmrStmt>', monday);
    expect(broken).toMatchObject({ ok: false, code: 'unreadable', refusal: { reason: 'malformed_xml' } });
    expect(await importStatement(db, a.accounting, '<?xml version="1.0"?><Invoice/>', monday)).toMatchObject({ ok: false, refusal: { reason: 'not_camt053' } });
    const usd = camt053({ accountCurrency: 'USD', entries: [{ amount: '10.00', ustrd: ['RE-2026-0001'] }] });
    expect(await importStatement(db, a.accounting, usd, monday)).toMatchObject({ ok: false, refusal: { reason: 'wrong_currency', currency: 'USD' } });
    expect(Number((await db('payments').count({ n: '*' }).first())!.n)).toBe(before);
    expect(await importStatement(db, a.cafe, usd, monday)).toEqual({ ok: false, code: 'forbidden' });
  });

  it('imports a statement of 10,000 entries in one go, and again without booking anything twice', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const entries = Array.from({ length: 10_000 }, (_, i) => ({ amount: `${(i % 900) + 1}.00`, debtorName: `Unbekannt ${i}`, ustrd: [`Spende ${i}`] }));
    const statement = camt053({ id: 'BIG', entries });
    const started = Date.now();
    const result = await importStatement(db, a.accounting, statement, monday);
    expect(result.ok && result.summary.open + result.summary.doubtful + result.summary.booked).toBe(10_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    const again = await importStatement(db, a.accounting, statement, monday);
    expect(again.ok && again.summary.alreadyImported).toBe(10_000);
  }, 120_000);
});
