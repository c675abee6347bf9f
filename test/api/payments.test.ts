import { findInvoice } from '../../data/invoices';
import { demoActors, monday } from '../orders/actors';
import { invoicedOrder } from '../payments/helpers';
import { camt053 } from '../support/camt053';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

const STAFF = 'demo-staff-key';

describeEachDatabase('payments REST API', ({ get }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(get(), { env: { STAFF_API_KEY: STAFF, SHOP_API_KEY: 'shop-key' } });
  });
  afterAll(async () => server.close());

  const call = async (method: string, path: string, options: { key?: string | null; body?: unknown; raw?: string; type?: string; idempotencyKey?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { 'content-type': options.type ?? 'application/json', ...options.headers };
    const key = options.key === undefined ? STAFF : options.key;
    if (key) headers.authorization = `Bearer ${key}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const res = await fetch(server.url + path, { method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };

  it('books a payment once per Idempotency-Key, lists it and reverses it with a reason', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const { invoices: [invoice], orderNumber } = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 4 }], monday);
    const body = { amountCents: invoice.grossCents + 1000, invoiceNumbers: [invoice.number], payerName: 'Müller Bau GmbH' };
    expect((await call('POST', '/api/payments', { body })).status).toBe(400); // no key
    expect((await call('POST', '/api/payments', { body, key: 'shop-key', idempotencyKey: 'k1' })).status).toBe(401);
    expect((await call('POST', '/api/payments', { body: { ...body, amountCents: 12.5 }, idempotencyKey: 'k1' })).body).toMatchObject({ error: 'invalid_request' });

    const first = await call('POST', '/api/payments', { body, idempotencyKey: 'k1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ creditCents: 1000, customerCreditCents: 1000, settledOrders: [orderNumber] });
    expect(first.body.payment.allocations).toEqual([{ invoiceNumber: invoice.number, cents: invoice.grossCents }, { invoiceNumber: null, cents: 1000 }]);
    const replay = await call('POST', '/api/payments', { body, idempotencyKey: 'k1' });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.payment.id).toBe(first.body.payment.id);
    expect((await call('POST', '/api/payments', { body: { ...body, amountCents: 5 }, idempotencyKey: 'k1' })).body.error).toBe('reference_reused');

    const list = await call('GET', '/api/payments?customerNumber=10001');
    expect(list.body.payments.map((p: any) => p.id)).toContain(first.body.payment.id);
    expect((await call('POST', `/api/payments/${first.body.payment.id}/reversal`, { body: {} })).status).toBe(400);
    const reversed = await call('POST', `/api/payments/${first.body.payment.id}/reversal`, { body: { reason: 'falscher Kunde' } });
    expect(reversed.status).toBe(201);
    expect(reversed.body.reversal).toMatchObject({ amountCents: -(invoice.grossCents + 1000), reversalReason: 'falscher Kunde' });
    expect((await call('POST', `/api/payments/${first.body.payment.id}/reversal`, { body: { reason: 'again' } })).status).toBe(409);
    expect((await findInvoice(db, invoice.number))!.openCents).toBe(invoice.grossCents);
  });

  it('imports a camt.053 statement larger than the JSON limit, once; refuses foreign currency and compressed bodies', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const { invoices: [invoice] } = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'PAPER-A4', quantity: 2 }], monday);
    const filler = Array.from({ length: 2500 }, (_, i) => ({ amount: '1.00', debtorName: `Spender ${i}`, ustrd: [`Spende Nummer ${i} für den guten Zweck`] }));
    const xml = camt053({ id: 'REST-1', entries: [{ amount: (invoice.grossCents / 100).toFixed(2), debtorName: 'Café Sonnenschein', ustrd: [invoice.number] }, ...filler] });
    expect(Buffer.byteLength(xml)).toBeGreaterThan(1024 * 1024);
    const imported = await call('POST', '/api/bank-statements', { raw: xml, type: 'application/xml' });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ booked: 1, alreadyImported: 0 });
    expect((await findInvoice(db, invoice.number))!.openCents).toBe(0);
    const again = await call('POST', '/api/bank-statements', { raw: xml, type: 'application/xml' });
    expect(again.body).toMatchObject({ booked: 0, alreadyImported: 2501 });

    const usd = await call('POST', '/api/bank-statements', { raw: camt053({ accountCurrency: 'USD', entries: [{ amount: '1.00' }] }), type: 'application/xml' });
    expect(usd.status).toBe(422);
    expect(usd.body).toMatchObject({ error: 'wrong_currency', messageDe: expect.stringContaining('Es wurde nichts gebucht') });
    const broken = await call('POST', '/api/bank-statements', { raw: '<Document>', type: 'application/xml' });
    expect(broken.body.error).toBe('malformed_xml');
    const gzip = await call('POST', '/api/bank-statements', { raw: xml, type: 'application/xml', headers: { 'content-encoding': 'gzip' } });
    expect(gzip.status).toBe(415);
    expect((await call('POST', '/api/bank-statements', { raw: xml, type: 'application/xml', key: null })).status).toBe(401);
    const entries = await call('GET', '/api/bank-entries?status=open');
    expect(entries.body.entries.length).toBeGreaterThan(0);
  }, 60_000);

  it('filters the staff lists by customerNumber alike, and answers an unknown number 422', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const { invoices: [cafeInvoice] } = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'COFFEE-1KG', quantity: 1 }], monday);
    for (const path of ['/api/invoices', '/api/quotes', '/api/payments']) {
      const unknown = await call('GET', `${path}?customerNumber=99999`);
      expect(unknown.status).toBe(422);
      expect(unknown.body).toEqual({ error: 'unknown_customer', details: [{ field: 'customerNumber', message: 'no such customer' }] });
      expect((await call('GET', `${path}?customerNumber=10002`)).status).toBe(200);
    }
    const cafe = await call('GET', '/api/invoices?customerNumber=10002');
    expect(cafe.body.invoices.map((i: { number: string }) => i.number)).toContain(cafeInvoice.number);
    const mueller = await call('GET', '/api/invoices?customerNumber=10001');
    expect(mueller.body.invoices.map((i: { number: string }) => i.number)).not.toContain(cafeInvoice.number);
  });
});
