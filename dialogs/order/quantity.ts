import type { Locale } from '../../domain/locale';
import { findNumbers } from '../understanding/numbers';
import { tokenize } from '../understanding/text';

/**
 * The quantity in a message that names no product ("fünf", "2x", "actually make that five"), read with the
 * recognizer's own number grammar; the last number wins because people correct themselves left to right.
 */
export function bareQuantity(text: string, locale: Locale): number | null {
  const spans = findNumbers(tokenize(text), locale).filter((s) => s.value !== null && !s.article);
  return spans.length ? spans[spans.length - 1].value : null;
}
