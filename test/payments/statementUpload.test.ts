import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoActors } from '../orders/actors';
import { camt053 } from '../support/camt053';
import { cardsOf, demoChats, type DirectLineTestClient } from '../support/directlineClient';
import { describeEachDatabase } from '../support/databases';
import { postActivity, startTestServer, type TestServer } from '../support/server';
import { startTeamsConnector, teamsActivity, type TeamsConnector } from '../teams/support/teamsConnector';
import { invoicedOrder } from './helpers';

const euro = (cents: number) => (cents / 100).toFixed(2);

/**
 * A bank statement sent as a chat file. Web Chat: the message with the file goes to the local Direct Line channel's
 * upload endpoint as multipart/form-data, exactly as botframework-directlinejs posts it (an "activity" part and a
 * "file" part per file); the bot reads the file from the channel's own store. Teams: a file in a personal chat
 * arrives as file download info whose downloadUrl a loopback stand-in for SharePoint serves.
 */
describeEachDatabase('bank statements sent as chat files', ({ get }) => {
  let server: TestServer;
  let teams: TeamsConnector;
  let sharepoint: http.Server;
  let sharepointUrl = '';
  const sharepointFiles = new Map<string, string>();
  const sharepointHits: string[] = [];
  const demo = demoChats(() => server.url);

  beforeAll(async () => {
    sharepoint = http.createServer((req, res) => {
      sharepointHits.push(req.url ?? '');
      const file = sharepointFiles.get(req.url ?? '');
      res.statusCode = file ? 200 : 404;
      res.setHeader('content-type', 'application/octet-stream');
      res.end(file ?? '');
    });
    await new Promise<void>((resolve) => sharepoint.listen(0, '127.0.0.1', resolve));
    sharepointUrl = `http://127.0.0.1:${(sharepoint.address() as AddressInfo).port}`;
    teams = await startTeamsConnector();
    teams.members.set('29:jonas', { id: '29:jonas', aadObjectId: 'aad-jonas', name: 'Jonas Becker', email: 'jonas.becker@buerowerk.example' });
    teams.members.set('29:peter', { id: '29:peter', aadObjectId: 'aad-peter', name: 'Peter Müller', email: 'peter.mueller@mueller-bau.example' });
    server = await startTestServer(get(), { env: { FILE_DOWNLOAD_HOSTS: '127.0.0.1' } });
  });
  afterAll(async () => {
    demo.end();
    await server?.close();
    await teams?.close();
    sharepoint.closeAllConnections();
    await new Promise<void>((resolve) => sharepoint.close(() => resolve()));
  });

  /** What Web Chat does for a message with a file: POST …/upload?userId=… with FormData. */
  async function upload(chat: DirectLineTestClient, userId: string, name: string, content: string, type = 'text/xml', locale = 'de-DE'): Promise<Response> {
    const dl = chat.directLine as any;
    const form = new FormData();
    const activity = { type: 'message', from: { id: userId }, locale, channelData: { clientActivityID: `upload-${Date.now()}-${Math.random()}` }, attachments: [{ contentType: type, name }] };
    form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob([content], { type }), name);
    return fetch(`${server.url}/v3/directline/conversations/${dl.conversationId}/upload?userId=${encodeURIComponent(userId)}`, {
      method: 'POST', headers: { authorization: `Bearer ${dl.token}` }, body: form,
    });
  }

  it('Web Chat: accounting sends a camt.053 file; it is booked, the doubtful entry comes as a card; the same file again books nothing', async () => {
    const db = server.app.db;
    const a = await demoActors(db);
    const { invoices: [invoice] } = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 10 }], new Date());
    const xml = camt053({ id: 'UPLOAD-1', entries: [
      { amount: euro(invoice.grossCents), ustrd: [`Rg.-Nr. ${invoice.number}`], debtorName: 'Müller Bau GmbH' },
      { amount: '17.00', debtorName: 'Müller Bau GmbH', ustrd: ['Abschlag'] },
    ] });
    const accounting = await demo.signIn('demo-accounting', 'de-DE');
    const res = await upload(accounting, 'demo-accounting', 'auszug.xml', xml);
    expect(res.status).toBe(200);
    expect((await res.json()).id).toEqual(expect.any(String));
    const summary = await accounting.nextBotMessage((m) => /eingelesen/.test(m.text ?? ''), 20_000);
    expect(summary.text).toMatch(/^Kontoauszug „auszug\.xml“ eingelesen: 1 Zahlungen gebucht \(.+\), 0 Rückbuchungen, 1 warten auf Ihre Entscheidung/);
    const card = await accounting.nextBotMessage((m) => cardsOf(m).includes('Bankeingang prüfen'));
    expect(cardsOf(card)).toContain('17,00');
    expect(Number((await db('invoices').where({ number: invoice.number }).first('paid_cents')).paid_cents)).toEqual(invoice.grossCents);

    // The user's echo carries the file as the channel stored it: a signed link into the channel, which only opens with its signature.
    const echo = accounting.received.find((x) => x.from?.id === 'demo-accounting' && x.attachments?.length);
    const url: string = echo!.attachments[0].contentUrl;
    expect(url.startsWith(`${server.url}/v3/directline/conversations/`)).toBe(true);
    expect(await (await fetch(url)).text()).toBe(xml);
    expect((await fetch(url.replace(/sig=.*/, 'sig=forged'))).status).toBe(403);

    const again = await upload(accounting, 'demo-accounting', 'auszug.xml', xml);
    expect(again.status).toBe(200);
    const second = await accounting.nextBotMessage((m) => /eingelesen/.test(m.text ?? ''), 20_000);
    expect(second.text).toMatch(/: 0 Zahlungen gebucht .*; 2 waren schon eingelesen/);
    expect(Number((await db('payments').where('reference', 'like', 'bank:%').count({ n: '*' }).first())!.n)).toBe(1);
  }, 60_000);

  it('Web Chat: malformed XML, another file and a dollar statement get a clear answer in the user\'s language and book nothing; a customer may not import', async () => {
    const db = server.app.db;
    const count = async () => Number((await db('payments').count({ n: '*' }).first())!.n);
    const before = await count();
    const accounting = await demo.signIn('demo-accounting', 'en-US');
    await upload(accounting, 'demo-accounting', 'broken.xml', '<Document><BkToCstmrStmt></Document>', 'text/xml', 'en-US');
    expect((await accounting.nextBotMessage((m) => /broken\.xml/.test(m.text ?? ''), 20_000)).text).toMatch(/^“broken\.xml”: The file is not valid XML.*Nothing was booked\.$/);
    await upload(accounting, 'demo-accounting', 'notes.txt', 'just some notes', 'text/plain', 'en-US');
    expect((await accounting.nextBotMessage((m) => /notes\.txt/.test(m.text ?? ''), 20_000)).text).toMatch(/Nothing was booked\./);
    await upload(accounting, 'demo-accounting', 'usd.xml', camt053({ id: 'USD-1', accountCurrency: 'USD', entries: [{ amount: '10.00', currency: 'USD', ustrd: ['x'] }] }), 'text/xml', 'en-US');
    expect((await accounting.nextBotMessage((m) => /usd\.xml/.test(m.text ?? ''), 20_000)).text).toMatch(/only euro statements are booked\. Nothing was booked\./);

    const customer = await demo.signIn('demo-mueller', 'de-DE');
    await upload(customer, 'demo-mueller', 'auszug.xml', camt053({ id: 'C-1', entries: [{ amount: '5.00', ustrd: ['x'] }] }));
    expect((await customer.nextBotMessage((m) => /Kontoauszüge/.test(m.text ?? ''), 20_000)).text).toBe('Kontoauszüge liest die Buchhaltung ein; die Datei habe ich nicht verarbeitet.');
    expect(await count()).toBe(before);

    // Another user's upload into this conversation, and a userId that is not the token's, are refused by the channel.
    const dl = customer.directLine as any;
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.xml');
    const wrongUser = await fetch(`${server.url}/v3/directline/conversations/${dl.conversationId}/upload?userId=demo-accounting`, { method: 'POST', headers: { authorization: `Bearer ${dl.token}` }, body: form });
    expect(wrongUser.status).toBe(403);
    const noToken = await fetch(`${server.url}/v3/directline/conversations/${dl.conversationId}/upload`, { method: 'POST', body: form });
    expect(noToken.status).toBe(401);
  }, 60_000);

  it('Web Chat: a file link that is not the channel\'s own is never fetched', async () => {
    sharepointFiles.set('/evil.xml', camt053({ id: 'EVIL', entries: [{ amount: '1.00', ustrd: ['x'] }] }));
    const hits = sharepointHits.length;
    const accounting = await demo.signIn('demo-accounting', 'de-DE');
    // Posted as plain JSON (a client naming any URL it likes), not through the upload endpoint.
    const dl = accounting.directLine as any;
    const posted = await fetch(`${server.url}/v3/directline/conversations/${dl.conversationId}/activities`, {
      method: 'POST', headers: { authorization: `Bearer ${dl.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'demo-accounting' }, attachments: [{ contentType: 'text/xml', name: 'evil.xml', contentUrl: `${sharepointUrl}/evil.xml` }] }),
    });
    expect(posted.status).toBe(200);
    expect((await accounting.nextBotMessage((m) => /evil\.xml/.test(m.text ?? ''), 20_000)).text).toBe('Die Datei „evil.xml“ konnte ich nicht lesen. Es wurde nichts gebucht.');
    expect(sharepointHits.length).toBe(hits);
  }, 60_000);

  it('Teams: a file in the personal chat (file download info) is read from its download URL and imported; a customer\'s is refused', async () => {
    const db = server.app.db;
    const a = await demoActors(db);
    const { invoices: [invoice] } = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'PAPER-A4', quantity: 3 }], new Date());
    sharepointFiles.set('/personal/jonas/Kontoauszug.xml', camt053({ id: 'TEAMS-1', entries: [{ amount: euro(invoice.grossCents), ustrd: [invoice.number] }] }));
    const jonas = { id: '29:jonas', aadObjectId: 'aad-jonas', name: 'Jonas Becker' };
    const fileActivity = (user: typeof jonas, path: string) => ({
      ...teamsActivity({ serviceUrl: teams.serviceUrl, conversationId: `a:personal-${user.id}`, conversationType: 'personal', user, text: undefined, locale: 'de-DE' }),
      attachments: [{
        contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'Kontoauszug.xml', contentUrl: `${sharepointUrl}${path}`,
        content: { downloadUrl: `${sharepointUrl}${path}`, uniqueId: 'abc', fileType: 'xml' },
      }],
    });
    const before = teams.sent.length;
    const res = await postActivity(server.url, fileActivity(jonas, '/personal/jonas/Kontoauszug.xml'));
    expect(res.status).toBeLessThan(300);
    const texts = teams.sent.slice(before).map((s) => s.activity.text ?? '');
    expect(texts.join('\n')).toMatch(/Kontoauszug „Kontoauszug\.xml“ eingelesen: 1 Zahlungen gebucht/);
    expect(Number((await db('invoices').where({ number: invoice.number }).first('paid_cents')).paid_cents)).toEqual(invoice.grossCents);

    const peter = { id: '29:peter', aadObjectId: 'aad-peter', name: 'Peter Müller' };
    const hits = sharepointHits.length;
    const mark = teams.sent.length;
    await postActivity(server.url, fileActivity(peter, '/personal/jonas/Kontoauszug.xml'));
    expect(teams.sent.slice(mark).map((s) => s.activity.text ?? '').join('\n')).toContain('Kontoauszüge liest die Buchhaltung ein');
    expect(sharepointHits.length).toBe(hits);
  }, 60_000);
});

describe('which hosts a Teams file may come from', () => {
  it('matches exact names and *.domain subdomains only', () => {
    const { hostAllowed } = require('../../bot/attachmentFiles') as typeof import('../../bot/attachmentFiles');
    expect(hostAllowed('contoso-my.sharepoint.com', ['*.sharepoint.com'])).toBe(true);
    expect(hostAllowed('sharepoint.com.evil.example', ['*.sharepoint.com'])).toBe(false);
    expect(hostAllowed('evilsharepoint.com', ['*.sharepoint.com'])).toBe(false);
    expect(hostAllowed('127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(hostAllowed('127.0.0.2', ['127.0.0.1'])).toBe(false);
  });
});
