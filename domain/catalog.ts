import type { Localized } from './locale';

export type VatRate = 19 | 7 | 0;

/** goods come from stock; made_to_order goods use machine capacity; services book people and equipment. */
export type ProductKind = 'goods' | 'made_to_order' | 'service';

export interface Product {
  sku: string;
  kind: ProductKind;
  category: string;
  name: Localized;
  unit: Localized;
  /** Other words customers use for this product, lower case, singular and plural forms welcome. */
  synonyms: Localized<string[]>;
  priceCents: number;
  vatRate: VatRate;
  /** Goods: units on hand (before reservations); null for services and made-to-order items. */
  onHand: number | null;
  /** Goods: when new stock is expected (YYYY-MM-DD), if known. */
  restockDate: string | null;
  /** Services: length of one visit or hour in minutes. */
  durationMinutes: number | null;
  /** Resources this product occupies (made_to_order: the machine; service: people and equipment). */
  resourceIds: string[];
  /** Services done at the customer's: the technician needs travel time after each visit. */
  onSite?: boolean;
}

export type ResourceKind = 'person' | 'vehicle' | 'machine';

export interface Resource {
  id: string;
  name: string;
  kind: ResourceKind;
  /** Machines: units they produce per working day. */
  unitsPerDay: number | null;
}
