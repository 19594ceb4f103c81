import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/index.js';

export const functionsOf = (db: Db, organisationId: number) =>
  db
    .selectFrom('essential_functions as f')
    .where('f.organisation_id', '=', organisationId)
    .select((eb) => [
      'f.id',
      'f.name',
      'f.description',
      'f.owner',
      eb
        .selectFrom('essential_function_systems as s')
        .whereRef('s.essential_function_id', '=', 'f.id')
        .select(sql<number>`count(*)`.as('n'))
        .as('systems'),
    ])
    .orderBy('f.name')
    .execute();

export const functionById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('essential_functions').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export const functionNamed = (db: Db | Tx, organisationId: number, name: string) =>
  db
    .selectFrom('essential_functions')
    .where('organisation_id', '=', organisationId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .select('id')
    .executeTakeFirst();

export async function insertFunction(
  tx: Tx,
  row: { organisation_id: number; name: string; description: string; owner: string; created_at: string; updated_at: string },
) {
  return Number((await tx.insertInto('essential_functions').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export const systemsOfFunction = (db: Db | Tx, functionId: number) =>
  db.selectFrom('essential_function_systems').where('essential_function_id', '=', functionId).select('system_id').execute();

export const systemsOfFunctions = (db: Db, organisationId: number) =>
  db.selectFrom('essential_function_systems').where('organisation_id', '=', organisationId).select(['essential_function_id', 'system_id']).execute();

export async function setFunctionSystems(tx: Tx, organisationId: number, functionId: number, systemIds: number[]) {
  await tx.deleteFrom('essential_function_systems').where('essential_function_id', '=', functionId).execute();
  if (systemIds.length)
    await tx
      .insertInto('essential_function_systems')
      .values(systemIds.map((system_id) => ({ essential_function_id: functionId, system_id, organisation_id: organisationId })))
      .execute();
}

export const cyberEssentialsScope = (db: Db | Tx, organisationId: number) =>
  db.selectFrom('cyber_essentials_scope').where('organisation_id', '=', organisationId).select('system_id').execute();

export async function setCyberEssentialsScope(tx: Tx, organisationId: number, systemIds: number[]) {
  await tx.deleteFrom('cyber_essentials_scope').where('organisation_id', '=', organisationId).execute();
  if (systemIds.length)
    await tx
      .insertInto('cyber_essentials_scope')
      .values(systemIds.map((system_id) => ({ organisation_id: organisationId, system_id })))
      .execute();
}

/** Per system, the open critical and high findings first seen more than `days` ago: what Cyber Essentials' 14-day rule counts. */
export function serious(db: Db, organisationId: number, systemIds: number[], seenBefore: string) {
  if (!systemIds.length) return Promise.resolve([]);
  return db
    .selectFrom('vulnerability_findings')
    .where('organisation_id', '=', organisationId)
    .where('system_id', 'in', systemIds)
    .where('severity', 'in', ['critical', 'high'])
    .where('status', '=', 'open')
    .where('first_seen', '<', seenBefore)
    .groupBy('system_id')
    .select((eb) => ['system_id', eb.fn.countAll<number>().as('late')])
    .execute();
}
