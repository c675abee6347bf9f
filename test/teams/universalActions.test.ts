import { bindCard } from '../../cards/bind';
import { fitSuggestedActions } from '../../bot/suggestedActions';
import { isRefreshInvoke, usesUniversalActions, withUniversalActions } from '../../bot/universalActions';
import { gallerySamples } from '../browser/cardGallery';
import { cardProblems } from '../cards/adaptiveCard15';

/** The conversion at the Teams edge: what Teams gets, for every card the bot makes. */
describe('Universal Actions for Teams', () => {
  const ref = { cardRef: 'ref-1', userId: '29:peter' };

  it('turns every card action into Action.Execute with its Action.Submit as fallback, nested ones too, and leaves the template alone', () => {
    const card = bindCard('productChoice', gallerySamples.productChoice).content;
    const before = JSON.stringify(card);
    const teams = withUniversalActions(card, ref) as any;
    expect(JSON.stringify(card)).toBe(before);
    const actions = teams.body[1].actions;
    expect(actions).toHaveLength(2);
    for (const a of actions) {
      expect(a).toMatchObject({ type: 'Action.Execute', verb: 'order.product', data: { action: 'order.product' } });
      expect(a.fallback).toEqual({ type: 'Action.Submit', title: a.title, data: a.data });
    }
    expect(teams.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'card.refresh', data: { action: 'card.refresh', cardRef: 'ref-1' } }, userIds: ['29:peter'] });
    expect(cardProblems(teams)).toEqual([]);
  });

  it('keeps imBack buttons (more than three choices become a card) as submits and gives cards without card actions no refresh', () => {
    const fitted = fitSuggestedActions({ type: 'message', text: 'Welche?', suggestedActions: { to: [], actions: ['a', 'b', 'c', 'd'].map((v) => ({ type: 'imBack', title: v, value: v })) } }, 'msteams');
    const choices = withUniversalActions(fitted.attachments![0].content, ref) as any;
    expect(choices.actions.map((a: any) => a.type)).toEqual(['Action.Submit', 'Action.Submit', 'Action.Submit', 'Action.Submit']);
    expect(choices.refresh).toBeUndefined();
    const outcome = withUniversalActions(bindCard('outcome', gallerySamples.outcome).content, ref) as any;
    expect(outcome.refresh).toBeUndefined();
  });

  it('is used in Teams only, and knows a refresh from a press', () => {
    expect(usesUniversalActions('msteams')).toBe(true);
    expect(usesUniversalActions('directline')).toBe(false);
    expect(usesUniversalActions('webchat')).toBe(false);
    expect(isRefreshInvoke({ trigger: 'automatic', action: { verb: 'card.refresh', data: { action: 'card.refresh', cardRef: 'x' } } })).toBe(true);
    expect(isRefreshInvoke({ trigger: 'manual', action: { verb: 'order.confirm', data: { action: 'order.confirm' } } })).toBe(false);
    expect(isRefreshInvoke(undefined)).toBe(false);
  });
});
