import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { buildAppPackage } from '../../bot/teams/appPackage';
import { buildManifest, languageFile, MANIFEST_VERSION } from '../../bot/teams/manifest';
import { validateAgainstSchema } from '../../bot/teams/manifestSchema';
import { chatCommands } from '../../dialogs/texts/commands';

const options = {
  appId: '6f0c2d1e-4b7a-4c55-9a1e-2f3b4c5d6e7f',
  botId: '0d7c3a44-91be-4f6e-8a77-5b2c1d0e9f88',
  host: 'auftragsbot.example.com',
  version: '0.1.0',
};

async function unpack(): Promise<JSZip> {
  const result = await buildAppPackage(options);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return JSZip.loadAsync(result.zip);
}

async function json(zip: JSZip, name: string): Promise<Record<string, any>> {
  return JSON.parse(await zip.file(name)!.async('string'));
}

async function png(zip: JSZip, name: string): Promise<PNG> {
  return PNG.sync.read(await zip.file(name)!.async('nodebuffer'));
}

describe('Teams app package', () => {
  it('holds manifest, icons and a language file per language at the top level', async () => {
    const zip = await unpack();
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'de.json', 'en.json', 'manifest.json', 'outline.png']);
  });

  it("has a manifest that Microsoft's published schema accepts, with bot id, domain, scopes and languages", async () => {
    const manifest = await json(await unpack(), 'manifest.json');
    expect(validateAgainstSchema('MicrosoftTeams.schema.json', manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toContain(`/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    expect(manifest.id).toBe(options.appId);
    expect(manifest.bots[0].botId).toBe(options.botId);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'groupChat', 'team']);
    expect(manifest.validDomains).toEqual([options.host]);
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en',
      defaultLanguageFile: 'en.json',
      additionalLanguages: [{ languageTag: 'de', file: 'de.json' }],
    });
  });

  it('lists the help commands in English and German, and every language file passes the localization schema', async () => {
    const zip = await unpack();
    const manifest = await json(zip, 'manifest.json');
    const [en, de] = [await json(zip, 'en.json'), await json(zip, 'de.json')];
    for (const file of [en, de]) expect(validateAgainstSchema('MicrosoftTeams.Localization.schema.json', file)).toEqual([]);

    const personal = manifest.bots[0].commandLists.findIndex((l: { scopes: string[] }) => l.scopes.includes('personal'));
    const titles = (file: Record<string, string>) =>
      Object.keys(file).filter((k) => k.startsWith(`bots[0].commandLists[${personal}].`) && k.endsWith('.title')).map((k) => file[k]);
    expect(titles(en)).toEqual(chatCommands.map((c) => c.title.en));
    expect(titles(de)).toEqual(chatCommands.map((c) => c.title.de));
    expect(de['description.short']).toMatch(/Bestellen/);
    // Every command Teams shows must be one the localization file translates.
    manifest.bots[0].commandLists.forEach((list: { commands: unknown[] }, l: number) =>
      list.commands.forEach((_c, c) => expect(de[`bots[0].commandLists[${l}].commands[${c}].title`]).toBeTruthy()),
    );
    // Teams cuts command titles at 32 characters in the manifest itself.
    for (const c of chatCommands) expect(Math.max(c.title.de.length, c.title.en.length)).toBeLessThanOrEqual(32);
  });

  it('has a 192×192 colour icon with an opaque background and a 32×32 white outline on transparency', async () => {
    const zip = await unpack();
    const color = await png(zip, 'color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
    const alpha = (image: PNG, x: number, y: number) => image.data[(y * image.width + x) * 4 + 3];
    expect(alpha(color, 0, 0)).toBe(255);
    expect(alpha(color, 96, 96)).toBe(255);
    // More than one colour: a symbol on a background, not a blank square.
    const colours = new Set<string>();
    for (let i = 0; i < color.data.length; i += 4) colours.add(color.data.subarray(i, i + 3).join(','));
    expect(colours.size).toBeGreaterThan(10);

    const outline = await png(zip, 'outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    let visible = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) transparent += 1;
      else {
        visible += 1;
        // Teams wants the outline white only; anti-aliased edges differ in alpha, never in colour.
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(alpha(outline, 0, 0)).toBe(0);
    expect(transparent).toBeGreaterThan(visible);
    expect(visible).toBeGreaterThan(50);
  });

  it('refuses options Teams would reject, saying what is wrong', async () => {
    const result = await buildAppPackage({ ...options, botId: '', appId: 'nope', host: 'https://bot.example.com/' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(/MicrosoftAppId/);
    expect(result.problems.join('\n')).toMatch(/TEAMS_APP_ID/);
    expect(result.problems.join('\n')).toMatch(/PUBLIC_HOST/);
  });

  it('the schema check is real: it catches a broken manifest and a misspelt localization key', () => {
    const manifest = buildManifest(options);
    expect(validateAgainstSchema('MicrosoftTeams.schema.json', { ...manifest, accentColor: 'green' })).not.toEqual([]);
    expect(validateAgainstSchema('MicrosoftTeams.schema.json', { ...manifest, bots: [{ botId: options.botId }] })).not.toEqual([]);
    expect(validateAgainstSchema('MicrosoftTeams.Localization.schema.json', { ...languageFile('de'), 'bot[0].title': 'x' })).not.toEqual([]);
  });
});
