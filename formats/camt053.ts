import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isValidDate } from '../domain/calendar';
import type { Localized } from '../domain/locale';
import type { BankPayment } from '../domain/paymentMatching';

/**
 * Reads an ISO 20022 camt.053 bank-to-customer statement (end-of-day account statement, "Kontoauszug") into
 * entries the payment matching can book. Versions camt.053.001.02 (the German banks' long-time default) through
 * .001.13 are read; where versions differ (Sts as text or as Sts/Cd, Dbtr/Nm or Dbtr/Pty/Nm, TxDtls/Amt or
 * TxDtls/AmtDtls/TxAmt/Amt) both spellings are accepted. The namespace may be the default one or carry any prefix.
 *
 * Only euro statements are booked: a statement or entry in another currency refuses the whole file, so nothing of
 * it is booked half.
 */

export interface StatementTransaction {
  amountCents: number;
  endToEndId: string | null;
  debtorName: string | null;
  debtorIban: string | null;
  creditorName: string | null;
  creditorIban: string | null;
  /** RmtInf/Ustrd lines, as written (they may repeat). */
  remittance: string[];
  /** RmtInf/Strd/CdtrRefInf/Ref values (e.g. ISO 11649 "RF…" references). */
  creditorReferences: string[];
}

export type EntryStatus = 'booked' | 'pending' | 'information' | 'other';

export interface StatementEntry {
  /**
   * What makes a re-import idempotent: the bank's own reference (AcctSvcrRef) with the account, which stays the
   * same when the entry appears again in another file. Without one, the statement's id and the entry's position
   * (or NtryRef), which recognise the same file imported twice.
   */
  reference: string;
  accountIban: string;
  amountCents: number;
  direction: 'credit' | 'debit';
  /** RvslInd: this entry undoes an earlier one (a returned transfer, a charge-back). */
  reversal: boolean;
  status: EntryStatus;
  bookingDate: string | null;
  valueDate: string | null;
  accountServicerRef: string | null;
  /** At least one: an entry without details gets one transaction with the entry's amount. */
  transactions: StatementTransaction[];
}

export interface BankStatement {
  id: string | null;
  accountIban: string;
  entries: StatementEntry[];
}

export type StatementReading =
  | { ok: true; version: string; statements: BankStatement[]; entries: StatementEntry[] }
  | { ok: false; reason: 'malformed_xml'; detail: string; line: number | null }
  | { ok: false; reason: 'not_camt053'; detail: string }
  | { ok: false; reason: 'wrong_currency'; currency: string; where: string }
  | { ok: false; reason: 'invalid_entry'; detail: string; where: string };

type Refusal = Extract<StatementReading, { ok: false }>;

/** What to tell the person who uploaded a statement that cannot be booked; nothing of it was booked. */
export function statementRefusalText(r: Refusal): Localized {
  switch (r.reason) {
    case 'malformed_xml':
      return {
        de: `Die Datei ist kein gültiges XML${r.line ? ` (Zeile ${r.line})` : ''}. Es wurde nichts gebucht.`,
        en: `The file is not valid XML${r.line ? ` (line ${r.line})` : ''}. Nothing was booked.`,
      };
    case 'not_camt053':
      return {
        de: 'Die Datei ist kein Kontoauszug im Format camt.053. Es wurde nichts gebucht.',
        en: 'The file is not a camt.053 bank statement. Nothing was booked.',
      };
    case 'wrong_currency':
      return {
        de: `Der Kontoauszug enthält Beträge in ${r.currency} (${r.where}); gebucht werden nur Euro-Auszüge. Es wurde nichts gebucht.`,
        en: `The statement has amounts in ${r.currency} (${r.where}); only euro statements are booked. Nothing was booked.`,
      };
    case 'invalid_entry':
      return {
        de: `Ein Eintrag ist unvollständig oder fehlerhaft (${r.where}). Es wurde nichts gebucht.`,
        en: `An entry is incomplete or wrong (${r.where}). Nothing was booked.`,
      };
  }
}

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(\d{2})$/;
const REPEATING = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'Bal']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  // Values stay text: amounts are read as exact decimals, references keep their leading zeros.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Elements are addressed by local name, whatever prefix the file uses; xmlns attributes stay readable.
  transformTagName: (name) => localName(name),
  isArray: (name) => REPEATING.has(name),
  // Parts never read are kept as raw text instead of being parsed: a quarter less time on large statements.
  stopNodes: ['..Bal', '..TxsSummry', '..BkTxCd', '..RltdAgts', '..RltdDts', '..Chrgs', '..GrpHdr'],
  htmlEntities: false,
});

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

