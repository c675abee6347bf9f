import { readCreditorReference } from './creditorReference';
import { formatYearlyNumber, parseDocumentNumber } from './documentNumbers';
import type { Localized } from './locale';
import { allocatePayment, type Allocation } from './payments';

/**
 * Which invoices a bank entry pays. Evidence, strongest first: the invoice number in the structured creditor
 * reference (RF…) or in the remittance text, read the way people write it ("RE 2026 0004", "Rg.-Nr. 2026-4",
 * two numbers in one text); a number with one slip of the finger (a swapped or wrong digit) when an open invoice
 * with exactly that amount is one slip away; then the payer (account IBAN, name, or a customer's name in the
 * text) together with the amount. What is certain is booked; what is likely goes to an accountant with the
 * candidates and why; debits and reversals are traced to the payment they undo.
 *
 * The bank-statement shape is declared here (domain/ imports no file format); formats/camt053 produces it.
 */

export interface BankPayment {
  /** Stable key of the payment (the entry reference; "/n" for the n-th transaction of a batch entry). */
  paymentRef: string;
  entryReference: string;
  amountCents: number;
  direction: 'credit' | 'debit';
  reversal: boolean;
  booked: boolean;
  bookingDate: string | null;
  endToEndId: string | null;
  /** The other party: the debtor of a credit, the creditor of a debit. */
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittance: readonly string[];
  creditorReferences: readonly string[];
}

export interface MatchInvoice {
  number: string;
  customerNumber: string;
  dueDate: string;
  openCents: number;
}

export interface MatchCustomer {
  number: string;
  name: string;
  /** Accounts the customer has paid from before or gave us. */
  ibans: readonly string[];
}

/** A payment booked earlier, which a later debit or reversal may undo. */
export interface EarlierPayment {
  paymentRef: string;
  customerNumber: string;
  amountCents: number;
  endToEndId: string | null;
  payerIban: string | null;
}

export type MatchReason =
  | 'creditor_reference'
  | 'invoice_number'
  | 'invoice_number_typo'
  | 'amount'
  | 'amount_of_all_open'
  | 'payer_iban'
  | 'payer_name'
  | 'payer_name_similar'
  | 'customer_name_in_text'
  | 'amount_only'
  | 'amount_differs'
  | 'payer_is_other_customer'
  | 'invoices_of_several_customers'
  | 'named_invoice_not_open'
  | 'end_to_end_id'
  | 'reversal_indicator';

export interface MatchCandidate {
  customerNumber: string | null;
  invoiceNumbers: string[];
  /** Set for a debit or reversal: the earlier payment it would undo. */
  undoes: string | null;
  reasons: MatchReason[];
}

export type PaymentMatch =
  | {
      kind: 'sure';
      payment: BankPayment;
      customerNumber: string;
      allocations: Allocation[];
      creditCents: number;
      /** Invoice numbers the text names that are not open (already paid, say): the money becomes credit. */
      notOpen: string[];
      reasons: MatchReason[];
    }
  | { kind: 'reversal'; payment: BankPayment; undoes: string; customerNumber: string; reasons: MatchReason[] }
  | { kind: 'doubtful'; payment: BankPayment; candidates: MatchCandidate[]; reasons: MatchReason[] }
  | { kind: 'none'; payment: BankPayment; reason: 'no_match' | 'debit_not_a_payment' | 'reversal_of_a_debit' }
  | { kind: 'skipped'; payment: BankPayment; reason: 'duplicate' | 'already_imported' | 'not_booked' };

export interface MatchQuestion {
  payments: readonly BankPayment[];
  openInvoices: readonly MatchInvoice[];
  customers: readonly MatchCustomer[];
  earlierPayments?: readonly EarlierPayment[];
  /** Payment references imported before: seeing one again books nothing. */
  alreadyImported?: ReadonlySet<string>;
}

const MAX_CANDIDATES = 10;

/**
 * Matches payments in statement order. Sure matches use up the open amounts they pay, so a second payment naming
 * the same invoice meets what is left of it (or becomes credit), and a debit later in the same statement can undo
 * a payment booked earlier in it.
 */
