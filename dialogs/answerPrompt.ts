import type { TurnContext } from 'botbuilder';
import { Prompt, PromptOptions, PromptRecognizerResult, PromptValidator } from 'botbuilder-dialogs';
import { cardActionOf } from './cardActions';

/** A message as the order dialog reads it: typed text, or the data of a card button or card form. */
export interface Answer {
  text: string;
  value: Record<string, unknown> | null;
}

/**
 * Accepts every message (text or card submit) and leaves the judging to its validator, which also replaces
 * `recognized.value` with what it parsed – so the waterfall step receives the parsed answer and the parsing
 * lives in one place. Card submits arrive without text, which the built-in prompts would reject.
 */
export class AnswerPrompt extends Prompt<unknown> {
  constructor(id: string, validator: PromptValidator<unknown>) {
    super(id, validator);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const activity = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (activity) await context.sendActivity(activity);
  }

  protected async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<unknown>> {
    const { type, text, value } = context.activity;
    if (type !== 'message') return { succeeded: false };
    const answer: Answer = {
      text: (text ?? '').trim(),
      value: value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null,
    };
    return { succeeded: true, value: answer };
  }
}

/** The card action a submit carries, or null for typed text. */
export function cardAction(answer: Answer): string | null {
  return cardActionOf(answer.value);
}
