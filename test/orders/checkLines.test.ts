import { checkLines } from '../../data/orders';
import { describeEachDatabase } from '../support/databases';
import { monday } from './actors';

describeEachDatabase('checking draft lines with quantities outside 1..10,000', ({ get }) => {
  it('flags them without planning production or counting them against stock', async () => {
    const { db } = get();
    const checks = await checkLines(db, [
      { sku: 'SIGN-ENGRAVED', quantity: 1_000_000_000 },
      { sku: 'SIGN-ENGRAVED', quantity: 2.5 },
      { sku: 'PAPER-A4', quantity: 10_001 },
      { sku: 'PAPER-A4', quantity: 0 },
      { sku: 'PAPER-A4', quantity: 5 },
      { sku: 'SIGN-ENGRAVED', quantity: 10 },
    ], monday);
    expect(checks).toEqual([
      { sku: 'SIGN-ENGRAVED', quantity: 1_000_000_000, kind: 'made_to_order', ok: false, badQuantity: true },
      { sku: 'SIGN-ENGRAVED', quantity: 2.5, kind: 'made_to_order', ok: false, badQuantity: true },
      { sku: 'PAPER-A4', quantity: 10_001, kind: 'goods', ok: false, badQuantity: true },
      { sku: 'PAPER-A4', quantity: 0, kind: 'goods', ok: false, badQuantity: true },
      // The flagged lines reserved nothing: all 400 reams are still there for this one.
      { sku: 'PAPER-A4', quantity: 5, kind: 'goods', ok: true, available: 400 },
      { sku: 'SIGN-ENGRAVED', quantity: 10, kind: 'made_to_order', ok: true, completionDate: '2026-03-03' },
    ]);
  });
});