export function matchPayments(q: MatchQuestion): PaymentMatch[] {
  const book = new OpenBook(q.openInvoices, q.customers);
  const earlier = new Map<string, EarlierPayment>();
  for (const p of q.earlierPayments ?? []) earlier.set(p.paymentRef, p);
  const seen = new Set<string>();
  const results: PaymentMatch[] = [];

  for (const payment of q.payments) {
    if (q.alreadyImported?.has(payment.paymentRef)) {
      results.push({ kind: 'skipped', payment, reason: 'already_imported' });
      continue;
    }
    if (seen.has(payment.paymentRef)) {
      results.push({ kind: 'skipped', payment, reason: 'duplicate' });
      continue;
    }
    seen.add(payment.paymentRef);
    if (!payment.booked) {
      results.push({ kind: 'skipped', payment, reason: 'not_booked' });
      continue;
    }
    if (payment.direction === 'debit') {
      const undo = matchUndo(payment, earlier);
      if (undo.kind === 'reversal') earlier.delete(undo.undoes);
      results.push(undo);
      continue;
    }
    if (payment.reversal) {
      results.push({ kind: 'none', payment, reason: 'reversal_of_a_debit' });
      continue;
    }
    const match = matchCredit(payment, book);
    if (match.kind === 'sure') {
      for (const a of match.allocations) book.pay(a.invoiceNumber, a.cents);
      earlier.set(payment.paymentRef, {
        paymentRef: payment.paymentRef,
        customerNumber: match.customerNumber,
        amountCents: payment.amountCents,
        endToEndId: payment.endToEndId,
        payerIban: payment.counterpartyIban,
      });
    }
    results.push(match);
  }
  return results;
}

function matchCredit(payment: BankPayment, book: OpenBook): PaymentMatch {
  const byIban = book.customerOfIban(payment.counterpartyIban);
  const refs = referencedInvoices(payment);

  const open = refs.numbers.filter((n) => book.isOpen(n));
  if (open.length > 0) {
    const reasons: MatchReason[] = [open.some((n) => refs.fromCreditorReference.has(n)) ? 'creditor_reference' : 'invoice_number'];
    const customers = new Set(open.map((n) => book.invoice(n)!.customerNumber));
    const candidate = (r: MatchReason[]): MatchCandidate[] => [
      { customerNumber: customers.size === 1 ? [...customers][0] : null, invoiceNumbers: open, undoes: null, reasons: r },
    ];
    if (customers.size > 1) return doubtful(payment, candidate([...reasons, 'invoices_of_several_customers']));
    const customerNumber = [...customers][0];
    if (byIban && byIban !== customerNumber) return doubtful(payment, candidate([...reasons, 'payer_is_other_customer']));
    return sure(payment, customerNumber, book, open, refs.numbers.filter((n) => !book.isOpen(n)), reasons);
  }

  if (refs.numbers.length > 0) {
    // Named, but nothing by that number is open: one slip of the finger away, with exactly the amount paid?
    const near = new Set<string>();
    for (const n of refs.numbers) for (const m of book.openNeighbours(n)) near.add(m);
    const exact = [...near].filter((n) => book.invoice(n)!.openCents === payment.amountCents);
    if (exact.length === 1) {
      const customerNumber = book.invoice(exact[0])!.customerNumber;
      if (!byIban || byIban === customerNumber) {
        return sure(payment, customerNumber, book, exact, refs.numbers, ['invoice_number_typo', 'amount']);
      }
    }
    if (near.size > 0) {
      return doubtful(
        payment,
        [...near].slice(0, MAX_CANDIDATES).map((n) => ({
          customerNumber: book.invoice(n)!.customerNumber,
          invoiceNumbers: [n],
          undoes: null,
          reasons: ['named_invoice_not_open', 'invoice_number_typo', book.invoice(n)!.openCents === payment.amountCents ? 'amount' : 'amount_differs'],
        })),
      );
    }
  }

  const notOpenReason: MatchReason[] = refs.numbers.length > 0 ? ['named_invoice_not_open'] : [];
  // Names are compared only now: most payments are settled by their number already.
  const payer = book.identifyPayer(payment, byIban);
  const customerNumber = payer.byIban ?? payer.byName ?? payer.inText;
  if (customerNumber) {
    const how: MatchReason = payer.byIban ? 'payer_iban' : payer.byName ? 'payer_name' : 'customer_name_in_text';
    const invoices = book.openOf(customerNumber);
    const exact = invoices.filter((i) => i.openCents === payment.amountCents);
    const all = invoices.reduce((s, i) => s + i.openCents, 0);
    // A similar name is a hint, not a proof; so is a number that names no open invoice.
    const certain = payer.nameSimilarOnly === false && notOpenReason.length === 0;
    if (exact.length === 1 && certain) return sure(payment, customerNumber, book, [exact[0].number], [], [how, 'amount']);
    if (exact.length === 0 && invoices.length > 1 && all === payment.amountCents && certain) {
      return sure(payment, customerNumber, book, invoices.map((i) => i.number), [], [how, 'amount_of_all_open']);
    }
    const reasons: MatchReason[] = [payer.nameSimilarOnly ? 'payer_name_similar' : how, ...notOpenReason];
    if (exact.length > 0) {
      return doubtful(payment, exact.slice(0, MAX_CANDIDATES).map((i) => ({ customerNumber, invoiceNumbers: [i.number], undoes: null, reasons: [...reasons, 'amount'] })));
    }
    return doubtful(payment, [{ customerNumber, invoiceNumbers: invoices.map((i) => i.number), undoes: null, reasons: [...reasons, 'amount_differs'] }]);
  }

  const sameAmount = book.withOpenAmount(payment.amountCents);
  if (sameAmount.length > 0) {
    return doubtful(
      payment,
      sameAmount.slice(0, MAX_CANDIDATES).map((i) => ({ customerNumber: i.customerNumber, invoiceNumbers: [i.number], undoes: null, reasons: [...notOpenReason, 'amount_only'] })),
    );
  }
  return { kind: 'none', payment, reason: 'no_match' };
}

