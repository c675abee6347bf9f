import type { Locale } from './locale';

/** The one role type: what a person is in the house, or 'system' for automatic steps and integrations (never a person's). */
/** 'technician': staff who are a service resource (technicians, consultants); they see and report their own appointments only. */
export type Role = 'customer' | 'sales' | 'accountant' | 'admin' | 'technician' | 'system';

export { isStaff } from './permissions';

export interface Address {
  name: string;
  street: string;
  postcode: string;
  city: string;
  country: string; // ISO 3166-1 alpha-2
}

export interface Company {
  name: string;
  address: Address;
  vatId: string;
  taxNumber: string | null;
  iban: string | null;
  bic: string | null;
}

export type CustomerKind = 'b2b' | 'b2c';

export interface Customer {
  id: number;
  number: string;
  name: string;
  kind: CustomerKind;
  address: Address;
  paymentTermsDays: number;
  creditLimitCents: number | null;
  vatId: string | null;
}

export interface Person {
  id: number;
  displayName: string;
  role: Role;
  customerId: number | null;
  locale: Locale | null;
}
