import { products, customers } from '../../data/seedData';
import { understand, type Understanding } from '../../dialogs/understanding';
import type { Locale } from '../../domain/locale';

/** Wednesday 2026-03-11, 10:00 in Berlin: the reference moment of the unit tests and the corpora. */
export const wednesday = new Date('2026-03-11T09:00:00Z');

export function read(text: string, locale: Locale = 'de', now: Date = wednesday): Understanding {
  return understand(text, { locale, catalog: products, customers, now });
}

export const items = (u: Understanding) => u.items.map((i) => [i.sku, i.quantity]);
