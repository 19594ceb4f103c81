import { sql } from 'kysely';
import { estateChanged } from '../impact/queries.js';
import type { Db, Tx } from '../../../platform/index.js';

export async function capabilitiesOf(db: Db | Tx, organisationId: number) {
  return db
    .selectFrom('capabilities as c')
    .leftJoin('system_capabilities as sc', 'sc.capability_id', 'c.id')
    .where('c.organisation_id', '=', organisationId)
    .groupBy(['c.id', 'c.name', 'c.description'])
    .select(['c.id', 'c.name', 'c.description', sql<number>`count(sc.system_id)`.as('systems')])
    .orderBy('c.name')
    .execute();
}

export async function findCapability(db: Db | Tx, organisationId: number, id: number) {
  return db
    .selectFrom('capabilities')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(['id', 'name', 'description'])
    .executeTakeFirst();
}

export async function capabilityIdsByName(db: Db | Tx, organisationId: number) {
  const rows = await db.selectFrom('capabilities').where('organisation_id', '=', organisationId).select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
}

export async function insertCapability(tx: Tx, row: { organisation_id: number; name: string; description: string; created_at: string }) {
  const r = await tx.insertInto('capabilities').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateCapability(tx: Tx, id: number, set: { name: string; description: string }) {
  await tx.updateTable('capabilities').set(set).where('id', '=', id).execute();
}

export async function systemsOfCapability(db: Db | Tx, capabilityId: number) {
  return db
    .selectFrom('system_capabilities as sc')
    .innerJoin('systems as s', 's.id', 'sc.system_id')
    .where('sc.capability_id', '=', capabilityId)
    .select(['s.id', 's.name', 's.identifier', 's.lifecycle', 's.annual_cost', 's.hosting', 's.kind'])
    .orderBy('s.name')
    .execute();
}

export async function capabilitiesOfSystem(db: Db | Tx, systemId: number) {
  return db
    .selectFrom('system_capabilities as sc')
    .innerJoin('capabilities as c', 'c.id', 'sc.capability_id')
    .where('sc.system_id', '=', systemId)
    .select(['c.id', 'c.name'])
    .orderBy('c.name')
    .execute();
}

export async function linkCapability(tx: Tx, row: { system_id: number; capability_id: number; organisation_id: number }) {
  await tx
    .insertInto('system_capabilities')
    .values(row)
    .onConflict((oc) => oc.columns(['system_id', 'capability_id']).doNothing())
    .execute();
}

export async function replaceSupports(tx: Tx, organisationId: number, systemId: number, serviceIds: number[], capabilityIds: number[]) {
  await estateChanged(tx, organisationId);
  await tx.deleteFrom('system_services').where('system_id', '=', systemId).execute();
  await tx.deleteFrom('system_capabilities').where('system_id', '=', systemId).execute();
  for (const id of serviceIds)
    await tx.insertInto('system_services').values({ system_id: systemId, service_id: id, organisation_id: organisationId }).execute();
  for (const id of capabilityIds)
    await tx.insertInto('system_capabilities').values({ system_id: systemId, capability_id: id, organisation_id: organisationId }).execute();
}

/** The service areas that use a system, replaced by the given ones (each already checked as the organisation's). */
export async function replaceServiceAreas(tx: Tx, organisationId: number, systemId: number, serviceAreaIds: number[]) {
  await tx.deleteFrom('system_service_areas').where('organisation_id', '=', organisationId).where('system_id', '=', systemId).execute();
  for (const id of serviceAreaIds)
    await tx.insertInto('system_service_areas').values({ system_id: systemId, service_area_id: id, organisation_id: organisationId }).execute();
}

/** Capabilities served by more than one application: the consolidation candidates. */
export async function sharedCapabilities(db: Db, organisationId: number) {
  return db
    .selectFrom('system_capabilities as sc')
    .innerJoin('capabilities as c', 'c.id', 'sc.capability_id')
    .innerJoin('systems as s', 's.id', 'sc.system_id')
    .where('sc.organisation_id', '=', organisationId)
    .where('s.kind', 'in', ['application', 'cloud-service', 'productivity-suite'])
    .groupBy(['c.id', 'c.name'])
    .having(sql`count(*)`, '>', 1)
    .select(['c.id', 'c.name', sql<number>`count(*)`.as('systems'), sql<number>`sum(coalesce(s.annual_cost, 0))`.as('cost')])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('c.name')
    .limit(100)
    .execute();
}
