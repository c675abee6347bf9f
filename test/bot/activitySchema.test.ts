import { checkIncomingActivity } from '../../bot/activitySchema';

/** The edge schema: what real Web Chat and Teams send passes; what broke turns in the fuzz run does not. */
describe('incoming activity schema', () => {
  const base = { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversation: { id: 'a:1' }, from: { id: '29:1', name: 'Anna', aadObjectId: 'x' }, recipient: { id: '28:bot', name: 'Bot' }, id: '1' };

  it.each([
    ['a message', { type: 'message', text: 'Hallo\nzweite Zeile', locale: 'de-DE', textFormat: 'plain', entities: [{ type: 'clientInfo' }] }],
    ['a message without text (an attachment)', { type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'https://x' }] }],
    ['an Action.Submit of an order card', { type: 'message', value: { action: 'order.confirm', draftKey: 'chat:1' } }],
    ['a staff paging button', { type: 'message', value: { action: 'staff.page', list: { kind: 'queue', queue: 'open' }, offset: 5 } }],
    ['a staff paging button for a customer', { type: 'message', value: { action: 'staff.page', list: { kind: 'customer', customerId: 3, name: 'Café' }, offset: 0 } }],
    ['a shipment form', { type: 'message', value: { action: 'staff.ship', order: '1001', version: 3, carrier: 'DHL', trackingNumber: 'JJD1', 'qty-1': '2' } }],
    ['an Action.Execute', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'confirm', data: { action: 'order.confirm' } }, trigger: 'manual' } }],
    ['a conversationUpdate from Teams', { type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }, { id: '29:1', aadObjectId: 'x' }], channelData: { tenant: { id: 't' }, eventType: 'teamMemberAdded' } }],
    ['typing', { type: 'typing' }],
    ['an installationUpdate', { type: 'installationUpdate', action: 'add' }],
    ['a messageReaction', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }], replyToId: '1' }],
    ['an event from Web Chat', { type: 'event', name: 'webchat/join', value: { language: 'de-DE' } }],
    ['another invoke', { type: 'invoke', name: 'signin/verifyState', value: { state: '123' } }],
  ])('lets %s pass', (_label, fields) => {
    expect(checkIncomingActivity({ ...base, ...fields })).toEqual({ ok: true });
  });

  it.each([
    ['text that is not a string', { type: 'message', text: 42 }],
    ['text with a NUL byte', { type: 'message', text: 'Haupt\u0000straße' }],
    ['an Action.Execute without an action', { type: 'invoke', name: 'adaptiveCard/action', value: {} }],
    ['an Action.Execute without a value', { type: 'invoke', name: 'adaptiveCard/action' }],
    ['staff paging with a malformed list', { type: 'message', value: { action: 'staff.page', list: 'open' } }],
    ['staff paging with an unknown list kind', { type: 'message', value: { action: 'staff.page', list: { kind: 'everything' } } }],
    ['an order button with an order number that is no number', { type: 'message', value: { action: 'staff.open', order: { $gt: 1 } } }],
    ['membersAdded with null', { type: 'conversationUpdate', membersAdded: [null] }],
    ['a from that is a string', { type: 'message', text: 'hi', from: 'me' }],
  ])('refuses %s, answerably', (_label, fields) => {
    const check = checkIncomingActivity({ ...base, ...fields });
    expect(check).toMatchObject({ ok: false, addressable: true });
  });

  it('refuses an activity without conversation or serviceUrl as unanswerable', () => {
    expect(checkIncomingActivity({ type: 'message', text: 'hi', channelId: 'x' })).toMatchObject({ ok: false, addressable: false });
    expect(checkIncomingActivity(null)).toMatchObject({ ok: false, addressable: false });
    expect(checkIncomingActivity([])).toMatchObject({ ok: false, addressable: false });
  });
});
