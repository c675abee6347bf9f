import { placeOrder } from '../../operations';
import { describeEachDatabase } from '../support/databases';
import { demoActors, monday } from './actors';

describeEachDatabase('credit limit under concurrent orders', ({ get }) => {
  it('lets only one of two simultaneous orders of Café Sonnenschein (limit 1,000 €) through unchecked', async () => {
    const { db } = get();
    const a = await demoActors(db);
    // 700,91 € and 830,62 € gross: each fits under the limit alone, both together do not.
    const [desk, chairs] = await Promise.all([
      placeOrder(db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'DESK-160', quantity: 1 }] }, monday),
      placeOrder(db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'CHAIR-ERGO', quantity: 2 }] }, monday),
    ]);
    if (!desk.ok || !chairs.ok) throw new Error('both orders should be accepted');
    expect([desk.order.status, chairs.order.status].sort()).toEqual(['confirmed', 'on_hold']);
  });
});
