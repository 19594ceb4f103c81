import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openTestDatabase, testDatabases, type TestDatabase } from '../../../../test/support/databases.js';
import { serviceDeskMigrations } from '../migrations.js';

describe.each(testDatabases())('bank holidays in a database made before 2018’s dates shipped (%s)', (dialect) => {
  let d: TestDatabase;
  beforeAll(async () => {
    d = await openTestDatabase(dialect);
  });
  afterAll(() => d.drop());

  it('adds the older years and keeps every date and title the database already had', async () => {
    const db = d.db;
    // As an installation that loaded only the first shipped years, and retitled one date itself.
    await db.deleteFrom('bank_holidays').where('date', '<', '2024-01-01').execute();
    await db
      .updateTable('bank_holidays')
      .set({ title: 'New Year (as we call it)' })
      .where('date', '=', '2024-01-01')
      .where('division', '=', 'scotland')
      .execute();
    await db.insertInto('bank_holidays').values({ division: 'scotland', date: '2031-01-02', title: 'Imported later' }).execute();
    await serviceDeskMigrations['2026-12-01-340-bank-holidays-from-2018']!.up(db as unknown as Kysely<unknown>);
    const scotland = await db.selectFrom('bank_holidays').where('division', '=', 'scotland').select(['date', 'title']).orderBy('date').execute();
    expect(scotland[0]).toEqual({ date: '2018-01-01', title: 'New Year’s Day' });
    expect(scotland).toEqual(
      expect.arrayContaining([
        { date: '2021-01-04', title: '2nd January' },
        { date: '2024-01-01', title: 'New Year (as we call it)' },
        { date: '2031-01-02', title: 'Imported later' },
      ]),
    );
    const before2024 = await db.selectFrom('bank_holidays').where('date', '<', '2024-01-01').select('date').execute();
    expect(before2024.length).toBe(51 + 57 + 63);
  });
});
