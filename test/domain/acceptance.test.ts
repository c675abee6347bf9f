import { acceptanceSteps, followUpSteps, holdReasonAfter } from '../../domain/acceptance';
import { checkCredit } from '../../domain/credit';

describe('acceptanceSteps', () => {
  it('checks and confirms an order whose credit is fine', () => {
    expect(acceptanceSteps({ ok: true })).toEqual([{ to: 'checked' }, { to: 'confirmed' }]);
  });

  it('holds an order over its credit limit, with the limit as the reason', () => {
    const credit = checkCredit({ creditLimitCents: 1000, openReceivablesCents: 0, orderGrossCents: 1001, oldestOverdueDays: null });
    expect(acceptanceSteps(credit)).toEqual([{ to: 'on_hold', reason: 'credit_limit' }]);
  });

  it('holds an order of a customer with long overdue invoices', () => {
    expect(acceptanceSteps({ ok: false, reason: 'overdue_invoices', oldestOverdueDays: 45 })).toEqual([{ to: 'on_hold', reason: 'overdue_invoices' }]);
  });
});

describe('followUpSteps', () => {
  it('confirms a released hold by itself', () => {
    expect(followUpSteps('on_hold', 'checked')).toEqual(['confirmed']);
  });

  it.each([
    ['received', 'checked'],
    ['on_hold', 'cancelled'],
    ['checked', 'confirmed'],
    ['confirmed', 'on_hold'],
  ] as const)('takes no step of its own after %s → %s', (from, to) => {
    expect(followUpSteps(from, to)).toEqual([]);
  });
});

describe('holdReasonAfter', () => {
  it('records the reason when an order goes on hold', () => {
    expect(holdReasonAfter('received', 'on_hold', 'credit_limit')).toBe('credit_limit');
    expect(holdReasonAfter('confirmed', 'on_hold', 'Kunde klärt Lieferadresse')).toBe('Kunde klärt Lieferadresse');
  });

  it('stores no reason as null rather than leaving an old one', () => {
    expect(holdReasonAfter('confirmed', 'on_hold', undefined)).toBeNull();
  });

  it('clears the reason when the hold is released or the order cancelled', () => {
    expect(holdReasonAfter('on_hold', 'checked', 'whatever was said')).toBeNull();
    expect(holdReasonAfter('on_hold', 'cancelled', 'Kunde storniert')).toBeNull();
  });

  it('leaves the reason alone on every other step', () => {
    expect(holdReasonAfter('received', 'checked', null)).toBeUndefined();
    expect(holdReasonAfter('checked', 'confirmed', 'ignored')).toBeUndefined();
    expect(holdReasonAfter(null, 'received', null)).toBeUndefined();
  });
});
