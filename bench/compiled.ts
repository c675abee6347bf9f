import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
let built = false;

/**
 * The bench's server processes (bot and echo alike) run as compiled JavaScript, as the bot runs in production
 * (`npm start`): under tsx each would also hold the TypeScript compiler's work in memory, which the RSS figures would
 * count. Builds once per bench run (`npm run build`, into dist/), so the figures are always of the current sources.
 * BENCH_TSX=1 runs them from the sources under tsx instead (no build; for a quick look while editing).
 */
export function serverEntry(): { file: string; execArgv: string[] } {
  if (process.env.BENCH_TSX === '1') return { file: path.join(__dirname, 'server.ts'), execArgv: ['--import', 'tsx'] };
  if (!built) {
    console.error('[bench] npm run build (the servers run from dist/)');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    built = true;
  }
  return { file: path.join(root, 'dist', 'bench', 'server.js'), execArgv: [] };
}
