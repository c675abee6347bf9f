import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../bot/config';
import { createApp } from '../bot/server';
import { BenchDatabase } from './databases';
import { BenchResult, measure } from './stats';

const USER = 'demo-mueller';
/** How often the bench asks for new activities: short, so that the figure is the bot's time and not the client's. */
const POLL_MS = 2;
const REPLY_TIMEOUT_MS = 10_000;

/**
 * The real host on a free loopback port, talked to as Web Chat does over the local Direct Line channel, with plain
 * fetch instead of botframework-directlinejs, whose polling interval (200 ms at least) would dominate the figure.
 */
export async function benchChat(place: BenchDatabase): Promise<BenchResult> {
  // Demo mode (no app credentials) serves the local Direct Line channel; the bench's own database replaces DATA_DIR.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
  const app = await createApp({ ...config, db: place.options });
  try {
    const base = await app.listen(0);
    const call = async (method: string, path: string, token: string | null, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as any;
    };

    const { token: userToken } = await call('POST', '/api/demo/token', null, { user: USER, locale: 'de-DE' });
    const { conversationId, token } = await call('POST', '/v3/directline/conversations', userToken, {});
    const activities = `/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`;
    let watermark = '';

    const replyTo = async (activityId: string) => {
      const deadline = Date.now() + REPLY_TIMEOUT_MS;
      for (;;) {
        const page = await call('GET', `${activities}?watermark=${watermark}`, token);
        watermark = page.watermark;
        const reply = page.activities.find((a: any) => a.type === 'message' && a.from?.id !== USER && a.replyToId === activityId);
        if (reply) return reply;
        if (Date.now() > deadline) throw new Error(`no reply to "${activityId}" within ${REPLY_TIMEOUT_MS} ms`);
        await sleep(POLL_MS);
      }
    };

    return await measure(`chat "hallo"/"help" round trip [${place.kind}]`, 300, { warmup: 3, runs: 60, maxMs: 6000 }, async (i) => {
      const { id } = await call('POST', activities, token, {
        type: 'message',
        from: { id: USER },
        text: i % 2 ? 'help' : 'hallo',
        locale: 'de-DE',
        channelData: { clientActivityID: crypto.randomUUID() },
      });
      await replyTo(id);
    });
  } finally {
    await app.close();
  }
}
