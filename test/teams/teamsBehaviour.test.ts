import Ajv2020 from 'ajv/dist/2020';
import { openApiDocument } from '../../bot/api/openapi';
import { KnexStorage } from '../../data/storage';
import { describeEachDatabase } from '../support/databases';
import { postActivity, startTestServer, TestServer } from '../support/server';
import { buttonsIn, startTeamsConnector, TeamsConnector, teamsActivity, textOf } from './support/teamsConnector';

/**
 * Teams behaviour through the real server with Teams-shaped activities (channel msteams, tenant, aadObjectId,
 * mentions, conversation types, installationUpdate, adaptiveCard/action) and a connector stand-in on loopback that
 * answers like Teams (activities, members with e-mail and UPN).
 */
const peter = { id: '29:peter', aadObjectId: 'aad-peter', name: 'Peter Müller' };
const aylin = { id: '29:aylin', aadObjectId: 'aad-aylin', name: 'Aylin Demir' };
const admin = { id: '29:admin', aadObjectId: 'aad-admin', name: 'Admin' };
const stranger = { id: '29:alex', aadObjectId: 'aad-alex', name: 'Alex Wilber' };

describeEachDatabase('the bot in Teams', ({ get }) => {
  let server: TestServer;
  let teams: TeamsConnector;

  beforeAll(async () => {
    teams = await startTeamsConnector();
    teams.members.set(peter.id, { ...peter, email: 'Peter.Mueller@mueller-bau.example' });
    teams.members.set(aylin.id, { ...aylin, userPrincipalName: 'aylin.demir@cafe-sonnenschein.example' });
    teams.members.set(admin.id, { ...admin, email: 'admin@buerowerk.example' });
    teams.members.set(stranger.id, { ...stranger, email: 'alexw@contoso.example' });
    server = await startTestServer(get());
  });
  afterAll(async () => {
    await server?.close();
    await teams?.close();
  });

  /** Posts one activity and returns what the bot sent meanwhile (the turn ends before the response). */
  async function say(activity: Record<string, unknown>) {
    const before = teams.sent.length;
    const res = await postActivity(server.url, activity);
    expect(res.status).toBeLessThan(500);
    const body = await res.text();
    return { sent: teams.sent.slice(before), status: res.status, body: body ? JSON.parse(body) : undefined };
  }
  const personal = (user: typeof peter, text: string, extra: Record<string, unknown> = {}) =>
    teamsActivity({ serviceUrl: teams.serviceUrl, conversationId: `a:personal-${user.id}`, conversationType: 'personal', user, text, ...extra });
  const group = (user: typeof peter, text: string | undefined, extra: Record<string, unknown> = {}) =>
    teamsActivity({ serviceUrl: teams.serviceUrl, conversationId: '19:group-chat@thread.v2', conversationType: 'groupChat', user, text, mentionBot: text !== undefined, ...extra });

  it('links a Teams user by the e-mail or UPN Teams gives for them, and no one else', async () => {
    const first = await say(personal(peter, 'Hallo'));
    expect(first.sent.map((s) => s.activity.text).join(' ')).toContain('Peter');
    const row = await server.app.db('channel_identities').where({ channel_id: 'msteams', user_id: 'aad-peter' }).first();
    expect(row).toMatchObject({ tenant_id: 'tenant-1', linked_by: 'email' });

    await say(personal(aylin, 'Hallo'));
    expect(await server.app.db('channel_identities').where({ channel_id: 'msteams', user_id: 'aad-aylin' }).first()).toBeTruthy();

    const unknown = await say(personal(stranger, 'Wo bleibt meine Bestellung?'));
    const answer = unknown.sent.map((s) => s.activity.text).join(' ');
    expect(answer).toContain('noch nicht mit einem Kundenkonto verknüpft');
    expect(answer).toContain('Administrator');
    expect(answer).not.toMatch(/Auftrag \d{4}/);
    expect(await server.app.db('channel_identities').where({ channel_id: 'msteams', user_id: 'aad-alex' }).first()).toBeUndefined();
  });

  it('links through POST /api/people/{id}/identities with the admin key only', async () => {
    const anna = await server.app.db('persons').where({ display_name: 'Anna Schmidt' }).first();
    const post = (body: unknown, key = 'demo-admin-key', id: number | string = anna.id) =>
      fetch(`${server.url}/api/people/${id}/identities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
    expect((await post({ userId: 'aad-anna' }, 'demo-staff-key')).status).toBe(401);
    const bad = await post({ userId: 'has space', extra: 1 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).details.map((d: any) => d.field)).toEqual(expect.arrayContaining(['userId', 'extra']));
    expect((await post({ userId: 'aad-anna' }, 'demo-admin-key', 99999)).status).toBe(404);
    const created = await post({ channelId: 'msteams', userId: 'aad-anna', tenantId: 'tenant-1' });
    expect(created.status).toBe(201);
    const createdBody = await created.json();
    // The answer is what the OpenAPI document says it is.
    const matchesDoc = new Ajv2020({ strict: false }).compile(openApiDocument.components.schemas.PersonIdentities);
    expect(matchesDoc(createdBody)).toBe(true);
    expect(createdBody.identities).toEqual(expect.arrayContaining([{ channelId: 'msteams', userId: 'aad-anna', tenantId: 'tenant-1', linkedBy: 'api' }]));
    expect((await post({ channelId: 'msteams', userId: 'aad-anna', tenantId: 'tenant-1' })).status).toBe(200); // a retry
    const other = await post({ channelId: 'msteams', userId: 'aad-peter' });
    expect(other.status).toBe(409);

    // Anna from the tenant is Anna; the same object id from another tenant is nobody.
    const annaUser = { id: '29:anna', aadObjectId: 'aad-anna', name: 'Anna' };
    expect((await say(personal(annaUser, 'Hallo'))).sent.map((s) => s.activity.text).join(' ')).toContain('Anna Schmidt');
    const foreign = { ...personal(annaUser, 'Hallo'), conversation: { id: 'a:foreign', conversationType: 'personal', tenantId: 'tenant-2' }, channelData: { tenant: { id: 'tenant-2' } } };
    expect((await say(foreign)).sent.map((s) => s.activity.text).join(' ')).toContain('noch nicht');
  });

  it('lets an admin link a user in the chat by id or @mention, and nobody else', async () => {
    await server.app.db('channel_identities').insert({ channel_id: 'msteams', user_id: 'aad-admin', person_id: (await server.app.db('persons').where({ role: 'admin' }).first()).id, linked_by: 'api' });
    const refused = await say(personal(peter, 'Teams-Nutzer 29:alex mit Peter Müller verknüpfen'));
    expect(refused.sent[0].activity.text).toBe('Verknüpfen dürfen nur Administratoren.');

    const byMention = await say({
      ...group(admin, 'Teams-Nutzer <at>Alex Wilber</at> mit Sabine Vogel verknüpfen'),
      entities: [
        { type: 'mention', text: '<at>Auftragsbot</at>', mentioned: { id: '28:auftragsbot', name: 'Auftragsbot' } },
        { type: 'mention', text: '<at>Alex Wilber</at>', mentioned: { id: stranger.id, name: stranger.name } },
      ],
    });
    expect(byMention.sent[0].activity.text).toContain('mit Sabine Vogel verknüpft');
    const again = await say(personal(admin, 'link Teams user 29:alex to Sabine Vogel', { locale: 'en-US' }));
    expect(again.sent[0].activity.text).toMatch(/already linked to Sabine Vogel|bereits mit Sabine Vogel/);
    expect((await say(personal(admin, 'Teams-Nutzer 29:alex mit Peter Müller verknüpfen'))).sent[0].activity.text).toContain('anderen Person');
    expect((await say(personal(admin, 'Teams-Nutzer 29:zoe mit Niemand Bekannt verknüpfen'))).sent[0].activity.text).toContain('Niemand Bekannt');
  });

  it('greets once on installation, however often Teams says so', async () => {
    const install = (user: typeof peter) =>
      teamsActivity({ serviceUrl: teams.serviceUrl, conversationId: '19:install-chat@thread.v2', conversationType: 'groupChat', user, type: 'installationUpdate', action: 'add' });
    const first = await say(install(peter));
    expect(first.sent).toHaveLength(1);
    expect(first.sent[0].activity.text).toContain('unter dem eigenen Konto');
    const members = { ...install(peter), type: 'conversationUpdate', membersAdded: [{ id: '28:auftragsbot' }, { id: peter.id }] };
    expect((await say(install(peter))).sent).toHaveLength(0);
    expect((await say(members)).sent).toHaveLength(0);
  });

  it('in a group chat each person orders under their own account with their own draft; a used card shows its outcome', async () => {
    const db = server.app.db;
    const start = await say(group(peter, '10 Pakete Papier'));
    const summary = start.sent.find((s) => buttonsIn(s.activity).some((b) => b.action === 'order.confirm'))!;
    expect(summary).toBeDefined();
    expect(summary.pathActivityId).toBeDefined(); // a reply in the conversation
    const confirm = buttonsIn(summary.activity).find((b) => b.action === 'order.confirm')!;
    expect(confirm.cardRef).toEqual(expect.any(String));

    // Aylin presses Peter's button and asks about orders: nothing of Peter's, no order for Müller Bau.
    const intruder = await say(group(aylin, undefined, { value: confirm, replyToId: summary.id }));
    expect(intruder.sent.some((s) => s.method === 'PUT')).toBe(false);
    expect(intruder.sent.map((s) => textOf(s.activity)).join(' ')).not.toMatch(/Müller Bau|Kopierpapier/);
    expect(Number((await db('orders').count({ n: '*' }).first())!.n)).toBe(0);
    const status = await say(group(aylin, 'Wo bleibt meine Bestellung?'));
    expect(status.sent.map((s) => textOf(s.activity)).join(' ')).not.toMatch(/Müller Bau|Kopierpapier/);

    // Aylin's own draft is hers; Peter's stays his.
    const hers = await say(group(aylin, '2 schwarze Toner'));
    expect(hers.sent.map((s) => textOf(s.activity)).join(' ')).toMatch(/Café Sonnenschein|Toner/);
    expect(hers.sent.map((s) => textOf(s.activity)).join(' ')).not.toMatch(/Kopierpapier/);

    const placed = await say(group(peter, undefined, { value: confirm, replyToId: summary.id }));
    const order = await db('orders').orderBy('id').first();
    expect(order).toBeTruthy();
    const customer = await db('customers').where({ id: order.customer_id }).first();
    expect(customer.name).toBe('Müller Bau GmbH');
    const update = placed.sent.find((s) => s.method === 'PUT');
    expect(update?.pathActivityId).toBe(summary.id);
    expect(textOf(update!.activity)).toContain(order.number);
    expect(buttonsIn(update!.activity)).toHaveLength(0);

    // The old button once more: a clear answer, no second order.
    const again = await say(group(peter, undefined, { value: confirm, replyToId: summary.id }));
    expect(again.sent.filter((s) => s.method === 'POST').length).toBeGreaterThan(0);
    expect(Number((await db('orders').count({ n: '*' }).first())!.n)).toBe(1);
  });

  it('continues a draft begun before dialog state was kept per person (state of the previous release)', async () => {
    const storage = new KnexStorage(server.app.db);
    const conversationId = 'a:upgrade-peter';
    const start = await say(teamsActivity({ serviceUrl: teams.serviceUrl, conversationId, conversationType: 'personal', user: peter, text: '7 Pakete Papier' }));
    const summary = start.sent.find((s) => buttonsIn(s.activity).some((b) => b.action === 'order.confirm'))!;
    // Move the dialog to where the previous release kept it: the conversation's state without namespace.
    const newKey = `msteams/conversations/${conversationId}/dialogs`;
    const oldKey = `msteams/conversations/${conversationId}/`;
    const items = await storage.read([newKey, oldKey]);
    const { eTag: _e, ...dialogs } = items[newKey];
    const { eTag: _o, ...conversation } = items[oldKey] ?? {};
    await storage.write({ [oldKey]: { ...conversation, DialogState: dialogs.DialogState, eTag: '*' } });
    await storage.delete([newKey]);

    const before = Number((await server.app.db('orders').count({ n: '*' }).first())!.n);
    const confirm = buttonsIn(summary.activity).find((b) => b.action === 'order.confirm')!;
    const placed = await say(teamsActivity({ serviceUrl: teams.serviceUrl, conversationId, conversationType: 'personal', user: peter, value: confirm, replyToId: summary.id }));
    expect(Number((await server.app.db('orders').count({ n: '*' }).first())!.n)).toBe(before + 1);
    expect(placed.sent.map((s) => textOf(s.activity)).join(' ')).toMatch(/bestätigt/);
    expect((await storage.read([oldKey]))[oldKey]?.DialogState).toBeUndefined();
  });

  it('answers an Action.Execute with the outcome card that replaces the pressed one', async () => {
    const start = await say(personal(peter, '3 Pakete Papier'));
    const summary = start.sent.find((s) => buttonsIn(s.activity).some((b) => b.action === 'order.confirm'))!;
    const confirm = buttonsIn(summary.activity).find((b) => b.action === 'order.confirm')!;
    const invoke = {
      ...personal(peter, ''),
      text: undefined,
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: summary.id,
      value: { action: { type: 'Action.Execute', verb: 'order.confirm', data: confirm } },
    };
    const result = await say(invoke);
    expect((await server.app.db('orders').where({ status: 'confirmed' })).length).toBeGreaterThan(0);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(result.body.value)).toMatch(/Erledigt/);
    expect(JSON.stringify(result.body.value)).toMatch(/10\d\d/);
    expect(buttonsIn({ attachments: [result.body.value] })).toHaveLength(0);
  });
  it('sends cards with Universal Actions: Action.Execute with an Action.Submit fallback and a refresh for the recipient', async () => {
    const conversationId = 'a:personal-universal-peter';
    const chat = (extra: Record<string, unknown>) =>
      teamsActivity({ serviceUrl: teams.serviceUrl, conversationId, conversationType: 'personal', user: peter, ...extra });
    const invoke = (data: Record<string, unknown>, replyToId: string, trigger?: 'automatic' | 'manual', verb = String(data.action)) => ({
      ...chat({}), type: 'invoke', name: 'adaptiveCard/action', replyToId,
      value: { action: { type: 'Action.Execute', verb, data }, ...(trigger ? { trigger } : {}) },
    });
    const orders = async () => Number((await server.app.db('orders').count({ n: '*' }).first())!.n);

    const start = await say(chat({ text: '4 Pakete Papier' }));
    const summary = start.sent.find((s) => buttonsIn(s.activity).some((b) => b.action === 'order.confirm'))!;
    const card = summary.activity.attachments[0].content;
    const actions = JSON.stringify(card.actions);
    const execute = card.actions.find((a: any) => a.data?.action === 'order.confirm');
    expect(execute).toMatchObject({ type: 'Action.Execute', verb: 'order.confirm', fallback: { type: 'Action.Submit', data: execute.data } });
    expect(execute.data.cardRef).toEqual(expect.any(String));
    expect(card.actions.every((a: any) => a.type === 'Action.Execute')).toBe(true);
    expect(actions).not.toMatch(/"type":"Action.Submit","title"[^}]*"verb"/); // a fallback is a plain submit
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'card.refresh', data: { action: 'card.refresh', cardRef: execute.data.cardRef } },
      userIds: [peter.id],
    });

    // Teams asks for the current card (refresh): the card as sent, for the one it was sent to only; nothing runs.
    const before = await orders();
    const refreshed = await say(invoke(card.refresh.action.data, summary.id, 'automatic'));
    expect(refreshed.sent).toHaveLength(0);
    expect(refreshed.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(refreshed.body.value.actions.map((a: any) => a.verb)).toEqual(card.actions.map((a: any) => a.verb));
    const foreign = await say({ ...invoke(card.refresh.action.data, summary.id, 'automatic'), from: aylin });
    expect(foreign.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(await orders()).toBe(before);

    // The press gives the outcome card; a refresh afterwards shows that outcome, without buttons.
    const pressed = await say(invoke(execute.data, summary.id));
    expect(await orders()).toBe(before + 1);
    expect(pressed.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const outcome = JSON.stringify(pressed.body.value);
    expect(outcome).toMatch(/Erledigt/);
    expect(outcome).toMatch(/10\d\d/);
    expect(buttonsIn({ attachments: [pressed.body.value] })).toHaveLength(0);
    const after = await say(invoke(card.refresh.action.data, summary.id, 'automatic'));
    expect(after.body.value).toEqual(pressed.body.value);

    // The old card pressed again (a client that missed the update): a clear answer in the chat, the outcome stays, no second order.
    const again = await say(invoke(execute.data, summary.id));
    expect(await orders()).toBe(before + 1);
    expect(again.sent.filter((s) => s.method === 'POST').map((s) => textOf(s.activity)).join(' ')).toMatch(/\S/);
    expect(again.body.value).toEqual(pressed.body.value);

    // Someone not linked (unknown to Teams' roster, too) who sends card actions (a press, a refresh) sees nothing of anyone's orders.
    const nobody = { id: '29:nobody', aadObjectId: 'aad-nobody', name: 'Niemand' };
    const strangerInvoke = (data: Record<string, unknown>, trigger?: 'automatic') => ({
      ...teamsActivity({ serviceUrl: teams.serviceUrl, conversationId: 'a:personal-nobody-invoke', conversationType: 'personal', user: nobody }),
      type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: String(data.action), data }, ...(trigger ? { trigger } : {}) },
    });
    for (const data of [{ action: 'staff.open', order: '1001' }, execute.data, card.refresh.action.data]) {
      const seen = await say(strangerInvoke(data, data.action === 'card.refresh' ? 'automatic' : undefined));
      const everything = JSON.stringify(seen.body ?? '') + seen.sent.map((s) => textOf(s.activity)).join(' ');
      expect(everything).not.toMatch(/Müller Bau|Kopierpapier|Auftrag 10\d\d/);
      if (data.action !== 'card.refresh') expect(everything).toMatch(/nicht mit einem Kundenkonto verknüpft/);
    }
    expect(await orders()).toBe(before + 1);
  });
  it('in a group chat the card refreshes for its owner only, and someone else\'s Action.Execute on it acts for nobody', async () => {
    const conversationId = '19:group-universal@thread.v2';
    const inGroup = (user: typeof peter, extra: Record<string, unknown>) =>
      teamsActivity({ serviceUrl: teams.serviceUrl, conversationId, conversationType: 'groupChat', user, ...extra });
    const orders = async () => Number((await server.app.db('orders').count({ n: '*' }).first())!.n);
    const start = await say(inGroup(peter, { text: '6 Pakete Papier', mentionBot: true }));
    const summary = start.sent.find((s) => buttonsIn(s.activity).some((b) => b.action === 'order.confirm'))!;
    const card = summary.activity.attachments[0].content;
    expect(card.refresh.userIds).toEqual([peter.id]);
    const confirm = card.actions.find((a: any) => a.verb === 'order.confirm');
    const invoke = (user: typeof peter, data: Record<string, unknown>, trigger?: 'automatic') => ({
      ...inGroup(user, {}), type: 'invoke', name: 'adaptiveCard/action', replyToId: summary.id,
      value: { action: { type: 'Action.Execute', verb: String(data.action), data }, ...(trigger ? { trigger } : {}) },
    });
    const before = await orders();
    const foreign = await say(invoke(aylin, confirm.data));
    expect(await orders()).toBe(before);
    expect(foreign.sent.some((s) => s.method === 'PUT')).toBe(false);
    expect(JSON.stringify(foreign.body)).not.toMatch(/Erledigt|Kopierpapier/);
    expect((await say(invoke(aylin, card.refresh.action.data, 'automatic'))).body.type).toBe('application/vnd.microsoft.activity.message');
    const own = await say(invoke(peter, confirm.data));
    expect(await orders()).toBe(before + 1);
    expect(JSON.stringify(own.body.value)).toMatch(/Erledigt/);
  });
});