type Node = Record<string, unknown>;

export function readCamt053(file: string): StatementReading {
  // Files saved by Windows tools often start with a byte-order mark, which is no XML.
  const xml = file.charCodeAt(0) === 0xfeff ? file.slice(1) : file;
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, reason: 'malformed_xml', detail: valid.err.msg, line: valid.err.line ?? null };
  let tree: Node;
  try {
    tree = parser.parse(xml) as Node;
  } catch (e) {
    return { ok: false, reason: 'malformed_xml', detail: (e as Error).message, line: null };
  }
  const doc = node(tree, 'Document');
  if (!doc) return { ok: false, reason: 'not_camt053', detail: 'no Document element' };
  const version = camtVersion(doc);
  if (!version) return { ok: false, reason: 'not_camt053', detail: 'the Document is not in a camt.053.001 namespace' };
  const body = node(doc, 'BkToCstmrStmt');
  if (!body) return { ok: false, reason: 'not_camt053', detail: 'no BkToCstmrStmt element' };

  const statements: BankStatement[] = [];
  const entries: StatementEntry[] = [];
  for (const [s, stmt] of nodes(body, 'Stmt').entries()) {
    const read = readStatement(stmt, s);
    if (!read.ok) return read.error;
    statements.push(read.statement);
    for (const e of read.statement.entries) entries.push(e);
  }
  if (statements.length === 0) return { ok: false, reason: 'not_camt053', detail: 'no Stmt element' };
  return { ok: true, version, statements, entries };
}

function camtVersion(doc: Node): string | null {
  for (const [key, value] of Object.entries(doc)) {
    if ((key === '@xmlns' || key.startsWith('@xmlns:')) && typeof value === 'string') {
      const m = NAMESPACE.exec(value.trim());
      if (m) return `camt.053.001.${m[1]}`;
    }
  }
  return null;
}

type Fail = { ok: false; error: Refusal };

function readStatement(stmt: Node, index: number): { ok: true; statement: BankStatement } | Fail {
  const id = text(stmt, 'Id');
  const where = `Stmt ${id ?? index + 1}`;
  const acct = node(stmt, 'Acct');
  const iban = compactIban(text(node(acct, 'Id'), 'IBAN'));
  if (!iban) return fail({ ok: false, reason: 'invalid_entry', detail: 'the statement names no account IBAN', where });
  const currency = text(acct, 'Ccy');
  if (currency !== null && currency !== 'EUR') return fail({ ok: false, reason: 'wrong_currency', currency, where });

  const statementKey = id ?? text(stmt, 'ElctrncSeqNb') ?? text(stmt, 'CreDtTm') ?? String(index + 1);
  const entries: StatementEntry[] = [];
  for (const [n, ntry] of nodes(stmt, 'Ntry').entries()) {
    const read = readEntry(ntry, iban, `${statementKey}#${text(ntry, 'NtryRef') ?? n + 1}`, `${where}, Ntry ${n + 1}`);
    if (!read.ok) return read;
    entries.push(read.entry);
  }
  return { ok: true, statement: { id, accountIban: iban, entries } };
}

