import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, PostgresAdapter, sql, type Compilable, type DialectAdapter } from 'kysely';
import type { Schema } from './schema.js';
import { computeStatistics, writeStatistics } from './statistics.js';
import { OffLoopReader } from './reader.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Schema>;
  dialect: DialectName;
  /** PostgreSQL only: the schema Steward's tables live in, when not the default. */
  schema?: string | undefined;
  /** Answers true when the database responds to a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A postgres:// URL selects PostgreSQL; otherwise SQLite in `sqliteFile`. */
  url?: string | undefined;
  sqliteFile?: string;
  /** PostgreSQL only: the schema to use (tests give each run its own). */
  searchPath?: string;
  poolSize?: number;
}

export class DatabaseUnreachableError extends Error {}

/**
 * pg hands back bigint, numeric, booleans, timestamps and JSON in its own shapes; these parsers make
 * every row look exactly as better-sqlite3 returns it (numbers, 0/1, ISO-8601 UTC text, JSON text),
 * so the query layer never needs to know which database it is on.
 */
function sameShapeAsSqlite(): pg.CustomTypesConfig {
  const parseTimestamp = pg.types.getTypeParser(1184);
  return {
    getTypeParser: ((oid: number, format?: string) => {
      switch (oid) {
        case 20: // int8
        case 1700: // numeric
          return (v: string) => Number(v);
        case 16: // bool
          return (v: string) => (v === 't' ? 1 : 0);
        case 1184: // timestamptz
        case 1114: // timestamp
          return (v: string) => isoFromUtcText(v) ?? (parseTimestamp(v) as Date).toISOString();
        case 1082: // date
        case 114: // json
        case 3802: // jsonb
          return (v: string) => v;
        default:
          return pg.types.getTypeParser(oid, format as 'text');
      }
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

const utcText = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(?:\+00)?$/;
/**
 * The session's time zone is UTC, so PostgreSQL writes `2026-03-31 09:00:00.5+00`: rewritten as
 * `2026-03-31T09:00:00.500Z` without making a Date (a list page reads hundreds of these).
 */
export function isoFromUtcText(v: string): string | undefined {
  const m = utcText.exec(v);
  if (!m) return undefined;
  return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (isPostgresUrl(options.url)) return openPostgres(options.url, options);
  return openSqlite(options.sqliteFile ?? ':memory:');
}

/** The connection behind each SQLite Kysely instance, for the work that needs it directly. */
const sqliteConnections = new WeakMap<object, { connection: SQLite.Database; file: string; forget: () => void; reader: OffLoopReader | null }>();

function openSqlite(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('synchronous = FULL');
  connection.pragma('busy_timeout = 5000');
  const cached = withStatementCache(connection);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: cached }) });
  const reader = file === ':memory:' || file === '' ? null : new OffLoopReader(file);
  sqliteConnections.set(db, { connection, file, forget: cached.forget, reader });
  return {
    db,
    dialect: 'sqlite',
    async ping() {
      try {
        connection.prepare('select 1').get();
        return connection.open;
      } catch {
        return false;
      }
    },
    async close() {
      await reader?.close();
      await db.destroy();
    },
  };
}

/**
 * Runs a first load of many small writes (the demo council) with SQLite committing to its
 * write-ahead log without waiting for the disk each time. Each write is still a transaction, a
 * killed process loses nothing, and a power cut leaves the database consistent, losing at most
 * the last moments of the load. Ordinary work keeps full durability.
 */
export async function withBulkCommits<T>(db: object, work: () => Promise<T>): Promise<T> {
  const sqlite = sqliteConnections.get(db);
  if (!sqlite) return work();
  // NORMAL commits without waiting for the disk; checkpoints (each waits for it) are held off
  // until the end, so thousands of small transactions cost what a few large ones do.
  sqlite.connection.pragma('synchronous = NORMAL');
  sqlite.connection.pragma('wal_autocheckpoint = 0');
  try {
    return await work();
  } finally {
    sqlite.connection.pragma('synchronous = FULL');
    sqlite.connection.pragma('wal_autocheckpoint = 1000');
    sqlite.connection.pragma('wal_checkpoint(PASSIVE)');
  }
}

/**
 * Runs a read whose cost grows with the data without holding up other requests: on SQLite on a
 * worker thread's read-only connection (src/db/reader.ts), on PostgreSQL as any query (the server
 * does the work). An in-memory SQLite database (tests) has no second connection and reads in place.
 */
export async function readOffLoop<T>(
  db: { getExecutor(): { readonly adapter: DialectAdapter } },
  query: Compilable<T> & { execute(): Promise<T[]> },
): Promise<T[]> {
  const reader = dialectOf(db) === 'sqlite' ? sqliteConnections.get(db)?.reader : null;
  if (!reader) return query.execute();
  const compiled = query.compile();
  return reader.read<T>(compiled.sql, compiled.parameters);
}

/**
 * Kysely prepares a statement for every query; compiling the same SQL again and again is a large
 * share of a page's database time, so prepared statements are kept and reused by their SQL text.
 */
function withStatementCache(connection: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    /** Drops every kept statement, so the next use plans again (after new planner statistics). */
    forget: () => statements.clear(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (!statement) {
        statement = connection.prepare(sqlText);
        if (statements.size >= 1000) statements.delete(statements.keys().next().value!);
        statements.set(sqlText, statement);
      }
      return statement;
    },
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: sameShapeAsSqlite(),
    connectionTimeoutMillis: 5000,
    options: `-c TimeZone=UTC${options.searchPath ? ` -c search_path=${options.searchPath}` : ''}`,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it and ping() reports the outage.
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnreachableError(`Steward could not reach the PostgreSQL database at ${redact(url)}: ${(error as Error).message}`);
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return {
    db,
    dialect: 'postgres',
    schema: options.searchPath ?? current.rows[0]?.schema,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

/** Hides the password in a connection URL for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}

/** Which dialect a Kysely instance (or transaction) talks to; migrations use it to pick column types. */
export function dialectOf(db: { getExecutor(): { readonly adapter: DialectAdapter } }): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Refreshes the query planner's statistics, which it needs to choose an index lookup over a scan.
 * PostgreSQL: ANALYZE of this schema's tables (sampled by PostgreSQL, which does the work). SQLite:
 * the statistics of tables that moved by more than a tenth (or all, with `force`), worked out on a
 * worker thread (src/db/statistics.ts), so the event loop never waits for a full read of an index.
 * An in-memory database (tests) is small and analysed in place.
 */
export async function analyse(db: { getExecutor(): { readonly adapter: DialectAdapter } }, options: { force?: boolean } = {}): Promise<void> {
  const kysely = db as unknown as Kysely<unknown>;
  if (dialectOf(db) === 'postgres') {
    const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(kysely);
    if (!tables.rows.length) return;
    await sql`analyze ${sql.join(tables.rows.map((t) => sql.id(t.name)))}`.execute(kysely);
    return;
  }
  const sqlite = sqliteConnections.get(db);
  if (!sqlite || sqlite.file === ':memory:' || sqlite.file === '') {
    await sql`analyze`.execute(kysely);
    return;
  }
  const results = await computeStatistics(sqlite.connection, sqlite.file, options.force ?? false);
  writeStatistics(sqlite.connection, results);
  if (results.length) sqlite.forget();
}
