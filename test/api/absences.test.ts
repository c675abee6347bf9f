import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { mountOrderApi } from '../../bot/api/orders';
import { berlinDateTime } from '../../domain/calendar';
import { placeOrder } from '../../operations';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';

const SHOP = 'test-shop-key';
const STAFF = 'test-staff-key';

describeEachDatabase('absences REST API', ({ get }) => {
  let server: restify.Server;
  let base: string;
  beforeAll(async () => {
    server = restify.createServer();
    mountOrderApi(server, { db: get().db, shopApiKey: SHOP, staffApiKey: STAFF, logger: { error: () => undefined } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const post = async (body: unknown, key = STAFF, idempotencyKey?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const res = await fetch(`${base}/api/absences`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('records an absence with the staff key, lists the appointments it hits, and is the same absence on retry', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const start = berlinDateTime('2026-12-03', '10:00').toISOString();
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-CONSULT', quantity: 1 }], serviceSlots: [{ sku: 'SVC-CONSULT', start }] }, new Date('2026-12-01T09:00:00Z'));
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));

    expect((await post({ resourceId: 'lena-wolf', from: '2026-12-03', reason: 'sick' }, SHOP)).status).toBe(403);
    expect(await post({ resourceId: 'lena-wolf', from: '3.12.', reason: 'sick' })).toMatchObject({ status: 400, body: { details: [{ field: 'from' }] } });
    expect(await post({ resourceId: 'nobody', from: '2026-12-03', reason: 'sick' })).toMatchObject({ status: 422, body: { problems: [{ code: 'unknown_resource' }] } });
    expect(await post({ resourceId: 'lena-wolf', from: '2026-12-04', to: '2026-12-03', reason: 'sick' })).toMatchObject({ status: 422, body: { problems: [{ code: 'range_invalid', field: 'to' }] } });

    const first = await post({ resourceId: 'lena-wolf', from: '2026-12-03', reason: 'sick' }, STAFF, 'abs-1');
    expect(first).toMatchObject({ status: 201, body: { resourceId: 'lena-wolf', from: '2026-12-03', to: '2026-12-03', created: true, affected: [{ orderNumber: placed.order.number, sku: 'SVC-CONSULT', start }] } });
    const replay = await post({ resourceId: 'lena-wolf', from: '2026-12-03', reason: 'sick' }, STAFF, 'abs-1');
    expect(replay).toEqual(first);
    const again = await post({ resourceId: 'lena-wolf', from: '2026-12-03', reason: 'sick' });
    expect(again).toMatchObject({ status: 200, body: { absenceId: first.body.absenceId, created: false } });
    expect(await db('absences').where({ resource_id: 'lena-wolf' })).toHaveLength(1);
  });
});
