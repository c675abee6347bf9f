import type { Product } from '../../domain/catalog';
import type { Locale } from '../../domain/locale';

/**
 * Plurals for the units the catalog uses. Units are data: one missing here reads as itself in German
 * (many German units do not change, "Stück", "Set") and with an "s" in English.
 */
const unitPlurals: Record<Locale, Record<string, string>> = {
  de: { Paket: 'Pakete', Packung: 'Packungen', Set: 'Sets', Stück: 'Stück', Stunde: 'Stunden', Einsatz: 'Einsätze', Karton: 'Kartons', Rolle: 'Rollen' },
  en: { piece: 'pieces', ream: 'reams', bag: 'bags', set: 'sets', hour: 'hours', visit: 'visits', box: 'boxes' },
};

export function unitPlural(unit: string, locale: Locale): string {
  return unitPlurals[locale][unit] ?? (locale === 'en' ? `${unit}s` : unit);
}

/** "1 piece", "5 pieces", "5 Pakete", "1 Stück". */
export function quantityWithUnit(quantity: number, unit: string, locale: Locale): string {
  return `${quantity} ${quantity === 1 ? unit : unitPlural(unit, locale)}`;
}

/** Units that are just a count, so the question names the product itself ("Wie viele Bürostühle …"). */
const COUNT_UNITS = new Set(['Stück', 'piece']);

const fold = (w: string) => w.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/**
 * The product's name in the plural, found among its synonyms: the head noun (German: first word, English: last
 * word before a comma) is replaced by a synonym that extends it ("Bürostuhl" → "bürostühle", "chair" → "chairs").
 * Without such a synonym German keeps the name (many nouns do not change: "Toner") and English adds the regular
 * ending.
 */
export function pluralName(p: Product, locale: Locale): string {
  const name = p.name[locale];
  const [main, ...rest] = name.split(',');
  const words = main.trim().split(/\s+/);
  const headAt = locale === 'de' ? 0 : words.length - 1;
  const head = words[headAt];
  const singular = fold(head);
  const plural = p.synonyms[locale]
    .flatMap((s) => s.split(/\s+/))
    .find((w) => fold(w) !== singular && fold(w).startsWith(singular) && fold(w).length - singular.length <= 3);
  if (!plural && locale === 'de') return name;
  const chosen = plural ?? englishPlural(head);
  words[headAt] = head[0] === head[0].toUpperCase() ? chosen[0].toUpperCase() + chosen.slice(1) : chosen;
  return [words.join(' '), ...rest].join(',');
}

/** The subject of "how many … would you like?": the plural name for counted things, else "Pakete Kopierpapier". */
export function howManyOf(p: Product, locale: Locale): string {
  const unit = p.unit[locale];
  if (COUNT_UNITS.has(unit)) return pluralName(p, locale);
  return locale === 'en' ? `${unitPlural(unit, locale)} of ${p.name[locale]}` : `${unitPlural(unit, locale)} ${p.name[locale]}`;
}

function englishPlural(word: string): string {
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}
