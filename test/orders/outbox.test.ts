import { claimDueNotifications, enqueueNotification, markFailed, markSent, maxAttempts, releaseClaim } from '../../data/outbox';
import { describeEachDatabase } from '../support/databases';
import { demoActors } from './actors';

const t0 = new Date('2026-03-02T08:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describeEachDatabase('outbox', ({ kind, get }) => {
  it('ignores duplicates, claims due rows once per lease, and retries failures with growing backoff', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const n = { recipient: { kind: 'person' as const, personId: a.mueller.personId! }, kind: 'order_confirmed', payload: { orderNumber: '1001' }, dedupeKey: 'test:dup' };
    await enqueueNotification(db, n, t0);
    await enqueueNotification(db, { ...n, payload: { orderNumber: 'other' } }, t0);
    expect(await db('outbox').where({ dedupe_key: 'test:dup' })).toHaveLength(1);

    const claimed = await claimDueNotifications(db, { limit: 10, now: t0, leaseSeconds: 60 });
    expect(claimed.map((r) => [r.dedupeKey, r.payload])).toEqual([['test:dup', { orderNumber: '1001' }]]);
    expect(await claimDueNotifications(db, { limit: 10, now: later(30) })).toEqual([]); // leased
    const afterLease = await claimDueNotifications(db, { limit: 10, now: later(61), leaseSeconds: 60 });
    expect(afterLease.map((r) => r.id)).toEqual([claimed[0].id]); // a crashed sender's row comes back

    await markFailed(db, afterLease[0], 'conversation not found', later(61));
    const failedOnce = await db('outbox').where({ id: claimed[0].id }).first();
    expect(failedOnce).toMatchObject({ status: 'pending', attempts: 1, last_error: 'conversation not found' });
    const firstDelay = (Date.parse(failedOnce.next_attempt_at) - later(61).getTime()) / 1000;
    expect(firstDelay).toBeGreaterThanOrEqual(15);
    expect(firstDelay).toBeLessThanOrEqual(30);
    expect(await claimDueNotifications(db, { limit: 10, now: later(61 + 14) })).toEqual([]);

    const [second] = await claimDueNotifications(db, { limit: 10, now: later(100) });
    expect(await markFailed(db, second, 'again', later(100))).toBe(true);
    const [third] = await claimDueNotifications(db, { limit: 10, now: later(200) });
    expect(await markFailed(db, third, 'again', later(200))).toBe(true);
    const thrice = await db('outbox').where({ id: claimed[0].id }).first();
    const thirdDelay = (Date.parse(thrice.next_attempt_at) - later(200).getTime()) / 1000;
    expect(thirdDelay).toBeGreaterThanOrEqual(60); // 30 s · 2² = 120 s ceiling, at least half of it

    const retried = await claimDueNotifications(db, { limit: 10, now: later(400) });
    expect(retried.map((r) => r.attempts)).toEqual([3]);
    expect(await markSent(db, retried[0], later(400))).toBe(true);
    expect(await db('outbox').where({ id: claimed[0].id }).first()).toMatchObject({ status: 'sent', sent_at: later(400).toISOString() });
    expect(await claimDueNotifications(db, { limit: 10, now: later(100_000) })).toEqual([]);
  });

  it('gives a notification up after the last attempt', async () => {
    const { db } = get();
    const a = await demoActors(db);
    await enqueueNotification(db, { recipient: { kind: 'person', personId: a.cafe.personId! }, kind: 'order_on_hold', payload: {}, dedupeKey: 'test:give-up' }, t0);
    const id = Number((await db('outbox').where({ dedupe_key: 'test:give-up' }).first()).id);
    // Each attempt is claimed after the previous backoff (at most 6 h) has passed.
    for (let i = 0; i < maxAttempts; i++) {
      const at = later(i * 86_400);
      const claim = (await claimDueNotifications(db, { limit: 100, now: at })).find((r) => r.id === id)!;
      expect(await markFailed(db, claim, `failure ${i}`, at)).toBe(true);
    }
    expect(await db('outbox').where({ id }).first()).toMatchObject({ status: 'failed', attempts: maxAttempts });
    expect((await claimDueNotifications(db, { limit: 10, now: later(10 ** 7) })).map((r) => r.id)).not.toContain(id);
  });

  it('lets only the sender holding the current claim settle a row', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const at = new Date('2030-01-01T00:00:00Z'); // after every other test's rows, so only this one is due
    await enqueueNotification(db, { recipient: { kind: 'person', personId: a.mueller.personId! }, kind: 'order_delivered', payload: {}, dedupeKey: 'test:stale' }, at);
    const id = Number((await db('outbox').where({ dedupe_key: 'test:stale' }).first()).id);
    const soon = (s: number) => new Date(at.getTime() + s * 1000);
    const mine = <R extends { id: number }>(rows: R[]) => rows.filter((r) => r.id === id);

    // A hangs past its lease; B takes the row over.
    const [stale] = mine(await claimDueNotifications(db, { limit: 100, now: at, leaseSeconds: 60 }));
    const [current] = mine(await claimDueNotifications(db, { limit: 100, now: soon(61), leaseSeconds: 60 }));
    expect(current.nextAttemptAt).not.toBe(stale.nextAttemptAt);

    // A comes back: neither its failure nor its success touches B's claim.
    expect(await markFailed(db, stale, 'timed out', soon(62))).toBe(false);
    expect(await markSent(db, stale, soon(62))).toBe(false);
    expect(await db('outbox').where({ id }).first()).toMatchObject({ status: 'pending', attempts: 0, last_error: null, next_attempt_at: current.nextAttemptAt });

    expect(await markSent(db, current, soon(63))).toBe(true);
    expect(await markFailed(db, stale, 'late', soon(64))).toBe(false);
    expect(await db('outbox').where({ id }).first()).toMatchObject({ status: 'sent', attempts: 0, last_error: null, sent_at: soon(63).toISOString() });
  });

  it('hands a claimed row back so the next pass can take it at once', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const at = new Date('2031-01-01T00:00:00Z');
    await enqueueNotification(db, { recipient: { kind: 'person', personId: a.cafe.personId! }, kind: 'order_delivered', payload: {}, dedupeKey: 'test:release' }, at);
    const id = Number((await db('outbox').where({ dedupe_key: 'test:release' }).first()).id);
    const [claim] = (await claimDueNotifications(db, { limit: 100, now: at })).filter((r) => r.id === id);
    expect(await releaseClaim(db, claim, at)).toBe(true);
    expect(await releaseClaim(db, claim, at)).toBe(false); // released already: no longer this claim
    const again = (await claimDueNotifications(db, { limit: 100, now: at })).filter((r) => r.id === id);
    expect(again).toHaveLength(1);
  });

  it('never hands the same row to two concurrent claimers', async () => {
    const { db } = get();
    const a = await demoActors(db);
    for (let i = 0; i < 40; i++) {
      await enqueueNotification(db, { recipient: { kind: 'person', personId: a.sales.personId! }, kind: 'order_on_hold_review', payload: { i }, dedupeKey: `test:race:${i}` }, t0);
    }
    const claims = await Promise.all(Array.from({ length: 6 }, () => claimDueNotifications(db, { limit: 5, now: later(1) })));
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(0);
    if (kind === 'postgres') expect(claims.filter((c) => c.length > 0).length).toBeGreaterThan(1);
  });
});
