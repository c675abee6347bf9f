import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small round-robin HTTP proxy on loopback, standing in for the load balancer in front of several instances:
 * each request goes to the next backend in turn, body and answer streamed through unchanged.
 */
export class RoundRobinProxy {
  private readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  private next = 0;
  backends: string[] = [];
  readonly served = new Map<string, number>();
  url = '';

  constructor() {
    this.server = http.createServer((req, res) => {
      const backend = this.backends[this.next++ % this.backends.length];
      this.served.set(backend, (this.served.get(backend) ?? 0) + 1);
      const target = new URL(req.url ?? '/', backend);
      const upstream = http.request(target, { method: req.method, headers: req.headers, agent: this.agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    });
    this.server.keepAliveTimeout = 60_000;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
