import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/** bench/camt053.ts stays a standalone script; the table runs it in its own process and reads its summary line. */
export async function benchCamt053(): Promise<{ totalMs: number; readMs: number; cpuMs: number; text: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(__dirname, 'camt053.ts')], {
    env: { ...process.env, BENCH_STRICT: '0' },
    maxBuffer: 1 << 20,
  });
  const total = /total\s+median (\d+) ms.*CPU (\d+) ms/.exec(stdout);
  const read = /read\s+median (\d+) ms/.exec(stdout);
  if (!total || !read) throw new Error(`bench/camt053.ts printed no summary:\n${stdout}`);
  return { totalMs: Number(total[1]), cpuMs: Number(total[2]), readMs: Number(read[1]), text: stdout.split('\n')[0] };
}
