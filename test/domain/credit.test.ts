import { checkCredit } from '../../domain/credit';

describe('checkCredit', () => {
  it('accepts an order that reaches the limit exactly', () => {
    expect(checkCredit({ creditLimitCents: 500000, openReceivablesCents: 400000, orderGrossCents: 100000, oldestOverdueDays: null })).toEqual({
      ok: true,
    });
  });

  it('holds an order that exceeds the limit by one cent', () => {
    expect(checkCredit({ creditLimitCents: 500000, openReceivablesCents: 400000, orderGrossCents: 100001, oldestOverdueDays: null })).toEqual({
      ok: false,
      reason: 'credit_limit',
      creditLimitCents: 500000,
      exposureCents: 500001,
      exceededByCents: 1,
    });
  });

  it('treats a null limit as no limit', () => {
    expect(checkCredit({ creditLimitCents: null, openReceivablesCents: 10 ** 12, orderGrossCents: 10 ** 9, oldestOverdueDays: 5 })).toEqual({
      ok: true,
    });
  });

  it('treats a zero limit as prepayment only', () => {
    expect(checkCredit({ creditLimitCents: 0, openReceivablesCents: 0, orderGrossCents: 1, oldestOverdueDays: null })).toMatchObject({
      ok: false,
      reason: 'credit_limit',
    });
  });

  it('tolerates invoices overdue up to 30 days and holds beyond', () => {
    const base = { creditLimitCents: null, openReceivablesCents: 1000, orderGrossCents: 1000 };
    expect(checkCredit({ ...base, oldestOverdueDays: 30 })).toEqual({ ok: true });
    expect(checkCredit({ ...base, oldestOverdueDays: 31 })).toEqual({ ok: false, reason: 'overdue_invoices', oldestOverdueDays: 31 });
  });

  it('names overdue invoices first when both apply', () => {
    expect(checkCredit({ creditLimitCents: 100, openReceivablesCents: 1000, orderGrossCents: 1000, oldestOverdueDays: 45 })).toMatchObject({
      reason: 'overdue_invoices',
    });
  });
});
