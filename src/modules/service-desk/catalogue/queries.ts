import type { Db, Tx } from '../../../platform/index.js';

export async function servicesOf(db: Db | Tx, organisationId: number, options: { visibleOnly?: boolean } = {}) {
  let q = db
    .selectFrom('services as s')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .leftJoin('people as o', 'o.id', 's.owner_id')
    .where('s.organisation_id', '=', organisationId)
    .select([
      's.id',
      's.name',
      's.description',
      's.hours',
      's.visible_to_staff',
      's.team_id',
      's.sla_policy_id',
      's.service_area_id',
      's.owner_id',
      't.name as team_name',
      'o.display_name as owner_name',
    ])
    .orderBy('s.name');
  if (options.visibleOnly) q = q.where('s.visible_to_staff', '=', 1);
  return q.execute();
}

export async function findService(db: Db | Tx, organisationId: number, id: number) {
  return db.selectFrom('services').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();
}

export async function insertService(
  tx: Tx,
  row: {
    organisation_id: number;
    name: string;
    description: string;
    owner_id: number | null;
    team_id: number | null;
    hours: string;
    sla_policy_id: number | null;
    service_area_id: number | null;
    visible_to_staff: number;
    now: string;
  },
) {
  const { now, ...rest } = row;
  const r = await tx
    .insertInto('services')
    .values({ ...rest, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function requestTypesOf(db: Db | Tx, organisationId: number, serviceId?: number) {
  let q = db.selectFrom('request_types').where('organisation_id', '=', organisationId).where('active', '=', 1).selectAll().orderBy('name');
  if (serviceId) q = q.where('service_id', '=', serviceId);
  return q.execute();
}

export async function findRequestType(db: Db | Tx, organisationId: number, id: number) {
  return db.selectFrom('request_types').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();
}

export async function insertRequestType(
  tx: Tx,
  row: { organisation_id: number; service_id: number; name: string; description: string; fields_json: string; now: string },
) {
  const { now, ...rest } = row;
  const r = await tx
    .insertInto('request_types')
    .values({ ...rest, active: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function categoriesOf(db: Db | Tx, organisationId: number) {
  return db.selectFrom('incident_categories').where('organisation_id', '=', organisationId).select(['id', 'name']).orderBy('name').execute();
}

export async function findCategory(db: Db | Tx, organisationId: number, id: number) {
  return db.selectFrom('incident_categories').where('organisation_id', '=', organisationId).where('id', '=', id).select(['id', 'name']).executeTakeFirst();
}

export async function insertCategory(tx: Tx, organisationId: number, name: string) {
  const r = await tx.insertInto('incident_categories').values({ organisation_id: organisationId, name }).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateRequestTypeFields(tx: Tx, id: number, fieldsJson: string, now: string) {
  await tx.updateTable('request_types').set({ fields_json: fieldsJson, updated_at: now }).where('id', '=', id).execute();
}

export async function updateService(
  tx: Tx,
  id: number,
  set: {
    name: string;
    description: string;
    hours: string;
    team_id: number | null;
    sla_policy_id: number | null;
    service_area_id: number | null;
    visible_to_staff: number;
    updated_at: string;
  },
) {
  await tx.updateTable('services').set(set).where('id', '=', id).execute();
}

export async function emailOfPerson(db: Db | Tx, personId: number) {
  return (await db.selectFrom('people').where('id', '=', personId).select('email').executeTakeFirst())?.email ?? '';
}

export async function policyExists(db: Db | Tx, organisationId: number, id: number) {
  return !!(await db.selectFrom('sla_policies').where('organisation_id', '=', organisationId).where('id', '=', id).select('id').executeTakeFirst());
}

/** The services used by a service area, or by any service area of a directorate. */
export async function serviceIdsInArea(db: Db | Tx, organisationId: number, areaId: number) {
  const rows = await db
    .selectFrom('services as s')
    .innerJoin('service_areas as a', 'a.id', 's.service_area_id')
    .where('s.organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('a.id', '=', areaId), eb('a.directorate_id', '=', areaId)]))
    .select('s.id')
    .limit(2000)
    .execute();
  return rows.map((r) => Number(r.id));
}
