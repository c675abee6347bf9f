import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the bot sent to the stand-in: new activities (POST, with the reply id of the path) and updates (PUT). */
export interface SentActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** The id in the path: the replied-to activity (POST) or the updated one (PUT). */
  pathActivityId?: string;
  id: string;
  activity: Record<string, any>;
}

export interface TeamsMember {
  id: string;
  aadObjectId: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
}

/**
 * A Bot Connector on loopback that answers the way Teams does: activities (POST, PUT), the conversation's members
 * (GET /v3/conversations/{id}/members/{userId}, 404 for anyone else), and, when told, 429 with Retry-After or 503.
 */
export async function startTeamsConnector() {
  const sent: SentActivity[] = [];
  const members = new Map<string, TeamsMember>();
  const failures: Array<{ status: 429 | 503; retryAfter?: string }> = [];
  const refused: Array<{ status: number; conversationId: string }> = [];
  let counter = 0;
  const reply = (res: http.ServerResponse, status: number, headers?: Record<string, string> | string, body?: string) => {
    if (typeof headers === 'string') [body, headers] = [headers, undefined];
    res.writeHead(status, headers ?? {});
    res.end(body ?? '');
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = req.url ?? '';
      const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)/.exec(url);
      if (req.method === 'GET' && member) {
        const m = members.get(decodeURIComponent(member[2]));
        if (!m) {
          reply(res, 404, { 'content-type': 'application/json' }, JSON.stringify({ error: { code: 'MemberNotFoundInConversation', message: 'Member not found' } }));
          return;
        }
        reply(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ ...m, givenName: m.name, surname: '', tenantId: 'tenant-1', userRole: 'user' }));
        return;
      }
      const act = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(url);
      if (act && (req.method === 'POST' || req.method === 'PUT')) {
        const failure = req.method === 'POST' ? failures.shift() : undefined;
        if (failure) {
          refused.push({ status: failure.status, conversationId: decodeURIComponent(act[1]) });
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (failure.retryAfter) headers['retry-after'] = failure.retryAfter;
          reply(res, failure.status, headers, JSON.stringify({ error: { code: failure.status === 429 ? 'Throttled' : 'ServiceUnavailable', message: 'try later' } }));
          return;
        }
        const activity = JSON.parse(body || '{}');
        const id = req.method === 'PUT' ? decodeURIComponent(act[2]) : `teams-act-${++counter}`;
        sent.push({ method: req.method, conversationId: decodeURIComponent(act[1]), pathActivityId: act[2] && decodeURIComponent(act[2]), id, activity });
        reply(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ id }));
        return;
      }
      reply(res, 404, );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    sent,
    /** POSTs answered with a failure. */
    refused,
    members,
    /** The next POSTs answer these, in order. */
    failNext: (...f: Array<{ status: 429 | 503; retryAfter?: string }>) => failures.push(...f),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type TeamsConnector = Awaited<ReturnType<typeof startTeamsConnector>>;

let seq = 0;

/** A Teams activity as Teams posts it: tenant, aadObjectId, conversation type, and the bot's @mention in shared chats. */
export function teamsActivity(opts: {
  serviceUrl: string;
  conversationId: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  user: { id: string; aadObjectId: string; name: string };
  text?: string;
  value?: Record<string, unknown>;
  replyToId?: string;
  type?: string;
  name?: string;
  action?: string;
  mentionBot?: boolean;
  extraMentions?: Array<{ id: string; name: string }>;
  locale?: string;
}): Record<string, unknown> {
  const bot = { id: '28:auftragsbot', name: 'Auftragsbot' };
  const entities: any[] = [];
  let text = opts.text;
  if (text !== undefined && opts.mentionBot) {
    text = `<at>Auftragsbot</at> ${text}`;
    entities.push({ type: 'mention', text: '<at>Auftragsbot</at>', mentioned: bot });
  }
  for (const m of opts.extraMentions ?? []) entities.push({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: m });
  return {
    type: opts.type ?? 'message',
    name: opts.name,
    action: opts.action,
    id: `teams-in-${Date.now()}-${++seq}`,
    channelId: 'msteams',
    serviceUrl: opts.serviceUrl,
    conversation: { id: opts.conversationId, conversationType: opts.conversationType, tenantId: 'tenant-1', isGroup: opts.conversationType !== 'personal' || undefined },
    from: opts.user,
    recipient: bot,
    text,
    value: opts.value,
    replyToId: opts.replyToId,
    entities,
    channelData: { tenant: { id: 'tenant-1' } },
    locale: opts.locale ?? 'de-DE',
    timestamp: new Date().toISOString(),
  };
}

/** Every card button's data in an activity the bot sent. */
export function buttonsIn(activity: Record<string, any>): Array<Record<string, any>> {
  const found: Array<Record<string, any>> = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if ((n.type === 'Action.Submit' || n.type === 'Action.Execute') && n.data) found.push(n.data);
    Object.values(n).forEach(walk);
  };
  walk(activity.attachments ?? []);
  return found;
}

export function textOf(activity: Record<string, any>): string {
  return `${activity.text ?? ''} ${JSON.stringify(activity.attachments ?? [])}`;
}
