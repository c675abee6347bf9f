import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

describe('understand CLI', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nlu-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints one JSON object per message, and an error object for a bad line', async () => {
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    const one = await run('npx', ['tsx', 'dialogs/understanding/cli.ts', '--locale', 'de-DE', '10 Pakete Kopierpapier und zwei schwarze Toner'], { cwd: root, env });
    expect(JSON.parse(one.stdout)).toMatchObject({
      intent: 'order',
      items: [{ sku: 'PAPER-A4', quantity: 10 }, { sku: 'TONER-BK', quantity: 2 }],
      service: null,
      order: null,
    });

    const child = execFile('npx', ['tsx', 'dialogs/understanding/cli.ts', '--jsonl'], { cwd: root, env });
    const out: string[] = [];
    child.stdout!.on('data', (d) => out.push(String(d)));
    child.stdin!.end('{"locale":"en-US","text":"cancel order 1006"}\nnot json\n{"locale":"de","text":"Hallo"}\n');
    await new Promise((resolve) => child.on('close', resolve));
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ intent: 'cancel_order', order: '1006' });
    expect(lines[1]).toHaveProperty('error');
    expect(lines[2]).toMatchObject({ intent: 'greeting' });
  });
});
