import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knex from 'knex';
import { createTestDatabase, databaseKinds } from '../support/databases';
import { startTestServer } from '../support/server';

const run = promisify(execFile);

function hasPgTools(): boolean {
  try {
    execFileSync('pg_dump', ['--version'], { stdio: 'ignore' });
    execFileSync('pg_restore', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = databaseKinds().includes('postgres') && hasPgTools();
if (!available) console.warn('[skip] PostgreSQL or pg_dump/pg_restore not available: the PostgreSQL backup test is skipped.');

/** The README's PostgreSQL backup: pg_dump while the bot takes orders, pg_restore into an empty database. */
(available ? describe : describe.skip)('backup of PostgreSQL with pg_dump [postgres]', () => {
  it('dumps under load and restores to a database where every order is whole', async () => {
    const database = await createTestDatabase('postgres');
    const url = process.env.TEST_POSTGRES_URL!;
    const schema = database.options!.schema!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auftragsbot-pgdump-'));
    const restoreDb = `restore_${schema}`;
    const server = await startTestServer(database, { env: { RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_KEY_PER_MINUTE: '100000' } });
    const admin = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
    let placed = 0;
    let stop = false;
    const load = async () => {
      while (!stop) {
        const res = await fetch(`${server.url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer demo-staff-key' },
          body: JSON.stringify({ customerNumber: '10001', lines: [{ sku: 'PAPER-A4', quantity: 1 }, { sku: 'TONER-BK', quantity: 1 }], backorder: 'backorder' }),
        });
        if (res.status === 201) placed += 1;
        await res.arrayBuffer();
      }
    };
    try {
      const writers = [load(), load()];
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = placed;
      const dump = path.join(dir, 'auftragsbot.dump');
      await run('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${dump}`, url]);
      stop = true;
      await Promise.all(writers);
      expect(before).toBeGreaterThan(0);

      await admin.raw(`CREATE DATABASE "${restoreDb}"`);
      const restoreUrl = url.replace(/\/[^/]*$/, `/${restoreDb}`);
      await run('pg_restore', ['--no-owner', `--dbname=${restoreUrl}`, dump]);
      const restored = knex({ client: 'pg', connection: restoreUrl, searchPath: [schema], pool: { min: 0, max: 2 } });
      try {
        const orders = await restored('orders').select('id');
        expect(orders.length).toBeGreaterThanOrEqual(before);
        expect(orders.length).toBeLessThanOrEqual(placed);
        const lines = await restored('order_lines').select('order_id');
        for (const { id } of orders) expect(lines.filter((l: any) => l.order_id === id)).toHaveLength(2);
        const migrations = await restored('knex_migrations').pluck('name');
        expect(migrations).toEqual(await database.db('knex_migrations').orderBy('id').pluck('name'));
      } finally {
        await restored.destroy();
      }
    } finally {
      stop = true;
      await server.close();
      await admin.raw(`DROP DATABASE IF EXISTS "${restoreDb}"`).catch(() => undefined);
      await admin.destroy();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
