import fs from 'node:fs';
import path from 'node:path';
import type { Product } from '../../domain/catalog';
import type { Locale } from '../../domain/locale';
import { understand, type Understanding } from './index';

/** All relative dates in the corpora are written for this moment: Wednesday 2026-03-11, 10:00 in Berlin. */
export const corpusNow = new Date('2026-03-11T09:00:00Z');

export interface LabelledUtterance {
  text: string;
  intent: string;
  items: { sku: string; quantity: number | null }[];
  service?: string;
  date?: string;
  order?: string;
  customer?: string;
  ambiguous?: string[];
  /** Asks for the catalog ("was habt ihr?"). */
  catalog?: boolean;
  confirm?: boolean;
  quantityOnly?: number;
  /** Targets are compared by their SKUs only. */
  changes?: unknown[];
  /** street, postcode, city (the text as written is not compared). */
  address?: unknown;
  dateProblem?: unknown;
  reorder?: unknown;
  documents?: unknown[];
  staff?: unknown;
  unknown?: string[];
  picks?: string[];
}

/** The labelled fields beyond intent and items, each read from an Understanding in the labels' shape. */
const fieldReaders = {
  service: (u: Understanding) => u.service,
  date: (u: Understanding) => u.date,
  order: (u: Understanding) => u.order,
  customer: (u: Understanding) => u.customer,
  catalog: (u: Understanding) => u.catalog,
  confirm: (u: Understanding) => u.confirm,
  quantityOnly: (u: Understanding) => u.quantityOnly,
  changes: (u: Understanding) =>
    (u.changes ?? []).map((c) => ({ ...c, target: c.target ? { skus: [...c.target.skus].sort() } : null })).map((c) => (c.kind === 'remove' ? { kind: c.kind, target: c.target } : c)),
  address: (u: Understanding) => (u.deliveryAddress ? { street: u.deliveryAddress.street, postcode: u.deliveryAddress.postcode, city: u.deliveryAddress.city } : null),
  dateProblem: (u: Understanding) => u.dateProblem ?? null,
  reorder: (u: Understanding) => u.reorder ?? null,
  documents: (u: Understanding) => u.documents ?? [],
  staff: (u: Understanding) => u.staff ?? null,
  unknown: (u: Understanding) => u.unknown,
  picks: (u: Understanding) => [...(u.picks ?? [])].sort(),
} satisfies Partial<Record<keyof LabelledUtterance, (u: Understanding) => unknown>>;

/** Labels written with a `target` of SKUs in any order; compared in one canonical shape. */
function canonical(field: string, value: unknown): string {
  if (field === 'changes' && Array.isArray(value)) {
    value = value.map((c: any) => ({ ...c, target: c.target ? { skus: [...c.target.skus].sort() } : null }));
  }
  if (field === 'picks' && Array.isArray(value)) value = [...value].sort();
  return stableJson(value ?? null);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface Failure {
  text: string;
  expected: Partial<LabelledUtterance>;
  got: Partial<Understanding>;
}

export interface Score {
  total: number;
  intentAccuracy: number;
  itemMatchRate: number;
  /** Share of labelled service/date/order/customer/catalog fields that came out right. */
  fieldAccuracy: number;
  failures: Failure[];
}

export const corpusDir = path.resolve(__dirname, '../../test/nlu');

export function loadCorpus(file: string): LabelledUtterance[] {
  return fs
    .readFileSync(path.join(corpusDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** Goods to order: items named only to be removed ("ohne Kaffee", see ItemMention.removal) are changes, not goods. */
const itemKey = (items: { sku: string; quantity: number | null; removal?: true }[]) =>
  items.filter((i) => !i.removal).map((i) => `${i.sku}:${i.quantity}`).sort().join(',');

export function score(
  corpus: LabelledUtterance[],
  locale: Locale,
  catalog: readonly Product[],
  customers: { number: string; name: string }[],
): Score {
  let intents = 0;
  let itemMatches = 0;
  let fields = 0;
  let fieldsRight = 0;
  const failures: Failure[] = [];
  for (const u of corpus) {
    const got = understand(u.text, { locale, catalog, customers, now: corpusNow });
    const intentOk = got.intent === u.intent;
    const itemsOk = itemKey(got.items) === itemKey(u.items);
    intents += intentOk ? 1 : 0;
    itemMatches += itemsOk ? 1 : 0;
    let fieldsOk = true;
    const wrong: Record<string, unknown> = {};
    for (const [f, readField] of Object.entries(fieldReaders)) {
      const expected = u[f as keyof LabelledUtterance];
      if (expected === undefined) continue;
      fields++;
      const value = readField(got);
      if (canonical(f, value) === canonical(f, expected)) fieldsRight++;
      else [fieldsOk, wrong[f]] = [false, value];
    }
    if (!intentOk || !itemsOk || !fieldsOk) {
      failures.push({
        text: u.text,
        expected: u,
        got: { intent: got.intent, items: got.items, ambiguous: got.ambiguous, unknown: got.unknown, ...wrong },
      });
    }
  }
  const n = corpus.length;
  return { total: n, intentAccuracy: intents / n, itemMatchRate: itemMatches / n, fieldAccuracy: fields ? fieldsRight / fields : 1, failures };
}
