import { withAbsoluteLinks } from '../../bot/absoluteLinks';
import { placeOrder, recordShipment, transitionOrder } from '../../operations';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { cardsOf, demoChats } from '../support/directlineClient';
import { startTestServer, TestServer } from '../support/server';

describe('download links made absolute', () => {
  const base = 'https://bot.example.com';

  it('prefixes download paths and Markdown links to them, and nothing else', () => {
    const activity = {
      type: 'message',
      timestamp: new Date('2026-12-02T08:00:00Z'),
      text: 'Ihre Rechnung: [PDF](/documents/abc.def) und [Kalender](/calendar/x.ics), siehe auch [Hilfe](/help)',
      attachments: [{ content: { actions: [{ type: 'Action.OpenUrl', url: '/documents/abc.def' }, { type: 'Action.OpenUrl', url: 'https://example.org/x' }], body: [{ text: '/api/orders' }] } }],
    };
    const out = withAbsoluteLinks(activity, base);
    expect(out.text).toBe('Ihre Rechnung: [PDF](https://bot.example.com/documents/abc.def) und [Kalender](https://bot.example.com/calendar/x.ics), siehe auch [Hilfe](/help)');
    expect(out.attachments[0].content.actions.map((a) => a.url)).toEqual(['https://bot.example.com/documents/abc.def', 'https://example.org/x']);
    expect(out.attachments[0].content.body[0].text).toBe('/api/orders');
    expect(out.timestamp).toEqual(activity.timestamp);
    // the original is left as it was (a card kept for a later update is not changed under its owner)
    expect(activity.text).toContain('(/documents/abc.def)');
  });
});

describeEachDatabase('download links with PUBLIC_HOST through the local channel', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);

  beforeAll(async () => {
    server = await startTestServer(get(), { env: { NOTIFY_INTERVAL_SECONDS: '1', PUBLIC_HOST: 'bot.example.com' } });
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it('sends https://<PUBLIC_HOST>/documents/… in notification texts and cards, and the path serves the document', async () => {
    const customer = await demo.signIn('demo-mueller', 'en-US');
    const db = server.app.db;
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'PAPER-A4', quantity: 2 }] });
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) await transitionOrder(db, a.sales, placed.order.number, { to });
    const shipped = await recordShipment(db, a.sales, placed.order.number, { carrier: 'DHL', trackingNumber: 'JJD2', lines: [{ lineNo: 1, quantity: 2 }] });
    if (!shipped.ok) throw new Error(JSON.stringify(shipped));

    const invoiceMessage = await customer.waitFor((m) => (m.text ?? '').startsWith('Your invoice'), 20_000);
    const [, textLink] = /\]\((https:\/\/bot\.example\.com\/documents\/[\w.-]+)\)/.exec(invoiceMessage.text ?? '') ?? [];
    expect(textLink).toBeDefined();
    const confirmation = await customer.waitFor((m) => cardsOf(m).includes('(PDF)') && (m.text ?? '').includes(placed.order.number), 20_000);
    const [, cardLink] = /\((https:\/\/bot\.example\.com\/documents\/[\w.-]+)\)/.exec(cardsOf(confirmation)) ?? [];
    expect(cardLink).toBeDefined();
    expect(cardsOf(confirmation)).not.toMatch(/\(\/documents\//);

    for (const link of [textLink, cardLink]) {
      const res = await fetch(`${server.url}${new URL(link).pathname}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
    }
  });
});
