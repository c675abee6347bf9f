import type { Locale, Localized } from '../domain/locale';

/** Order lines in one sentence, as the summary card writes them: "5 × Kopierpapier A4 …, 1 × Toner schwarz". */
export function orderLinesText(lines: ReadonlyArray<{ quantity: number; name: Localized }>, locale: Locale): string {
  return lines.map((l) => `${l.quantity} × ${l.name[locale]}`).join(', ');
}
