import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  conversationId: string;
  /** 0: the call was left hanging (state.hangOnce). */
  status: number;
  activity: Record<string, any>;
}

/**
 * A Bot Connector service on loopback, as the Emulator plays it: it takes the bot's
 * POST /v3/conversations/{id}/activities, records every call, and answers 500 while `failuresLeft` > 0.
 * The first call into the conversation named by `hangOnce` is never answered (a channel that stalls).
 */
export async function startRecordingConnector() {
  const calls: RecordedCall[] = [];
  const state: { failuresLeft: number; hangOnce: string | null } = { failuresLeft: 0, hangOnce: null };
  const hanging: http.ServerResponse[] = [];
  let counter = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404).end();
        return;
      }
      const conversationId = decodeURIComponent(match[1]);
      if (state.hangOnce === conversationId) {
        state.hangOnce = null;
        calls.push({ conversationId, status: 0, activity: JSON.parse(body || '{}') });
        hanging.push(res);
        return;
      }
      const failing = state.failuresLeft > 0;
      if (failing) state.failuresLeft -= 1;
      const status = failing ? 500 : 200;
      calls.push({ conversationId, status, activity: JSON.parse(body || '{}') });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(failing ? { error: { code: 'ServiceError', message: 'try again' } } : { id: `sent-${++counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    calls,
    state,
    /** Successful deliveries into one conversation. */
    delivered: (conversationId: string) => calls.filter((c) => c.conversationId === conversationId && c.status === 200).map((c) => c.activity),
    close: () =>
      new Promise<void>((resolve) => {
        // A stalled call does arrive in the end, long after its sender stopped waiting.
        // Its sender may have given up and closed the connection already; then there is nobody left to answer.
        for (const res of hanging.splice(0)) {
          if (res.destroyed || res.writableEnded) continue;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: 'late' }));
        }
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
