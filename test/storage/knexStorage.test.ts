import type { StoreItems } from 'botbuilder-core';
import { KnexStorage } from '../../data/storage';
import { describeEachDatabase } from '../support/databases';

// The cases of botbuilder-core's StorageBaseTests (not shipped in the npm package), plus eTag and key edge cases.
describeEachDatabase('KnexStorage', ({ get }) => {
  let storage: KnexStorage;
  beforeAll(() => {
    storage = new KnexStorage(get().db);
  });

  it('returns an empty object when reading an unknown key', async () => {
    expect(await storage.read(['unknown'])).toEqual({});
  });

  it('throws on null keys and null changes, and accepts empty batches', async () => {
    await expect(storage.read(null as unknown as string[])).rejects.toThrow(ReferenceError);
    await expect(storage.write(null as unknown as StoreItems)).rejects.toThrow(ReferenceError);
    await expect(storage.write({})).resolves.toBeUndefined();
    await expect(storage.read([])).resolves.toEqual({});
    await expect(storage.delete([])).resolves.toBeUndefined();
  });

  it('creates objects and gives each an eTag', async () => {
    await storage.write({ createPoco: { id: 1 }, createPocoStoreItem: { id: 2, eTag: '*' } });
    const read = await storage.read(['createPoco', 'createPocoStoreItem']);
    expect(read.createPoco).toMatchObject({ id: 1 });
    expect(read.createPocoStoreItem).toMatchObject({ id: 2 });
    expect(typeof read.createPoco.eTag).toBe('string');
    expect(read.createPocoStoreItem.eTag).not.toBe('*');
    expect(read.createPoco.eTag).not.toBe(read.createPocoStoreItem.eTag);
  });

  it('keeps nested data intact', async () => {
    const value = { list: [1, 'zwei', { drei: 3 }], nested: { ü: 'Grüße', nil: null, yes: true }, cents: 12345 };
    await storage.write({ nested: value });
    const { eTag, ...back } = (await storage.read(['nested'])).nested;
    expect(back).toEqual(value);
    expect(eTag).toBeTruthy();
  });

  it('handles keys with special characters and very long keys as opaque bound values', async () => {
    const keys = [
      '!@#$%^&*()~/\\><,.?\';"`~',
      "msteams/conversations/19:abc@thread.v2;messageid=1' OR '1'='1",
      'x'.repeat(5000),
      'Grüße/日本語/😀',
    ];
    await storage.write(Object.fromEntries(keys.map((k, i) => [k, { i }])));
    const read = await storage.read(keys);
    keys.forEach((k, i) => expect(read[k]).toMatchObject({ i }));
    expect(Object.keys(read).sort()).toEqual([...keys].sort());
  });

  it('updates with the current eTag, refuses a stale one, and overwrites with *', async () => {
    await storage.write({ pocoItem: { count: 1 } });
    const first = (await storage.read(['pocoItem'])).pocoItem;

    await storage.write({ pocoItem: { ...first, count: 2 } });
    const second = (await storage.read(['pocoItem'])).pocoItem;
    expect(second.count).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);

    await expect(storage.write({ pocoItem: { ...first, count: 99 } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['pocoItem'])).pocoItem.count).toBe(2);

    await storage.write({ pocoItem: { count: 100, eTag: '*' } });
    expect((await storage.read(['pocoItem'])).pocoItem.count).toBe(100);

    await storage.write({ pocoItem: { count: 200 } }); // no eTag: last write wins
    expect((await storage.read(['pocoItem'])).pocoItem.count).toBe(200);
  });

  it('writes an item with an eTag when the key does not exist yet', async () => {
    await storage.write({ freshWithEtag: { v: 1, eTag: 'from-elsewhere' } });
    expect((await storage.read(['freshWithEtag'])).freshWithEtag.v).toBe(1);
  });

  it('writes a batch all or nothing', async () => {
    await storage.write({ batchA: { v: 1 } });
    const a = (await storage.read(['batchA'])).batchA;
    await storage.write({ batchA: { v: 2 } });
    await expect(storage.write({ batchNew: { v: 1 }, batchA: { ...a, v: 3 } })).rejects.toThrow(/eTag conflict/);
    const read = await storage.read(['batchNew', 'batchA']);
    expect(read.batchNew).toBeUndefined();
    expect(read.batchA.v).toBe(2);
  });

  it('deletes objects, and deleting unknown keys is fine', async () => {
    await storage.write({ delete1: { id: 1 }, delete2: { id: 2 } });
    await storage.delete(['delete1', 'unknownKey']);
    const read = await storage.read(['delete1', 'delete2']);
    expect(read.delete1).toBeUndefined();
    expect(read.delete2).toMatchObject({ id: 2 });
  });

  it('performs batch operations', async () => {
    await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });
    const read = await storage.read(['batch1', 'batch2', 'batch3']);
    expect([read.batch1.count, read.batch2.count, read.batch3.count]).toEqual([10, 20, 30]);
    await storage.delete(['batch1', 'batch2', 'batch3']);
    expect(await storage.read(['batch1', 'batch2', 'batch3'])).toEqual({});
  });

  it('lets exactly one of two concurrent writers with the same eTag win', async () => {
    await storage.write({ race: { n: 0 } });
    const base = (await storage.read(['race'])).race;
    const results = await Promise.allSettled([
      storage.write({ race: { ...base, n: 1 } }),
      storage.write({ race: { ...base, n: 2 } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });
});

describeEachDatabase('KnexStorage batching', ({ get }) => {
  const statements = async (work: () => Promise<unknown>) => {
    const seen: string[] = [];
    const listener = (q: { sql: string }) => seen.push(q.sql);
    get().db.on('query', listener);
    try {
      await work();
    } finally {
      get().db.off('query', listener);
    }
    return seen;
  };

  it('reads keys asked for in the same tick in one statement, each caller getting its own', async () => {
    const storage = new KnexStorage(get().db);
    await storage.write({ tickA: { a: 1 }, tickB: { b: 2 } });
    let results: StoreItems[] = [];
    const seen = await statements(async () => {
      results = await Promise.all([storage.read(['tickA']), storage.read(['tickB', 'tickMissing']), storage.read(['tickA'])]);
    });
    expect(seen).toHaveLength(1);
    expect(results[0]).toEqual({ tickA: expect.objectContaining({ a: 1 }) });
    expect(results[1]).toEqual({ tickB: expect.objectContaining({ b: 2 }) });
    expect(results[2].tickA.a).toBe(1);
  });

  it('writes unconditional items of the same tick in one statement, the later write of a key winning', async () => {
    const storage = new KnexStorage(get().db);
    const seen = await statements(() => Promise.all([
      storage.write({ tickW1: { v: 1, eTag: '*' } }),
      storage.write({ tickW2: { v: 2 } }),
      storage.write({ tickW1: { v: 3, eTag: '*' } }),
    ]));
    expect(seen).toHaveLength(1);
    const read = await storage.read(['tickW1', 'tickW2']);
    expect([read.tickW1.v, read.tickW2.v]).toEqual([3, 2]);
  });

  it('keeps eTag writes apart: a stale one fails alone', async () => {
    const storage = new KnexStorage(get().db);
    await storage.write({ tickE: { v: 1 } });
    const stale = (await storage.read(['tickE'])).tickE;
    await storage.write({ tickE: { v: 2 } });
    const results = await Promise.allSettled([storage.write({ tickE: { ...stale, v: 9 } }), storage.write({ tickF: { v: 1 } })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((await storage.read(['tickE'])).tickE.v).toBe(2);
  });
});
