import fc from 'fast-check';
import { addDays } from '../../domain/calendar';
import { BaseRatePeriod, defaultInterest, germanBaseRates, lateFlatFeeCents } from '../../domain/interest';

const date = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2024-01-01', n));
const cents = fc.integer({ min: 0, max: 10_000_000_000 });
const debtor = fc.constantFrom('consumer' as const, 'business' as const);

function interest(principalCents: number, debtor: 'consumer' | 'business', from: string, through: string, baseRates?: BaseRatePeriod[]): number {
  const a = defaultInterest({ principalCents, debtor, from, through, baseRates });
  if (!a.ok) throw new Error(`unexpected ${a.reason}`);
  return a.interestCents;
}

describe('defaultInterest (§288 BGB, actual/365)', () => {
  it('charges base rate + 9 points to a business: 1,000 € for 30 days at 10.27 % is 8.44 €', () => {
    const a = defaultInterest({ principalCents: 100000, debtor: 'business', from: '2026-02-01', through: '2026-03-02' });
    expect(a).toEqual({
      ok: true,
      interestCents: 844, // 100000 × 1027 × 30 / 3,650,000 = 844.11
      days: 30,
      parts: [{ from: '2026-02-01', through: '2026-03-02', days: 30, baseRateBasisPoints: 127, rateBasisPoints: 1027 }],
      unconfirmedFrom: null,
    });
  });

  it('charges base rate + 5 points to a consumer: 1,000 € for 30 days at 6.27 % is 5.15 €', () => {
    expect(interest(100000, 'consumer', '2026-02-01', '2026-03-02')).toBe(515); // 515.34
  });

  it('splits a period at a base-rate change and uses each rate on its own days', () => {
    const a = defaultInterest({ principalCents: 100000, debtor: 'business', from: '2025-06-16', through: '2025-07-15' });
    expect(a.ok && a.parts).toEqual([
      { from: '2025-06-16', through: '2025-06-30', days: 15, baseRateBasisPoints: 227, rateBasisPoints: 1127 },
      { from: '2025-07-01', through: '2025-07-15', days: 15, baseRateBasisPoints: 127, rateBasisPoints: 1027 },
    ]);
    // 100000 × (1127 × 15 + 1027 × 15) / 3,650,000 = 885.205… → one rounding at the end
    expect(a.ok && a.interestCents).toBe(885);
  });

  it('spans several changes (2024 to 2026) and counts a leap year as 365-day year', () => {
    const a = defaultInterest({ principalCents: 365_000_00, debtor: 'business', from: '2024-01-01', through: '2026-01-31' });
    expect(a.ok && a.parts.map((p) => [p.from, p.days, p.baseRateBasisPoints])).toEqual([
      ['2024-01-01', 182, 362],
      ['2024-07-01', 184, 337],
      ['2025-01-01', 181, 227],
      ['2025-07-01', 184, 127],
      ['2026-01-01', 31, 127],
    ]);
    // 36,500,000 ct / 3,650,000 = 10 ct per basis-point-day, exactly
    expect(a.ok && a.interestCents).toBe(10 * (182 * 1262 + 184 * 1237 + 181 * 1127 + 184 * 1027 + 31 * 1027));
  });

  it('says from which day the rate is not confirmed by the table (next 1 Jul / 1 Jan after its last row)', () => {
    const upTo = (from: string, through: string) => {
      const a = defaultInterest({ principalCents: 100000, debtor: 'business', from, through });
      return a.ok ? a.unconfirmedFrom : a.reason;
    };
    expect(upTo('2026-06-01', '2026-06-30')).toBeNull();
    expect(upTo('2026-06-01', '2026-07-01')).toBe('2026-07-01');
    expect(upTo('2026-08-01', '2026-08-31')).toBe('2026-08-01');
    const extended = [...germanBaseRates, { validFrom: '2026-07-01', rateBasisPoints: 127 }];
    const a = defaultInterest({ principalCents: 100000, debtor: 'business', from: '2026-08-01', through: '2026-08-31', baseRates: extended });
    expect(a.ok && a.unconfirmedFrom).toBeNull();
  });

  it('rounds half a cent up, once', () => {
    // 1 ct-rate-day unit: principal × rate × days = 1,825,000 is exactly half of 3,650,000
    const rates = [{ validFrom: '2026-01-01', rateBasisPoints: 100 }];
    // business: 100 + 900 = 1000 bp; 1825 ct × 1000 × 1 day = 1,825,000 → 0.5 ct → 1 ct
    expect(interest(1825, 'business', '2026-01-10', '2026-01-10', rates)).toBe(1);
    expect(interest(1824, 'business', '2026-01-10', '2026-01-10', rates)).toBe(0);
  });

  it('is exact for large amounts over long periods (no float drift)', () => {
    const a = defaultInterest({ principalCents: 9_000_000_000_000, debtor: 'business', from: '2025-07-01', through: '2026-06-30' });
    // 365 days at 10.27 %: exactly 10.27 % of the principal
    expect(a.ok && a.interestCents).toBe(924_300_000_000);
  });

  it('answers no_base_rate before the table starts, and invalid for bad input', () => {
    expect(defaultInterest({ principalCents: 100, debtor: 'business', from: '2023-12-30', through: '2024-01-05' })).toEqual({
      ok: false,
      reason: 'no_base_rate',
      date: '2023-12-30',
    });
    expect(defaultInterest({ principalCents: 1.5, debtor: 'business', from: '2026-01-01', through: '2026-01-05' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(defaultInterest({ principalCents: -1, debtor: 'business', from: '2026-01-01', through: '2026-01-05' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(defaultInterest({ principalCents: 1, debtor: 'business', from: '2026-02-30', through: '2026-03-05' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(
      defaultInterest({ principalCents: 1, debtor: 'business', from: '2026-01-01', through: '2026-01-05', baseRates: [...germanBaseRates].reverse() }),
    ).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('the flat 40 € (§288 (5)) applies to businesses only', () => {
    expect(lateFlatFeeCents('business')).toBe(4000);
    expect(lateFlatFeeCents('consumer')).toBe(0);
  });

  describe('properties', () => {
    it('is a whole, never negative number of cents', () => {
      fc.assert(
        fc.property(cents, debtor, date, date, (p, d, a, b) => {
          const i = interest(p, d, a, b);
          return Number.isSafeInteger(i) && i >= 0;
        }),
      );
    });

    it('is zero for zero days, a period that ends before it starts, and a paid (zero) amount', () => {
      fc.assert(
        fc.property(cents, debtor, date, fc.integer({ min: 1, max: 400 }), (p, d, a, back) => {
          return interest(p, d, a, addDays(a, -back)) === 0 && interest(0, d, a, addDays(a, back)) === 0;
        }),
      );
    });

    it('grows (never shrinks) with more days and with a larger amount', () => {
      fc.assert(
        fc.property(cents, cents, debtor, date, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (p1, p2, d, from, n1, n2) => {
          const [small, large] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const [short, long] = n1 <= n2 ? [n1, n2] : [n2, n1];
          return (
            interest(small, d, from, addDays(from, long)) <= interest(large, d, from, addDays(from, long)) &&
            interest(large, d, from, addDays(from, short)) <= interest(large, d, from, addDays(from, long))
          );
        }),
      );
    });

    it('a business always pays at least what a consumer pays', () => {
      fc.assert(fc.property(cents, date, date, (p, a, b) => interest(p, 'consumer', a, b) <= interest(p, 'business', a, b)));
    });

    it('split at any day, the parts add up to the whole within a cent where the rate is constant', () => {
      const constant = [{ validFrom: '2020-01-01', rateBasisPoints: 127 }];
      fc.assert(
        fc.property(cents, debtor, date, fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 400 }), (p, d, from, length, cut) => {
          const through = addDays(from, length);
          const mid = addDays(from, Math.min(cut, length - 1));
          const whole = interest(p, d, from, through, constant);
          const parts = interest(p, d, from, mid, constant) + interest(p, d, addDays(mid, 1), through, constant);
          return Math.abs(whole - parts) <= 1;
        }),
      );
    });

    it('over a base-rate change, equals the exact sum of its parts before rounding', () => {
      fc.assert(
        fc.property(cents, debtor, date, date, (p, d, a, b) => {
          const answer = defaultInterest({ principalCents: p, debtor: d, from: a, through: b });
          if (!answer.ok) return false;
          const exact = answer.parts.reduce((s, part) => s + (p * part.rateBasisPoints * part.days) / 3_650_000, 0);
          return Math.abs(answer.interestCents - exact) <= 0.5 + 1e-6 * Math.max(1, exact);
        }),
      );
    });
  });
});
