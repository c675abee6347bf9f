import type { Role } from './parties';

/**
 * Who is acting: a person in a role, or the system (automatic checks, an integration). Conversations read the
 * person and role fresh on every turn and REST derives them from the API key on every call, so a changed role
 * counts from the next message on.
 */
export interface Actor {
  personId: number | null;
  role: Role;
  /** For customers: the account they belong to. */
  customerId: number | null;
  /** Where the request came from ('directline', 'msteams', 'rest', 'notifier', …). */
  channel: string;
}

/**
 * Everything someone may or may not do. Steps of the order lifecycle have their roles in the lifecycle table
 * (domain/lifecycle.ts); `may` says whether someone may act on an order at all.
 */
export type Action =
  | 'placeOrder'
  | 'seeOrder'
  | 'moveAppointment'
  /** Work queues, order cards, moving and shipping orders: in the chat and with the staff REST key. */
  | 'workOrders'
  /** The held-order queue, and releasing or rejecting a hold (the lifecycle table says which steps). */
  | 'reviewHolds'
  /** The coming money flows. */
  | 'issueInvoice'
  | 'bookPayment'
  | 'sendDunningNotice'
  /** Absences of technicians and consultants ("Tom ist am 3.12. krank"). */
  | 'recordAbsence'
  /** The day plan of all resources ("Einsatzplan morgen"); a resource's own person sees their own day. */
  | 'seeDayPlan'
  /** Report a visit as performed; a resource's own person may report their own visits. */
  | 'reportVisit'
  /** Linking a channel identity (a Teams user) to a person: who it is decides everything they may see. */
  | 'linkIdentities'
  /** Quotes: see one, ask for or make one (customers their own, at catalog prices), accept or reject one, send one. */
  | 'seeQuote'
  | 'requestQuote'
  | 'decideQuote'
  | 'sendQuote';

/** What an action is about; customers act on their own account only. */
export interface Subject {
  customerId: number | null;
}

interface Rule {
  /** Roles that may do it for any customer. */
  roles: readonly Role[];
  /** Customers may do it for their own account. */
  ownAccount: boolean;
}

const inHouse: readonly Role[] = ['sales', 'accountant', 'admin', 'system'];
const salesSide: readonly Role[] = ['sales', 'admin', 'system'];
const accounting: readonly Role[] = ['accountant', 'admin', 'system'];

/** The one table of who may do what. Accounting looks at every order but neither orders nor moves appointments. */
const rules: Record<Action, Rule> = {
  placeOrder: { roles: salesSide, ownAccount: true },
  seeOrder: { roles: inHouse, ownAccount: true },
  moveAppointment: { roles: salesSide, ownAccount: true },
  workOrders: { roles: ['sales', 'admin'], ownAccount: false },
  reviewHolds: { roles: ['sales', 'accountant', 'admin'], ownAccount: false },
  issueInvoice: { roles: accounting, ownAccount: false },
  bookPayment: { roles: accounting, ownAccount: false },
  sendDunningNotice: { roles: accounting, ownAccount: false },
  recordAbsence: { roles: salesSide, ownAccount: false },
  seeDayPlan: { roles: ['sales', 'admin'], ownAccount: false },
  reportVisit: { roles: salesSide, ownAccount: false },
  linkIdentities: { roles: ['admin', 'system'], ownAccount: false },
  seeQuote: { roles: inHouse, ownAccount: true },
  requestQuote: { roles: salesSide, ownAccount: true },
  // Sales may record a decision the customer gave by phone.
  decideQuote: { roles: salesSide, ownAccount: true },
  sendQuote: { roles: salesSide, ownAccount: false },
};

/** Staff who are a resource (a technician, a consultant) see and report their own appointments, whatever their role. */
export function isResourceOwnPerson(actor: Pick<Actor, 'role' | 'personId'>, resourcePersonIds: readonly (number | null)[]): boolean {
  return actor.role !== 'customer' && actor.personId != null && resourcePersonIds.includes(actor.personId);
}

/**
 * Whether `actor` may do `action` on `subject`; without a subject, whether they may do it at all (for some
 * customer), e.g. to refuse before a draft is begun.
 */
export function may(actor: Pick<Actor, 'role' | 'customerId'>, action: Action, subject?: Subject): boolean {
  const rule = rules[action];
  if (actor.role === 'customer') {
    return rule.ownAccount && actor.customerId != null && (subject === undefined || subject.customerId === actor.customerId);
  }
  return rule.roles.includes(actor.role);
}

/** Sales and admin work on orders in the chat: every account's queues, order cards and transitions. */
export function isStaff(role: Role): boolean {
  return rules.workOrders.roles.includes(role);
}
