import { ComponentDialog, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Db } from '../data/db';
import { chooseLanguage } from '../operations';
import type { Locale } from '../domain/locale';
import { commonTexts } from './texts/common';
import { getTurnUser } from './turnUser';

export const LANGUAGE_DIALOG = 'languageDialog';

/** "bitte auf Deutsch" / "English please": remembered per person, so every channel and notification follows it. */
export class LanguageDialog extends ComponentDialog {
  constructor(private readonly db: Db) {
    super(LANGUAGE_DIALOG);
    this.addDialog(new WaterfallDialog('languageWaterfall', [this.switchStep.bind(this)]));
    this.initialDialogId = 'languageWaterfall';
  }

  private async switchStep(step: WaterfallStepContext<{ locale: Locale }>) {
    const { person } = getTurnUser(step.context);
    const locale = step.options.locale;
    if (person) await chooseLanguage(this.db, person, locale);
    await step.context.sendActivity(commonTexts(locale, 'languageSwitched'));
    return step.endDialog();
  }
}
