import { understandingRecognizer } from '../../dialogs/recognizer';
import { withStaffCommands } from '../../dialogs/staffCommands';
import { chatCommands } from '../../dialogs/texts/commands';
import { describeEachDatabase } from '../support/databases';

// Teams sends a command's title as the user's message, so the bot must understand each one as what it promises.
describeEachDatabase('chat commands', ({ get }) => {
  it.each(chatCommands.flatMap((c) => [['de', c.title.de, c.intent] as const, ['en', c.title.en, c.intent] as const]))(
    '(%s) "%s" is understood as %s',
    async (locale, title, intent) => {
      const recognize = withStaffCommands(understandingRecognizer(get().db));
      expect((await recognize(title, locale)).intent).toBe(intent);
    },
  );
});
