import fc from 'fast-check';
import {
  allocatePayment,
  bookingsForPayment,
  customerCredit,
  invoicePaymentState,
  OpenInvoice,
  paidOnInvoice,
  PaymentBooking,
  reversePayment,
} from '../../domain/payments';

const open: OpenInvoice[] = [
  { number: 'RE-2026-0007', dueDate: '2026-03-01', openCents: 30000 },
  { number: 'RE-2026-0004', dueDate: '2026-02-01', openCents: 10000 },
  { number: 'RE-2026-0005', dueDate: '2026-02-01', openCents: 20000 },
];

describe('allocatePayment', () => {
  it('pays the named invoices first, in the order named, and keeps the rest as credit', () => {
    expect(allocatePayment({ amountCents: 45000, namedInvoiceNumbers: ['RE-2026-0007', 'RE-2026-0004'], openInvoices: open })).toEqual({
      ok: true,
      allocations: [
        { invoiceNumber: 'RE-2026-0007', cents: 30000 },
        { invoiceNumber: 'RE-2026-0004', cents: 10000 },
      ],
      creditCents: 5000,
      notOpen: [],
    });
  });

  it('pays a named invoice partly when the payment is short', () => {
    expect(allocatePayment({ amountCents: 12000, namedInvoiceNumbers: ['RE-2026-0005', 'RE-2026-0004'], openInvoices: open })).toMatchObject({
      allocations: [{ invoiceNumber: 'RE-2026-0005', cents: 12000 }],
      creditCents: 0,
    });
  });

  it('without names pays the oldest due first, ties by number', () => {
    expect(allocatePayment({ amountCents: 35000, namedInvoiceNumbers: [], openInvoices: open })).toMatchObject({
      allocations: [
        { invoiceNumber: 'RE-2026-0004', cents: 10000 },
        { invoiceNumber: 'RE-2026-0005', cents: 20000 },
        { invoiceNumber: 'RE-2026-0007', cents: 5000 },
      ],
      creditCents: 0,
    });
  });

  it('reports named numbers that are not open and keeps their money as credit', () => {
    expect(allocatePayment({ amountCents: 15000, namedInvoiceNumbers: ['RE-2026-0001', 'RE-2026-0004', 'RE-2026-0004'], openInvoices: open })).toEqual({
      ok: true,
      allocations: [{ invoiceNumber: 'RE-2026-0004', cents: 10000 }],
      creditCents: 5000,
      notOpen: ['RE-2026-0001'],
    });
  });

  it('refuses zero, negative and fractional amounts', () => {
    expect(allocatePayment({ amountCents: 0, namedInvoiceNumbers: [], openInvoices: open })).toEqual({ ok: false, reason: 'not_positive', amountCents: 0 });
    expect(allocatePayment({ amountCents: -5, namedInvoiceNumbers: [], openInvoices: open })).toMatchObject({ reason: 'not_positive' });
    expect(allocatePayment({ amountCents: 1.5, namedInvoiceNumbers: [], openInvoices: open })).toMatchObject({ reason: 'not_cents' });
  });

  it('never allocates more than the payment or more than an invoice is open, and loses no cent', () => {
    const invoice = fc.record({
      number: fc.integer({ min: 1, max: 30 }).map((n) => `RE-2026-${String(n).padStart(4, '0')}`),
      dueDate: fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`),
      openCents: fc.integer({ min: 1, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(invoice, { selector: (i) => i.number, maxLength: 12 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.array(fc.integer({ min: 1, max: 30 }).map((n) => `RE-2026-${String(n).padStart(4, '0')}`), { maxLength: 4 }),
        (invoices, amountCents, named) => {
          const a = allocatePayment({ amountCents, namedInvoiceNumbers: named, openInvoices: invoices });
          if (!a.ok) return false;
          const total = a.allocations.reduce((s, x) => s + x.cents, 0);
          const byNumber = new Map(invoices.map((i) => [i.number, i.openCents]));
          return (
            total + a.creditCents === amountCents &&
            a.creditCents >= 0 &&
            a.allocations.every((x) => x.cents > 0 && x.cents <= (byNumber.get(x.invoiceNumber) ?? 0)) &&
            new Set(a.allocations.map((x) => x.invoiceNumber)).size === a.allocations.length
          );
        },
      ),
    );
  });
});

describe('invoicePaymentState', () => {
  const invoice = { totalCents: 11900, dueDate: '2026-02-14' };
  it('goes open → partially_paid → paid from its amounts', () => {
    expect(invoicePaymentState({ ...invoice, paidCents: 0 }, '2026-02-10')).toEqual({ status: 'open', openCents: 11900, overdue: false, daysOverdue: 0 });
    expect(invoicePaymentState({ ...invoice, paidCents: 5000 }, '2026-02-10')).toEqual({ status: 'partially_paid', openCents: 6900, overdue: false, daysOverdue: 0 });
    expect(invoicePaymentState({ ...invoice, paidCents: 11900 }, '2026-03-10')).toEqual({ status: 'paid', openCents: 0, overdue: false, daysOverdue: 0 });
  });
  it('is overdue from the day after the due date while money is open', () => {
    expect(invoicePaymentState({ ...invoice, paidCents: 0 }, '2026-02-14')).toMatchObject({ overdue: false });
    expect(invoicePaymentState({ ...invoice, paidCents: 0 }, '2026-02-15')).toMatchObject({ overdue: true, daysOverdue: 1 });
    expect(invoicePaymentState({ ...invoice, paidCents: 100 }, '2026-03-16')).toMatchObject({ status: 'partially_paid', overdue: true, daysOverdue: 30 });
  });
});

describe('bookings and reversals', () => {
  const payment = { paymentRef: 'acct:2026-02-20-0001', customerNumber: 'K-1001', date: '2026-02-20' };
  const allocated = allocatePayment({ amountCents: 15000, namedInvoiceNumbers: ['RE-2026-0004'], openInvoices: open });
  if (!allocated.ok) throw new Error('allocation failed');
  const journal: PaymentBooking[] = bookingsForPayment(payment, allocated);

  it('books one line per invoice and one for the credit, with ids derived from the payment', () => {
    expect(journal).toEqual([
      { id: 'acct:2026-02-20-0001/RE-2026-0004', paymentRef: payment.paymentRef, customerNumber: 'K-1001', invoiceNumber: 'RE-2026-0004', cents: 10000, date: '2026-02-20', reverses: null },
      { id: 'acct:2026-02-20-0001/credit', paymentRef: payment.paymentRef, customerNumber: 'K-1001', invoiceNumber: null, cents: 5000, date: '2026-02-20', reverses: null },
    ]);
    expect(paidOnInvoice('RE-2026-0004', journal)).toBe(10000);
    expect(customerCredit('K-1001', journal)).toBe(5000);
  });

  it('a reversal adds negative bookings and deletes nothing; the invoice is open again', () => {
    const r = reversePayment(payment.paymentRef, journal, { ref: 'acct:2026-02-25-0009', date: '2026-02-25' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bookings.map((b) => [b.invoiceNumber, b.cents, b.reverses])).toEqual([
      ['RE-2026-0004', -10000, 'acct:2026-02-20-0001/RE-2026-0004'],
      [null, -5000, 'acct:2026-02-20-0001/credit'],
    ]);
    const after = [...journal, ...r.bookings];
    expect(after).toHaveLength(4);
    expect(paidOnInvoice('RE-2026-0004', after)).toBe(0);
    expect(customerCredit('K-1001', after)).toBe(0);
    expect(invoicePaymentState({ totalCents: 10000, paidCents: paidOnInvoice('RE-2026-0004', after), dueDate: '2026-02-01' }, '2026-02-25').status).toBe('open');
    expect(reversePayment(payment.paymentRef, after, { ref: 'x', date: '2026-02-26' })).toEqual({ ok: false, reason: 'already_reversed', paymentRef: payment.paymentRef });
  });

  it('answers not_found for an unknown payment and invalid_date for a bad date', () => {
    expect(reversePayment('nope', journal, { ref: 'x', date: '2026-02-26' })).toEqual({ ok: false, reason: 'not_found', paymentRef: 'nope' });
    expect(reversePayment(payment.paymentRef, journal, { ref: 'x', date: '26.02.2026' })).toMatchObject({ ok: false, reason: 'invalid_date' });
  });
});
