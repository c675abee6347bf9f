import type { Locale } from '../../domain/locale';
import { chatCommands } from '../../dialogs/texts/commands';

/** Teams app manifest schema this package is written for (the newest numbered one @microsoft/app-manifest ships). */
export const MANIFEST_VERSION = '1.30';
export const schemaUrl = (file: 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json') =>
  `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/${file}`;

export const iconFiles = { color: 'color.png', outline: 'outline.png' } as const;
/** The manifest's own strings are English; these files carry both languages for Teams' localizationInfo. */
export const languageFiles: Record<Locale, string> = { en: 'en.json', de: 'de.json' };

export interface ManifestOptions {
  /** Teams app id (a GUID); the bot's app id unless TEAMS_APP_ID says otherwise. */
  appId: string;
  /** MicrosoftAppId of the Azure Bot. */
  botId: string;
  /** Public host name of the bot (no scheme, no path), e.g. bot.example.com. */
  host: string;
  /** Semantic version of the package; Teams wants a higher one for every update. */
  version: string;
}

export type Manifest = Record<string, unknown>;
export type LanguageFile = Record<string, string>;

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hostName = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?:\.(?!-)[a-z0-9-]{1,63})+$/i;
const semver = /^\d+\.\d+\.\d+$/;

/** What is wrong with the options, in words an operator can act on; empty when they are fine. */
export function checkManifestOptions(options: ManifestOptions): string[] {
  const problems: string[] = [];
  if (!guid.test(options.botId)) problems.push('MicrosoftAppId must be the GUID of the Azure Bot app registration');
  if (options.appId !== options.botId && !guid.test(options.appId)) problems.push('TEAMS_APP_ID must be a GUID');
  if (!hostName.test(options.host)) problems.push('PUBLIC_HOST must be a public host name such as bot.example.com (no https://, no path)');
  if (!semver.test(options.version)) problems.push('the package version must look like 1.2.3');
  return problems;
}

const texts = {
  nameShort: { de: 'Auftragsbot', en: 'Auftragsbot' },
  nameFull: { de: 'Auftragsbot – Bestellungen im Chat', en: 'Auftragsbot – orders in chat' },
  descriptionShort: { de: 'Bestellen, Termine buchen und Aufträge verfolgen im Chat', en: 'Order goods, book services and track orders in chat' },
  descriptionFull: {
    de: 'Der Auftragsbot nimmt Bestellungen und Terminbuchungen in freiem Text oder über Karten entgegen, prüft Bestand, Kapazität und Kreditrahmen, bestätigt Aufträge und meldet sich, wenn ein Auftrag bestätigt, angehalten, versendet oder geliefert ist. Der Vertrieb sieht offene Aufträge und schaltet sie weiter.',
    en: 'Auftragsbot takes orders and service bookings in free text or from cards, checks stock, capacity and credit, confirms orders and tells you when an order is confirmed, held, shipped or delivered. Sales staff see open orders and move them on.',
  },
} as const;

/** Scopes the bot talks in; each gets its own command list (Teams wants one list per scope). */
const commandScopes = [
  { scope: 'personal', audiences: ['everyone', 'staff'] },
  { scope: 'groupChat', audiences: ['everyone', 'staff'] },
  { scope: 'team', audiences: ['staff'] },
] as const;

function commandLists(locale: Locale) {
  return commandScopes.map(({ scope, audiences }) => ({
    scopes: [scope],
    commands: chatCommands
      .filter((c) => (audiences as readonly string[]).includes(c.audience) || (scope === 'team' && c.intent === 'help'))
      .map((c) => ({ title: c.title[locale], description: c.description[locale] })),
  }));
}

/** The strings of one language, keyed as Teams' localization files want them. */
export function languageFile(locale: Locale): LanguageFile {
  const file: LanguageFile = {
    $schema: schemaUrl('MicrosoftTeams.Localization.schema.json'),
    'name.short': texts.nameShort[locale],
    'name.full': texts.nameFull[locale],
    'description.short': texts.descriptionShort[locale],
    'description.full': texts.descriptionFull[locale],
  };
  commandLists(locale).forEach((list, l) =>
    list.commands.forEach((command, c) => {
      file[`bots[0].commandLists[${l}].commands[${c}].title`] = command.title;
      file[`bots[0].commandLists[${l}].commands[${c}].description`] = command.description;
    }),
  );
  return file;
}

/** The Teams app manifest for our bot: personal, group chat and team scopes, English strings with a German file. */
export function buildManifest(options: ManifestOptions): Manifest {
  const website = `https://${options.host}/`;
  return {
    $schema: schemaUrl('MicrosoftTeams.schema.json'),
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId,
    localizationInfo: {
      defaultLanguageTag: 'en',
      defaultLanguageFile: languageFiles.en,
      additionalLanguages: [{ languageTag: 'de', file: languageFiles.de }],
    },
    developer: { name: 'Bürowerk GmbH', websiteUrl: website, privacyUrl: website, termsOfUseUrl: website },
    name: { short: texts.nameShort.en, full: texts.nameFull.en },
    description: { short: texts.descriptionShort.en, full: texts.descriptionFull.en },
    icons: { color: iconFiles.color, outline: iconFiles.outline },
    accentColor: '#1F6F5C',
    bots: [
      {
        botId: options.botId,
        scopes: commandScopes.map((s) => s.scope),
        supportsFiles: true, // accounting sends bank statements (camt.053) as files in a personal chat
        isNotificationOnly: false,
        commandLists: commandLists('en'),
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [options.host],
    defaultInstallScope: 'personal',
  };
}
