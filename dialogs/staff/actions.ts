import type { OrderStatus } from '../../domain/lifecycle';
import { cardActionOf } from '../cardActions';
import type { QueueName } from '../staffCommands';

export const PAGE_SIZE = 5;

/** Which list a card shows; travels inside the paging buttons so a page click needs no dialog state. */
export type ListSpec =
  | { kind: 'queue'; queue: QueueName }
  | { kind: 'late' }
  | { kind: 'customer'; customerId: number; name: string };

/** The data of every Action.Submit on staff cards: self-contained, so a card still works after a restart. */
export type StaffAction =
  | { action: 'staff.page'; list: ListSpec; offset: number }
  | { action: 'staff.open'; order: string; /** a later page of a long order's lines and history */ page?: number }
  | { action: 'staff.transition'; order: string; to: OrderStatus; version: number }
  | { action: 'staff.shipForm'; order: string; version: number }
  | { action: 'staff.ship'; order: string; version: number; carrier?: string; trackingNumber?: string; [input: string]: unknown };

export function isStaffCardAction(value: unknown): value is StaffAction {
  return cardActionOf(value)?.startsWith('staff.') ?? false;
}
