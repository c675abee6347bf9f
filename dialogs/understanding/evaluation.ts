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

const itemKey = (items: { sku: string; quantity: number | null }[]) =>
  items.map((i) => `${i.sku}:${i.quantity}`).sort().join(',');

export function score(
  corpus: LabelledUtterance[],
  locale: Locale,
  catalog: Product[],
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
    for (const f of ['service', 'date', 'order', 'customer', 'catalog'] as const) {
      if (u[f] === undefined) continue;
      fields++;
      if (got[f] === u[f]) fieldsRight++;
      else fieldsOk = false;
    }
    if (!intentOk || !itemsOk || !fieldsOk) {
      failures.push({
        text: u.text,
        expected: { intent: u.intent, items: u.items, service: u.service, date: u.date, order: u.order, customer: u.customer, catalog: u.catalog },
        got: { intent: got.intent, items: got.items, service: got.service, date: got.date, order: got.order, customer: got.customer, catalog: got.catalog, ambiguous: got.ambiguous, unknown: got.unknown },
      });
    }
  }
  const n = corpus.length;
  return { total: n, intentAccuracy: intents / n, itemMatchRate: itemMatches / n, fieldAccuracy: fields ? fieldsRight / fields : 1, failures };
}
