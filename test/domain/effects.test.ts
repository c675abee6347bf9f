import { effectsOf } from '../../domain/effects';
import { orderStatuses } from '../../domain/lifecycle';

describe('what each step of an order causes (domain/effects.ts)', () => {
  it('books stock, machine days and appointments when an order is placed', () => {
    expect(effectsOf({ from: null, to: 'received' })).toEqual(['reserveStock', 'planCapacity', 'bookAppointments']);
  });

  it('gives everything back and tells the customer when an order is cancelled, whoever cancels it from wherever', () => {
    for (const from of ['received', 'on_hold', 'confirmed', 'in_preparation'] as const) {
      expect(effectsOf({ from, to: 'cancelled' })).toEqual(['releaseStock', 'releaseBookings', 'notifyCustomer']);
    }
  });

  it('holds, releases and ships with the messages the domain names', () => {
    expect(effectsOf({ from: 'received', to: 'on_hold' })).toEqual(['notifyCustomer', 'notifyStaffReview']);
    expect(effectsOf({ from: 'on_hold', to: 'checked' })).toEqual(['continueAutomatically']);
    expect(effectsOf({ from: 'checked', to: 'confirmed' })).toEqual(['notifyCustomer']);
    // Issue 10: what leaves the house is invoiced in the same step (per the invoice mode).
    expect(effectsOf({ from: 'ready_to_ship', to: 'partially_shipped' })).toEqual(['consumeStock', 'notifyCustomer', 'issueInvoice']);
    expect(effectsOf({ from: 'partially_shipped', to: 'shipped' })).toEqual(['consumeStock', 'notifyCustomer', 'issueInvoice']);
    expect(effectsOf({ from: 'shipped', to: 'delivered' })).toEqual(['notifyCustomer', 'issueInvoice']);
    expect(effectsOf({ from: 'in_execution', to: 'performed' })).toEqual(['issueInvoice']);
    expect(effectsOf({ from: 'confirmed', to: 'in_preparation' })).toEqual([]);
    expect(effectsOf({ event: 'appointment_moved' })).toEqual(['notifyCustomer']);
  });

  it('releases stock only when an order is cancelled', () => {
    for (const to of orderStatuses) {
      for (const from of orderStatuses) {
        expect(effectsOf({ from, to }).includes('releaseStock')).toBe(to === 'cancelled');
      }
    }
  });
});
