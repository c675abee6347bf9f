import type { Locale } from '../domain/locale';

export interface Recognized {
  intent: string;
  /** Whatever else the recognizer found (entities); child dialogs receive it as options. */
  details?: Record<string, unknown>;
}

export type Recognizer = (text: string, locale: Locale) => Promise<Recognized>;

export const Intents = { greeting: 'greeting', help: 'help', none: 'none' } as const;

const keywords: Array<[RegExp, string]> = [
  [/^(hallo|hi|hey|moin|servus|guten (morgen|tag|abend)|hello|good (morning|afternoon|evening))(?![\p{L}\d])/u, Intents.greeting],
  [/^(hilfe|help|\?|was kannst du|what can you do)(?![\p{L}\d])/u, Intents.help],
];

/** A stand-in until the NLU in dialogs/understanding/ arrives: greeting and help by keyword. */
export const keywordRecognizer: Recognizer = async (text) => {
  const normalized = text.trim().toLowerCase();
  const hit = keywords.find(([pattern]) => pattern.test(normalized));
  return { intent: hit ? hit[1] : Intents.none };
};
