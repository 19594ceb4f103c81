import { sql } from 'kysely';
import type { Db } from '../audit/audit.js';

// The lookups behind reference kinds that are rows of one table with an organisation_id.
// Table and column names come from the code that declares the kind, never from a request.

export async function keysInOrganisation<K extends number | string>(db: Db, table: string, column: string, organisationId: number, keys: K[]): Promise<Set<K>> {
  const wanted = keys.slice(0, 1000);
  if (!wanted.length) return new Set();
  const r = await sql<{
    key: K;
  }>`select ${sql.ref(column)} as key from ${sql.table(table)} where organisation_id = ${organisationId} and ${sql.ref(column)} in (${sql.join(wanted)})`.execute(
    db,
  );
  return new Set(r.rows.map((row) => (typeof wanted[0] === 'number' ? (Number(row.key) as K) : row.key)));
}

export async function anyKeyInOrganisation<K extends number | string>(db: Db, table: string, column: string, organisationId: number): Promise<K | null> {
  const r = await sql<{
    key: K;
  }>`select ${sql.ref(column)} as key from ${sql.table(table)} where organisation_id = ${organisationId} order by id desc limit 1`.execute(db);
  const key = r.rows[0]?.key;
  if (key === undefined || key === null) return null;
  return (typeof key === 'string' ? key : Number(key)) as K;
}
