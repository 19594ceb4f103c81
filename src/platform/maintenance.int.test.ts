import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql, type Generated, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, readOffLoop } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { openTestDatabase } from '../../test/support/databases.js';
import { testDatabases } from '../../test/support/databases.js';
import { refreshPlannerStatistics } from './maintenance.js';

describe('planner statistics on SQLite, worked out off the event loop', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-stats-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A database file of its own with 3,000 rows over plain, partial, unique and multi-column indexes. */
  function aFileOfThings(name: string) {
    const file = path.join(dir, name);
    const setUp = new SQLite(file);
    setUp.pragma('journal_mode = WAL');
    setUp.exec(`create table things (id integer primary key, org integer not null, open integer not null, team integer, name text not null unique, at text);
      create index things_open on things (org, team, at) where open = 1;
      create index things_all on things (org, at);
      create table plain (x integer);`);
    const insert = setUp.prepare('insert into things (org, open, team, name, at) values (?, ?, ?, ?, ?)');
    setUp.transaction(() => {
      for (let i = 0; i < 3000; i++)
        insert.run(1 + (i % 3), i % 4 ? 1 : 0, i % 7 ? i % 5 : null, `thing ${i}`, new Date(Date.UTC(2026, 0, 1) + (i % 500) * 60_000).toISOString());
    })();
    setUp.prepare('insert into plain (x) values (1), (2), (3)').run();
    setUp.close();
    return file;
  }

  it('match what SQLite’s own ANALYZE writes, for plain, partial, unique and multi-column indexes', async () => {
    const file = aFileOfThings('stats.sqlite');

    const database = await openDatabase({ sqliteFile: file });
    await refreshPlannerStatistics(database.db);
    const ours = (await sql<{ tbl: string; idx: string | null; stat: string }>`select tbl, idx, stat from sqlite_stat1 order by tbl, idx`.execute(database.db))
      .rows;
    await database.close();
    const copy = path.join(dir, 'copy.sqlite');
    const reference = new SQLite(file);
    reference.exec(`vacuum into '${copy}'`);
    reference.close();
    const own = new SQLite(copy);
    own.exec('delete from sqlite_stat1; analyze');
    const theirs = own.prepare('select tbl, idx, stat from sqlite_stat1 order by tbl, idx').all();
    own.close();
    expect(ours).toEqual(theirs);
    expect(ours.length).toBe(4);
  });

  it('leaves tables alone that have not changed much, and refreshes every table when forced', async () => {
    const file = aFileOfThings('changes.sqlite');
    const database = await openDatabase({ sqliteFile: file });
    await refreshPlannerStatistics(database.db);
    await sql`update sqlite_stat1 set stat = '2900 1000 1' where idx = 'things_all'`.execute(database.db);
    await refreshPlannerStatistics(database.db);
    const kept = await sql<{ stat: string }>`select stat from sqlite_stat1 where idx = 'things_all'`.execute(database.db);
    expect(kept.rows[0]!.stat).toBe('2900 1000 1');
    await refreshPlannerStatistics(database.db, { force: true });
    const again = await sql<{ stat: string }>`select stat from sqlite_stat1 where idx = 'things_all'`.execute(database.db);
    expect(again.rows[0]!.stat).toBe('3000 1000 2');
    await database.close();
  });

  it('reads off the event loop see every committed change', async () => {
    const database = await openDatabase({ sqliteFile: path.join(dir, 'reader.sqlite') });
    await sql`create table notes (id integer primary key, body text not null)`.execute(database.db);
    const db = database.db as unknown as Kysely<{ notes: { id: Generated<number>; body: string } }>;
    for (let i = 0; i < 3; i++) {
      await db
        .insertInto('notes')
        .values({ body: `note ${i}` })
        .execute();
      const rows = await readOffLoop(database.db, db.selectFrom('notes').select(['id', 'body']).orderBy('id'));
      expect(rows.map((r) => r.body)).toEqual(Array.from({ length: i + 1 }, (_, j) => `note ${j}`));
    }
    await expect(readOffLoop(database.db, db.selectFrom('notes').select(sql<number>`nonsense()`.as('x')))).rejects.toThrow(/nonsense/);
    await database.close();
  });

  it('are gathered after migrations on a new database file', async () => {
    const database = await openDatabase({ sqliteFile: path.join(dir, 'fresh.sqlite') });
    await migrateToLatest(database);
    const rows = await sql<{ n: number }>`select count(*) as n from sqlite_schema where name = 'sqlite_stat1'`.execute(database.db);
    expect(Number(rows.rows[0]!.n)).toBe(1);
    await database.close();
  });
});

describe.each(testDatabases().filter((d) => d === 'postgres'))('planner statistics on %s', (dialect) => {
  it('analyses the schema’s own tables', async () => {
    const database = await openTestDatabase(dialect);
    try {
      await refreshPlannerStatistics(database.db);
      const r = await sql<{
        n: number;
      }>`select count(*) as n from pg_stat_user_tables where schemaname = current_schema() and last_analyze is not null`.execute(database.db);
      expect(Number(r.rows[0]!.n)).toBeGreaterThan(10);
    } finally {
      await database.drop();
    }
  });
});
