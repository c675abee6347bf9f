import Builder from 'fast-xml-builder';

/**
 * Writes camt.053 bank statements for tests, element by element in the order the ISO 20022 schema sequences them
 * (GrpHdr, Stmt: Id, ElctrncSeqNb, CreDtTm, Acct, Bal, Ntry: NtryRef, Amt, CdtDbtInd, RvslInd, Sts, BookgDt,
 * ValDt, AcctSvcrRef, BkTxCd, NtryDtls/TxDtls: Refs, Amt / AmtDtls, RltdPties, RmtInf). Version .001.02 and .001.08
 * differ where the schemas do: Sts as text or Sts/Cd, party names as Dbtr/Nm or Dbtr/Pty/Nm, the transaction amount
 * in AmtDtls/TxAmt or directly in TxDtls/Amt.
 */

export type CamtVersion = '02' | '08';

export interface TestTransaction {
  /** Euro amount as the bank writes it ("119.00"); defaults to the entry's amount. */
  amount?: string;
  endToEndId?: string;
  debtorName?: string;
  debtorIban?: string;
  creditorName?: string;
  creditorIban?: string;
  ustrd?: string[];
  creditorRef?: string;
}

export interface TestEntry {
  amount: string;
  currency?: string;
  credit?: boolean;
  reversal?: boolean;
  status?: 'BOOK' | 'PDNG' | 'INFO';
  bookingDate?: string;
  valueDate?: string;
  acctSvcrRef?: string | null;
  ntryRef?: string;
  /** Omitted: one transaction built from the entry's fields below. */
  transactions?: TestTransaction[];
  endToEndId?: string;
  debtorName?: string;
  debtorIban?: string;
  ustrd?: string[];
  creditorRef?: string;
}

export interface TestStatement {
  version?: CamtVersion;
  /** Namespace prefix ("camt", "ns2") or null for the default namespace. */
  prefix?: string | null;
  namespace?: string;
  id?: string;
  iban?: string;
  accountCurrency?: string;
  date?: string;
  entries: TestEntry[];
}

export const SELLER_IBAN = 'DE02120300000000202051';

const builder = new Builder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

export function camt053(statement: TestStatement): string {
  const version = statement.version ?? '08';
  const prefix = statement.prefix === undefined ? null : statement.prefix;
  const namespace = statement.namespace ?? `urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}`;
  const date = statement.date ?? '2026-03-02';
  const iban = statement.iban ?? SELLER_IBAN;
  const id = statement.id ?? `STMT-${date}`;
  const amount = (value: string, currency = 'EUR') => ({ '#text': value, '@Ccy': currency });
  const balance = (code: string) => ({
    Tp: { CdOrPrtry: { Cd: code } },
    Amt: amount('0.00', statement.accountCurrency ?? 'EUR'),
    CdtDbtInd: 'CRDT',
    Dt: { Dt: date },
  });
  const party = (name: string | undefined) => (name === undefined ? undefined : version === '02' ? { Nm: name } : { Pty: { Nm: name } });

  const transaction = (tx: TestTransaction, entry: TestEntry) => {
    const currency = entry.currency ?? 'EUR';
    const txAmount = tx.amount ? amount(tx.amount, currency) : undefined;
    return {
      Refs: { EndToEndId: tx.endToEndId ?? 'NOTPROVIDED' },
      ...(version === '08' && txAmount ? { Amt: txAmount, CdtDbtInd: entry.credit === false ? 'DBIT' : 'CRDT' } : {}),
      ...(version === '02' && txAmount ? { AmtDtls: { TxAmt: { Amt: txAmount } } } : {}),
      RltdPties: {
        Dbtr: party(tx.debtorName),
        DbtrAcct: tx.debtorIban ? { Id: { IBAN: tx.debtorIban } } : undefined,
        Cdtr: party(tx.creditorName),
        CdtrAcct: tx.creditorIban ? { Id: { IBAN: tx.creditorIban } } : undefined,
      },
      RmtInf: {
        Ustrd: tx.ustrd,
        Strd: tx.creditorRef
          ? { CdtrRefInf: { Tp: { CdOrPrtry: { Cd: 'SCOR' }, Issr: 'ISO' }, Ref: tx.creditorRef } }
          : undefined,
      },
    };
  };

  const entry = (e: TestEntry, i: number) => {
    const txs = e.transactions ?? [{ endToEndId: e.endToEndId, debtorName: e.debtorName, debtorIban: e.debtorIban, ustrd: e.ustrd, creditorRef: e.creditorRef }];
    return {
      NtryRef: e.ntryRef ?? String(i + 1),
      Amt: amount(e.amount, e.currency),
      CdtDbtInd: e.credit === false ? 'DBIT' : 'CRDT',
      RvslInd: e.reversal ? 'true' : undefined,
      Sts: version === '02' ? e.status ?? 'BOOK' : { Cd: e.status ?? 'BOOK' },
      BookgDt: { Dt: e.bookingDate ?? date },
      ValDt: { Dt: e.valueDate ?? e.bookingDate ?? date },
      AcctSvcrRef: e.acctSvcrRef === null ? undefined : e.acctSvcrRef ?? `${id}-${String(i + 1).padStart(6, '0')}`,
      BkTxCd: { Domn: { Cd: 'PMNT', Fmly: { Cd: 'RCDT', SubFmlyCd: 'ESCT' } } },
      NtryDtls: { TxDtls: txs.map((tx) => transaction(tx, e)) },
    };
  };

  const body = {
    BkToCstmrStmt: {
      GrpHdr: { MsgId: `MSG-${id}`, CreDtTm: `${date}T18:00:00+01:00` },
      Stmt: {
        Id: id,
        ElctrncSeqNb: '1',
        CreDtTm: `${date}T18:00:00+01:00`,
        Acct: { Id: { IBAN: iban }, Ccy: statement.accountCurrency ?? 'EUR' },
        Bal: [balance(version === '02' ? 'PRCD' : 'OPBD'), balance('CLBD')],
        Ntry: statement.entries.map(entry),
      },
    },
  };
  const tree = {
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    Document: { '@xmlns': namespace, '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', ...body },
  };
  const pruned = prune(tree) as Record<string, unknown>;
  return builder.build(prefix ? withPrefix(pruned, prefix, namespace) : pruned);
}

/** Drops absent optional elements (undefined, or groups left without children) so none is written empty. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune).filter((v) => v !== undefined);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const kept = prune(child);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** The same tree with every element in prefix:…, declared as xmlns:prefix on the Document. */
function withPrefix(tree: Record<string, unknown>, prefix: string, namespace: string): Record<string, unknown> {
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === '@xmlns') out[`@xmlns:${prefix}`] = namespace;
      else if (key.startsWith('@') || key.startsWith('#') || key.startsWith('?')) out[key] = child;
      else out[`${prefix}:${key}`] = rename(child);
    }
    return out;
  };
  return rename(tree) as Record<string, unknown>;
}