function readEntry(ntry: Node, iban: string, position: string, where: string): { ok: true; entry: StatementEntry } | Fail {
  const amount = readAmount(ntry.Amt, where);
  if (!amount.ok) return amount;
  const indicator = text(ntry, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT') return fail({ ok: false, reason: 'invalid_entry', detail: 'CdtDbtInd must be CRDT or DBIT', where });
  const bookingDate = readDate(node(ntry, 'BookgDt'));
  const valueDate = readDate(node(ntry, 'ValDt'));
  if (bookingDate === undefined || valueDate === undefined) return fail({ ok: false, reason: 'invalid_entry', detail: 'BookgDt/ValDt is not a date', where });
  const accountServicerRef = text(ntry, 'AcctSvcrRef');

  const details = nodes(ntry, 'NtryDtls').flatMap((d) => nodes(d, 'TxDtls'));
  const transactions: StatementTransaction[] = [];
  for (const tx of details) {
    const read = readTransaction(tx, details.length === 1 ? amount.cents : null, where);
    if (!read.ok) return read;
    transactions.push(read.transaction);
  }
  if (transactions.length === 0) transactions.push(emptyTransaction(amount.cents));

  return {
    ok: true,
    entry: {
      reference: accountServicerRef ? `camt:${iban}:${accountServicerRef}` : `camt:${iban}:stmt:${position}`,
      accountIban: iban,
      amountCents: amount.cents,
      direction: indicator === 'CRDT' ? 'credit' : 'debit',
      reversal: isTrue(text(ntry, 'RvslInd')),
      status: readStatus(ntry.Sts),
      bookingDate,
      valueDate,
      accountServicerRef,
      transactions,
    },
  };
}

function readTransaction(tx: Node, entryCents: number | null, where: string): { ok: true; transaction: StatementTransaction } | Fail {
  const amt = tx.Amt ?? node(node(tx, 'AmtDtls'), 'TxAmt')?.Amt;
  let cents: number;
  if (amt !== undefined) {
    const read = readAmount(amt, where);
    if (!read.ok) return read;
    cents = read.cents;
  } else if (entryCents !== null) {
    cents = entryCents;
  } else {
    return fail({ ok: false, reason: 'invalid_entry', detail: 'a batch transaction without an amount', where });
  }
  const parties = node(tx, 'RltdPties');
  const rmt = node(tx, 'RmtInf');
  return {
    ok: true,
    transaction: {
      amountCents: cents,
      endToEndId: text(node(tx, 'Refs'), 'EndToEndId'),
      debtorName: partyName(node(parties, 'Dbtr')),
      debtorIban: compactIban(text(node(node(parties, 'DbtrAcct'), 'Id'), 'IBAN')),
      creditorName: partyName(node(parties, 'Cdtr')),
      creditorIban: compactIban(text(node(node(parties, 'CdtrAcct'), 'Id'), 'IBAN')),
      remittance: nodes(rmt, 'Ustrd').map(asText).filter((t): t is string => t !== null),
      creditorReferences: nodes(rmt, 'Strd')
        .map((s) => text(node(s, 'CdtrRefInf'), 'Ref'))
        .filter((t): t is string => t !== null),
    },
  };
}

function emptyTransaction(amountCents: number): StatementTransaction {
  return { amountCents, endToEndId: null, debtorName: null, debtorIban: null, creditorName: null, creditorIban: null, remittance: [], creditorReferences: [] };
}

/** .001.02: Dbtr/Nm; from .001.08 on: Dbtr/Pty/Nm. */
function partyName(party: Node | null): string | null {
  return text(party, 'Nm') ?? text(node(party, 'Pty'), 'Nm');
}

function readStatus(sts: unknown): EntryStatus {
  const code = typeof sts === 'string' ? sts : text(sts as Node, 'Cd') ?? text(sts as Node, 'Prtry');
  switch (code) {
    case 'BOOK':
      return 'booked';
    case 'PDNG':
      return 'pending';
    case 'INFO':
      return 'information';
    default:
      return 'other';
  }
}

/** Dt, or the date part of DtTm as the bank wrote it (its local day). null when absent, undefined when not a date. */
function readDate(n: Node | null): string | null | undefined {
  if (!n) return null;
  const value = text(n, 'Dt') ?? text(n, 'DtTm')?.slice(0, 10) ?? null;
  if (value === null) return null;
  return isValidDate(value) ? value : undefined;
}

function readAmount(amt: unknown, where: string): { ok: true; cents: number } | Fail {
  const value = asText(amt);
  const currency = amt && typeof amt === 'object' ? (amt as Node)['@Ccy'] : undefined;
  if (typeof currency !== 'string') return fail({ ok: false, reason: 'invalid_entry', detail: 'Amt without Ccy', where });
  if (currency !== 'EUR') return fail({ ok: false, reason: 'wrong_currency', currency, where });
  const cents = value === null ? null : decimalToCents(value);
  if (cents === null) return fail({ ok: false, reason: 'invalid_entry', detail: `Amt is not an amount in cents: ${value}`, where });
  return { ok: true, cents };
}

/**
 * "1234.5" → 123450, exactly from the digits (never through a float). More than two decimals only when the extra
 * ones are zeros; a fraction of a cent is refused rather than rounded.
 */
export function decimalToCents(value: string): number | null {
  const dot = value.indexOf('.');
  const whole = dot < 0 ? value : value.slice(0, dot);
  const fraction = dot < 0 ? '' : value.slice(dot + 1);
  if (whole.length === 0 || !isDigits(whole) || (dot >= 0 && (fraction.length === 0 || !isDigits(fraction)))) return null;
  if (fraction.length > 2 && !isDigits(fraction.slice(2), '0')) return null;
  const cents = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

function isDigits(s: string, only?: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (only ? s[i] !== only : c < 48 || c > 57) return false;
  }
  return true;
}

function compactIban(iban: string | null): string | null {
  return iban ? iban.replace(/\s+/g, '').toUpperCase() : null;
}

function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}

