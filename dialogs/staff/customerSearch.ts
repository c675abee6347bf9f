import type { Customer } from '../../domain/parties';
import { fold } from '../understanding/text';

/** Umlauts folded as the recognizer folds them, so "Mueller Bau" finds Müller Bau GmbH. */
function searchable(s: string): string {
  return fold(s).replace(/[^\p{L}\d]+/gu, ' ').trim();
}

/** A customer by number or by (part of) the name; every match when the words fit several. */
export function matchCustomers(customers: readonly Customer[], query: string): Customer[] {
  const q = searchable(query);
  if (!q) return [];
  const byNumber = customers.filter((c) => c.number === q);
  if (byNumber.length) return byNumber;
  const words = q.split(' ');
  return customers.filter((c) => {
    const name = searchable(c.name);
    return words.every((w) => name.split(' ').some((part) => part.startsWith(w)));
  });
}
