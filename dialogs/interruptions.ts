import { MessageFactory } from 'botbuilder';
import {
  ComponentDialog,
  ConfirmPrompt,
  Dialog,
  DialogContext,
  DialogTurnResult,
  DialogTurnStatus,
  ListStyle,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Locale } from '../domain/locale';

export type Interruption = { kind: 'help' } | { kind: 'cancel' } | { kind: 'status'; reference: string };

/** What the base says; the subclass words it in the user's language. */
export type InterruptionText = 'help' | 'askCancel' | 'cancelled' | 'notCancelled' | 'askResume' | 'discarded' | 'yes' | 'no';

/** How a dialog built on this base ended when the user stopped it. */
export interface InterruptedResult {
  outcome: 'cancelled' | 'discarded';
}

/** A pause longer than this turns the next message into "do you want to continue?". */
export const RESUME_AFTER_MS = 60 * 60 * 1000;

const YES = /^(ja|jawohl|jo|gerne?|genau|yes|yeah|yep|sure|ok(ay)?)\b/i;
const NO = /^(nein|nee|n[oö]|lieber nicht|no|nope|not really)\b/i;

const LAST_TURN_AT = 'interruptions.lastTurnAt';
const CONFIRM = 'interruptions.confirm';
const CONFIRM_CANCEL = 'interruptions.confirmCancel';
const CONFIRM_RESUME = 'interruptions.confirmResume';

/**
 * A ComponentDialog that lets help, cancel and status questions through at any point and then carries on
 * with the question that was pending (like core-bot's CancelAndHelpDialog, plus a confirmation before work is
 * lost and a "continue?" question after a long pause). Everything it keeps lives in dialog state, so a
 * restarted server picks up where it was.
 */
export abstract class InterruptibleDialog<O extends object = {}> extends ComponentDialog<O> {
  protected constructor(id: string, protected readonly now: () => Date) {
    super(id);
    const confirm = new ConfirmPrompt(CONFIRM, async (p) => {
      // A German "nein" in an English conversation (or the other way round) is still an answer.
      if (!p.recognized.succeeded) {
        const text = (p.context.activity.text ?? '').trim();
        if (YES.test(text)) p.recognized.value = true;
        else if (NO.test(text)) p.recognized.value = false;
        else return false;
        p.recognized.succeeded = true;
      }
      return true;
    });
    confirm.style = ListStyle.none; // the question carries its own localized buttons
    this.addDialog(confirm);
    this.addDialog(
      new WaterfallDialog(CONFIRM_CANCEL, [
        (step) => this.askYesNo(step, 'askCancel'),
        (step) => this.afterYesNo(step, 'cancelled', 'notCancelled', 'cancelled'),
      ]),
    );
    this.addDialog(
      new WaterfallDialog(CONFIRM_RESUME, [
        (step) => this.askYesNo(step, 'askResume'),
        (step) => this.afterYesNo(step, 'discarded', 'notCancelled', 'discarded', true),
      ]),
    );
  }

  /** Recognises help, cancel and status questions in the current message, or null for anything else. */
  protected abstract recognizeInterruption(dc: DialogContext): Promise<Interruption | null>;

  protected abstract say(dc: DialogContext, text: InterruptionText): string;

  protected abstract localeOf(dc: DialogContext): Locale;

  /** Whether stopping now would throw away something the user entered. */
  protected abstract hasUnsavedWork(dc: DialogContext): boolean;

  /** The answer to a status question asked in the middle of this conversation. */
  protected abstract answerStatus(dc: DialogContext, reference: string): Promise<string>;

  /** The subclass's own handling of a message before the pending prompt sees it (e.g. corrections). */
  protected async onMessage(_dc: DialogContext): Promise<DialogTurnResult | undefined> {
    return undefined;
  }

