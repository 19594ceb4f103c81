import type { Db, Tx } from '../audit/audit.js';

export async function serviceAreasOf(db: Db | Tx, organisationId: number) {
  return db
    .selectFrom('service_areas as a')
    .leftJoin('service_areas as d', 'd.id', 'a.directorate_id')
    .where('a.organisation_id', '=', organisationId)
    .select(['a.id', 'a.name', 'a.kind', 'a.directorate_id', 'd.name as directorate_name'])
    .orderBy('a.name')
    .limit(2000)
    .execute();
}

export async function findServiceArea(db: Db | Tx, organisationId: number, id: number) {
  return db.selectFrom('service_areas').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();
}

export async function insertServiceArea(
  tx: Tx,
  row: { organisation_id: number; name: string; kind: 'directorate' | 'service-area'; directorate_id: number | null; created_at: string },
) {
  const r = await tx.insertInto('service_areas').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateServiceArea(tx: Tx, organisationId: number, id: number, set: { name?: string; directorate_id?: number | null }) {
  await tx.updateTable('service_areas').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}
