import { MessageFactory } from 'botbuilder';
import { fitSuggestedActions, TEAMS_MAX_SUGGESTED_ACTIONS } from '../../bot/suggestedActions';
import { cardProblems } from '../cards/adaptiveCard15';

describe('suggested actions in Teams', () => {
  const many = MessageFactory.suggestedActions(['Auftrag 1001', 'Auftrag 1002', 'Auftrag 1003', 'Auftrag 1004'], 'Welchen Auftrag meinen Sie?');

  it('become a valid card of imBack buttons when there are more than three', () => {
    const fitted = fitSuggestedActions(many, 'msteams');
    expect(fitted.suggestedActions).toBeUndefined();
    const card = fitted.attachments![0].content as any;
    expect(cardProblems(card)).toEqual([]);
    expect(card.body[0].text).toBe('Welchen Auftrag meinen Sie?');
    expect(card.actions.map((a: any) => [a.type, a.title, a.data.msteams])).toEqual(
      ['1001', '1002', '1003', '1004'].map((n) => ['Action.Submit', `Auftrag ${n}`, { type: 'imBack', value: `Auftrag ${n}` }]),
    );
  });

  it('stay as they are up to three, and in other channels', () => {
    const three = MessageFactory.suggestedActions(['Ja', 'Nein', 'Abbrechen'], 'Sicher?');
    expect(fitSuggestedActions(three, 'msteams')).toBe(three);
    expect(three.suggestedActions!.actions.length).toBeLessThanOrEqual(TEAMS_MAX_SUGGESTED_ACTIONS);
    expect(fitSuggestedActions(many, 'directline')).toBe(many);
  });
});