  /** This component's own instance state (the same object on every floor of its inner dialogs). */
  protected componentState(dc: DialogContext): Record<string, any> {
    const instance = dc.parent?.activeDialog;
    if (!instance || instance.id !== this.id) throw new Error(`${this.id}: not called from one of its own dialogs`);
    return instance.state;
  }

  protected async onBeginDialog(innerDc: DialogContext, options?: O): Promise<DialogTurnResult> {
    this.componentState(innerDc)[LAST_TURN_AT] = this.now().getTime();
    return super.onBeginDialog(innerDc, options);
  }

  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const state = this.componentState(innerDc);
    const now = this.now().getTime();
    const last = state[LAST_TURN_AT] as number | undefined;
    state[LAST_TURN_AT] = now;
    if (innerDc.context.activity.type !== 'message' || this.answeringOwnQuestion(innerDc)) {
      return super.onContinueDialog(innerDc);
    }
    if (last !== undefined && now - last > RESUME_AFTER_MS && this.hasUnsavedWork(innerDc)) {
      return innerDc.beginDialog(CONFIRM_RESUME);
    }
    const interruption = await this.recognizeInterruption(innerDc);
    if (interruption) return this.handleInterruption(innerDc, interruption);
    return (await this.onMessage(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  /** Answers help or status and asks the pending question again; cancel stops, after confirmation if needed. */
  protected async handleInterruption(dc: DialogContext, interruption: Interruption): Promise<DialogTurnResult> {
    switch (interruption.kind) {
      case 'help':
        await dc.context.sendActivity(this.say(dc, 'help'));
        return this.askAgain(dc);
      case 'status':
        await dc.context.sendActivity(await this.answerStatus(dc, interruption.reference));
        return this.askAgain(dc);
      case 'cancel':
        if (this.hasUnsavedWork(dc)) return dc.beginDialog(CONFIRM_CANCEL);
        await dc.context.sendActivity(this.say(dc, 'cancelled'));
        await dc.cancelAllDialogs();
        return stopped('cancelled');
    }
  }

  private answeringOwnQuestion(dc: DialogContext): boolean {
    const stack = dc.stack.map((d) => d.id);
    return stack.includes(CONFIRM_CANCEL) || stack.includes(CONFIRM_RESUME);
  }

  /**
   * Carries on after "no, do not cancel" (or "yes, continue"): by default the prompt underneath asks its question
   * again. A subclass whose buttons can be pressed while a different question is pending overrides it.
   */
  protected async resumeAfterNo(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }

  /** Asks the question that was pending before the interruption once more. */
  protected async askAgain(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.repromptDialog();
    return Dialog.EndOfTurn;
  }

  private async askYesNo(step: WaterfallStepContext, question: InterruptionText): Promise<DialogTurnResult> {
    const yes = this.say(step, 'yes');
    const no = this.say(step, 'no');
    const prompt = MessageFactory.suggestedActions([yes, no], this.say(step, question));
    // The prompt recognises yes/no in the user's language, not in the client's UI language.
    return step.prompt(CONFIRM, {
      prompt,
      retryPrompt: prompt,
      recognizeLanguage: this.localeOf(step) === 'de' ? 'de-de' : 'en-us',
    });
  }

  private async afterYesNo(
    step: WaterfallStepContext,
    onStop: InterruptionText,
    onGoOn: InterruptionText,
    outcome: InterruptedResult['outcome'],
    stopOnNo = false,
  ): Promise<DialogTurnResult> {
    // The cancel question stops on "yes"; the continue question stops on "no".
    const stop = stopOnNo ? step.result === false : step.result === true;
    if (!stop) {
      await step.context.sendActivity(this.say(step, onGoOn));
      return this.resumeAfterNo(step);
    }
    await step.context.sendActivity(this.say(step, onStop));
    await step.cancelAllDialogs();
    return stopped(outcome);
  }
}

function stopped(outcome: InterruptedResult['outcome']): DialogTurnResult<InterruptedResult> {
  return { status: DialogTurnStatus.complete, result: { outcome } };
}
