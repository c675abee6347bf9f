/**
 * ISO 11649 structured creditor reference ("RF" reference): "RF" + two check digits + up to 21 letters and digits.
 * Check digits as in IBANs (ISO 7064 MOD 97-10): move "RF" and the check digits to the end, letters to numbers
 * (A = 10 … Z = 35), and the whole must leave 1 when divided by 97.
 */

const MAX_BODY = 21;

/** "RE-2026-0004" → "RF18RE20260004" (the body is the reference without separators). */
export function makeCreditorReference(reference: string): string | null {
  const body = compact(reference);
  if (body.length === 0 || body.length > MAX_BODY || !isAlphanumeric(body)) return null;
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/** In groups of four as printed on invoices and payment slips: "RF18 RE20 2600 04". */
export function formatCreditorReference(reference: string): string {
  return compact(reference).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The body of a valid RF reference (any case, spaces allowed); null when it is not one or its check fails. */
export function readCreditorReference(text: string): string | null {
  const ref = compact(text);
  if (ref.length < 5 || ref.length > 4 + MAX_BODY || !ref.startsWith('RF') || !isAlphanumeric(ref)) return null;
  if (!/^\d\d$/.test(ref.slice(2, 4))) return null;
  return mod97(ref.slice(4) + ref.slice(0, 4)) === 1 ? ref.slice(4) : null;
}

function compact(text: string): string {
  return text.replace(/[\s\-./]+/g, '').toUpperCase();
}

function isAlphanumeric(s: string): boolean {
  return /^[0-9A-Z]+$/.test(s);
}

/** Remainder by 97 of the number the letters-to-digits expansion spells, digit by digit (no big integers). */
function mod97(s: string): number {
  let rest = 0;
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    const value = code <= 57 ? code - 48 : code - 55;
    rest = value >= 10 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97;
  }
  return rest;
}
