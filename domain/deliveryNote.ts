import type { CompanyRecord } from './company';
import type { Buyer, UnitCode } from './invoice';
import type { Locale } from './locale';
import type { Address } from './parties';

/** A delivery note (Lieferschein) travels with the goods: what was shipped, where to, no prices. */
export interface DeliveryNote {
  /** "LS-1001" from domain/documentNumbers.ts. */
  number: string;
  orderNumber: string;
  issueDate: string;
  deliveryDate: string;
  locale: Locale;
  seller: CompanyRecord;
  buyer: Buyer;
  /** Where the goods go, when not to the buyer's address. */
  deliveryAddress: Address | null;
  carrier: string | null;
  trackingNumber: string | null;
  lines: DeliveryNoteLine[];
}

export interface DeliveryNoteLine {
  position: number;
  sku: string | null;
  name: string;
  quantity: number;
  unit: { name: string; code: UnitCode };
}
