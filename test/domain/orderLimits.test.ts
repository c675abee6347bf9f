import { products } from '../../data/seedData';
import { planProduction, withinPlanningHorizon } from '../../domain/capacity';
import { DEFAULT_ORDER_LIMITS, emptyDraft, planningHorizonEnd, validateDraft } from '../../domain/order';

/** Bounds on one order: the total quantity of a product over all its lines, and how far ahead it may be planned. */
describe('order limits', () => {
  const today = '2026-06-01';
  const draft = (lines: { sku: string; quantity: number }[], requestedDate: string | null = null) => ({ ...emptyDraft(1), lines, requestedDate });

  it('adds up lines of the same product (in any spelling) against the limit per product', () => {
    const lines = Array.from({ length: 100 }, () => ({ sku: 'SIGN-ENGRAVED', quantity: 10_000 }));
    expect(validateDraft(draft(lines), { catalog: products, today })).toEqual([{ code: 'quantity_over_limit', field: 'quantity', sku: 'SIGN-ENGRAVED' }]);
    const split = [{ sku: 'PAPER-A4', quantity: 6 }, { sku: 'paper-a4', quantity: 5 }];
    expect(validateDraft(draft(split), { catalog: products, today, limits: { ...DEFAULT_ORDER_LIMITS, maxQuantityPerProduct: 10 } }))
      .toEqual([{ code: 'quantity_over_limit', field: 'quantity', sku: 'PAPER-A4' }]);
    expect(validateDraft(draft(split), { catalog: products, today, limits: { ...DEFAULT_ORDER_LIMITS, maxQuantityPerProduct: 11 } })).toEqual([]);
  });

  it('refuses a requested date beyond the planning horizon', () => {
    const limits = { ...DEFAULT_ORDER_LIMITS, planningHorizonDays: 30 };
    expect(planningHorizonEnd(today, limits)).toBe('2026-07-01');
    expect(validateDraft(draft([{ sku: 'PAPER-A4', quantity: 1 }], '2026-07-01'), { catalog: products, today, limits })).toEqual([]);
    expect(validateDraft(draft([{ sku: 'PAPER-A4', quantity: 1 }], '2026-07-02'), { catalog: products, today, limits }))
      .toEqual([{ code: 'beyond_planning_horizon', field: 'requestedDate' }]);
  });

  it('tells whether a production plan ends within the horizon', () => {
    const plan = planProduction({ quantity: 10_000, unitsPerDay: 20, booked: {}, from: today });
    expect(withinPlanningHorizon(plan.completionDate, today, DEFAULT_ORDER_LIMITS)).toBe(false);
    const small = planProduction({ quantity: 40, unitsPerDay: 20, booked: {}, from: today });
    expect(withinPlanningHorizon(small.completionDate, today, DEFAULT_ORDER_LIMITS)).toBe(true);
  });
});
