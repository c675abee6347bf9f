import type { Customer } from '../../domain/parties';
import type { Understanding } from '../understanding';
import { parseAddress } from './address';
import { cardAction, type Answer } from '../answerPrompt';
import { slotPartOfDay } from './changes';
import type { OrderSession } from './session';

/** The answer to each question of the order dialog, as read from a button press or typed text. */
export type Parsed =
  | { kind: 'customer'; customerId: number }
  | { kind: 'product'; sku: string | null }
  | { kind: 'quantity'; sku: string; quantity: number }
  | { kind: 'stock'; choice: StockChoice }
  | { kind: 'slot'; sku: string; start: string | null; wish: OrderSession['slotWish'] | null }
  | { kind: 'address'; text: string }
  | { kind: 'date'; date: string | null }
  | { kind: 'dateProblem'; problem: NonNullable<Understanding['dateProblem']> }
  | { kind: 'summary'; choice: 'confirm' | 'change' | 'cancel' }
  | { kind: 'change' };

const NO_DATE = /^(egal|keine?n?|nein|ohne|so bald wie m[oö]glich|asap|any|none|no|whenever|as soon as possible|doesn'?t matter)\b/i;
const CONFIRM = /^((zahlungspflichtig )?bestellen|bestätigen|abschicken|place order|confirm|order it)\b/i;
const CHANGE = /^(ändern|change|korrigieren|edit)\b/i;
/** backorder: wait and ship all; partial: what is there now, the rest later; available: only what is there; remove. */
export type StockChoice = 'backorder' | 'partial' | 'available' | 'remove';
const STOCK_WORDS: [RegExp, StockChoice][] = [
  [/nachliefer|backorder|warten|wait|zusammen|together/i, 'backorder'],
  [/teil|partial|jetzt|now|rest/i, 'partial'],
  // "ok just send the 5 you have then", "nur die verfügbaren": the quantity becomes what is in stock.
  [/you have|you'?ve got|in stock|available|what there is|(sie|ihr)\s+(da\s+)?(haben|habt)|verf[üu]gbar|vorr[äa]tig|auf lager|was da ist|vorhanden/i, 'available'],
  [/entfern|streich|remove|weg|ohne|without|drop/i, 'remove'],
];

/** A button carries the customer number; typed text is read by the recognizer (names) or taken as a number. */
export function readCustomer(answer: Answer, u: Understanding | null, customers: readonly Customer[]): Parsed | null {
  const number = cardAction(answer) === 'order.customer' ? String(answer.value!.customer) : (u?.customer ?? answer.text);
  const customer = customers.find((c) => c.number === number);
  return customer ? { kind: 'customer', customerId: customer.id } : null;
}

/** One of the offered products (or "none of these", sku ''), by button or by naming exactly one of them. */
export function readProduct(answer: Answer, u: Understanding | null, candidates: readonly string[]): Parsed | null {
  if (cardAction(answer) === 'order.product') {
    const sku = String(answer.value!.sku ?? '');
    return sku === '' || candidates.includes(sku) ? { kind: 'product', sku: sku || null } : null;
  }
  // "die farbigen", "the black one": the recognizer's picks single out an offered product by an attribute.
  const named = [...new Set([...(u?.items.map((i) => i.sku) ?? []), ...(u?.picks ?? [])])].filter((sku) => candidates.includes(sku));
  return named.length === 1 ? { kind: 'product', sku: named[0] } : null;
}

/** "5", "fünf Stück", "a dozen", or the asked product with its quantity ("3 Stühle"). */
export function readQuantity(u: Understanding | null, sku: string): Parsed | null {
  const quantity = u?.items.find((i) => i.sku === sku)?.quantity ?? u?.quantityOnly ?? null;
  return quantity !== null && Number.isInteger(quantity) && quantity >= 1 && quantity <= 10_000 ? { kind: 'quantity', sku, quantity } : null;
}

export function readStock(answer: Answer, u: Understanding | null = null): Parsed | null {
  const pressed = cardAction(answer) === 'order.stock' ? answer.value!.choice : null;
  const accepted = u?.changes?.some((c) => c.kind === 'accept_available') ? 'available' : undefined;
  const choice = pressed ?? accepted ?? STOCK_WORDS.find(([pattern]) => pattern.test(answer.text))?.[1];
  return choice === 'backorder' || choice === 'partial' || choice === 'available' || choice === 'remove' ? { kind: 'stock', choice } : null;
}

/** An offered slot by button, or another day / part of day to look at instead. */
export function readSlot(answer: Answer, u: Understanding | null, sku: string, starts: readonly string[]): Parsed | null {
  if (cardAction(answer) === 'order.slot') {
    const start = String(answer.value!.start ?? '');
    return starts.includes(start) ? { kind: 'slot', sku, start, wish: null } : null;
  }
  if (u?.date || u?.partOfDay) return { kind: 'slot', sku, start: null, wish: { date: u.date ?? null, partOfDay: slotPartOfDay(u.partOfDay) } };
  return null;
}

export function readAddress(answer: Answer): Parsed | null {
  return parseAddress(answer.text, '') ? { kind: 'address', text: answer.text } : null;
}

/**
 * A requested date, or "any" for none. Asked "20.11.2026 is past – do you mean 20.11.2027?", "yes" takes next
 * year's; another past or unclear day is asked back again with its own reason.
 */
export function readDate(answer: Answer, u: Understanding | null, nextYear: string | null = null): Parsed | null {
  if (nextYear && u?.confirm === true) return { kind: 'date', date: nextYear };
  if (nextYear && u?.confirm === false && !u.date) return null; // "no" to next year's: which day then?
  if (NO_DATE.test(answer.text)) return { kind: 'date', date: null };
  if (u?.dateProblem) return { kind: 'dateProblem', problem: u.dateProblem };
  return u?.date ? { kind: 'date', date: u.date } : null;
}

const summaryChoices = { 'order.confirm': 'confirm', 'order.change': 'change', 'order.cancel': 'cancel' } as const;

export function summaryButton(answer: Answer): Parsed | null {
  const choice = summaryChoices[cardAction(answer) as keyof typeof summaryChoices];
  return choice ? { kind: 'summary', choice } : null;
}

export function readSummary(answer: Answer, u: Understanding | null): Parsed | null {
  const button = summaryButton(answer);
  if (button) return button;
  if (u?.confirm === true || CONFIRM.test(answer.text)) return { kind: 'summary', choice: 'confirm' };
  if (CHANGE.test(answer.text)) return { kind: 'summary', choice: 'change' };
  return null;
}
