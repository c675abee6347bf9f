import { addWorkingDays, berlinDateTime, berlinToday } from '../../domain/calendar';
import { describeEachDatabase } from '../support/databases';
import { buttonData, cardsOf, demoChats, hasButton, type ChatActivity } from '../support/directlineClient';
import { startTestServer, TestServer } from '../support/server';

/**
 * Two customers confirm the same appointment at the same moment, as parallel requests through the local Direct Line
 * channel and the real server: the database lets one through, the other is told and offered the next times.
 * (The server runs on the real clock, so the day is a few working days from today.)
 */
describeEachDatabase('the last free slot taken twice at once', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);
  const said = (m: ChatActivity) => (m.text ?? '') + cardsOf(m);
  /** The slot buttons' data of a message, wherever the card holds them. */
  const slotsOf = (m: ChatActivity): { action: string; start: string }[] => {
    const found: { action: string; start: string }[] = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const data = (x as { data?: { action?: string; start?: string } }).data;
        if (data?.action === 'order.slot' && data.start) found.push(data as { action: string; start: string });
        Object.values(x).forEach(walk);
      }
    };
    walk(m.attachments ?? []);
    return found;
  };

  beforeAll(async () => {
    server = await startTestServer(get());
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it('exactly one gets it; the other is told in their language and offered the next slots', async () => {
    const day = addWorkingDays(berlinToday(new Date()), 4);
    const [, m, d] = day.split('-').map(Number);
    const start = berlinDateTime(day, '14:00').toISOString();
    const mueller = await demo.signIn('demo-mueller', 'de-DE');
    const cafe = await demo.signIn('demo-cafe', 'en-GB');
    const summaryOf = async (chat: typeof mueller, text: string) => {
      await chat.send(text);
      const offer = await chat.nextBotMessage((x) => slotsOf(x).length > 0);
      const slot = slotsOf(offer).find((x) => x.start === start);
      expect(slot).toBeDefined();
      await chat.sendActivity({ type: 'message', value: slot });
      return chat.nextBotMessage(hasButton('order.confirm'));
    };
    const muellerCard = await summaryOf(mueller, `IT-Beratung am ${d}.${m}. um 14 Uhr`);
    const cafeCard = await summaryOf(cafe, `IT consulting on ${d}.${m}. at 2pm`);

    const [a, b] = await Promise.all([
      mueller.sendActivity({ type: 'message', value: buttonData(muellerCard, 'order.confirm') }),
      cafe.sendActivity({ type: 'message', value: buttonData(cafeCard, 'order.confirm') }),
    ]);
    const answers = await Promise.all([
      mueller.nextBotMessage((x) => x.replyToId === a && /bestätigt|nicht mehr frei/.test(said(x))),
      cafe.nextBotMessage((x) => x.replyToId === b && /confirmed|no longer available/.test(said(x))),
    ]);
    const won = answers.filter((x) => /bestätigt|is confirmed/.test(said(x)));
    expect(won).toHaveLength(1);
    const rows = await server.app.db('service_bookings').where({ resource_id: 'lena-wolf', starts_at: start, status: 'booked' });
    expect(rows).toHaveLength(1);

    const loser = /bestätigt/.test(said(answers[0])) ? cafe : mueller;
    const lostText = said(answers[/bestätigt/.test(said(answers[0])) ? 1 : 0]);
    expect(lostText).toMatch(loser === cafe ? /The appointment you picked for “IT consulting” is no longer available\./ : /Der gewählte Termin für „IT-Beratung“ ist inzwischen nicht mehr frei\./);
    const next = slotsOf(answers[loser === mueller ? 0 : 1]).length ? answers[loser === mueller ? 0 : 1] : await loser.nextBotMessage((x) => slotsOf(x).length > 0);
    const offered = slotsOf(next).map((x) => x.start);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).not.toContain(start);
  });
});
