export type Locale = 'de' | 'en';

/** Maps a BCP-47 tag ("de-DE", "en-US", "de") to one of the two languages we speak; English otherwise. */
export function toLocale(tag: string | null | undefined): Locale {
  return tag && tag.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export type Localized<T = string> = { de: T; en: T };
