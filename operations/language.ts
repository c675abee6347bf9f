import type { Db } from '../data/db';
import { setPersonLocale } from '../data/parties';
import type { Locale } from '../domain/locale';

/** A person chooses the language the bot speaks with them, also in notifications; only for themselves. */
export async function chooseLanguage(db: Db, person: { id: number }, locale: Locale): Promise<void> {
  await setPersonLocale(db, person.id, locale);
}
