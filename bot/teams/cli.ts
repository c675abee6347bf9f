// npm run teams:package [-- --out <file>]: writes the Teams app package for the configured bot.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { buildAppPackage } from './appPackage';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/teams/auftragsbot.zip' } } });
  const config = loadConfig();
  // package.json's version is the app's version: Teams asks for a higher one on every update.
  const { version } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  const result = await buildAppPackage({
    botId: config.microsoftAppId,
    appId: config.teamsAppId || config.microsoftAppId,
    host: config.publicHost ?? '',
    version,
  });
  if (!result.ok) {
    console.error(`No Teams app package written:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  const out = path.resolve(values.out!);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, result.zip);
  console.log(`Teams app package written to ${out} (upload it in Teams: Apps → Manage your apps → Upload an app).`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
