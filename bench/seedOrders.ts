import type { Db } from '../data/db';
import { isPostgres } from '../data/db';
import type { OrderStatus } from '../domain/lifecycle';

/**
 * History for the data-size comparison, written with bulk inserts (a transaction, 500 rows a statement) rather than
 * through placeOrder, so that 100,000 orders take seconds: `count` orders of two lines and one history row each,
 * spread round-robin over the seeded customers and enough generated ones for 100 in all: the history finished
 * (closed, paid, cancelled) and the newest ACTIVE orders in every open state — the shape of a business some years
 * in, whose open work does not grow with its past. Numbers start at 500001, clear of the running sequence.
 */
const FINISHED: OrderStatus[] = ['closed', 'closed', 'paid', 'closed', 'cancelled', 'paid', 'closed'];
const ACTIVE = 60;
const ACTIVE_MIX: OrderStatus[] = [
  'closed', 'closed', 'closed', 'paid', 'paid', 'paid', 'paid', 'delivered', 'invoiced', 'invoiced', 'shipped',
  'confirmed', 'in_preparation', 'ready_to_ship', 'cancelled', 'cancelled', 'closed', 'paid', 'closed', 'delivered',
];
const CUSTOMERS = 100;
const CHUNK = 500;

export async function seedOrderHistory(db: Db, count: number, now: Date = new Date()): Promise<void> {
  const existing = await db('customers').orderBy('id').select('id');
  const generated = Array.from({ length: Math.max(0, CUSTOMERS - existing.length) }, (_, i) => ({
    number: `B-${90000 + i}`, name: `Bench Kunde ${i} GmbH`, kind: 'B2B', address_name: `Bench Kunde ${i} GmbH`,
    street: `Teststraße ${i + 1}`, postcode: '10115', city: 'Berlin', country: 'DE', payment_terms_days: 14,
    credit_limit_cents: null, vat_id: null,
  }));
  const products = await db('products').where({ kind: 'goods' }).orderBy('sku').select('*');
  await db.transaction(async (trx) => {
    if (generated.length) await trx.batchInsert('customers', generated, CHUNK);
    const customerIds = (await trx('customers').orderBy('id').select('id')).map((r: any) => Number(r.id));
    const maxId = async (table: string) => Number((await trx(table).max({ m: 'id' }).first())?.m ?? 0);
    let orderId = await maxId('orders');
    let lineId = await maxId('order_lines');
    for (let start = 0; start < count; start += CHUNK) {
      const orders: any[] = [];
      const lines: any[] = [];
      const history: any[] = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i++) {
        orderId++;
        const at = new Date(now.getTime() - (count - i) * 600_000).toISOString();
        const status = i >= count - ACTIVE ? ACTIVE_MIX[i % ACTIVE_MIX.length] : FINISHED[i % FINISHED.length];
        orders.push({
          id: orderId, number: String(500001 + i), customer_id: customerIds[i % customerIds.length], status, version: 3,
          entered_by_person_id: null, channel: 'shop', requested_date: null, promised_date: at.slice(0, 10),
          backorder_choice: 'wait', hold_reason: null, draft_key: null, created_at: at, updated_at: at,
        });
        for (let l = 1; l <= 2; l++) {
          const p = products[(i + l) % products.length];
          const quantity = 1 + (i % 5);
          lineId++;
          lines.push({
            id: lineId, order_id: orderId, line_no: l, sku: p.sku, name_de: p.name_de, name_en: p.name_en, unit_de: p.unit_de,
            unit_en: p.unit_en, kind: p.kind, quantity, shipped_quantity: ['closed', 'paid', 'delivered', 'invoiced', 'shipped'].includes(status) ? quantity : 0,
            unit_price_cents: Number(p.price_cents), vat_rate: Number(p.vat_rate), net_cents: quantity * Number(p.price_cents),
          });
        }
        history.push({ order_id: orderId, from_status: 'received', to_status: status, actor_person_id: null, actor_role: 'system', channel: 'shop', reason: null, details: null, at });
      }
      await trx.batchInsert('orders', orders, CHUNK);
      await trx.batchInsert('order_lines', lines, CHUNK);
      await trx.batchInsert('order_history', history, CHUNK);
    }
    // Explicit ids do not move PostgreSQL's sequences; later inserts must not collide with them.
    if (isPostgres(trx)) {
      for (const table of ['orders', 'order_lines', 'order_history', 'customers']) {
        await trx.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM ${table}))`);
      }
    }
  });
  // Fresh statistics, as a database that grew slowly would have them.
  await db.raw('ANALYZE');
}

/** The newest seeded order of a customer that a status question can ask about. */
export async function seededOrderOf(db: Db, customerId: number): Promise<string | null> {
  const row = await db('orders').where({ customer_id: customerId }).orderBy('id', 'desc').first('number');
  return row ? String(row.number) : null;
}