function sure(payment: BankPayment, customerNumber: string, book: OpenBook, invoices: string[], notOpen: string[], reasons: MatchReason[]): PaymentMatch {
  const allocation = allocatePayment({
    amountCents: payment.amountCents,
    namedInvoiceNumbers: invoices,
    openInvoices: invoices.map((n) => book.invoice(n)!),
  });
  if (!allocation.ok) return { kind: 'none', payment, reason: 'no_match' };
  return {
    kind: 'sure',
    payment,
    customerNumber,
    allocations: allocation.allocations,
    creditCents: allocation.creditCents,
    notOpen: [...new Set(notOpen)],
    reasons,
  };
}

function doubtful(payment: BankPayment, candidates: MatchCandidate[]): PaymentMatch {
  const reasons = [...new Set(candidates.flatMap((c) => c.reasons))];
  return { kind: 'doubtful', payment, candidates, reasons };
}

/**
 * A debit (money going back to a payer) or a reversal undoes an earlier payment: by the end-to-end id the payer's
 * bank carries through, else by amount and account. Only the first is sure on its own; amount and account with the
 * bank's reversal indicator are sure too; anything weaker is for an accountant.
 */
function matchUndo(payment: BankPayment, earlier: Map<string, EarlierPayment>): PaymentMatch {
  const e2e = meaningful(payment.endToEndId);
  const sameAmount = [...earlier.values()].filter((p) => p.amountCents === payment.amountCents);
  if (e2e) {
    const byId = sameAmount.filter((p) => p.endToEndId === e2e);
    if (byId.length === 1) {
      return { kind: 'reversal', payment, undoes: byId[0].paymentRef, customerNumber: byId[0].customerNumber, reasons: ['end_to_end_id', 'amount'] };
    }
  }
  const iban = payment.counterpartyIban;
  const byAccount = iban ? sameAmount.filter((p) => p.payerIban === iban) : [];
  if (byAccount.length === 1 && payment.reversal) {
    return { kind: 'reversal', payment, undoes: byAccount[0].paymentRef, customerNumber: byAccount[0].customerNumber, reasons: ['reversal_indicator', 'payer_iban', 'amount'] };
  }
  const candidates = (byAccount.length > 0 ? byAccount : payment.reversal ? sameAmount : []).slice(-MAX_CANDIDATES);
  if (candidates.length > 0) {
    return doubtful(
      payment,
      candidates.map((p) => ({
        customerNumber: p.customerNumber,
        invoiceNumbers: [],
        undoes: p.paymentRef,
        reasons: [...(payment.reversal ? ['reversal_indicator' as const] : []), ...(byAccount.length > 0 ? ['payer_iban' as const] : []), 'amount' as const],
      })),
    );
  }
  return { kind: 'none', payment, reason: payment.reversal ? 'no_match' : 'debit_not_a_payment' };
}

function meaningful(id: string | null): string | null {
  return id && id.toUpperCase() !== 'NOTPROVIDED' ? id : null;
}

