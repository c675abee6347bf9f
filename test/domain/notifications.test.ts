import { orderStatuses } from '../../domain/lifecycle';
import { customerNotificationFor, staffReviewRecipients, staffReviewRoles, staffReviewWanted } from '../../domain/notifications';

describe('customerNotificationFor', () => {
  it.each([
    ['confirmed', 'order_confirmed'],
    ['on_hold', 'order_on_hold'],
    ['partially_shipped', 'order_shipped'],
    ['shipped', 'order_shipped'],
    ['delivered', 'order_delivered'],
    ['cancelled', 'order_cancelled'],
  ] as const)('tells the customer when the order is %s', (to, kind) => {
    expect(customerNotificationFor(to)).toBe(kind);
  });

  it('keeps internal steps from the customer', () => {
    const told = ['confirmed', 'on_hold', 'partially_shipped', 'shipped', 'delivered', 'cancelled'];
    const silent = orderStatuses.filter((s) => !told.includes(s));
    expect(silent).toEqual(['received', 'checked', 'in_preparation', 'in_execution', 'ready_to_ship', 'performed', 'invoiced', 'paid', 'closed']);
    for (const status of silent) expect(customerNotificationFor(status)).toBeNull();
  });
});

describe('staff review', () => {
  it('is wanted only for a held order', () => {
    expect(orderStatuses.filter(staffReviewWanted)).toEqual(['on_hold']);
  });

  it('goes to sales and admin', () => {
    expect([...staffReviewRoles].sort()).toEqual(['admin', 'sales']);
  });

  it('leaves out the person who put the order on hold', () => {
    expect(staffReviewRecipients([4, 5, 6], 5)).toEqual([4, 6]);
  });

  it('tells all of the staff when the system held the order', () => {
    expect(staffReviewRecipients([4, 5, 6], null)).toEqual([4, 5, 6]);
    expect(staffReviewRecipients([4, 5, 6], undefined)).toEqual([4, 5, 6]);
  });
});
