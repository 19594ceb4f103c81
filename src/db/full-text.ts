import { sql, type DialectAdapter, type Kysely } from 'kysely';
import { dialectOf } from './database.js';

/**
 * The SQL behind src/platform/search.ts, for each database. Both take the newest matches first, by a
 * scan that stops after `n` of them, and rank only those.
 */

export interface FullTextTarget {
  /** The table searched, with `id` and `organisation_id`. */
  table: string;
  /** SQLite: the FTS5 table whose rowid is the row's id. */
  fts: string;
  /** PostgreSQL: the tsvector column, with a GIN index, and the configuration queries are parsed with. */
  column: string;
  tsConfig: string;
}

/** A search in each database's query syntax. */
export interface FullTextQuery {
  fts: string;
  ts: string;
}

type Connection = { getExecutor(): { readonly adapter: DialectAdapter } };

/**
 * PostgreSQL: how many of the newest ids to look among first, per match wanted. A GIN index yields
 * matches in no useful order, and reading each match's row is what costs (a word in 3% of a million
 * tickets is 30,000 rows), so the first looks are limited to the newest ids (a bitmap of the primary
 * key ANDed with the GIN bitmap): 40 ids per match wanted fills from a word in 2.5% of rows, 320
 * from one in 0.3%, and only a rarer word is looked for everywhere (where it has few rows to read).
 */
const windowsPerMatch = [40, 320];

/** Runs `work` with PostgreSQL's plain index scans off, so it reads the GIN index rather than walking the primary key backwards row by row. */
async function withBitmapScans<T>(db: Kysely<unknown>, work: (tx: Kysely<unknown>) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql`set local enable_indexscan = off`.execute(db);
    try {
      return await work(db);
    } finally {
      await sql`set local enable_indexscan = on`.execute(db);
    }
  }
  return db.transaction().execute(async (tx) => {
    await sql`set local enable_indexscan = off`.execute(tx);
    return work(tx);
  });
}

/** Ids of the newest `n` matches in the organisation, newest first. */
export async function newestMatches(connection: Connection, t: FullTextTarget, organisationId: number, q: FullTextQuery, n: number): Promise<number[]> {
  const db = connection as unknown as Kysely<unknown>;
  const table = sql.table(t.table);
  if (dialectOf(connection) === 'postgres') {
    const column = sql.ref(t.column);
    const max = await sql<{ m: number | null }>`select max(id) as m from ${table}`.execute(db);
    const top = Number(max.rows[0]?.m ?? 0);
    // `organisation_id + 0`: checked on the rows read, never by ANDing in a bitmap of the whole organisation.
    const matches = (newerThan: number | null, limit: number) =>
      sql<{ id: number }>`select id from ${table} where organisation_id + 0 = ${organisationId} and ${column} @@ to_tsquery(${t.tsConfig}, ${q.ts})
        ${newerThan === null ? sql`` : sql`and id > ${newerThan}`} order by id desc limit ${limit}`;
    return withBitmapScans(db, async (tx) => {
      for (const per of windowsPerMatch) {
        const since = top - per * n;
        if (since <= 0) break;
        const recent = (await matches(since, n).execute(tx)).rows.map((r) => Number(r.id));
        if (recent.length >= n) return recent;
      }
      return (await matches(null, n).execute(tx)).rows.map((r) => Number(r.id));
    });
  }
  // A cross join keeps SQLite reading the full-text index first, newest first, whatever its statistics say.
  const fts = sql.table(t.fts);
  const r = await sql<{ id: number }>`select ${fts}.rowid as id from ${fts} cross join ${table} as t
    where ${fts} match ${q.fts} and t.id = ${fts}.rowid and t.organisation_id = ${organisationId} order by ${fts}.rowid desc limit ${n}`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/** The best `limit` of the newest `n` matches, best first. */
export async function bestMatches(
  connection: Connection,
  t: FullTextTarget,
  organisationId: number,
  q: FullTextQuery,
  n: number,
  limit: number,
): Promise<number[]> {
  const db = connection as unknown as Kysely<unknown>;
  if (dialectOf(connection) === 'postgres') {
    const ids = await newestMatches(connection, t, organisationId, q, n);
    if (!ids.length) return [];
    const r = await sql<{ id: number }>`select id from ${sql.table(t.table)} where id in (${sql.join(ids)})
      order by ts_rank(${sql.ref(t.column)}, to_tsquery(${t.tsConfig}, ${q.ts})) desc, id desc limit ${limit}`.execute(db);
    return r.rows.map((x) => Number(x.id));
  }
  // bm25 is worked out only for the rows the newest-first scan hands on; lower is better.
  const fts = sql.table(t.fts);
  const r = await sql<{ id: number }>`select id from (select ${fts}.rowid as id, bm25(${fts}) as rank from ${fts} cross join ${sql.table(t.table)} as t
      where ${fts} match ${q.fts} and t.id = ${fts}.rowid and t.organisation_id = ${organisationId} order by ${fts}.rowid desc limit ${n})
    order by rank, id desc limit ${limit}`.execute(db);
  return r.rows.map((x) => Number(x.id));
}
