import { MessageFactory, type TurnContext } from 'botbuilder';
import { Prompt, PromptOptions, PromptRecognizerResult, PromptValidator } from 'botbuilder-dialogs';
import { boundCard, type UnboundCard } from '../cards/bind';
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

  protected async onPrompt(context: TurnContext, _state: object, options: CardPromptOptions, isRetry: boolean): Promise<void> {
    const activity = options.card
      ? MessageFactory.attachment(boundCard(options.card), isRetry ? options.retryText : options.text)
      : isRetry ? retryOf(options) : options.prompt;
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

/** PromptOptions of a card prompt (cardPrompt): its card, unbound, and the texts it is asked and asked again with. */
export interface CardPromptOptions extends PromptOptions {
  card?: UnboundCard;
  text?: string;
  retryText?: string;
}

/**
 * A prompt showing `card`, asked with `text` (or none) and, after an answer that did not fit, with the same card and
 * `retryText`. The dialog state holds a prompt's options until it is answered, so the card is kept there once, and
 * as its template's name and data: it is bound each time it is shown.
 */
export function cardPrompt(card: UnboundCard, text: string | undefined, retryText: string, validations?: object): CardPromptOptions {
  return { card, ...(text !== undefined ? { text } : {}), retryText, ...(validations ? { validations } : {}) };
}

/** A prompt's activity for asking again; a card prompt saved by an earlier build kept its card bound, as `prompt`. */
function retryOf(options: CardPromptOptions): PromptOptions['prompt'] {
  if (options.retryPrompt) return options.retryPrompt;
  if (options.retryText !== undefined && options.prompt && typeof options.prompt === 'object') return { ...options.prompt, text: options.retryText };
  return options.prompt;
}

/** The card action a submit carries, or null for typed text. */
export function cardAction(answer: Answer): string | null {
  return cardActionOf(answer.value);
}
