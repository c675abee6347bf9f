import { defineTexts } from '../i18n';

/** Linking channel identities (Teams users) to people, in the chat. */
export const identityTexts = defineTexts('identities', {
  linked: {
    de: 'Erledigt: Teams-Nutzer {userId} ist jetzt mit {name} verknüpft. Ab der nächsten Nachricht handelt er oder sie als {name}.',
    en: 'Done: Teams user {userId} is now linked to {name}. From their next message they act as {name}.',
  },
  alreadyLinked: {
    de: 'Teams-Nutzer {userId} ist bereits mit {name} verknüpft.',
    en: 'Teams user {userId} is already linked to {name}.',
  },
  linkedToOther: {
    de: 'Teams-Nutzer {userId} ist schon mit einer anderen Person verknüpft ({other}). Eine bestehende Verknüpfung ändere ich nicht.',
    en: 'Teams user {userId} is already linked to someone else ({other}). I do not change an existing link.',
  },
  noSuchPerson: {
    de: 'Ich kenne niemanden namens „{name}“. Bitte nennen Sie den Namen so, wie er in den Stammdaten steht.',
    en: 'I do not know anyone called “{name}”. Please give the name as it is in the master data.',
  },
  ambiguousPerson: {
    de: 'Es gibt mehrere Personen namens „{name}“. Bitte verknüpfen Sie über die Verwaltung (POST /api/people/{id}/identities).',
    en: 'There are several people called “{name}”. Please link through the admin tools (POST /api/people/{id}/identities).',
  },
  notAllowed: {
    de: 'Verknüpfen dürfen nur Administratoren.',
    en: 'Only administrators may link users.',
  },
});
