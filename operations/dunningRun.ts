import type { Knex } from 'knex';
import type { Db } from '../data/db';
import { dunningCandidates, dunningStops, existingLevels, insertDunningStop, insertNotice, sentNotices, type NoticeDocument } from '../data/dunning';
import { lockYearlyRange, nextYearlyNumbers } from '../data/numbering';
import type { Actor } from '../data/orders';
import { enqueueNotification } from '../data/outbox';
import { addDays, berlinToday, isValidDate } from '../domain/calendar';
import { formatYearlyNumber } from '../domain/documentNumbers';
import { defaultDunningConfig, dunningDueToday, type DunningConfig, type DunningNoticeDue } from '../domain/dunning';
import type { Locale } from '../domain/locale';
import { fannedOutKey } from '../domain/notifications';
import { may } from '../domain/permissions';
import { runOperation } from './refusal';

export const dunningNoticeKind = 'dunning_notice';

/** The dedupe key of a notice's message: one per invoice and level (and person, domain/notifications fannedOutKey). */
export const dunningKey = (invoiceNumber: string, level: number): string => `dunning:${invoiceNumber}:${level}`;

export type DunningRunResult =
  | { ok: true; today: string; created: { number: string; invoiceNumber: string; level: number }[]; due: number }
  | { ok: false; reason: 'invalid_config' | 'invalid_input'; detail: string };

/** Notices are written in batches of this many, each batch one transaction. */
const BATCH = 250;

/**
 * The daily dunning run: the notices due today (domain/dunning.ts over the open invoices due before today, the
 * notices already sent and the stops), each with its number (MA-…), its stored document and one outbox row per
 * person of the customer (`dunning:<invoice>:<level>:<person>`, quiet hours hold them). Runs any number of times,
 * on any number of instances: a level exists once per invoice (checked under the number range's lock, and the
 * unique key), so a second run creates nothing.
 */
export async function runDunning(db: Db, now: Date = new Date(), config: DunningConfig = defaultDunningConfig): Promise<DunningRunResult> {
  const today = berlinToday(now);
  const firstLevel = Math.min(...config.levels.map((l) => l.daysAfterDue));
  const candidates = await dunningCandidates(db, addDays(today, -firstLevel));
  const run = dunningDueToday({
    today, invoices: candidates, sent: await sentNotices(db, candidates.length < 5000 ? candidates.map((c) => c.id) : undefined),
    stops: await dunningStops(db, today), config,
  });
  if (!run.ok) return run;
  const byNumber = new Map(candidates.map((c) => [c.number, c]));
  const created: { number: string; invoiceNumber: string; level: number }[] = [];
  const year = Number(today.slice(0, 4));
  for (let i = 0; i < run.notices.length; i += BATCH) {
    const batch = run.notices.slice(i, i + BATCH);
    const done = await runOperation<{ number: string; invoiceNumber: string; level: number }[]>(db, async (trx) => {
      // The number range's lock first: notices are written one batch after another across instances, so the check
      // below sees every notice another instance wrote meanwhile (and the unique key backs it).
      await lockYearlyRange(trx, 'dunning_notice', year);
      const existing = await existingLevels(trx, batch.map((d) => byNumber.get(d.invoiceNumber)!.id));
      const fresh = batch.filter((d) => !existing.has(`${byNumber.get(d.invoiceNumber)!.id}:${d.level}`));
      if (fresh.length === 0) return [];
      const first = await nextYearlyNumbers(trx, 'dunning_notice', year, fresh.length);
      const customers = await customerFacts(trx, [...new Set(fresh.map((d) => byNumber.get(d.invoiceNumber)!.customerId))]);
      const out: { number: string; invoiceNumber: string; level: number }[] = [];
      for (const [k, due] of fresh.entries()) {
        const invoice = byNumber.get(due.invoiceNumber)!;
        const customer = customers.get(invoice.customerId)!;
        const number = formatYearlyNumber('dunning_notice', year, first + k);
        const document: NoticeDocument = {
          ...due, number, date: today, locale: customer.locale, invoiceIssueDate: invoice.issueDate, invoiceDueDate: invoice.dueDate, customer: customer.party,
        };
        const id = await insertNotice(trx, invoice.id, invoice.customerId, document, now);
        for (const personId of customer.personIds) {
          await enqueueNotification(trx, {
            recipient: { kind: 'person', personId }, kind: dunningNoticeKind,
            payload: { noticeId: id, number, invoiceNumber: due.invoiceNumber, level: due.level },
            dedupeKey: fannedOutKey(dunningKey(due.invoiceNumber, due.level), personId),
          }, now);
        }
        out.push({ number, invoiceNumber: due.invoiceNumber, level: due.level });
      }
      return out;
    });
    created.push(...done);
  }
  return { ok: true, today, created, due: run.notices.length };
}

/** The letterhead facts of these customers: name and address, the language their people chose, and who reads it. */
async function customerFacts(trx: Knex.Transaction, customerIds: number[]) {
  const rows = await trx('customers').whereIn('id', customerIds);
  const persons = await trx('persons').whereIn('customer_id', customerIds).where({ role: 'customer' }).orderBy('id').select('id', 'customer_id', 'locale');
  const facts = new Map<number, { locale: Locale; personIds: number[]; party: NoticeDocument['customer'] }>();
  for (const r of rows) {
    const people = persons.filter((p: any) => Number(p.customer_id) === Number(r.id));
    // As on invoices: the language the account's people chose (the first who chose one), else German.
    const chosen = people.find((p: any) => p.locale != null)?.locale;
    facts.set(Number(r.id), {
      locale: chosen === 'en' ? 'en' : 'de', personIds: people.map((p: any) => Number(p.id)),
      party: { number: r.number, name: r.name, address: { name: r.address_name, street: r.street, postcode: r.postcode, city: r.city, country: r.country } },
    });
  }
  return facts;
}

export type DunningStopResult =
  | { ok: true; id: number }
  | { ok: false; code: 'forbidden' | 'not_found' | 'reason_required' | 'invalid_date' };

/**
 * "Mahnstopp für Müller Bau bis 31.03., Grund: Reklamation": no notices for a customer or one invoice from today
 * (through the end date, inclusive). Sales and accountants may set one; customers may not.
 */
export async function setDunningStop(
  db: Db, actor: Actor, what: { customerNumber: string } | { invoiceNumber: string }, reason: string, until: string | null, now: Date = new Date(),
): Promise<DunningStopResult> {
  if (actor.role === 'customer' || !(may(actor, 'sendDunningNotice') || may(actor, 'workOrders'))) return { ok: false, code: 'forbidden' };
  const why = reason.trim();
  if (!why) return { ok: false, code: 'reason_required' };
  if (until !== null && !isValidDate(until)) return { ok: false, code: 'invalid_date' };
  return runOperation<DunningStopResult>(db, async (trx, refuse) => {
    let customerId: number;
    let invoiceId: number | null = null;
    if ('invoiceNumber' in what) {
      const inv = await trx('invoices').where({ number: what.invoiceNumber, kind: 'invoice' }).first('id', 'customer_id');
      if (!inv) return refuse({ ok: false, code: 'not_found' });
      [customerId, invoiceId] = [Number(inv.customer_id), Number(inv.id)];
    } else {
      const c = await trx('customers').where({ number: what.customerNumber }).first('id');
      if (!c) return refuse({ ok: false, code: 'not_found' });
      customerId = Number(c.id);
    }
    const id = await insertDunningStop(trx, { customerId, invoiceId, from: berlinToday(now), until, reason: why, by: actor.personId }, now);
    return { ok: true, id };
  });
}

export type { DunningNoticeDue };
