import { planProduction } from '../../domain/capacity';
import { MAX_LINE_QUANTITY } from '../../domain/order';

describe('planProduction', () => {
  it('fits a small order into the first day with free capacity', () => {
    expect(planProduction({ quantity: 5, unitsPerDay: 20, booked: { '2026-06-03': 10 }, from: '2026-06-03' })).toEqual({
      allocations: [{ date: '2026-06-03', units: 5 }],
      completionDate: '2026-06-03',
    });
  });

  it('spans several days and skips the weekend', () => {
    // Thu 4 June has 5 free, Fri 20, Sat/Sun skipped, Mon 20, Tue the remaining 5.
    expect(planProduction({ quantity: 50, unitsPerDay: 20, booked: { '2026-06-04': 15 }, from: '2026-06-04' })).toEqual({
      allocations: [
        { date: '2026-06-04', units: 5 },
        { date: '2026-06-05', units: 20 },
        { date: '2026-06-08', units: 20 },
        { date: '2026-06-09', units: 5 },
      ],
      completionDate: '2026-06-09',
    });
  });

  it('skips Easter holidays and fully or over-booked days', () => {
    const plan = planProduction({
      quantity: 45,
      unitsPerDay: 20,
      booked: { '2026-04-07': 20, '2026-04-08': 25, '2026-04-09': 12 },
      from: '2026-04-02',
    });
    expect(plan).toEqual({
      allocations: [
        { date: '2026-04-02', units: 20 },
        { date: '2026-04-09', units: 8 },
        { date: '2026-04-10', units: 17 },
      ],
      completionDate: '2026-04-10',
    });
  });

  it('starts on the next working day when "from" is a weekend', () => {
    const plan = planProduction({ quantity: 1, unitsPerDay: 20, booked: {}, from: '2026-06-06' });
    expect(plan.completionDate).toBe('2026-06-08');
  });

  it('plans a very large quantity over many weeks', () => {
    const plan = planProduction({ quantity: 1000, unitsPerDay: 20, booked: {}, from: '2026-06-01' });
    expect(plan.allocations).toHaveLength(50);
    expect(plan.allocations.reduce((sum, a) => sum + a.units, 0)).toBe(1000);
    expect(plan.completionDate).toBe('2026-08-07'); // ten full weeks, no Berlin holiday in between
  });

  it('rejects nonsense input instead of looping forever', () => {
    expect(() => planProduction({ quantity: 5, unitsPerDay: 0, booked: {}, from: '2026-06-01' })).toThrow(RangeError);
    expect(() => planProduction({ quantity: 0, unitsPerDay: 20, booked: {}, from: '2026-06-01' })).toThrow(RangeError);
    expect(() => planProduction({ quantity: 2.5, unitsPerDay: 20, booked: {}, from: '2026-06-01' })).toThrow(RangeError);
    expect(() => planProduction({ quantity: 5, unitsPerDay: 20, booked: {}, from: 'soon' })).toThrow(RangeError);
  });

  it('plans the largest allowed line quantity and refuses anything above it (the walk is one day at a time)', () => {
    const plan = planProduction({ quantity: MAX_LINE_QUANTITY, unitsPerDay: 20, booked: {}, from: '2026-06-01' });
    expect(plan.allocations.reduce((sum, a) => sum + a.units, 0)).toBe(MAX_LINE_QUANTITY);
    expect(() => planProduction({ quantity: MAX_LINE_QUANTITY + 1, unitsPerDay: 20, booked: {}, from: '2026-06-01' })).toThrow(RangeError);
    expect(() => planProduction({ quantity: 1_000_000_000, unitsPerDay: 20, booked: {}, from: '2026-06-01' })).toThrow(RangeError);
  });
});
