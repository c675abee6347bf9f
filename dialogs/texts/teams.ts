import { defineTexts } from '../i18n';

/** What the bot says as a Teams app: the greeting in shared conversations, and used cards. */
export const teamsTexts = defineTexts('teams', {
  welcomeShared: {
    de: 'Hallo zusammen, ich bin der Auftragsbot von Bürowerk! Schreiben Sie mir mit @Auftragsbot – jede und jeder bestellt und fragt hier unter dem eigenen Konto, Entwürfe sieht niemand sonst. „Hilfe“ zeigt, was ich kann.',
    en: 'Hello everyone, I am Bürowerk’s Auftragsbot! Write to me with @Auftragsbot – each of you orders and asks under your own account here, and nobody else sees your drafts. “help” shows what I can do.',
  },
  outcomeTitle: {
    de: 'Erledigt',
    en: 'Done',
  },
  outcomeNoText: {
    de: 'Diese Karte wurde verwendet.',
    en: 'This card has been used.',
  },
});
