import { TestAdapter, TurnContext } from 'botbuilder';
import { ConversationRefSaver } from '../../bot/conversationRefSaver';
import { collectTurnEndWrites } from '../../bot/turnEnd';
import { getConversationRef, listConversationRefsForPerson } from '../../data/conversationRefs';
import { findPersonByChannel } from '../../data/parties';
import { describeEachDatabase } from '../support/databases';

describeEachDatabase('conversation references written when they change', ({ get }) => {
  const reference = (conversationId: string, activityId: string) => ({
    activityId, channelId: 'directline', conversation: { id: conversationId }, serviceUrl: 'http://127.0.0.1:1', user: { id: 'demo-mueller' },
  });

  it('skips an unchanged reference, and writes a new conversation, another language, a return to an older chat and a stale one', async () => {
    const { db } = get();
    const mueller = (await findPersonByChannel(db, 'directline', 'demo-mueller'))!;
    let now = 1_000_000;
    const saver = new ConversationRefSaver(db, () => now);
    const writes: string[] = [];
    const count = (q: { sql: string }) => { if (/^insert into \W?conversation_refs\b/.test(q.sql)) writes.push(q.sql); };
    db.on('query', count);
    try {
      const save = (conversationId: string, activityId: string, locale: 'de' | 'en' = 'de') =>
        saver.save({ channelId: 'directline', conversationId, personId: mueller.id, locale, reference: reference(conversationId, activityId) });
      await save('saver-a', 'm1');
      await save('saver-a', 'm2'); // only the activity id is new
      expect(writes).toHaveLength(1);
      await save('saver-a', 'm3', 'en');
      expect(writes).toHaveLength(2);
      expect((await getConversationRef(db, 'directline', 'saver-a'))!.locale).toBe('en');

      await new Promise((r) => setTimeout(r, 5));
      await save('saver-b', 'm4');
      await new Promise((r) => setTimeout(r, 5));
      await save('saver-a', 'm5', 'en'); // back to the first chat: it is the most recent again
      expect(writes).toHaveLength(4);
      writes.length = 0;
      expect((await listConversationRefsForPerson(db, mueller.id)).map((r) => r.conversationId).slice(0, 2)).toEqual(['saver-a', 'saver-b']);

      now += 59_000;
      await save('saver-a', 'm6', 'en');
      expect(writes).toHaveLength(0);
      now += 2_000;
      await save('saver-a', 'm7', 'en');
      expect(writes).toHaveLength(1);
    } finally {
      db.off('query', count);
    }
  });

  it('hands a changed reference to a turn that collects its writes, and remembers it only once that end is written', async () => {
    const { db } = get();
    const mueller = (await findPersonByChannel(db, 'directline', 'demo-mueller'))!;
    const saver = new ConversationRefSaver(db);
    const turn = () => new TurnContext(new TestAdapter(), { type: 'message', text: 'hallo' });
    const ref = { channelId: 'directline', conversationId: 'saver-end', personId: mueller.id, locale: 'de' as const, reference: reference('saver-end', 'e1') };

    const failed = turn();
    const failedWrites = collectTurnEndWrites(failed);
    await saver.save(ref, failed);
    expect(failedWrites.conversationRef).toEqual(ref);
    expect(await getConversationRef(db, 'directline', 'saver-end')).toBeNull(); // left to the turn's end
    // That turn failed (its `written` never ran): the next turn hands it over again.
    const next = turn();
    const nextWrites = collectTurnEndWrites(next);
    await saver.save(ref, next);
    expect(nextWrites.conversationRef).toEqual(ref);
    for (const written of nextWrites.written) written();
    const after = turn();
    const afterWrites = collectTurnEndWrites(after);
    await saver.save(ref, after);
    expect(afterWrites.conversationRef).toBeNull();
  });
});
