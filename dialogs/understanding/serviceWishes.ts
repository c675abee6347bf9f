import type { Product } from '../../domain/catalog';
import { findDuration, unitsForDuration } from './durations';
import { findTimeOfDay } from './timeOfDay';
import type { Understanding } from './index';

/**
 * Adds what a message says about a service's length and start time to its understanding: "2 Stunden" books as many
 * units of the service named (or, in an ongoing order, of its one service line: "make that 2 hours"), billed per
 * started unit; "gegen halb drei" becomes the wished time when the general date reader found none.
 */
export function withServiceWishes(u: Understanding, text: string, catalog: readonly Product[], draftServiceSkus: readonly string[]): Understanding {
  let result = u;
  const time = u.time ?? findTimeOfDay(text)?.time ?? null;
  if (time !== u.time) result = { ...result, time };
  const duration = findDuration(text);
  const sku = u.service ?? (draftServiceSkus.length === 1 ? draftServiceSkus[0] : null);
  const product = sku ? catalog.find((p) => p.sku === sku && p.kind === 'service') : undefined;
  if (duration && product) {
    const quantity = unitsForDuration(duration.minutes, product.durationMinutes ?? 60);
    // The number of the duration is no goods quantity ("2" of "2 Stunden").
    result = { ...result, items: [...result.items.filter((i) => i.sku !== product.sku), { sku: product.sku, quantity, text: text.slice(duration.span[0], duration.span[1]) }], quantityOnly: null };
  }
  return result;
}
