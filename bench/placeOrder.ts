import { migrate, openDatabase } from '../data/db';
import { placeOrder } from '../operations';
import { findPersonByChannel } from '../data/parties';
import { seed } from '../data/seed';
import { BenchDatabase } from './databases';
import { BenchResult, measure } from './stats';

/**
 * Anna Schmidt (demo-schmidt, no credit limit, so every order runs the full path to 'confirmed') orders paper and
 * toner again and again, each order a new chat draft.
 */
export async function benchPlaceOrder(place: BenchDatabase): Promise<BenchResult> {
  const db = openDatabase(place.options);
  try {
    await migrate(db);
    await seed(db);
    // Plenty in stock, so no order stops at out_of_stock however many runs there are.
    await db('products').whereIn('sku', ['PAPER-A4', 'TONER-BK']).update({ on_hand: 1_000_000_000 });
    const person = await findPersonByChannel(db, 'directline', 'demo-schmidt');
    if (!person?.customerId) throw new Error('demo-schmidt is not seeded as a customer');
    const actor = { personId: person.id, role: person.role, customerId: person.customerId, channel: 'directline' };
    const runId = Date.now().toString(36);

    return await measure(`placeOrder() paper+toner [${place.kind}]`, 50, { warmup: 10, runs: 400, maxMs: 6000 }, async (i) => {
      const result = await placeOrder(db, actor, {
        customerId: person.customerId!,
        lines: [
          { sku: 'PAPER-A4', quantity: 1 + (i % 10) },
          { sku: 'TONER-BK', quantity: 1 + (i % 2) },
        ],
        draftKey: `bench-${runId}-${i}`,
      });
      if (!result.ok) throw new Error(`placeOrder refused: ${JSON.stringify(result.problems)}`);
      if (!result.created) throw new Error('placeOrder returned an earlier order for a new draft');
    });
  } finally {
    await db.destroy();
  }
}
