import { claimDueNotifications, enqueueNotification, markFailed, markSent, maxAttempts } from '../../data/outbox';
import { describeEachDatabase } from '../support/databases';
import { demoActors } from './actors';

const t0 = new Date('2026-03-02T08:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describeEachDatabase('outbox', ({ kind, get }) => {
  it('ignores duplicates, claims due rows once per lease, and retries failures with growing backoff', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const n = { personId: a.mueller.personId!, kind: 'order_confirmed', payload: { orderNumber: '1001' }, dedupeKey: 'test:dup' };
    await enqueueNotification(db, n, t0);
    await enqueueNotification(db, { ...n, payload: { orderNumber: 'other' } }, t0);
    expect(await db('outbox').where({ dedupe_key: 'test:dup' })).toHaveLength(1);

    const claimed = await claimDueNotifications(db, { limit: 10, now: t0, leaseSeconds: 60 });
    expect(claimed.map((r) => [r.dedupeKey, r.payload])).toEqual([['test:dup', { orderNumber: '1001' }]]);
    expect(await claimDueNotifications(db, { limit: 10, now: later(30) })).toEqual([]); // leased
    const afterLease = await claimDueNotifications(db, { limit: 10, now: later(61), leaseSeconds: 60 });
    expect(afterLease.map((r) => r.id)).toEqual([claimed[0].id]); // a crashed sender's row comes back

    await markFailed(db, claimed[0].id, 'conversation not found', later(61));
    const failedOnce = await db('outbox').where({ id: claimed[0].id }).first();
    expect(failedOnce).toMatchObject({ status: 'pending', attempts: 1, last_error: 'conversation not found' });
    const firstDelay = (Date.parse(failedOnce.next_attempt_at) - later(61).getTime()) / 1000;
    expect(firstDelay).toBeGreaterThanOrEqual(15);
    expect(firstDelay).toBeLessThanOrEqual(30);
    expect(await claimDueNotifications(db, { limit: 10, now: later(61 + 14) })).toEqual([]);

    await markFailed(db, claimed[0].id, 'again', later(100));
    await markFailed(db, claimed[0].id, 'again', later(200));
    const thrice = await db('outbox').where({ id: claimed[0].id }).first();
    const thirdDelay = (Date.parse(thrice.next_attempt_at) - later(200).getTime()) / 1000;
    expect(thirdDelay).toBeGreaterThanOrEqual(60); // 30 s · 2² = 120 s ceiling, at least half of it

    const retried = await claimDueNotifications(db, { limit: 10, now: later(400) });
    expect(retried.map((r) => r.attempts)).toEqual([3]);
    await markSent(db, claimed[0].id, later(400));
    expect(await db('outbox').where({ id: claimed[0].id }).first()).toMatchObject({ status: 'sent', sent_at: later(400).toISOString() });
    expect(await claimDueNotifications(db, { limit: 10, now: later(100_000) })).toEqual([]);
  });

  it('gives a notification up after the last attempt', async () => {
    const { db } = get();
    const a = await demoActors(db);
    await enqueueNotification(db, { personId: a.cafe.personId!, kind: 'order_on_hold', payload: {}, dedupeKey: 'test:give-up' }, t0);
    const id = Number((await db('outbox').where({ dedupe_key: 'test:give-up' }).first()).id);
    for (let i = 0; i < maxAttempts; i++) await markFailed(db, id, `failure ${i}`, t0);
    expect(await db('outbox').where({ id }).first()).toMatchObject({ status: 'failed', attempts: maxAttempts });
    expect((await claimDueNotifications(db, { limit: 10, now: later(10 ** 7) })).map((r) => r.id)).not.toContain(id);
  });

  it('never hands the same row to two concurrent claimers', async () => {
    const { db } = get();
    const a = await demoActors(db);
    for (let i = 0; i < 40; i++) {
      await enqueueNotification(db, { personId: a.sales.personId!, kind: 'order_on_hold_review', payload: { i }, dedupeKey: `test:race:${i}` }, t0);
    }
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimDueNotifications(db, { limit: 5, now: later(1) })));
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(0);
    if (kind === 'postgres') expect(claims.filter((c) => c.length > 0).length).toBeGreaterThan(1);
  });
});