function fail(error: Fail['error']): Fail {
  return { ok: false, error };
}

/** Child element `name` (the first, when it repeats); with name null, the node itself. */
function node(parent: unknown, name: string | null): Node | null {
  if (!parent || typeof parent !== 'object') return null;
  if (name === null) return parent as Node;
  const child = (parent as Node)[name];
  const first = Array.isArray(child) ? child[0] : child;
  return first && typeof first === 'object' ? (first as Node) : typeof first === 'string' ? { '#text': first } : null;
}

function nodes(parent: unknown, name: string): Node[] {
  if (!parent || typeof parent !== 'object') return [];
  const child = (parent as Node)[name];
  if (child === undefined) return [];
  return (Array.isArray(child) ? child : [child]).map((c) => (typeof c === 'object' && c !== null ? (c as Node) : { '#text': c }));
}

function text(parent: unknown, name: string): string | null {
  if (!parent || typeof parent !== 'object') return null;
  const child = (parent as Node)[name];
  return asText(Array.isArray(child) ? child[0] : child);
}

function asText(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v;
  if (v && typeof v === 'object' && typeof (v as Node)['#text'] === 'string') {
    const t = (v as Node)['#text'] as string;
    return t === '' ? null : t;
  }
  return null;
}

/**
 * The statement's entries as payments for matching: one per transaction, so a batch entry (a collective credit)
 * is matched transaction by transaction; its n-th part is keyed "<entry reference>/n".
 */
export function paymentsOf(entries: readonly StatementEntry[]): BankPayment[] {
  const payments: BankPayment[] = [];
  for (const e of entries) {
    e.transactions.forEach((tx, i) => {
      const credit = e.direction === 'credit';
      payments.push({
        paymentRef: e.transactions.length > 1 ? `${e.reference}/${i + 1}` : e.reference,
        entryReference: e.reference,
        amountCents: tx.amountCents,
        direction: e.direction,
        reversal: e.reversal,
        booked: e.status === 'booked',
        bookingDate: e.bookingDate,
        endToEndId: tx.endToEndId,
        counterpartyName: credit ? tx.debtorName : tx.creditorName,
        counterpartyIban: credit ? tx.debtorIban : tx.creditorIban,
        remittance: tx.remittance,
        creditorReferences: tx.creditorReferences,
      });
    });
  }
  return payments;
}