// ——— reading invoice numbers from what people write ———

// "RE", "Rg", "Rechnung", "Rechnungsnr.", "Invoice", "Inv" …, then any of ". - : # / Nr No" and the year and number.
const PREFIXED = /(?<![A-Z])(?:RECHNUNGSNUMMER|RECHNUNGSNR|RECHNUNG|INVOICE|INV|RGNR|RNR|RE|RG)(?:[\s.:#\-_/]|NR|NO|NUMMER|NUMBER)*(20\d\d)[\s.\-_/]*(\d{1,6})(?!\d)/g;
// A bare "2026-0004" or "2026/0004" (not a date: four digits after the year, nothing numeric around).
const BARE = /(?<![\d.\-/])(20\d\d)[\-/](\d{4,6})(?![\d.\-/])/g;
const RF_IN_TEXT = /(?<![A-Z0-9])RF\d\d(?:\s?[0-9A-Z]){1,21}/g;

export interface ReferencedInvoices {
  /** Canonical invoice numbers in the order they were found, without repeats. */
  numbers: string[];
  fromCreditorReference: Set<string>;
}

/** The invoice numbers a payment names, from RF references first (structured, then in the text), then the text. */
export function referencedInvoices(payment: Pick<BankPayment, 'remittance' | 'creditorReferences'>): ReferencedInvoices {
  const numbers: string[] = [];
  const fromCreditorReference = new Set<string>();
  const add = (n: string | null, fromRf = false) => {
    if (!n) return;
    if (!numbers.includes(n)) numbers.push(n);
    if (fromRf) fromCreditorReference.add(n);
  };
  const texts = remittanceTexts(payment.remittance);
  for (const ref of [...payment.creditorReferences, ...texts.flatMap((t) => t.match(RF_IN_TEXT) ?? [])]) {
    const body = readCreditorReference(ref);
    const parsed = body ? parseDocumentNumber(body) : null;
    if (parsed?.kind === 'invoice') add(parsed.number, true);
  }
  for (const t of texts) for (const n of invoiceNumbersInText(t)) add(n);
  return { numbers, fromCreditorReference };
}

/** Lines as written and joined: a bank may split "RE-2026-" and "0004" over two 35-character lines. */
function remittanceTexts(lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const spaced = lines.join(' ').toUpperCase();
  return lines.length > 1 ? [spaced, lines.join('').toUpperCase()] : [spaced];
}

export function invoiceNumbersInText(text: string): string[] {
  const t = text.toUpperCase();
  const found: string[] = [];
  for (const re of [PREFIXED, BARE]) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const running = Number(m[2]);
      if (running < 1) continue;
      const n = formatYearlyNumber('invoice', Number(m[1]), running);
      if (!found.includes(n)) found.push(n);
    }
  }
  return found;
}

/**
 * Invoice numbers one slip away from `number`: two neighbouring digits swapped or one digit wrong, in the year and
 * running number written as eight (or more) digits – "RE-2062-0004" and "RE-2026-0040" are both one slip from
 * "RE-2026-0004".
 */
export function oneSlipAway(number: string): string[] {
  const parsed = parseDocumentNumber(number);
  if (!parsed || parsed.kind !== 'invoice' || parsed.year === undefined) return [];
  const digits = `${parsed.year}${String(parsed.running).padStart(4, '0')}`;
  const out = new Set<string>();
  const addDigits = (d: string) => {
    const year = Number(d.slice(0, 4));
    const running = Number(d.slice(4));
    if (year >= 2000 && running >= 1 && d !== digits) out.add(formatYearlyNumber('invoice', year, running));
  };
  for (let i = 0; i + 1 < digits.length; i++) {
    if (digits[i] !== digits[i + 1]) addDigits(digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2));
  }
  for (let i = 0; i < digits.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) !== digits[i]) addDigits(digits.slice(0, i) + d + digits.slice(i + 1));
    }
  }
  return [...out];
}

// ——— payers ———

const LEGAL_FORMS = new Set(['gmbh', 'mbh', 'ag', 'kg', 'ohg', 'ug', 'gbr', 'ek', 'ev', 'co', 'und', 'haftungsbeschraenkt', 'ltd', 'inc', 'llc', 'se', 'kgaa', 'and']);

