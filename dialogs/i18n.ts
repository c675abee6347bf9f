import type { Locale, Localized } from '../domain/locale';

/** A text table: every key in German and English; `{name}` placeholders are filled from params. */
export type TextTable = Record<string, Localized>;
export type TextParams = Record<string, string | number>;
export type Texts<K extends string> = (locale: Locale, key: K, params?: TextParams) => string;

function fill(template: string, params?: TextParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A translator with typed keys over one table (one file per conversation in dialogs/texts/): a key missing in a
 * language or misspelt at a call site is a type error, not a blank message.
 */
export function defineTexts<T extends TextTable>(_namespace: string, table: T): Texts<keyof T & string> {
  return (locale, key, params) => fill(table[key][locale], params);
}
