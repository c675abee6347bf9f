import type { Locale, Localized } from '../domain/locale';

/** A text table: every key in German and English; `{name}` placeholders are filled from params. */
export type TextTable = Record<string, Localized>;
export type TextParams = Record<string, string | number>;
export type Texts<K extends string> = (locale: Locale, key: K, params?: TextParams) => string;

const tables = new Map<string, TextTable>();

function fill(template: string, params?: TextParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * Registers a table under a namespace (one per file in dialogs/texts/) and returns a translator with typed keys.
 * New conversations add their own table file; nothing here changes.
 */
export function defineTexts<T extends TextTable>(namespace: string, table: T): Texts<keyof T & string> {
  if (tables.has(namespace) && tables.get(namespace) !== table) throw new Error(`Text namespace "${namespace}" is defined twice`);
  tables.set(namespace, table);
  return (locale, key, params) => fill(table[key][locale], params);
}

/** Looks a text up by "namespace.key" (for keys that travel as data); the table's module must have been imported. */
export function t(locale: Locale, key: string, params?: TextParams): string {
  const dot = key.indexOf('.');
  const entry = tables.get(key.slice(0, dot))?.[key.slice(dot + 1)];
  if (!entry) throw new Error(`Unknown text "${key}"`);
  return fill(entry[locale], params);
}
