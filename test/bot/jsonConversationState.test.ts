import { TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import { JsonConversationState } from '../../bot/jsonConversationState';
import { collectTurnEndWrites } from '../../bot/turnEnd';
import { finishTurn } from '../../data/turns';
import { KnexStorage } from '../../data/storage';
import { describeEachDatabase } from '../support/databases';

/** KnexStorage that counts the writes reaching it. */
class CountingStorage extends KnexStorage {
  writes: StoreItems[] = [];
  async write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)));
    return super.write(changes);
  }
}

const turn = (conversation: string) =>
  new TurnContext(new TestAdapter(), { type: 'message', channelId: 'test', conversation: { id: conversation } as any, from: { id: 'u', name: 'u' }, recipient: { id: 'bot', name: 'bot' }, text: 'hi' });

describeEachDatabase('JsonConversationState', ({ get }) => {
  let storage: CountingStorage;
  let state: JsonConversationState;
  beforeEach(() => {
    storage = new CountingStorage(get().db);
    state = new JsonConversationState(storage);
  });

  it('writes a changed state, reads it back next turn, and writes nothing for a turn that changed nothing', async () => {
    const draft = state.createProperty<{ lines: { sku: string; quantity: number }[] }>('draft');
    const first = turn('c-json-1');
    await state.load(first);
    (await draft.get(first, { lines: [] }))!.lines.push({ sku: 'PAPER-A4', quantity: 2 });
    await state.saveChanges(first);
    expect(storage.writes).toHaveLength(1);
    await state.saveChanges(first); // saved already, nothing new
    expect(storage.writes).toHaveLength(1);

    const second = turn('c-json-1');
    await state.load(second);
    expect(await draft.get(second)).toEqual({ lines: [{ sku: 'PAPER-A4', quantity: 2 }] });
    await state.saveChanges(second);
    expect(storage.writes).toHaveLength(1); // read and left alone

    const third = turn('c-json-1');
    (await draft.get(third))!.lines[0].quantity = 3; // a change deep inside counts
    await state.saveChanges(third);
    expect(storage.writes).toHaveLength(2);
    const fourth = turn('c-json-1');
    expect(await draft.get(fourth)).toEqual({ lines: [{ sku: 'PAPER-A4', quantity: 3 }] });
  });

  it('saves when forced, after clear, and after delete of a property', async () => {
    const flag = state.createProperty<boolean>('welcomed');
    const context = turn('c-json-2');
    await flag.set(context, true);
    await state.saveChanges(context);
    await state.saveChanges(context, true);
    expect(storage.writes).toHaveLength(2);

    const next = turn('c-json-2');
    expect(await flag.get(next)).toBe(true);
    await flag.delete(next);
    await state.saveChanges(next);
    expect(await flag.get(turn('c-json-2'))).toBeUndefined();

    const cleared = turn('c-json-2');
    await flag.set(cleared, true);
    await state.saveChanges(cleared);
    await state.clear(cleared);
    await state.saveChanges(cleared);
    expect(storage.writes).toHaveLength(5);
    expect(Object.keys(storage.writes[4])).toHaveLength(1);
    expect(Object.values(storage.writes[4])[0]).toEqual({ eTag: '*' });
  });

  it('ignores a changed eTag alone, as botbuilder does', async () => {
    const context = turn('c-json-3');
    const loaded = await state.load(context);
    loaded.eTag = 'something-else';
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(0);
  });

  it('hands a turn end its state with the JSON it compared, which is what gets stored', async () => {
    const draft = state.createProperty<{ note: string }>('draft');
    const context = turn('c-json-4');
    const writes = collectTurnEndWrites(context);
    await draft.set(context, { note: 'Bitte ans Tor 2 – danke' });
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(0); // collected, not written by itself
    const [[key, write]] = [...writes.states];
    expect(JSON.parse(write.text!)).toEqual({ draft: { note: 'Bitte ans Tor 2 – danke' } });
    await finishTurn(get().db, { processed: null, states: [{ key, ...write }], conversationRef: null, lease: null });
    expect(await draft.get(turn('c-json-4'))).toEqual({ note: 'Bitte ans Tor 2 – danke' });

    // A state JSON cannot hold carries no text: the write makes its own (and fails there, as it always did).
    const cyclic = turn('c-json-5');
    const cyclicWrites = collectTurnEndWrites(cyclic);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    await state.createProperty('loop').set(cyclic, loop);
    await state.saveChanges(cyclic);
    expect([...cyclicWrites.states.values()][0].text).toBeUndefined();
  });

  it('takes the stored text of a preloaded state as what it was: unchanged it is not written, changed it is', async () => {
    const draft = state.createProperty<{ lines: number[] }>('draft');
    const stored = { draft: { lines: [1, 2] } };
    const unchanged = turn('c-json-6');
    state.preload(unchanged, { ...stored, eTag: 'e1' }, JSON.stringify(stored));
    expect(await draft.get(unchanged)).toEqual({ lines: [1, 2] });
    await state.saveChanges(unchanged);
    expect(storage.writes).toHaveLength(0);

    const changed = turn('c-json-6');
    state.preload(changed, { ...stored, eTag: 'e1' }, JSON.stringify(stored));
    (await draft.get(changed))!.lines.push(3);
    await state.saveChanges(changed);
    expect(storage.writes).toHaveLength(1);
    expect(await draft.get(turn('c-json-6'))).toEqual({ lines: [1, 2, 3] });
  });
});
