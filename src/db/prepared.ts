import type { CompiledQuery, Compilable, Kysely, QueryResult } from 'kysely';
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