/** "Müller Bau GmbH & Co. KG" → ["mueller", "bau"]: lower case, umlauts spelled out, legal forms dropped. */
export function nameTokens(name: string): string[] {
  const spelled = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1') // e.K., e.V. → ek, ev
    .replace(/\./g, '');
  return spelled.split(/[^a-z0-9]+/).filter((t) => t.length > 0 && !LEGAL_FORMS.has(t));
}

interface Payer {
  byIban: string | null;
  byName: string | null;
  inText: string | null;
  /** The name only resembles a customer's (a typo): never enough to book. */
  nameSimilarOnly: boolean;
}

/** Working copy of the open invoices, with the indexes a statement of thousands of entries needs. */
class OpenBook {
  private readonly invoices = new Map<string, MatchInvoice>();
  private readonly byAmount = new Map<number, Set<string>>();
  private readonly byCustomer = new Map<string, Set<string>>();
  private readonly customerByIban = new Map<string, string>();
  /**
   * Each customer is indexed under its rarest name token only ("kunde" names thousands, "4711" one): a customer all
   * of whose tokens are in a text has that one there too, so a lookup meets few customers instead of every one.
   */
  private readonly customersByRareToken = new Map<string, IndexedCustomer[]>();
  /** The same rarest tokens under their one-letter deletions too (long ones), to find names one slip away. */
  private readonly customersByVariant = new Map<string, IndexedCustomer[]>();

  constructor(invoices: readonly MatchInvoice[], customers: readonly MatchCustomer[]) {
    for (const i of invoices) {
      if (i.openCents <= 0) continue;
      const copy = { ...i };
      this.invoices.set(i.number, copy);
      this.index(this.byAmount, copy.openCents, i.number);
      this.index(this.byCustomer, i.customerNumber, i.number);
    }
    for (const c of customers) for (const iban of c.ibans) this.customerByIban.set(compactIban(iban), c.number);
    const indexed = customers.map((c) => ({ number: c.number, tokens: nameTokens(c.name) })).filter((c) => c.tokens.length > 0);
    const frequency = new Map<string, number>();
    for (const c of indexed) for (const t of new Set(c.tokens)) frequency.set(t, (frequency.get(t) ?? 0) + 1);
    for (const c of indexed) {
      const rare = c.tokens.reduce((a, b) => (frequency.get(b)! < frequency.get(a)! ? b : a));
      push(this.customersByRareToken, rare, c);
      // Only tokens of five letters or more may carry a slip (similarTokens); shorter ones must be exact.
      for (const v of rare.length >= 5 ? oneDeletionVariants(rare) : [rare]) push(this.customersByVariant, v, c);
    }
  }

  invoice(number: string): MatchInvoice | undefined {
    return this.invoices.get(number);
  }

  isOpen(number: string): boolean {
    return this.invoices.has(number);
  }

  openNeighbours(number: string): string[] {
    return oneSlipAway(number).filter((n) => this.invoices.has(n));
  }

  /** Oldest due first. */
  openOf(customerNumber: string): MatchInvoice[] {
    const numbers = this.byCustomer.get(customerNumber) ?? new Set<string>();
    return [...numbers].map((n) => this.invoices.get(n)!).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : 1));
  }

  withOpenAmount(cents: number): MatchInvoice[] {
    return [...(this.byAmount.get(cents) ?? [])].map((n) => this.invoices.get(n)!);
  }

  pay(number: string, cents: number): void {
    const invoice = this.invoices.get(number);
    if (!invoice) return;
    this.byAmount.get(invoice.openCents)?.delete(number);
    invoice.openCents -= cents;
    if (invoice.openCents > 0) {
      this.index(this.byAmount, invoice.openCents, number);
    } else {
      this.invoices.delete(number);
      this.byCustomer.get(invoice.customerNumber)?.delete(number);
    }
  }

  customerOfIban(iban: string | null): string | null {
    return iban ? this.customerByIban.get(compactIban(iban)) ?? null : null;
  }

  identifyPayer(payment: BankPayment, byIban: string | null): Payer {
    const payer: Payer = { byIban, byName: null, inText: null, nameSimilarOnly: false };
    if (byIban) return payer;
    if (payment.counterpartyName) {
      const tokens = nameTokens(payment.counterpartyName);
      const exact = this.customersNamedIn(tokens);
      if (exact.length === 1) return { ...payer, byName: exact[0] };
      if (exact.length === 0) {
        const similar = this.customersSimilarTo(tokens);
        if (similar.length === 1) return { ...payer, byName: similar[0].number, nameSimilarOnly: true };
      }
    }
    if (payment.remittance.length > 0) {
      const named = this.customersNamedIn(nameTokens(payment.remittance.join(' ')));
      if (named.length === 1) return { ...payer, inText: named[0] };
    }
    return payer;
  }

  /** Customers all of whose name tokens occur in `tokens`, looked up through the token index. */
  private customersNamedIn(tokens: readonly string[]): string[] {
    const have = new Set(tokens);
    const found = new Set<string>();
    for (const t of have) {
      for (const c of this.customersByRareToken.get(t) ?? []) {
        if (c.tokens.every((x) => have.has(x))) found.add(c.number);
      }
    }
    return [...found];
  }

  /**
   * Customers whose name is in `tokens` up to one slip per long token (similarTokens). Two words one slip apart
   * share a one-letter deletion (or one is the other's), so the variant index finds every such customer among few.
   */
  private customersSimilarTo(tokens: readonly string[]): IndexedCustomer[] {
    const found = new Set<IndexedCustomer>();
    for (const t of new Set(tokens)) {
      for (const v of oneDeletionVariants(t)) {
        for (const c of this.customersByVariant.get(v) ?? []) if (!found.has(c) && similarTokens(c.tokens, tokens)) found.add(c);
      }
    }
    return [...found];
  }

  private index<K>(map: Map<K, Set<string>>, key: K, number: string): void {
    const set = map.get(key);
    if (set) set.add(number);
    else map.set(key, new Set([number]));
  }
}

