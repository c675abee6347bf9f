import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogSet,
  DialogState,
  DialogStateManagerConfiguration,
  DialogTurnStatus,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { isStaff, type Person } from '../domain/parties';
import type { Locale } from '../domain/locale';
import { may } from '../domain/permissions';
import { cardActionOf } from './cardActions';
import { chatFilesOf } from './chatFiles';
import { installDialogStateManagerFixes } from './dialogStateManagerFixes';
import { Intents, Recognizer } from './recognizer';
import { commonTexts } from './texts/common';
import { getTurnUser } from './turnUser';

/** A child conversation started for an intent; it receives the recognizer's details as options. */
export interface IntentRoute {
  intent: string;
  dialog: Dialog;
  /** Card buttons (Action.Submit data `{ action }`) this route's dialog answers, arriving without text. */
  cardAction?: (action: string) => boolean;
  /** A click on one of those cards ends whatever conversation was open (a staff card clicked mid-order). */
  cardInterrupts?: boolean;
  /** Messages carrying files (dialogs/chatFiles.ts) go to this route's dialog with `{ files }`. */
  files?: boolean;
  /**
   * Answers a message of this intent at once when it needs no question back (a status question naming its order),
   * given the recognizer's details; the dialog is then not begun, which saves the turn two dialog contexts. False:
   * nothing was said, and the dialog is begun as usual.
   */
  answer?: (context: TurnContext, details: Record<string, unknown> | undefined) => Promise<boolean>;
}


const MAIN_WATERFALL = 'mainWaterfall';

/**
 * botbuilder-dialogs' turn-state key for the memory scopes and path resolvers that the DialogStateManager of every
 * DialogContext uses (memory/dialogStateManager.js): the first DialogContext of a turn assembles them and leaves them
 * there for the others.
 */
export const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * Routes each message by intent: greeting and help here, everything else to a child dialog registered as an
 * IntentRoute. Adding a conversation = one route here (in bot/ wiring) plus the recognizer producing its intent.
 */
export class MainDialog extends ComponentDialog {
  private readonly routes = new Map<string, IntentRoute>();
  /**
   * The memory scopes and path resolvers of the first turn, given to every later one. They hold no state of their own,
   * as DialogManager's stateConfiguration serves all its turns; assembled anew each turn, they cost nearly 2 % of an order turn.
   */
  private stateConfiguration?: DialogStateManagerConfiguration;

  constructor(private readonly recognize: Recognizer, routes: IntentRoute[] = []) {
    super('mainDialog');
    installDialogStateManagerFixes();
    for (const route of routes) {
      if (this.routes.has(route.intent)) throw new Error(`Intent "${route.intent}" is routed twice`);
      this.routes.set(route.intent, route);
      this.addDialog(route.dialog);
    }
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this), this.finalStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** The core-bot pattern: continue the active dialog, or start this one. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    // A state saved by a build whose dialogs differed raises versionChanged, which botbuilder lets pass with a trace
    // through the root set's telemetry client; a new DialogSet has none, and the turn would end in an error.
    dialogSet.telemetryClient = this.telemetryClient;
    dialogSet.add(this);
    if (this.stateConfiguration) context.turnState.set(DIALOG_STATE_CONFIGURATION, this.stateConfiguration);
    const dc = await dialogSet.createContext(context);
    this.stateConfiguration ??= dc.state.configuration;
    if (this.cardRoute(context)?.cardInterrupts) await dc.cancelAllDialogs();
    // A file from someone who may import it (accounting's bank statement) is taken up whatever was open; anyone
    // else's file does not end their conversation (a customer's draft stays).
    else if (this.fileRoute(context) && mayImportFiles(context)) await dc.cancelAllDialogs();
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private cardRoute(context: TurnContext): IntentRoute | undefined {
    const action = context.activity.text ? null : cardActionOf(context.activity.value);
    return action === null ? undefined : [...this.routes.values()].find((r) => r.cardAction?.(action));
  }

