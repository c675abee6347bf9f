import fs from 'node:fs';
import knex from 'knex';
import { hasTool, validatorPath } from '../documents/tools';

/**
 * Decides once per run which optional real parts are there: PostgreSQL, Chromium, poppler and the official e-invoice
 * checks in shared/. CI sets REQUIRE_POSTGRES=1, REQUIRE_BROWSER=1 and REQUIRE_DOCUMENT_TOOLS=1 so that nothing is
 * skipped silently there.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const db = knex({ client: 'pg', connection: { connectionString: url, connectionTimeoutMillis: 2000 }, pool: { min: 0, max: 1 } });
  try {
    await db.raw('select 1');
    process.env.TEST_POSTGRES_URL = url;
  } catch (err) {
    if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`PostgreSQL is required but not reachable at ${url}: ${err}`);
    process.env.TEST_POSTGRES_URL = '';
    console.warn(`\n[skip] PostgreSQL not reachable at ${url}: the PostgreSQL variants of the tests are skipped.`);
  } finally {
    await db.destroy();
  }

  const chromium = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (chromium && fs.existsSync(chromium)) {
    process.env.TEST_CHROMIUM = chromium;
  } else {
    if (process.env.REQUIRE_BROWSER === '1') throw new Error('Chromium is required but not installed (apt-get install chromium)');
    process.env.TEST_CHROMIUM = '';
    console.warn('\n[skip] Chromium not found: the browser test is skipped.');
  }

  if (process.env.REQUIRE_DOCUMENT_TOOLS === '1') {
    const missing = ['pdftotext', 'pdftoppm', 'pdffonts', 'pdfdetach'].filter((tool) => !hasTool(tool));
    if (missing.length) throw new Error(`poppler-utils are required but missing (${missing.join(', ')}): apt-get install poppler-utils`);
    if (!validatorPath()) throw new Error('the official e-invoice checks are required but shared/einvoice/validate-cii was not found next to the repository');
  }
}
