import type { Db } from '../../data/db';
import { findPersonByChannel } from '../../data/parties';
import type { Actor } from '../../data/orders';

/** The demo people as order actors, looked up in the seeded test database. */
export async function demoActors(db: Db) {
  const actor = async (demoId: string): Promise<Actor> => {
    const p = await findPersonByChannel(db, 'directline', demoId);
    if (!p) throw new Error(`demo person ${demoId} is not seeded`);
    return { personId: p.id, role: p.role, customerId: p.customerId, channel: 'directline' };
  };
  const customerId = async (number: string) => Number((await db('customers').where({ number }).first('id')).id);
  return {
    mueller: await actor('demo-mueller'),
    cafe: await actor('demo-cafe'),
    schmidt: await actor('demo-schmidt'),
    sales: await actor('demo-sales'),
    accounting: await actor('demo-accounting'),
    admin: await actor('demo-admin'),
    customers: { mueller: await customerId('10001'), cafe: await customerId('10002'), schmidt: await customerId('10003') },
  };
}

/** A Monday morning in Berlin; the tests pass it as "now" so dates do not depend on the day they run. */
export const monday = new Date('2026-03-02T08:00:00Z');
