import type { Knex } from 'knex';
import { defaultServiceSettings, type ServiceSettings } from '../domain/serviceSettings';
import type { Db } from './db';

const names: Record<keyof ServiceSettings, string> = {
  travelBufferMinutes: 'services.travel_buffer_minutes',
  reminderHour: 'services.reminder_hour',
  lateFeePercent: 'services.late_fee_percent',
};

/** The service settings every instance uses (kept in the settings table; the host writes them from its configuration). */
export async function loadServiceSettings(conn: Db | Knex.Transaction): Promise<ServiceSettings> {
  const rows = await conn('settings').whereIn('name', Object.values(names)).select('name', 'value');
  const byName = new Map(rows.map((r: any) => [r.name, Number(r.value)]));
  const value = (key: keyof ServiceSettings) => {
    const v = byName.get(names[key]);
    return v === undefined || !Number.isInteger(v) ? defaultServiceSettings[key] : v;
  };
  return { travelBufferMinutes: value('travelBufferMinutes'), reminderHour: value('reminderHour'), lateFeePercent: value('lateFeePercent') };
}

export async function saveServiceSettings(db: Db, settings: ServiceSettings): Promise<void> {
  for (const key of Object.keys(names) as (keyof ServiceSettings)[]) {
    await db('settings').insert({ name: names[key], value: String(settings[key]) }).onConflict('name').merge();
  }
}
