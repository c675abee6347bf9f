import { getConversationRef, listConversationRefsForPerson, saveConversationRef } from '../../data/conversationRefs';
import { findPersonByChannel } from '../../data/parties';
import {
  acquireLeaseAndOpenTurn,
  conversationLockKey,
  finishTurn,
  openTurn,
  pruneProcessedActivities,
  recordProcessedActivity,
  releaseLease,
  renewLease,
  tryAcquireLease,
} from '../../data/turns';
import { KnexStorage, unconditionalUpsert } from '../../data/storage';
import { describeEachDatabase } from '../support/databases';

describeEachDatabase('processed activities and conversation leases', ({ kind, get }) => {
  const key = { channelId: 'msteams', conversationId: "19:x@thread.v2;messageid=1'--", activityId: 'a'.repeat(600) };

  const processed = async (k: typeof key) => (await openTurn(get().db, k, [])).processed;

  it('records an activity once and replays its invoke response', async () => {
    const { db } = get();
    expect(await processed(key)).toBeNull();
    await recordProcessedActivity(db, key, { status: 200, body: { ok: true } });
    await recordProcessedActivity(db, key, { status: 500 });
    expect(await processed(key)).toEqual({ invokeResponse: { status: 200, body: { ok: true } } });
    expect(await processed({ ...key, activityId: 'other' })).toBeNull();
    await recordProcessedActivity(db, { ...key, activityId: 'no invoke' });
    expect(await processed({ ...key, activityId: 'no invoke' })).toEqual({ invokeResponse: undefined });
    expect(await pruneProcessedActivities(db, 60_000)).toBe(0);
    expect(await pruneProcessedActivities(db, -1)).toBeGreaterThan(0);
    expect(await processed(key)).toBeNull();
  });

  it('opens a turn with one statement: processed or not, the reference version and the stored states in the order asked', async () => {
    const { db } = get();
    const storage = new KnexStorage(db);
    await storage.write({ 'directline/conversations/open-1/': { flags: { welcomed: true }, eTag: '*' }, 'dialogs/open-1': { stack: [1, 'zwei'], eTag: '*' } });
    const [{ version }] = await db('reference_version').where({ id: 1 }).select('version');
    const stored = await storage.read(['directline/conversations/open-1/', 'dialogs/open-1']);
    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', count);
    try {
      const opening = await openTurn(db, { ...key, activityId: 'open-1' }, ['dialogs/open-1', 'nothing stored', 'directline/conversations/open-1/']);
      expect(statements).toHaveLength(1);
      expect(opening.processed).toBeNull();
      expect(opening.referenceVersion).toBe(Number(version));
      expect(opening.states).toEqual([stored['dialogs/open-1'], undefined, stored['directline/conversations/open-1/']]);
      expect(opening.states[0]).toEqual({ stack: [1, 'zwei'], eTag: expect.any(String) });
      // The stored text is what stringifying the unchanged state gives (bot/jsonConversationState.ts compares with it).
      expect(opening.stateTexts).toEqual([JSON.stringify({ stack: [1, 'zwei'] }), undefined, JSON.stringify({ flags: { welcomed: true } })]);
      // No activity id and no state: the version alone.
      expect(await openTurn(db, null, [])).toEqual({ processed: null, referenceVersion: Number(version), states: [], stateTexts: [] });
    } finally {
      db.off('query', count);
    }
  });

  // Leases exist on PostgreSQL only (bot/turnGuard.ts); there the end is one statement, on SQLite one transaction.
  it('ends a turn all or nothing: its state, its reference, its record and (PostgreSQL) its lease', async () => {
    const { db } = get();
    const lockKey = conversationLockKey('msteams', 'c-finish');
    const lease = kind === 'postgres' ? { lockKey, owner: 'A' } : null;
    const states = [{ key: 'msteams/conversations/c-finish/', item: { flags: { welcomed: true }, eTag: '*' } }];
    const conversationRef = { channelId: 'msteams', conversationId: 'c-finish', personId: null, locale: 'en' as const, reference: { conversation: { id: 'c-finish' } } };
    const opened = () => openTurn(db, { ...key, activityId: 'finish' }, ['msteams/conversations/c-finish/']);
    const leaseRows = async () => Number((await db('conversation_leases').where({ key_hash: lockKey }).count({ n: '*' }).first())!.n);

    // The last part failing in the database (an activity without a conversation id, against its NOT NULL) leaves the
    // state and the reference unwritten and the lease held.
    if (lease) expect(await tryAcquireLease(db, lockKey, 'A', 10_000)).toBe(true);
    const failing = { key: { ...key, conversationId: null as unknown as string, activityId: 'finish' }, invokeResponse: undefined };
    // Caught by hand: better-sqlite3's SqliteError is no Error to jest's `rejects.toThrow` once the native module was
    // loaded by another test file's realm.
    const threw = await finishTurn(db, { processed: failing, states, conversationRef, lease }).then(() => null, (err: unknown) => err);
    expect(String((threw as Error | null)?.message)).toMatch(/NOT NULL|null value/i);
    expect((await opened()).states).toEqual([undefined]);
    expect(await getConversationRef(db, 'msteams', 'c-finish')).toBeNull();
    expect(await leaseRows()).toBe(lease ? 1 : 0);

    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', count);
    try {
      await finishTurn(db, { processed: { key: { ...key, activityId: 'finish' }, invokeResponse: { status: 200 } }, states, conversationRef, lease });
    } finally {
      db.off('query', count);
    }
    if (kind === 'postgres') expect(statements).toHaveLength(1);
    else expect(statements.map((sql) => /^insert into (\w+)/.exec(sql)?.[1])).toEqual(['bot_state', 'conversation_refs', 'processed_activities']);
    const after = await opened();
    expect(after.processed).toEqual({ invokeResponse: { status: 200 } });
    expect(after.states).toEqual([{ flags: { welcomed: true }, eTag: expect.any(String) }]);
    expect(await getConversationRef(db, 'msteams', 'c-finish')).toMatchObject({ personId: null, locale: 'en', reference: conversationRef.reference });
    expect(await leaseRows()).toBe(0);
  });

  if (kind === 'postgres') it('takes the lease and opens the turn in one statement, and trusts those reads only when no turn was under way', async () => {
    const { db } = get();
    const lock = conversationLockKey('msteams', 'c-acquire');
    const stateKey = 'msteams/conversations/c-acquire/';
    const activity = { ...key, activityId: 'acquire' };
    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', count);
    const free = await acquireLeaseAndOpenTurn(db, lock, 'A', 10_000, activity, [stateKey]);
    db.off('query', count);
    expect(statements).toHaveLength(1);
    expect(free.acquired).toBe(true);
    expect(free.opening).toEqual({ processed: null, referenceVersion: expect.any(Number), states: [undefined], stateTexts: [undefined] });
    // Held by someone else: not taken, nothing to trust.
    expect(await acquireLeaseAndOpenTurn(db, lock, 'B', 10_000, activity, [stateKey])).toEqual({ acquired: false, opening: null });

    // A's turn ends (its state and the release commit together) while B's statement waits for the lease row: B gets
    // the lease, but its snapshot is from before that end, so its reads are not handed out.
    const end = await db.transaction();
    const upsert = unconditionalUpsert([{ key: stateKey, item: { step: 2, eTag: '*' } }]);
    await end.raw(upsert.sql, upsert.bindings);
    await end('conversation_leases').where({ key_hash: lock, owner: 'A' }).del();
    const waiting = acquireLeaseAndOpenTurn(db, lock, 'B', 10_000, activity, [stateKey]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await end.commit();
    expect(await waiting).toEqual({ acquired: true, opening: null });
    expect((await openTurn(db, activity, [stateKey])).states).toEqual([{ step: 2, eTag: expect.any(String) }]);
    await releaseLease(db, lock, 'B');
  });

  it('hands a lease to one owner at a time, re-entrant for the holder, free again after release or expiry', async () => {
    const { db } = get();
    const lock = conversationLockKey('directline', 'c-lease');
    expect(await tryAcquireLease(db, lock, 'A', 10_000)).toBe(true);
    expect(await tryAcquireLease(db, lock, 'B', 10_000)).toBe(false);
    expect(await tryAcquireLease(db, lock, 'A', 10_000)).toBe(true);
    expect(await renewLease(db, lock, 'A', 10_000)).toBe(true);
    expect(await renewLease(db, lock, 'B', 10_000)).toBe(false);
    await releaseLease(db, lock, 'B'); // not the holder: no effect
    expect(await tryAcquireLease(db, lock, 'B', 10_000)).toBe(false);
    await releaseLease(db, lock, 'A');
    expect(await tryAcquireLease(db, lock, 'B', -1)).toBe(true); // taken with an already expired lease
    expect(await tryAcquireLease(db, lock, 'C', 10_000)).toBe(true); // a crashed holder's lease runs out
    expect(await renewLease(db, lock, 'B', 10_000)).toBe(false);
  });

  it('stores conversation references per conversation with person and language', async () => {
    const { db } = get();
    const mueller = (await findPersonByChannel(db, 'directline', 'demo-mueller'))!;
    const reference = { channelId: 'directline', conversation: { id: 'conv-1' }, serviceUrl: 'http://127.0.0.1:1' };
    await saveConversationRef(db, { channelId: 'directline', conversationId: 'conv-1', personId: mueller.id, locale: 'de', reference });
    await saveConversationRef(db, { channelId: 'directline', conversationId: 'conv-1', personId: mueller.id, locale: 'en', reference });
    await new Promise((r) => setTimeout(r, 5));
    await saveConversationRef(db, { channelId: 'directline', conversationId: 'conv-2', personId: mueller.id, locale: 'de', reference });
    await saveConversationRef(db, { channelId: 'directline', conversationId: 'conv-3', personId: null, locale: 'de', reference });
    expect(await getConversationRef(db, 'directline', 'conv-1')).toMatchObject({ personId: mueller.id, locale: 'en', reference });
    expect(await getConversationRef(db, 'directline', 'nope')).toBeNull();
    const refs = await listConversationRefsForPerson(db, mueller.id);
    expect(refs.map((r) => r.conversationId)).toEqual(['conv-2', 'conv-1']);
  });
});
