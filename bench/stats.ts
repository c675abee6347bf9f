import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  runs: number;
  opsPerSec: number;
  p50: number;
  p95: number;
  /** Mean CPU time of this process per call: unlike the latencies, barely moved by other work on the machine. */
  cpuMs: number;
  /** p95 must stay below this many milliseconds. */
  goalMs: number;
}

export interface Budget {
  /** Calls before measuring (JIT, caches, first connections). */
  warmup: number;
  /** Measured calls at most… */
  runs: number;
  /** …and stop early after this many milliseconds, so the whole bench stays bounded on slow machines. */
  maxMs: number;
}

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Calls fn one after another and records each call's latency. Sequential on purpose: the goals are about how long
 * one user waits, so ops/s here is single-caller throughput, not capacity under concurrency.
 */
export async function measure(
  name: string,
  goalMs: number,
  budget: Budget,
  fn: (i: number) => unknown,
): Promise<BenchResult> {
  for (let i = 0; i < budget.warmup; i++) await fn(i);
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  while (samples.length < budget.runs && performance.now() - started < budget.maxMs) {
    const t0 = performance.now();
    await fn(budget.warmup + samples.length);
    samples.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  samples.sort((a, b) => a - b);
  return {
    name,
    runs: samples.length,
    opsPerSec: (samples.length * 1000) / elapsed,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    cpuMs: (cpu.user + cpu.system) / 1000 / samples.length,
    goalMs,
  };
}

export const passed = (r: BenchResult): boolean => r.p95 < r.goalMs;

export function formatTable(results: BenchResult[]): string {
  const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
  const rows = [
    ['benchmark', 'runs', 'ops/s', 'p50', 'p95', 'cpu/op', 'goal p95', 'result'],
    ...results.map((r) => [
      r.name, String(r.runs), r.opsPerSec.toFixed(r.opsPerSec < 100 ? 1 : 0), ms(r.p50), ms(r.p95), ms(r.cpuMs), `< ${r.goalMs} ms`, passed(r) ? 'PASS' : 'MISS',
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  // Names left, figures right, as a reader scans them.
  return rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}
