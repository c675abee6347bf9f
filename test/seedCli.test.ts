import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../data/db';

const run = promisify(execFile);

describe('npm run seed', () => {
  it('creates, migrates and fills the configured SQLite database, and is safe to run again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auftragsbot-seed-'));
    try {
      const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' };
      const first = await run('npx', ['tsx', 'data/seedCli.ts'], { env, cwd: path.resolve(__dirname, '..') });
      expect(first.stdout).toContain('demo data in place: 11 products, 8 people');
      const again = await run('npx', ['tsx', 'data/seedCli.ts'], { env, cwd: path.resolve(__dirname, '..') });
      expect(again.stdout).toContain('demo data in place: 11 products, 8 people');
      const db = openDatabase({ dataDir: dir });
      expect((await db('customers').pluck('name')).sort()).toEqual(['Anna Schmidt', 'Café Sonnenschein', 'Müller Bau GmbH']);
      await db.destroy();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
