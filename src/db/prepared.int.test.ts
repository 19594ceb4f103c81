import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabases, type TestDatabase } from '../../test/support/databases.js';
import { insertMany, prepared, type Slots } from './prepared.js';

describe.each(testDatabases())('statements built once and run with new values (%s)', (dialect) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await openTestDatabase(dialect);
  });
  afterAll(() => d.drop());

  let builds = 0;
  const addSetting = prepared((db, p: Slots<{ key: string; value: string }>) => {
    builds++;
    return db.insertInto('installation_settings').values({ key: p('key'), value: p('value') });
  });
  const setting = prepared((db, p: Slots<{ key: string }>) => db.selectFrom('installation_settings').where('key', '=', p('key')).select(['key', 'value']));

  it('puts each call’s values where the slots are, building the statement once', async () => {
    await addSetting(d.db, { key: 'prepared.a', value: 'first' });
    await d.db.transaction().execute((tx) => addSetting(tx, { key: 'prepared.b', value: 'second' }));
    expect(await setting(d.db, { key: 'prepared.a' })).toEqual([{ key: 'prepared.a', value: 'first' }]);
    expect(await setting(d.db, { key: 'prepared.b' })).toEqual([{ key: 'prepared.b', value: 'second' }]);
    expect(await setting(d.db, { key: 'prepared.none' })).toEqual([]);
    expect(builds).toBe(1);
  });

  it('keeps a rolled-back transaction’s write out', async () => {
    await expect(
      d.db.transaction().execute(async (tx) => {
        await addSetting(tx, { key: 'prepared.c', value: 'gone' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await setting(d.db, { key: 'prepared.c' })).toEqual([]);
  });

  it('refuses to run without a value for every slot', async () => {
    const broken = prepared((db, p: Slots<{ key: string }>) => db.selectFrom('installation_settings').where('key', '=', p('key')).selectAll());
    await expect(broken(d.db, {} as { key: string })).rejects.toThrow('No value for key');
  });

  it('inserts many rows in batches, skipping conflicts it is told to ignore, and counts what went in', async () => {
    const rows = Array.from({ length: 23 }, (_, n) => ({ key: `many.${n}`, value: `v${n}` }));
    expect(await insertMany(d.db, 'installation_settings', rows, { batch: 5 })).toBe(23);
    expect(
      await insertMany(d.db, 'installation_settings', [...rows.slice(0, 3), { key: 'many.new', value: 'x' }], { batch: 5, ignoreConflictOn: ['key'] }),
    ).toBe(1);
    const kept = await d.db.selectFrom('installation_settings').where('key', 'like', 'many.%').select(['key', 'value']).orderBy('key').execute();
    expect(kept).toHaveLength(24);
    expect(kept.find((r) => r.key === 'many.17')).toEqual({ key: 'many.17', value: 'v17' });
  });
});
