import readline from 'node:readline';
import { toLocale } from '../../domain/locale';
import { loadCatalog } from './catalogSource';
import { understand } from './index';

/**
 * npm run --silent understand -- --locale de-DE "text"   → one JSON object
 * npm run --silent understand -- --jsonl < lines          → one JSON object per {"locale","text"} line
 * Only JSON goes to stdout; a bad line gets {"error": …} and the run goes on.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const localeAt = args.indexOf('--locale');
  const locale = toLocale(localeAt >= 0 ? args[localeAt + 1] : undefined);
  const jsonl = args.includes('--jsonl');
  const text = args.filter((a, i) => !a.startsWith('--') && !(localeAt >= 0 && i === localeAt + 1)).join(' ');
  const { catalog, customers } = await loadCatalog();

  if (!jsonl) {
    if (!text.trim()) {
      process.stdout.write(JSON.stringify({ error: 'usage: understand --locale de-DE "text" | --jsonl' }) + '\n');
      process.exitCode = 2;
      return;
    }
    process.stdout.write(JSON.stringify(understand(text, { locale, catalog, customers })) + '\n');
    return;
  }
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let out: unknown;
    try {
      const input = JSON.parse(line);
      if (typeof input?.text !== 'string') throw new Error('each line needs a "text" string');
      out = understand(input.text, { locale: toLocale(input.locale ?? locale), catalog, customers });
    } catch (err) {
      out = { error: err instanceof Error ? err.message : String(err), line };
    }
    process.stdout.write(JSON.stringify(out) + '\n');
  }
}

main().catch((err) => {
  console.error(err);
  process.stdout.write(JSON.stringify({ error: 'internal error' }) + '\n');
  process.exitCode = 1;
});
