import type { Kysely } from 'kysely';
import { dialectOf } from '../db/database.js';

/**
 * Full-text search behind one interface: an FTS5 table kept by triggers on SQLite (ranked with
 * `bm25`), a `tsvector` column with a GIN index on PostgreSQL (ranked with `ts_rank`). The dialect
 * is read from the Kysely instance, so callers never pass it.
 *
 * Every search is bounded: it takes at most `candidates` of the newest matches (a scan by id,
 * newest first, that stops there) and ranks only those, so a word in every other row costs about
 * what a rare one does. Words shorter than `prefixFrom` letters match whole words only, so a
 * one-letter prefix never merges the postings of thousands of words.
 */
export interface FullTextIndexConfig {
  /** The table searched. It has `id` and `organisation_id`; on SQLite its `id` is the FTS5 rowid. */
  table: string;
  sqlite: {
    /** The FTS5 table whose rowid is the row's id. */
    fts: string;
  };
  postgres: {
    /** The tsvector column, with a GIN index. */
    column: string;
    /** The text search configuration queries are parsed with; 'english' unless said. */
    config?: string;
  };
  /** 'all' words must match (a filter, the default) or 'any' (a question in a person's own words). */
  words?: 'all' | 'any';
  /** How many of the newest matches are looked at; 1,000 unless said. */
  candidates?: number;
  /** The shortest word matched as a prefix as well as whole; 3 unless said. */
  prefixFrom?: number;
}

export interface SearchOptions {
  /** How many ids to return. */
  limit?: number;
  /** How many of the newest matches to consider (the bound on the work). */
  candidates?: number;
}

export interface FullTextIndex {
  /** The newest matches (at most `candidates`), newest first, and whether older matches were left out. */
  newest<DB>(db: Kysely<DB>, organisationId: number, text: string, candidates?: number): Promise<{ ids: number[]; more: boolean }>;
  /** The best `limit` of the newest `candidates` matches, best first. */
  search<DB>(db: Kysely<DB>, organisationId: number, text: string, options?: SearchOptions): Promise<number[]>;
}

/** The words of a search, letters and digits only, at most eight. */
export function searchWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
}

// Kysely's typed builder over tables named at run time: the names come from code, never from a request.
type Anything = Kysely<Record<string, Record<string, unknown>>>;

/** Configures full-text search over one table; a module keeps the result and calls it from its queries. */
export function fullTextIndex(config: FullTextIndexConfig): FullTextIndex {
  const every = config.words !== 'any';
  const defaultCandidates = config.candidates ?? 1000;
  const prefixFrom = config.prefixFrom ?? 3;
  const tsConfig = config.postgres.config ?? 'english';
  const { table } = config;
  const { fts } = config.sqlite;
  const column = config.postgres.column;

  function ftsQuery(words: string[]) {
    return words.map((w) => `"${w}"${w.length >= prefixFrom ? '*' : ''}`).join(every ? ' ' : ' OR ');
  }
  function tsQuery(words: string[]) {
    return words.map((w) => `${w}${w.length >= prefixFrom ? ':*' : ''}`).join(every ? ' & ' : ' | ');
  }

  /**
   * The newest `n` matches, as a subquery: on SQLite with their rank (bm25 is worked out only for
   * the rows the scan hands on, and is lower for better matches, so it is negated); on PostgreSQL
   * ids only, ranked afterwards, so ts_rank never reads every match's tsvector.
   */
  function candidatesOf<DB>(kysely: Kysely<DB>, organisationId: number, words: string[], n: number, ranked: boolean) {
    const db = kysely as unknown as Anything;
    if (dialectOf(kysely) === 'postgres') {
      const ids = db
        .selectFrom(`${table} as t`)
        .where('t.organisation_id', '=', organisationId)
        .where((eb) => eb(eb.ref(`t.${column}`), '@@', eb.fn('to_tsquery', [eb.val(tsConfig), eb.val(tsQuery(words))])))
        .select('t.id as id')
        .orderBy('t.id', 'desc')
        .limit(n);
      if (!ranked) return ids;
      return db
        .selectFrom(ids.as('n'))
        .innerJoin(`${table} as r`, 'r.id', 'n.id')
        .select((eb) => [
          'r.id as id',
          eb.fn<number>('ts_rank', [eb.ref(`r.${column}`), eb.fn('to_tsquery', [eb.val(tsConfig), eb.val(tsQuery(words))])]).as('rank'),
        ]);
    }
    return (
      db
        .selectFrom(fts)
        // A cross join keeps SQLite reading the full-text index first, newest first, whatever its statistics say.
        .crossJoin(`${table} as t`)
        .whereRef('t.id', '=', `${fts}.rowid`)
        .where((eb) => eb(eb.ref(fts), 'match', ftsQuery(words)))
        .where('t.organisation_id', '=', organisationId)
        .select(`${fts}.rowid as id`)
        .$if(ranked, (q) => q.select((eb) => eb.neg(eb.fn<number>('bm25', [eb.ref(fts)])).as('rank')))
        .orderBy(`${fts}.rowid`, 'desc')
        .limit(n)
    );
  }

  return {
    async newest(kysely, organisationId, text, candidates = defaultCandidates) {
      const words = searchWords(text);
      if (!words.length) return { ids: [], more: false };
      const rows = await candidatesOf(kysely, organisationId, words, candidates + 1, false).execute();
      const ids = rows.map((r) => Number(r.id));
      return { ids: ids.slice(0, candidates), more: ids.length > candidates };
    },
    async search(kysely, organisationId, text, options = {}) {
      const words = searchWords(text);
      if (!words.length) return [];
      const limit = options.limit ?? 20;
      const db = kysely as unknown as Anything;
      const rows = await db
        .selectFrom(candidatesOf(kysely, organisationId, words, Math.max(limit, options.candidates ?? defaultCandidates), true).as('c'))
        .select('c.id')
        .orderBy('c.rank', 'desc')
        .orderBy('c.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.id));
    },
  };
}
