import { secretSetting } from '../../data/settings';
import { describeEachDatabase } from '../support/databases';

describeEachDatabase('secrets kept in the database', ({ get }) => {
  it('creates a secret once and returns the same one on every later use, also when asked concurrently', async () => {
    const { db } = get();
    const first = await Promise.all([secretSetting(db, 'token_secret'), secretSetting(db, 'token_secret')]);
    expect(first[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(first[1]).toBe(first[0]);
    expect(await secretSetting(db, 'token_secret')).toBe(first[0]);
    expect(await secretSetting(db, 'other')).not.toBe(first[0]);
  });
});
