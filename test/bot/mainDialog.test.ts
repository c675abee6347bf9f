import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { identifyTurnUser } from '../../bot/auftragsbot';
import { setPersonLocale, findPersonByChannel } from '../../data/parties';
import { MainDialog } from '../../dialogs/mainDialog';
import { understandingRecognizer } from '../../dialogs/recognizer';
import { setTurnUser } from '../../dialogs/turnUser';
import { createTestDatabase, TestDatabase } from '../support/databases';

describe('main dialog on a seeded SQLite database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database.close();
  });

  /** A client whose turns carry the given channel user, identified against the database as the bot does. */
  function clientFor(userId: string, locale: string) {
    const client = new DialogTestClient('directline', new MainDialog(understandingRecognizer(database.db)), undefined, [
      {
        onTurn: async (context, next) => {
          setTurnUser(context, await identifyTurnUser(database.db, context.activity));
          await next();
        },
      },
    ]);
    const say = async (text: string) =>
      (await client.sendActivity({ type: 'message', text, locale, from: { id: userId, name: userId } } as Partial<Activity>)) as Partial<Activity>;
    return { client, say };
  }

  it('greets a known customer by name in German', async () => {
    const { say } = clientFor('demo-mueller', 'de-DE');
    expect((await say('Hallo')).text).toBe('Hallo Peter Müller! Wie kann ich Ihnen helfen?');
  });

  it('greets a known customer by name in English', async () => {
    const { say } = clientFor('demo-cafe', 'en-US');
    expect((await say('hi there')).text).toBe('Hello Aylin Demir! How can I help you?');
  });

  it("prefers the person's stored language over the channel's", async () => {
    const schmidt = (await findPersonByChannel(database.db, 'directline', 'demo-schmidt'))!;
    await setPersonLocale(database.db, schmidt.id, 'en');
    const { say } = clientFor('demo-schmidt', 'de-DE');
    expect((await say('hallo')).text).toBe('Hello Anna Schmidt! How can I help you?');
  });

  it('explains what it can do, with lines for the role', async () => {
    const customer = (await clientFor('demo-mueller', 'de-DE').say('Hilfe')).text!;
    expect(customer).toContain('Waren bestellen');
    expect(customer).toContain('Dienstleistungen buchen');
    expect(customer).not.toContain('Buchhaltung');
    expect(customer).not.toContain('Vertrieb');

    const accountant = (await clientFor('demo-accounting', 'en-US').say('help')).text!;
    expect(accountant).toContain('Accounting: ask about any order');
    expect(accountant).not.toContain('Sales:');

    const sales = (await clientFor('demo-sales', 'de-DE').say('hilfe')).text!;
    expect(sales).toContain('Vertrieb: „offene Aufträge“');
  });

  it('tells an unknown user politely that the account is not linked, and shows nothing else', async () => {
    const { say, client } = clientFor('stranger-42', 'de-DE');
    const reply = await say('hallo');
    expect(reply.text).toContain('noch nicht mit einem Kundenkonto verknüpft');
    expect(reply.text).toContain('stranger-42');
    expect(client.getNextReply()).toBeUndefined();
    expect((await say('help')).text).toContain('noch nicht mit einem Kundenkonto verknüpft');
  });

  it('answers what it does not understand with a pointer to help', async () => {
    const { say } = clientFor('demo-mueller', 'en-US');
    expect((await say('blorp fizz')).text).toBe('Sorry, I did not understand that. Type “help” to see what I can do.');
  });
});
