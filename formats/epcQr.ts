import QRCode from 'qrcode';
import { compactIban } from '../domain/company';

/**
 * The EPC QR code ("GiroCode", EPC069-12 version 002) that banking apps scan to fill in a SEPA credit transfer.
 * Lines: BCD, 002, 1 (UTF-8), SCT, BIC, beneficiary name (≤ 70), IBAN, EUR amount, purpose code, structured
 * reference, unstructured remittance (≤ 140), separated by LF. Error correction level M, at most version 13.
 */

export interface EpcPayment {
  beneficiary: string;
  iban: string;
  bic: string | null;
  amountCents: number;
  /** Free remittance text: the invoice number, so the payment can be matched. */
  remittance: string;
}

export type EpcResult =
  | { ok: true; payload: string }
  | { ok: false; reason: 'bad_iban' | 'bad_amount' | 'no_beneficiary' };

/** EPC069-12: 0.01 to 999,999,999.99 EUR. */
const MAX_CENTS = 99_999_999_999;

export function epcPayload(p: EpcPayment): EpcResult {
  const iban = compactIban(p.iban);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return { ok: false, reason: 'bad_iban' };
  if (!Number.isSafeInteger(p.amountCents) || p.amountCents < 1 || p.amountCents > MAX_CENTS) return { ok: false, reason: 'bad_amount' };
  const name = oneLine(p.beneficiary).slice(0, 70);
  if (!name) return { ok: false, reason: 'no_beneficiary' };
  const amount = `EUR${Math.floor(p.amountCents / 100)}.${String(p.amountCents % 100).padStart(2, '0')}`;
  const lines = ['BCD', '002', '1', 'SCT', (p.bic ?? '').trim().toUpperCase(), name, iban, amount, '', '', oneLine(p.remittance).slice(0, 140)];
  return { ok: true, payload: lines.join('\n') };
}

export interface QrMatrix {
  size: number;
  /** Row-major, true = dark module. */
  dark: (x: number, y: number) => boolean;
}

/** The QR symbol of an EPC payload (level M as the standard asks), as modules to draw as vector squares. */
export function epcQrMatrix(payload: string): QrMatrix {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  if (qr.version > 13) throw new RangeError('EPC QR payload too long for version 13');
  const { size } = qr.modules;
  return { size, dark: (x, y) => qr.modules.get(y, x) === 1 };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
