import { getConversationRef, listConversationRefsForPerson, saveConversationRef } from '../../data/conversationRefs';
import { findPersonByChannel } from '../../data/parties';
import {
  conversationLockKey,
  findProcessedActivity,
  pruneProcessedActivities,
  recordProcessedActivity,
  releaseLease,
  renewLease,
  tryAcquireLease,
} from '../../data/turns';
import { describeEachDatabase } from '../support/databases';

describeEachDatabase('processed activities and conversation leases', ({ get }) => {
  const key = { channelId: 'msteams', conversationId: "19:x@thread.v2;messageid=1'--", activityId: 'a'.repeat(600) };

  it('records an activity once and replays its invoke response', async () => {
    const { db } = get();
    expect(await findProcessedActivity(db, key)).toBeNull();
    await recordProcessedActivity(db, key, { status: 200, body: { ok: true } });
    await recordProcessedActivity(db, key, { status: 500 });
    expect(await findProcessedActivity(db, key)).toEqual({ invokeResponse: { status: 200, body: { ok: true } } });
    expect(await findProcessedActivity(db, { ...key, activityId: 'other' })).toBeNull();
    expect(await pruneProcessedActivities(db, 60_000)).toBe(0);
    expect(await pruneProcessedActivities(db, -1)).toBeGreaterThan(0);
    expect(await findProcessedActivity(db, key)).toBeNull();
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