  private fileRoute(context: TurnContext): IntentRoute | undefined {
    return chatFilesOf(context.activity).length > 0 ? [...this.routes.values()].find((r) => r.files) : undefined;
  }

  private async routeStep(step: WaterfallStepContext) {
    const { person, locale, userId } = getTurnUser(step.context);
    const text = step.context.activity.text ?? '';
    const fileRoute = this.fileRoute(step.context);
    if (fileRoute) {
      if (!person) {
        await step.context.sendActivity(commonTexts(locale, 'notLinked', { userId }));
        return step.endDialog();
      }
      return step.beginDialog(fileRoute.dialog.id, { files: chatFilesOf(step.context.activity) });
    }
    if (!text && cardActionOf(step.context.activity.value)) {
      const cardRoute = this.cardRoute(step.context);
      if (person && cardRoute) return step.beginDialog(cardRoute.dialog.id, { value: step.context.activity.value });
      // A button of a conversation that has ended (a second click on Confirm, an old card).
      await step.context.sendActivity(commonTexts(locale, person ? 'staleCard' : 'notLinked', { userId }));
      return step.endDialog();
    }
    const { intent, details } = await this.recognize(text, locale, step.context);
    const route = this.routes.get(intent);

    // Someone not linked to a person sees no business data: every route needs to know who is asking.
    if (!person) {
      await step.context.sendActivity(commonTexts(locale, 'notLinked', { userId }));
      return step.endDialog();
    }
    if (route?.answer && (await route.answer(step.context, details))) return step.endDialog();
    if (route) return step.beginDialog(route.dialog.id, details);
    if (intent === Intents.greeting) {
      await step.context.sendActivity(commonTexts(locale, 'greeting', { name: person!.displayName }));
    } else if (intent === Intents.help) {
      await step.context.sendActivity(helpText(locale, person!));
    } else if (intent === Intents.invoiceStatus || intent === Intents.paymentStatus) {
      // The accountant is the team a customer would be sent to.
      await step.context.sendActivity(commonTexts(locale, person.role === 'accountant' ? 'accountingLaterAccountant' : 'accountingLater'));
    } else {
      await step.context.sendActivity(commonTexts(locale, 'notUnderstood'));
    }
    return step.endDialog();
  }

  private async finalStep(step: WaterfallStepContext) {
    return step.endDialog(step.result);
  }
}

function mayImportFiles(context: TurnContext): boolean {
  const { person } = getTurnUser(context);
  return !!person && may({ role: person.role, customerId: person.customerId ?? null }, 'bookPayment');
}

/** What each role can really do in the chat, and nothing it would then be refused. */
export function helpText(locale: Locale, person: Person): string {
  const t = (key: Parameters<typeof commonTexts>[1]) => commonTexts(locale, key);
  const lines = [t('helpIntro')];
  if (person.role === 'customer') lines.push(t('helpOrder'), t('helpBook'), t('helpStatus'), t('helpQuotes'));
  if (isStaff(person.role)) lines.push(t('helpSales'), t('helpQuotesSales'), t('helpStatusStaff'));
  if (person.role === 'accountant' || person.role === 'admin') lines.push(t('helpAccountant'));
  if (person.role === 'accountant') lines.push(t('helpAccountantOrders'));
  if (person.role === 'admin') lines.push(t('helpAdmin'));
  if (person.role === 'technician') lines.push(t('helpTechnician'));
  lines.push(t('helpLanguage'));
  return lines.join('\n\n');
}

/** The first message in a new conversation, in the words of the person's role. */
export function welcomeText(locale: Locale, person: Person): string {
  const key = ({ customer: 'welcome', sales: 'welcomeSales', accountant: 'welcomeAccountant', admin: 'welcomeAdmin', technician: 'welcomeTechnician', system: 'welcome' } as const)[person.role];
  return commonTexts(locale, key, { name: person.displayName });
}
