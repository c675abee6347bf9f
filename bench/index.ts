import os from 'node:os';
import { benchChat } from './chat';
import { benchDatabaseKinds, freshDatabase } from './databases';
import { benchPlaceOrder } from './placeOrder';
import { BenchResult, formatTable, passed } from './stats';
import { benchUnderstand } from './understand';

/**
 * `npm run bench`: the performance goals, measured against real parts. A missed goal is reported, not fatal,
 * unless BENCH_STRICT=1; errors always fail.
 */
async function main(): Promise<number> {
  const results: BenchResult[] = [await benchUnderstand()];
  for (const kind of benchDatabaseKinds()) {
    // One fresh database per benchmark, so that one's rows do not slow the other.
    for (const bench of [benchPlaceOrder, benchChat]) {
      const place = await freshDatabase(kind);
      try {
        results.push(await bench(place));
      } finally {
        await place.drop();
      }
    }
  }
  console.log(formatTable(results));
  // Latency figures mean little on a busy machine; say how busy it was.
  console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs, node ${process.version}`);
  const missed = results.filter((r) => !passed(r));
  if (missed.length && process.env.BENCH_STRICT === '1') {
    console.error(`BENCH_STRICT=1: ${missed.length} goal(s) missed`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('bench failed:', err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
