import type { AddressInfo } from 'node:net';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import restify from 'restify';
import { mountOrderApi } from '../../bot/api/orders';
import { openApiDocument } from '../../bot/api/openapi';
import { describeEachDatabase } from '../support/databases';

const SHOP = 'test-shop-key';
const STAFF = 'test-staff-key';

describeEachDatabase('order REST API', ({ get }) => {
  let server: restify.Server;
  let base: string;
  const errors: unknown[] = [];

  beforeAll(async () => {
    server = restify.createServer({ name: 'order-api-test' });
    mountOrderApi(server, { db: get().db, shopApiKey: SHOP, staffApiKey: STAFF, logger: { error: (obj) => errors.push(obj) } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(errors).toEqual([]);
  });

  const call = async (method: string, path: string, options: { key?: string | null; body?: unknown; raw?: string; idempotencyKey?: string } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const key = options.key === undefined ? SHOP : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const res = await fetch(base + path, { method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
    return { status: res.status, headers: res.headers, body: await res.json() as any };
  };
  const orderCount = async () => Number((await get().db('orders').count({ n: '*' }).first())!.n);

  it('serves an OpenAPI 3.1 document with every route and its schemas', async () => {
    const res = await call('GET', '/api/openapi.json', { key: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths).sort()).toEqual([
      '/api/absences', '/api/bank-entries', '/api/bank-statements', '/api/invoices', '/api/invoices/{number}',
      '/api/openapi.json', '/api/orders', '/api/orders/{number}', '/api/orders/{number}/shipments', '/api/orders/{number}/transitions',
      '/api/payments', '/api/payments/{id}/reversal', // issue 11
      '/api/people/{id}/identities', // issue 12
      '/api/quotes', '/api/quotes/{number}', // issue 10, quotes
    ]);
    expect(res.body.paths['/api/orders'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateOrderRequest' });
    expect(Object.keys(res.body.components.schemas)).toEqual(expect.arrayContaining(['CreateOrderRequest', 'TransitionRequest', 'ShipmentRequest', 'Order', 'Error']));
    const link = res.body.paths['/api/people/{id}/identities'].post;
    expect(link.security).toEqual([{ adminKey: [] }]);
    expect(link.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/LinkIdentityRequest' });
    expect(link.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PersonIdentities' });
    expect(Object.keys(link.responses).sort()).toEqual(['200', '201', '400', '401', '404', '409', '413', '415', '429'].filter((c) => c in link.responses).sort());
    expect(res.body.components.securitySchemes.adminKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('rejects missing and wrong keys with 401, and the shop key on staff routes with 403', async () => {
    expect((await call('POST', '/api/orders', { key: null, body: {} })).status).toBe(401);
    expect((await call('POST', '/api/orders', { key: 'guess', body: {} })).status).toBe(401);
    expect((await call('GET', '/api/orders/1001', { key: 'guess' })).status).toBe(401);
    expect((await call('POST', '/api/orders/1001/transitions', { key: SHOP, body: { to: 'cancelled', reason: 'x' } })).status).toBe(403);
  });

  it('answers invalid bodies with 400 and one entry per wrong field, writing nothing', async () => {
    const res = await call('POST', '/api/orders', {
      body: { customerNumber: 10001, lines: [{ sku: 'PAPER-A4', quantity: 0 }, { quantity: 2.5 }], requestedDate: '2026-13-01', backorder: 'maybe', colour: 'red' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    const fields = res.body.details.map((d: any) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['customerNumber', 'lines[0].quantity', 'lines[1].sku', 'lines[1].quantity', 'requestedDate', 'backorder', 'colour']));
    expect(res.body.details.find((d: any) => d.field === 'lines[0].quantity').message).toBe('must be >= 1');
    expect((await call('POST', '/api/orders', { raw: '{"customerNumber": ' })).body).toEqual({ error: 'invalid_request', details: [{ field: '', message: 'the body is not valid JSON' }] });
    expect((await call('POST', '/api/orders', { body: { customerNumber: '10001', lines: [] } })).body.details).toEqual([{ field: 'lines', message: 'must NOT have fewer than 1 items' }]);
    expect(await orderCount()).toBe(0);
  });

  it('answers unknown customers and SKUs with 422 and writes no partial order', async () => {
    const unknownCustomer = await call('POST', '/api/orders', { body: { customerNumber: '99999', lines: [{ sku: 'PAPER-A4', quantity: 1 }] } });
    expect(unknownCustomer.status).toBe(422);
    expect(unknownCustomer.body.problems).toEqual([{ code: 'unknown_customer', field: 'customerNumber' }]);
    const unknownSku = await call('POST', '/api/orders', { body: { customerNumber: '10001', lines: [{ sku: 'PAPER-A4', quantity: 1 }, { sku: 'UNOBTAINIUM', quantity: 1 }] } });
    expect(unknownSku.status).toBe(422);
    expect(unknownSku.body.problems).toEqual([{ code: 'unknown_sku', field: 'lines[1].sku', sku: 'UNOBTAINIUM' }]);
    const noStock = await call('POST', '/api/orders', { body: { customerNumber: '10001', lines: [{ sku: 'MONITOR-27', quantity: 1 }] } });
    expect(noStock.status).toBe(422);
    expect(noStock.body.problems).toEqual([{ code: 'out_of_stock', field: 'lines[0].quantity', sku: 'MONITOR-27', available: 0, shortBy: 1, restockDate: '2026-12-15' }]);
    expect(await orderCount()).toBe(0);
    expect(Number((await get().db('stock_reservations').count({ n: '*' }).first())!.n)).toBe(0);
  });

  it('creates an order once per Idempotency-Key, even for 20 parallel retries', async () => {
    const body = { customerNumber: '10003', lines: [{ sku: 'TONER-BK', quantity: 2 }], deliveryAddress: { name: 'Anna Schmidt', street: 'Am Markt 1', postcode: '14467', city: 'Potsdam', country: 'DE' } };
    const first = await call('POST', '/api/orders', { body, idempotencyKey: 'shop-order-77' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'confirmed', channel: 'rest', customer: { number: '10003' }, deliveryAddress: body.deliveryAddress });
    expect(first.body.history[0]).toMatchObject({ to: 'received', actorRole: 'system', channel: 'rest' });
    const again = await call('POST', '/api/orders', { body, idempotencyKey: 'shop-order-77' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const reused = await call('POST', '/api/orders', { body: { ...body, lines: [{ sku: 'TONER-BK', quantity: 3 }] }, idempotencyKey: 'shop-order-77' });
    expect(reused.status).toBe(422);
    expect(reused.body.error).toBe('idempotency_key_reused');

    const before = await orderCount();
    const parallel = await Promise.all(Array.from({ length: 20 }, () =>
      call('POST', '/api/orders', { body: { customerNumber: '10001', lines: [{ sku: 'PAPER-A4', quantity: 3 }] }, idempotencyKey: 'parallel-1' })));
    expect(parallel.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(parallel.map((r) => r.body.number)).size).toBe(1);
    expect(await orderCount()).toBe(before + 1);
  });

  it('reads an order with GET and answers 404 for unknown numbers', async () => {
    const created = await call('POST', '/api/orders', { key: STAFF, body: { customerNumber: '10001', lines: [{ sku: 'COFFEE-1KG', quantity: 4 }] } });
    expect(created.status).toBe(201);
    const read = await call('GET', `/api/orders/${created.body.number}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    expect(read.body.totals).toEqual({ netCents: 7560, vatCents: 529, grossCents: 8089, byRate: [{ rate: 7, netCents: 7560, vatCents: 529 }] });
    expect((await call('GET', '/api/orders/777777')).status).toBe(404);

    // The response matches the published Order schema.
    const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile({ ...openApiDocument.components.schemas.Order });
    expect(validate(read.body) ? [] : validate.errors).toEqual([]);
  });

  it('moves orders with the staff key: illegal steps get 409 with the allowed ones, replays are safe', async () => {
    const created = await call('POST', '/api/orders', { body: { customerNumber: '10003', lines: [{ sku: 'CHAIR-ERGO', quantity: 1 }] } });
    const path = `/api/orders/${created.body.number}/transitions`;
    const illegal = await call('POST', path, { key: STAFF, body: { to: 'delivered' } });
    expect(illegal.status).toBe(409);
    expect(illegal.body).toEqual({ error: 'illegal_transition', reasonCode: 'not_allowed', allowed: ['in_preparation', 'cancelled'] });
    expect((await call('POST', path, { key: STAFF, body: { to: 'teleported' } })).body.details[0]).toMatchObject({ field: 'to' });

    const moved = await call('POST', path, { key: STAFF, body: { to: 'in_preparation', expectedVersion: created.body.version }, idempotencyKey: 'move-1' });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('in_preparation');
    expect(moved.body.history.at(-1)).toMatchObject({ from: 'confirmed', to: 'in_preparation', actorRole: 'sales', channel: 'rest' });
    const replay = await call('POST', path, { key: STAFF, body: { to: 'in_preparation', expectedVersion: created.body.version }, idempotencyKey: 'move-1' });
    expect(replay).toMatchObject({ status: 200, body: moved.body });
    const stale = await call('POST', path, { key: STAFF, body: { to: 'cancelled', reason: 'Kunde storniert', expectedVersion: created.body.version } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('conflict');
    expect((await call('POST', '/api/orders/888888/transitions', { key: STAFF, body: { to: 'cancelled', reason: 'x' } })).status).toBe(404);
  });

  it('records shipments with the staff key and returns the delivery note', async () => {
    const created = await call('POST', '/api/orders', { body: { customerNumber: '10001', lines: [{ sku: 'TONER-COLOR', quantity: 2 }] } });
    const number = created.body.number;
    const ship = (body: unknown, key?: string) => call('POST', `/api/orders/${number}/shipments`, { key: STAFF, body, idempotencyKey: key });
    expect((await ship({ carrier: 'DHL', trackingNumber: 'T1', lines: [{ lineNo: 1, quantity: 1 }] })).body).toMatchObject({ error: 'illegal_transition', reasonCode: 'not_allowed' });
    for (const to of ['in_preparation', 'in_execution', 'ready_to_ship']) {
      expect((await call('POST', `/api/orders/${number}/transitions`, { key: STAFF, body: { to } })).status).toBe(200);
    }
    expect((await ship({ carrier: 'DHL', trackingNumber: 'T1', lines: [{ lineNo: 1, quantity: 5 }] })).body)
      .toEqual({ error: 'unprocessable', problems: [{ code: 'exceeds_remaining', lineNo: 1, remaining: 2 }] });
    expect((await ship({ carrier: '', lines: [{ lineNo: 1 }] })).body.details.map((d: any) => d.field).sort())
      .toEqual(['carrier', 'lines[0].quantity', 'trackingNumber']);
    const partial = await ship({ carrier: 'DHL', trackingNumber: '00340434161094042557', lines: [{ lineNo: 1, quantity: 1 }] }, 'ship-1');
    expect(partial.status).toBe(201);
    expect(partial.body.deliveryNote.number).toMatch(/^LS-\d+$/);
    expect(partial.body.order.status).toBe('partially_shipped');
    const replay = await ship({ carrier: 'DHL', trackingNumber: '00340434161094042557', lines: [{ lineNo: 1, quantity: 1 }] }, 'ship-1');
    expect(replay.body).toEqual(partial.body);
    const rest = await ship({ carrier: 'DHL', trackingNumber: '00340434161094042558', lines: [{ lineNo: 1, quantity: 1 }] }, 'ship-2');
    expect(rest.status).toBe(201);
    expect(rest.body.order.status).toBe('shipped');
    expect(rest.body.order.shipments.map((s: any) => s.deliveryNoteNumber)).toEqual([partial.body.deliveryNote.number, rest.body.deliveryNote.number]);
    expect(rest.body.order.lines[0].shippedQuantity).toBe(2);
  });
});
