import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { backupSqlite, integrityProblems } from '../../data/backup';
import { migrate, openDatabase } from '../../data/db';
import { seed } from '../../data/seed';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { startTestServer } from '../support/server';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

/** `npm run backup` while the bot takes orders: the copy is consistent and restores to a working database. */
describe('backup of the embedded SQLite database', () => {
  let dir: string;
  let database: TestDatabase;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auftragsbot-backup-'));
    const options = { dataDir: dir };
    const db = openDatabase(options);
    await migrate(db);
    await seed(db);
    database = { kind: 'sqlite', db, options, close: () => db.destroy() };
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a copy under load that passes the integrity checks and restores with every order whole', async () => {
    const server = await startTestServer(database, { env: { RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_KEY_PER_MINUTE: '100000' } });
    const copy = path.join(dir, 'restore', 'copy.sqlite');
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
      const writers = [load(), load(), load()];
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = placed;
      const out = await run('npx', ['tsx', 'data/backupCli.ts', copy], { env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }, cwd: root });
      await new Promise((resolve) => setTimeout(resolve, 200));
      stop = true;
      await Promise.all(writers);
      expect(out.stdout).toMatch(/backup written: .*copy\.sqlite \(\d+ bytes, integrity ok\)/);
      expect(before).toBeGreaterThan(0);
      expect(placed).toBeGreaterThan(before); // orders kept being taken during the backup

      // Restore = open the copy as the database (DATA_DIR pointing at it) — checked here directly.
      const restored = openDatabase({ sqliteFile: copy });
      try {
        expect(await integrityProblems(restored)).toEqual([]);
        await migrate(restored); // nothing left to do, and nothing fails
        const orders = await restored('orders').select('id', 'number', 'status');
        expect(orders.length).toBeGreaterThanOrEqual(before);
        expect(orders.length).toBeLessThanOrEqual(placed);
        expect(new Set(orders.map((o: any) => o.number)).size).toBe(orders.length);
        for (const order of orders) {
          // One transaction per order: never an order without its lines or its history in the copy.
          expect(await restored('order_lines').where({ order_id: order.id }).count({ n: '*' }).first()).toMatchObject({ n: 2 });
          expect(Number((await restored('order_history').where({ order_id: order.id }).count({ n: '*' }).first())!.n)).toBeGreaterThan(0);
        }
      } finally {
        await restored.destroy();
      }
    } finally {
      stop = true;
      await server.close();
    }
  }, 60_000);

  it('never overwrites a file, and sends PostgreSQL to pg_dump', async () => {
    const existing = path.join(dir, 'exists.sqlite');
    fs.writeFileSync(existing, 'keep me');
    expect(await backupSqlite(database.db, existing)).toMatchObject({ ok: false, reason: 'exists' });
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    if (!databaseKinds().includes('postgres')) return;
    const pg = openDatabase({ databaseUrl: process.env.TEST_POSTGRES_URL });
    try {
      expect(await backupSqlite(pg, path.join(dir, 'pg.sqlite'))).toMatchObject({ ok: false, reason: 'postgres', message: expect.stringContaining('pg_dump') });
    } finally {
      await pg.destroy();
    }
  });
});
