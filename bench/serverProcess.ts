import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DbOptions } from '../data/db';
import { serverEntry } from './compiled';
import type { ServerUsage } from './server';

export type ServerKind = 'bot' | 'echo';

/**
 * The V8 flags `npm start` runs the bot with (package.json), so the bench measures the bot as it runs in production;
 * the echo floor gets the same. BENCH_NODE_FLAGS adds more, for trying one out.
 */
function productionFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  const flags = String(pkg.scripts.start).split(/\s+/).filter((word) => word.startsWith('--'));
  return [...flags, ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];
}

/** A server under test in a child process of its own (bench/server.ts), and its CPU and memory as it reports them. */
export class ServerProcess {
  private constructor(
    readonly kind: ServerKind,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(kind: ServerKind, db: DbOptions = {}, env: Record<string, string> = {}, execArgv: string[] = []): Promise<ServerProcess> {
    const entry = serverEntry();
    const child = fork(entry.file, [], {
      execArgv: [...entry.execArgv, '--expose-gc', '--no-deprecation', ...productionFlags(), ...execArgv],
      // Two malloc arenas, as README recommends for production on glibc: without it the GC's helper threads
      // each keep an arena of freed memory, some 60 MB more RSS after 10,000 conversations. Bot and echo alike.
      env: { MALLOC_ARENA_MAX: '2', ...process.env, ...env, BENCH_SERVER: kind, BENCH_DB: JSON.stringify(db) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code} before it was ready`)));
      child.once('message', (msg: any) => (msg?.ready ? resolve(msg.url) : reject(new Error(`unexpected message ${JSON.stringify(msg)}`))));
    });
    child.removeAllListeners('exit');
    return new ServerProcess(kind, url, child);
  }

  private ask<T>(cmd: string, key: string): Promise<T> {
    return new Promise((resolve) => {
      const onMessage = (msg: any) => {
        if (msg && key in msg) {
          this.child.off('message', onMessage);
          resolve(msg[key]);
        }
      };
      this.child.on('message', onMessage);
      this.child.send({ cmd });
    });
  }

  usage(): Promise<ServerUsage> {
    return this.ask('usage', 'usage');
  }

  /** A full garbage collection in the server, so that an RSS reading is what is live and not what is not yet swept. */
  gc(): Promise<void> {
    return this.ask<boolean>('gc', 'gc').then(() => undefined);
  }

  /** Starts the V8 sampling profiler in the server; profileStop() returns the .cpuprofile object. */
  async profileStart(): Promise<void> {
    await this.ask<boolean>('profile-start', 'profiling');
  }

  profileStop(): Promise<unknown> {
    return this.ask('profile-stop', 'profile');
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ cmd: 'close' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
