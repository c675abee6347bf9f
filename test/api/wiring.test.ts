import { startTestServer, TestServer } from '../support/server';

describe('the order REST API on the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { env: { SHOP_API_KEY: 'shop-secret' } });
  });
  afterAll(() => server.close());

  const post = (path: string, body: string, key = 'shop-secret') =>
    fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body });

  it('creates an order with the configured shop key and serves it back', async () => {
    const res = await post('/api/orders', JSON.stringify({ customerNumber: '10001', lines: [{ sku: 'PAPER-A4', quantity: 3 }] }));
    expect(res.status).toBe(201);
    const order = (await res.json()) as any;
    const read = await fetch(`${server.url}/api/orders/${order.number}`, { headers: { authorization: 'Bearer shop-secret' } });
    expect(((await read.json()) as any).lines[0]).toMatchObject({ sku: 'PAPER-A4', quantity: 3 });
  });

  it('answers malformed JSON in the API error format, not the framework one', async () => {
    const res = await post('/api/orders', '{"customerNumber": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_request', details: [{ field: '', message: 'the body is not valid JSON' }] });
  });

  it('refuses the demo default key once a real key is configured', async () => {
    expect((await post('/api/orders', '{}', 'demo-shop-key')).status).toBe(401);
  });
});
