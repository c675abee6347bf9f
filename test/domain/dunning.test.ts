import fc from 'fast-check';
import { addDays } from '../../domain/calendar';
import {
  activeDunningStop,
  checkDunningConfig,
  defaultDunningConfig,
  DunningConfig,
  DunningInvoice,
  DunningNoticeDue,
  dunningDueToday,
  DunningStop,
  SentNotice,
} from '../../domain/dunning';
import { defaultInterest } from '../../domain/interest';

const due = '2026-02-02';
const invoice: DunningInvoice = { number: 'RE-2026-0004', customerNumber: 'K-1001', dueDate: due, openCents: 119000, debtor: 'business' };

function run(today: string, sent: SentNotice[] = [], stops: DunningStop[] = [], invoices = [invoice], config?: DunningConfig): DunningNoticeDue[] {
  const r = dunningDueToday({ today, invoices, sent, stops, config });
  if (!r.ok) throw new Error(r.detail);
  return r.notices;
}

function sentFrom(n: DunningNoticeDue, date: string): SentNotice {
  return { invoiceNumber: n.invoiceNumber, level: n.level, date, feeCents: n.feeCents, flatFeeCents: n.flatFeeCents };
}

describe('dunningDueToday with the default levels', () => {
  it('sends nothing before 3 days after the due date, then a friendly reminder without fee', () => {
    expect(run(addDays(due, 2))).toEqual([]);
    expect(run(addDays(due, 3))).toEqual([
      {
        invoiceNumber: 'RE-2026-0004',
        customerNumber: 'K-1001',
        level: 1,
        name: { de: 'Zahlungserinnerung', en: 'Payment reminder' },
        openCents: 119000,
        feeCents: 0,
        earlierFeesCents: 0,
        flatFeeCents: 0,
        interestCents: 0,
        interestFrom: null,
        interestThrough: null,
        interestRateUnconfirmedFrom: null,
        totalCents: 119000,
        newDueDate: addDays(due, 10),
      },
    ]);
  });

  it('goes reminder (3 days) → 1st dunning with 5 € (14 days) → 2nd dunning with 10 € and interest (28 days)', () => {
    const reminder = run(addDays(due, 3))[0];
    const sent1 = [sentFrom(reminder, addDays(due, 3))];
    expect(run(addDays(due, 13), sent1)).toEqual([]);
    const first = run(addDays(due, 14), sent1)[0];
    expect(first).toMatchObject({ level: 2, name: { de: '1. Mahnung' }, feeCents: 500, interestCents: 0, totalCents: 119500, newDueDate: addDays(due, 21) });

    const sent2 = [...sent1, sentFrom(first, addDays(due, 14))];
    expect(run(addDays(due, 27), sent2)).toEqual([]);
    const second = run(addDays(due, 28), sent2)[0];
    // In default from the day after the 1st dunning notice arrived (sent + 3 days): days 18…28 after due.
    const interest = defaultInterest({ principalCents: 119000, debtor: 'business', from: addDays(due, 18), through: addDays(due, 28) });
    expect(interest.ok && interest.interestCents).toBe(368); // 119000 × 1027 × 11 / 3,650,000 = 368.3
    expect(second).toMatchObject({
      level: 3,
      name: { de: '2. Mahnung', en: 'Second dunning notice' },
      feeCents: 1000,
      earlierFeesCents: 500,
      interestCents: 368,
      interestFrom: addDays(due, 18),
      interestThrough: addDays(due, 28),
      interestRateUnconfirmedFrom: null,
      totalCents: 119000 + 500 + 1000 + 368,
      newDueDate: addDays(due, 35),
    });
    // After the last level nothing more is sent automatically.
    expect(run(addDays(due, 60), [...sent2, sentFrom(second, addDays(due, 28))])).toEqual([]);
  });

  it('never skips a level: after a pause of weeks the next level is still the reminder', () => {
    expect(run(addDays(due, 45)).map((n) => n.level)).toEqual([1]);
  });

  it('keeps the minimum gap and the previous deadline between levels', () => {
    const late = [{ invoiceNumber: invoice.number, level: 1, date: addDays(due, 20), feeCents: 0, flatFeeCents: 0 }];
    expect(run(addDays(due, 26), late)).toEqual([]); // 6 days after the reminder
    expect(run(addDays(due, 27), late)).toEqual([]); // 7 days: gap kept, but the reminder's deadline (day 27) is today
    expect(run(addDays(due, 28), late).map((n) => n.level)).toEqual([2]);
    const wide: DunningConfig = { ...defaultDunningConfig, minDaysBetweenLevels: 10 };
    expect(run(addDays(due, 29), late, [], [invoice], wide)).toEqual([]);
    expect(run(addDays(due, 30), late, [], [invoice], wide).map((n) => n.level)).toEqual([2]);
  });

  it('running twice on a day sends nothing the second time', () => {
    const today = addDays(due, 3);
    const first = run(today);
    expect(run(today, first.map((n) => sentFrom(n, today)))).toEqual([]);
  });

  it('skips paid invoices and dunning stops, per invoice or per customer, with an optional end date', () => {
    const today = addDays(due, 3);
    expect(run(today, [], [], [{ ...invoice, openCents: 0 }])).toEqual([]);
    const stops: DunningStop[] = [{ scope: 'invoice', invoiceNumber: invoice.number, from: due, until: addDays(due, 5), reason: 'Reklamation' }];
    expect(run(today, [], stops)).toEqual([]);
    expect(run(addDays(due, 6), [], stops).map((n) => n.level)).toEqual([1]);
    const customerStop: DunningStop[] = [{ scope: 'customer', customerNumber: 'K-1001', from: due, until: null, reason: 'Insolvenz' }];
    expect(run(addDays(due, 90), [], customerStop)).toEqual([]);
    const other = { ...invoice, number: 'RE-2026-0009', customerNumber: 'K-2002' };
    expect(run(today, [], customerStop, [invoice, other]).map((n) => n.invoiceNumber)).toEqual(['RE-2026-0009']);
  });

  it('consumers pay interest only from a dunning notice; businesses also from day 31 (§286 (3))', () => {
    const config: DunningConfig = {
      ...defaultDunningConfig,
      levels: defaultDunningConfig.levels.map((l) => ({ ...l, claimsInterest: true })),
    };
    const today = addDays(due, 40);
    const business = run(today, [], [], [invoice], config)[0];
    expect(business.interestFrom).toBe(addDays(due, 31));
    // Past the table's last row (1 Jan 2026) and the next reset (1 Jul 2026), the notice says so.
    expect(run('2026-07-20', [], [], [{ ...invoice, dueDate: '2026-06-01' }], config)[0]).toMatchObject({
      interestFrom: '2026-07-02',
      interestRateUnconfirmedFrom: '2026-07-02',
    });
    const consumer = run(today, [], [], [{ ...invoice, debtor: 'consumer' }], config)[0];
    expect(consumer).toMatchObject({ interestCents: 0, interestFrom: null });
  });

  it('claims the §288 (5) flat 40 € once, from businesses only, where a level is configured to', () => {
    const config: DunningConfig = {
      ...defaultDunningConfig,
      levels: defaultDunningConfig.levels.map((l) => ({ ...l, claimsFlatFee: l.level >= 2 })),
    };
    const sent1 = [{ invoiceNumber: invoice.number, level: 1, date: addDays(due, 3), feeCents: 0, flatFeeCents: 0 }];
    const first = run(addDays(due, 14), sent1, [], [invoice], config)[0];
    expect(first).toMatchObject({ flatFeeCents: 4000, totalCents: 119000 + 500 + 4000 });
    const second = run(addDays(due, 28), [...sent1, sentFrom(first, addDays(due, 14))], [], [invoice], config)[0];
    expect(second).toMatchObject({ flatFeeCents: 0, earlierFeesCents: 4500 });
    expect(run(addDays(due, 14), sent1, [], [{ ...invoice, debtor: 'consumer' }], config)[0].flatFeeCents).toBe(0);
  });

  it('refuses a broken configuration or input with a reason instead of sending', () => {
    const bad = { ...defaultDunningConfig, levels: [defaultDunningConfig.levels[1], defaultDunningConfig.levels[0]] };
    expect(dunningDueToday({ today: due, invoices: [invoice], sent: [], stops: [], config: bad })).toMatchObject({ ok: false, reason: 'invalid_config' });
    expect(checkDunningConfig({ ...defaultDunningConfig, minDaysBetweenLevels: 0 })).toMatch(/minDaysBetweenLevels/);
    expect(checkDunningConfig({ ...defaultDunningConfig, levels: [{ ...defaultDunningConfig.levels[0], feeCents: 2.5 }] })).toMatch(/fee/);
    expect(checkDunningConfig(defaultDunningConfig)).toBeNull();
    expect(dunningDueToday({ today: '2026-13-01', invoices: [invoice], sent: [], stops: [] })).toMatchObject({ ok: false, reason: 'invalid_input' });
    const badStop: DunningStop = { scope: 'customer', customerNumber: 'K-1001', from: '1.3.2026', until: null, reason: 'x' };
    expect(dunningDueToday({ today: due, invoices: [invoice], sent: [], stops: [badStop] })).toMatchObject({ ok: false, reason: 'invalid_input' });
  });

  it('property: whatever the days on which it runs, levels go 1, 2, 3 in order with the gap kept', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 40 }), (days) => {
        const sent: SentNotice[] = [];
        for (const d of [...days].sort((a, b) => a - b)) {
          for (const n of run(addDays(due, d), sent)) sent.push(sentFrom(n, addDays(due, d)));
        }
        const levels = sent.map((s) => s.level);
        const inOrder = levels.every((l, i) => l === i + 1);
        const gaps = sent.every((s, i) => i === 0 || (Date.parse(s.date) - Date.parse(sent[i - 1].date)) / 86_400_000 >= 7);
        return inOrder && gaps && sent.length <= 3;
      }),
    );
  });
});

describe('activeDunningStop', () => {
  const stop: DunningStop = { scope: 'invoice', invoiceNumber: 'RE-2026-0004', from: '2026-03-01', until: '2026-03-10', reason: 'Ratenzahlung' };
  it('holds from its first day through its end date', () => {
    expect(activeDunningStop(invoice, [stop], '2026-02-28')).toBeNull();
    expect(activeDunningStop(invoice, [stop], '2026-03-01')).toBe(stop);
    expect(activeDunningStop(invoice, [stop], '2026-03-10')).toBe(stop);
    expect(activeDunningStop(invoice, [stop], '2026-03-11')).toBeNull();
    expect(activeDunningStop({ number: 'RE-2026-0005', customerNumber: 'K-1001' }, [stop], '2026-03-05')).toBeNull();
  });
});
