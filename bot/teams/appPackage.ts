import JSZip from 'jszip';
import type { Locale } from '../../domain/locale';
import { renderIcon } from './icons';
import { buildManifest, checkManifestOptions, iconFiles, languageFile, languageFiles, type ManifestOptions } from './manifest';
import { validateAgainstSchema } from './manifestSchema';

export type AppPackageResult = { ok: true; zip: Buffer } | { ok: false; problems: string[] };

/**
 * The sideloadable Teams app package: manifest.json, both icons and a language file per language, all at the
 * zip's top level as Teams requires. Refuses (with the reasons) options or files that Microsoft's schema rejects.
 */
export async function buildAppPackage(options: ManifestOptions): Promise<AppPackageResult> {
  const problems = checkManifestOptions(options);
  if (problems.length) return { ok: false, problems };

  const manifest = buildManifest(options);
  const languages = Object.fromEntries((Object.keys(languageFiles) as Locale[]).map((l) => [l, languageFile(l)]));
  const schemaProblems = [
    ...validateAgainstSchema('MicrosoftTeams.schema.json', manifest).map((p) => `manifest.json: ${p}`),
    ...Object.entries(languages).flatMap(([l, file]) =>
      validateAgainstSchema('MicrosoftTeams.Localization.schema.json', file).map((p) => `${languageFiles[l as Locale]}: ${p}`),
    ),
  ];
  if (schemaProblems.length) return { ok: false, problems: schemaProblems };

  const zip = new JSZip();
  // A fixed date keeps the package byte-for-byte the same for the same input.
  const date = new Date('2000-01-01T00:00:00Z');
  const add = (name: string, content: string | Buffer) => zip.file(name, content, { date });
  add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  add(iconFiles.color, renderIcon('color'));
  add(iconFiles.outline, renderIcon('outline'));
  for (const [l, file] of Object.entries(languages)) add(languageFiles[l as Locale], `${JSON.stringify(file, null, 2)}\n`);
  return { ok: true, zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) };
}
