import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a bot sent back to one activity. */
export interface Reply {
  type: string;
  text?: string;
  attachments?: { contentType: string; content?: any }[];
}

/**
 * The Bot Connector the servers under test reply to: a bare node:http server on loopback that accepts
 * "send to conversation" and "reply to activity" and files each message under the activity it answers. Bot and echo
 * bot reply to the same one, so the connector's cost is the same on both sides of a ratio.
 */
export class LoopbackConnector {
  private readonly server: http.Server;
  private readonly replies = new Map<string, Reply[]>();
  private next = 0;
  /** Every activity received, for exactly-once checks. */
  readonly received: { conversationId: string; replyToId?: string; activity: any }[] = [];
  keepAll = false;
  url = '';

  constructor() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        if (req.method !== 'POST' || !m) {
          res.writeHead(404);
          res.end();
          return;
        }
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        const replyToId = activity.replyToId ?? (m[2] ? decodeURIComponent(m[2]) : undefined);
        const conversationId = decodeURIComponent(m[1]);
        if (this.keepAll) this.received.push({ conversationId, replyToId, activity });
        if (replyToId && activity.type === 'message') {
          const list = this.replies.get(replyToId) ?? [];
          list.push({ type: activity.type, text: activity.text, attachments: activity.attachments });
          this.replies.set(replyToId, list);
        }
        // Not chained: restify, loaded in the same process by other benches, patches writeHead to return nothing.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `c${++this.next}` }));
      });
    });
    this.server.keepAliveTimeout = 60_000;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** The messages sent in answer to activityId, forgotten once taken so that memory stays flat in long runs. */
  take(activityId: string): Reply[] {
    const list = this.replies.get(activityId) ?? [];
    this.replies.delete(activityId);
    return list;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
