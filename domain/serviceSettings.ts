import { DEFAULT_LATE_FEE_PERCENT, DEFAULT_REMINDER_HOUR } from './bookingRules';
import { DEFAULT_TRAVEL_MINUTES } from './slots';

/** The service business's own numbers (TRAVEL_BUFFER_MINUTES, REMINDER_HOUR, LATE_CANCELLATION_FEE_PERCENT). */
export interface ServiceSettings {
  travelBufferMinutes: number;
  reminderHour: number;
  lateFeePercent: number;
}

export const defaultServiceSettings: ServiceSettings = {
  travelBufferMinutes: DEFAULT_TRAVEL_MINUTES,
  reminderHour: DEFAULT_REMINDER_HOUR,
  lateFeePercent: DEFAULT_LATE_FEE_PERCENT,
};

/** Whether each number is in its range: 0–240 minutes of travel, an hour 0–23, a fee of 0–100 %. */
export function checkServiceSettings(s: ServiceSettings): string[] {
  const wrong: string[] = [];
  if (!Number.isInteger(s.travelBufferMinutes) || s.travelBufferMinutes < 0 || s.travelBufferMinutes > 240) wrong.push('travelBufferMinutes');
  if (!Number.isInteger(s.reminderHour) || s.reminderHour < 0 || s.reminderHour > 23) wrong.push('reminderHour');
  if (!Number.isInteger(s.lateFeePercent) || s.lateFeePercent < 0 || s.lateFeePercent > 100) wrong.push('lateFeePercent');
  return wrong;
}
