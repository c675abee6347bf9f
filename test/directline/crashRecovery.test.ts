import { appendUnlessDuplicate, getActivity } from '../../data/directline';
import { stampUserActivity } from '../../bot/directline/activities';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/server';

/**
 * A chat message accepted by the channel just before a crash (stored 'sending', never handed to the bot) is
 * processed after the restart, or on the client's retry, and exactly once either way.
 */
describeEachDatabase('Direct Line activities left sending by a crash', ({ get }) => {
  const json = { 'content-type': 'application/json' };

  async function conversationOf(server: TestServer, user: string) {
    const { token } = await (await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: json, body: JSON.stringify({ user }) })).json() as any;
    const started = await (await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json() as any;
    return { conversationId: started.conversationId as string, token: started.token as string };
  }

  /** What the channel wrote before the crash: the activity stored as 'sending', nothing delivered. */
  async function acceptedThenCrashed(conversationId: string, user: string, text: string, clientActivityID: string) {
    const result = await appendUnlessDuplicate(get().db, {
      conversationId, state: 'sending', fromId: user, dedupeId: clientActivityID,
      build: (id) => stampUserActivity({ type: 'message', from: { id: user }, text, locale: 'de-DE', channelData: { clientActivityID } }, {
        id, conversationId, user: { id: user }, bot: { id: 'auftragsbot', name: 'Auftragsbot' }, locale: 'de-DE',
      }),
    });
    if (!result.appended) throw new Error('not appended');
    return result.stored.id;
  }

  /** The state once settled: the bot's reply may arrive before the channel has marked the delivery. */
  async function settledState(conversationId: string, activityId: string, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = (await getActivity(get().db, conversationId, activityId))?.state;
      if (state !== 'sending' || Date.now() > deadline) return state;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function repliesTo(server: TestServer, c: { conversationId: string; token: string }, activityId: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await fetch(`${server.url}/v3/directline/conversations/${c.conversationId}/activities`, { headers: { authorization: `Bearer ${c.token}` } });
      const { activities } = await res.json() as any;
      const replies = activities.filter((a: any) => a.replyToId === activityId && a.from.role === 'bot');
      if (replies.length || Date.now() > deadline) return replies;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('delivers it after the restart, once, and a later retry of the same clientActivityID adds nothing', async () => {
    const first = await startTestServer(get());
    const c = await conversationOf(first, 'demo-mueller');
    await first.close();
    const id = await acceptedThenCrashed(c.conversationId, 'demo-mueller', 'hilfe', 'crash-1');

    const restarted = await startTestServer(get());
    try {
      const replies = await repliesTo(restarted, c, id);
      expect(replies.length).toBeGreaterThan(0);
      expect(await settledState(c.conversationId, id)).toBe('sent');
      const retry = await fetch(`${restarted.url}/v3/directline/conversations/${c.conversationId}/activities`, {
        method: 'POST', headers: { ...json, authorization: `Bearer ${c.token}` },
        body: JSON.stringify({ type: 'message', from: { id: 'demo-mueller' }, text: 'hilfe', channelData: { clientActivityID: 'crash-1' } }),
      });
      expect(retry.status).toBe(200);
      expect((await retry.json()).id).toBe(id);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await repliesTo(restarted, c, id, 0)).toHaveLength(replies.length);
    } finally {
      await restarted.close();
    }
  });

  it('processes it on the client’s retry when no restart delivered it, exactly once', async () => {
    const server = await startTestServer(get());
    try {
      const c = await conversationOf(server, 'demo-schmidt');
      const id = await acceptedThenCrashed(c.conversationId, 'demo-schmidt', 'hilfe', 'crash-2');
      const post = () => fetch(`${server.url}/v3/directline/conversations/${c.conversationId}/activities`, {
        method: 'POST', headers: { ...json, authorization: `Bearer ${c.token}` },
        body: JSON.stringify({ type: 'message', from: { id: 'demo-schmidt' }, text: 'hilfe', channelData: { clientActivityID: 'crash-2' } }),
      });
      const [a, b] = await Promise.all([post(), post()]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect((await a.json()).id).toBe(id);
      const replies = await repliesTo(server, c, id);
      expect(replies.length).toBeGreaterThan(0);
      expect((await post()).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await repliesTo(server, c, id, 0)).toHaveLength(replies.length);
      expect(await settledState(c.conversationId, id)).toBe('sent');
    } finally {
      await server.close();
    }
  });
});
