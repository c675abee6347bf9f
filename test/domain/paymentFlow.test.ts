import { dunningDueToday } from '../../domain/dunning';
import { EarlierPayment, matchPayments, MatchInvoice } from '../../domain/paymentMatching';
import { bookingsForPayment, invoicePaymentState, isPaymentReversed, paidOnInvoice, PaymentBooking, reversePayment } from '../../domain/payments';
import { paymentsOf, readCamt053 } from '../../formats/camt053';
import { camt053 } from '../support/camt053';

/** The pure parts together, as the operations floor will call them: statement → match → bookings → dunning. */
describe('from a bank statement to the dunning run', () => {
  const totals = new Map([
    ['RE-2026-0004', 119000],
    ['RE-2026-0005', 59500],
  ]);
  const customers = [{ number: 'K-1001', name: 'Müller Bau GmbH', ibans: ['DE89370400440532013000'] }];

  function openInvoices(journal: PaymentBooking[]): MatchInvoice[] {
    return [...totals].map(([number, total]) => ({ number, customerNumber: 'K-1001', dueDate: '2026-02-01', openCents: total - paidOnInvoice(number, journal) }));
  }

  // What the operations floor keeps per booked payment, so that a later debit can be traced to it.
  const earlier: EarlierPayment[] = [];

  function importStatement(xml: string, journal: PaymentBooking[], imported: Set<string>) {
    const read = readCamt053(xml);
    if (!read.ok) throw new Error(read.reason);
    const matches = matchPayments({
      payments: paymentsOf(read.entries),
      openInvoices: openInvoices(journal),
      customers,
      alreadyImported: imported,
      earlierPayments: earlier.filter((p) => !isPaymentReversed(p.paymentRef, journal)),
    });
    for (const m of matches) {
      if (m.kind === 'sure') {
        journal.push(...bookingsForPayment({ paymentRef: m.payment.paymentRef, customerNumber: m.customerNumber, date: m.payment.bookingDate! }, m));
        earlier.push({
          paymentRef: m.payment.paymentRef,
          customerNumber: m.customerNumber,
          amountCents: m.payment.amountCents,
          endToEndId: m.payment.endToEndId,
          payerIban: m.payment.counterpartyIban,
        });
        imported.add(m.payment.paymentRef);
      }
      if (m.kind === 'reversal') {
        const r = reversePayment(m.undoes, journal, { ref: m.payment.paymentRef, date: m.payment.bookingDate! });
        if (r.ok) journal.push(...r.bookings);
        imported.add(m.payment.paymentRef);
      }
    }
    return matches;
  }

  it('books a payment once, stops dunning it, and dunning resumes after the bank reverses it', () => {
    const journal: PaymentBooking[] = [];
    const imported = new Set<string>();
    const payment = camt053({ date: '2026-02-10', entries: [{ amount: '1190.00', ustrd: ['RE 2026 0004'], endToEndId: 'E2E-1' }] });
    expect(importStatement(payment, journal, imported).map((m) => m.kind)).toEqual(['sure']);
    // The same file again: nothing booked twice.
    expect(importStatement(payment, journal, imported).map((m) => m.kind)).toEqual(['skipped']);
    expect(journal).toHaveLength(1);
    expect(invoicePaymentState({ totalCents: 119000, paidCents: paidOnInvoice('RE-2026-0004', journal), dueDate: '2026-02-01' }, '2026-02-20').status).toBe('paid');

    const dunning = (today: string) => {
      const r = dunningDueToday({
        today,
        invoices: openInvoices(journal).map((i) => ({ ...i, debtor: 'business' as const })),
        sent: [],
        stops: [],
      });
      return r.ok ? r.notices.map((n) => n.invoiceNumber) : r.detail;
    };
    expect(dunning('2026-02-20')).toEqual(['RE-2026-0005']);

    const reversal = camt053({
      id: 'STMT-2026-02-18',
      date: '2026-02-18',
      entries: [{ amount: '1190.00', credit: false, reversal: true, endToEndId: 'E2E-1' }],
    });
    expect(importStatement(reversal, journal, imported).map((m) => m.kind)).toEqual(['reversal']);
    expect(journal.map((b) => b.cents)).toEqual([119000, -119000]);
    expect(invoicePaymentState({ totalCents: 119000, paidCents: paidOnInvoice('RE-2026-0004', journal), dueDate: '2026-02-01' }, '2026-02-20')).toMatchObject({
      status: 'open',
      overdue: true,
    });
    expect(dunning('2026-02-20')).toEqual(['RE-2026-0004', 'RE-2026-0005']);
  });
});
