import type { CompiledQuery, Compilable, Insertable, Kysely, QueryResult } from 'kysely';
import type { Schema } from './schema.js';
import { own } from '../platform/dict.js';

/** Where a value goes in a prepared statement; replaced by the caller's value each time it runs. */
class Slot {
  constructor(readonly name: string) {}
}

type Runner = Pick<Kysely<Schema>, 'executeQuery' | 'getExecutor'>;

/**
 * A statement written with the query builder as usual, but built and compiled once per dialect and
 * then run with new values each time. For the few statements on every request's path (who is
 * signing in, the audit record, a ticket's own rows), where building a join costs more than
 * running it. The shape must not depend on the values: anything that changes the SQL (an optional
 * condition, a list's length) belongs in an ordinary query.
 *
 *   const sessionById = prepared((db, p: Slots<{ id: string }>) => db.selectFrom('sessions').where('id', '=', p('id')).selectAll());
 *   const [row] = await sessionById(db, { id });
 */
export function prepared<P extends Record<string, unknown>, O>(build: (db: Kysely<Schema>, slot: Slots<P>) => Compilable<O>) {
  const compiled = new Map<string, CompiledQuery<O>>();
  return async (db: Runner, values: P): Promise<O[]> => {
    const dialect = db.getExecutor().adapter.constructor.name;
    let query = compiled.get(dialect);
    if (!query) {
      query = build(db as Kysely<Schema>, ((name: string) => new Slot(name)) as Slots<P>).compile();
      for (const p of query.parameters) if (p instanceof Slot && !Object.hasOwn(values, p.name)) throw new Error(`No value for ${p.name}`);
      compiled.set(dialect, query);
    }
    const parameters = query.parameters.map((p) => (p instanceof Slot ? own(values, p.name) : p));
    const result: QueryResult<O> = await db.executeQuery({ ...query, parameters });
    return result.rows;
  };
}

/** Names the value that goes in a slot; typed as that value, so the builder checks it as usual. */
export type Slots<P> = <K extends keyof P & string>(name: K) => P[K];

/** Each of these columns filled from the slot of the same name: an insert's values, written once. */
export function slotsFor<P, K extends keyof P & string>(slot: Slots<P>, columns: readonly K[]): Pick<P, K> {
  return Object.fromEntries(columns.map((c) => [c, slot(c)])) as Pick<P, K>;
}

type Tables = keyof Schema & string;
const insertStatements = new Map<string, { query: CompiledQuery<unknown>; positions: [number, string][] }>();

/**
 * Many rows into one table, in statements of `batch` rows compiled once per shape and dialect:
 * building a 400-row insert with the query builder costs more than SQLite takes to run it. Rows
 * of one batch that do not all fill the same columns go through the builder, which fills the
 * missing ones with their defaults. Values are the table's own (already JSON-encoded where a
 * column holds JSON). Answers how many rows went in (a conflict ignored is not counted).
 */
export async function insertMany<T extends Tables>(
  db: Runner,
  table: T,
  rows: readonly Insertable<Schema[T]>[],
  options: { batch?: number; ignoreConflictOn?: readonly string[] } = {},
) {
  const dialect = db.getExecutor().adapter.constructor.name;
  let written = 0;
  const columnsOf = (r: object) => Object.keys(r).filter((k) => own(r as Record<string, unknown>, k) !== undefined);
  for (let i = 0; i < rows.length; i += options.batch ?? 400) {
    const chunk = rows.slice(i, i + (options.batch ?? 400));
    const columns = columnsOf(chunk[0]!);
    const shape = columns.join(',');
    const builder = db as unknown as Kysely<Schema>;
    const statement = (values: unknown) => {
      const insert = builder.insertInto(table).values(values as never);
      return options.ignoreConflictOn ? insert.onConflict((oc) => oc.columns(options.ignoreConflictOn as never).doNothing()) : insert;
    };
    if (!chunk.every((r) => columnsOf(r).join(',') === shape)) {
      for (const r of await statement(chunk).execute()) written += Number(r.numInsertedOrUpdatedRows ?? 0);
      continue;
    }
    const key = `${dialect}:${table}:${shape}:${chunk.length}:${options.ignoreConflictOn?.join(',') ?? ''}`;
    let compiled = insertStatements.get(key);
    if (!compiled) {
      const slots = chunk.map((_, n) => Object.fromEntries(columns.map((c) => [c, new Slot(`${n}\u0000${c}`)])));
      const query = statement(slots).compile();
      const positions = query.parameters.map((p): [number, string] => {
        if (!(p instanceof Slot)) throw new Error(`insertMany: a fixed value in the insert into ${table}`);
        const [n, c] = p.name.split('\u0000');
        return [Number(n), c!];
      });
      compiled = { query, positions };
      if (insertStatements.size < 2000) insertStatements.set(key, compiled);
    }
    const parameters = compiled.positions.map(([n, c]) => own(chunk[n] as Record<string, unknown>, c) ?? null);
    written += Number((await db.executeQuery({ ...compiled.query, parameters })).numAffectedRows ?? 0);
  }
  return written;
}
