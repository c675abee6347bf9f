import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { MANIFEST_VERSION } from './manifest';

export type SchemaFile = 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json';

// @microsoft/app-manifest keeps Microsoft's published schemas under build/json-schemas/teams/v<version>/.
const schemaDir = path.resolve(
  path.dirname(require.resolve('@microsoft/app-manifest')),
  'json-schemas',
  'teams',
  `v${MANIFEST_VERSION}`,
);

/** Microsoft's schema file as published; its patterns use "\a", which JavaScript regexes reject (as the package itself fixes). */
export function loadSchema(file: SchemaFile): object {
  const raw = fs.readFileSync(path.join(schemaDir, file), 'utf8');
  return JSON.parse(raw.replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
}

/** Errors of a manifest or language file against the published schema, one line each; empty when valid. */
export function validateAgainstSchema(file: SchemaFile, document: unknown): string[] {
  // The schemas are draft-04, use keywords ajv's strict mode does not know, and write patterns (a lone "]") that
  // only non-unicode regexes accept, as Teams' own validator reads them.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(loadSchema(file));
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
