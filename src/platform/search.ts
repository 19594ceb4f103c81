import type { DialectAdapter } from 'kysely';
import { bestMatches, newestMatches } from '../db/full-text.js';

/**
 * Full-text search behind one interface: an FTS5 table kept by triggers on SQLite (ranked with
 * `bm25`), a `tsvector` column with a GIN index on PostgreSQL (ranked with `ts_rank`). The dialect
 * is read from the Kysely instance, so callers never pass it.
 *
 * Every search is bounded: it takes at most `candidates` of the newest matches (a scan by id,
 * newest first, that stops there) and ranks only those, so a word in every other row costs about
 * what a rare one does. Words match whole (stemmed); a word the person ends with `*` matches as a
 * prefix, from `prefixFrom` letters, so a one-letter prefix never merges the postings of thousands
 * of words (and a prefix, dearer to look up than a word, is only paid for when asked for).
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
  /** The shortest word a trailing `*` makes a prefix (`pass*`); 3 unless said. Shorter ones match whole. */
  prefixFrom?: number;
}

export interface SearchOptions {
  /** How many ids to return. */
  limit?: number;
  /** How many of the newest matches to consider (the bound on the work). */
  candidates?: number;
}

/** A Kysely instance or transaction on either database. */
type Connection = { getExecutor(): { readonly adapter: DialectAdapter } };

export interface FullTextIndex {
  /** The newest matches (at most `candidates`), newest first, and whether older matches were left out. */
  newest(db: Connection, organisationId: number, text: string, candidates?: number): Promise<{ ids: number[]; more: boolean }>;
  /** The best `limit` of the newest `candidates` matches, best first. */
  search(db: Connection, organisationId: number, text: string, options?: SearchOptions): Promise<number[]>;
}

/** The words of a search, letters and digits only, at most eight; a word followed by `*` is a prefix. */
export function searchWords(text: string): string[] {
  return [...text.matchAll(/([\p{L}\p{N}]+)(\*?)/gu)].slice(0, 8).map((m) => m[1]! + m[2]!);
}

/** Configures full-text search over one table; a module keeps the result and calls it from its queries. */
export function fullTextIndex(config: FullTextIndexConfig): FullTextIndex {
  const every = config.words !== 'any';
  const defaultCandidates = config.candidates ?? 1000;
  const prefixFrom = config.prefixFrom ?? 3;
  const target = { table: config.table, fts: config.sqlite.fts, column: config.postgres.column, tsConfig: config.postgres.config ?? 'english' };
  // The words are letters and digits only, so neither query syntax can be smuggled in.
  const queryOf = (words: string[]) => {
    const parts = words.map((w) => ({ word: w.replace(/\*$/, ''), prefix: w.endsWith('*') && w.length > prefixFrom }));
    return {
      fts: parts.map((p) => `"${p.word}"${p.prefix ? '*' : ''}`).join(every ? ' ' : ' OR '),
      ts: parts.map((p) => `${p.word}${p.prefix ? ':*' : ''}`).join(every ? ' & ' : ' | '),
    };
  };

  return {
    async newest(db, organisationId, text, candidates = defaultCandidates) {
      const words = searchWords(text);
      if (!words.length) return { ids: [], more: false };
      const ids = await newestMatches(db, target, organisationId, queryOf(words), candidates + 1);
      return { ids: ids.slice(0, candidates), more: ids.length > candidates };
    },
    async search(db, organisationId, text, options = {}) {
      const words = searchWords(text);
      if (!words.length) return [];
      const limit = options.limit ?? 20;
      return bestMatches(db, target, organisationId, queryOf(words), Math.max(limit, options.candidates ?? defaultCandidates), limit);
    },
  };
}