interface IndexedCustomer {
  number: string;
  tokens: string[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The word itself and the word with each one letter left out. */
function oneDeletionVariants(word: string): Set<string> {
  const out = new Set([word]);
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Every customer token is in the payer's name, up to one slip in tokens of five letters or more. */
function similarTokens(customer: readonly string[], payer: readonly string[]): boolean {
  return customer.every((c) => payer.some((p) => p === c || (c.length >= 5 && withinOneSlip(c, p))));
}

/**
 * Damerau–Levenshtein distance at most 1 (one letter wrong, missing, extra, or two neighbours swapped), in one
 * pass without a distance matrix: it runs for every customer name on payments no number settles.
 */
export function withinOneSlip(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}

function compactIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}

/** Why a match was made or doubted, as an accountant reads it (the Record type keeps both languages complete). */
export const matchReasonTexts: Record<MatchReason, Localized> = {
  creditor_reference: { de: 'Strukturierte Gläubigerreferenz (RF) der Rechnung', en: "The invoice's structured creditor reference (RF)" },
  invoice_number: { de: 'Rechnungsnummer im Verwendungszweck', en: 'Invoice number in the remittance text' },
  invoice_number_typo: { de: 'Rechnungsnummer mit einem Tippfehler', en: 'Invoice number with one typo' },
  amount: { de: 'Betrag stimmt genau', en: 'Amount matches exactly' },
  amount_of_all_open: { de: 'Betrag ist die Summe aller offenen Rechnungen', en: 'Amount is the sum of all open invoices' },
  payer_iban: { de: 'Bekanntes Konto des Kunden', en: "The customer's known account" },
  payer_name: { de: 'Name des Zahlers ist der Kundenname', en: "Payer's name is the customer's name" },
  payer_name_similar: { de: 'Name des Zahlers ähnelt dem Kundennamen', en: "Payer's name resembles the customer's name" },
  customer_name_in_text: { de: 'Kundenname im Verwendungszweck', en: "Customer's name in the remittance text" },
  amount_only: { de: 'Nur der Betrag passt', en: 'Only the amount fits' },
  amount_differs: { de: 'Betrag passt nicht', en: 'Amount does not fit' },
  payer_is_other_customer: { de: 'Das Konto gehört einem anderen Kunden', en: 'The account belongs to another customer' },
  invoices_of_several_customers: { de: 'Rechnungen verschiedener Kunden genannt', en: 'Invoices of several customers named' },
  named_invoice_not_open: { de: 'Die genannte Rechnung ist nicht offen', en: 'The invoice named is not open' },
  end_to_end_id: { de: 'Gleiche End-to-End-Referenz wie die Zahlung', en: 'Same end-to-end reference as the payment' },
  reversal_indicator: { de: 'Von der Bank als Storno gekennzeichnet', en: 'Marked as a reversal by the bank' },
};
