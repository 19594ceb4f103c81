import { sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { containsPattern } from '../../db/like.js';
import { dict, insertMany, type Db, type Tx } from '../../platform/index.js';
import type { DataFlowsTable, RelationshipKind, SystemsTable } from './tables.js';
import { estateChanged } from './impact/queries.js';
import { hostIndex } from './hosts.js';

export interface SystemFilter {
  search?: string | undefined;
  kind?: string | undefined;
  layer?: string | undefined;
  area?: string | undefined;
  hosting?: string | undefined;
  lifecycle?: string | undefined;
  /** Only systems this service area uses. */
  serviceArea?: number | undefined;
}

export type SystemSort = 'name' | 'cost' | 'end-of-support';
export interface SystemCursor {
  k: string | number | null;
  id: number;
}

/** The register's filters, the same for the page, the API and the CSV export. */
function matching(eb: ExpressionBuilder<Schema & { s: Schema['systems'] }, 's'>, filter: SystemFilter) {
  const conditions: Expression<SqlBool>[] = [];
  for (const column of ['kind', 'layer', 'area', 'hosting', 'lifecycle'] as const) {
    if (filter[column]) conditions.push(eb(`s.${column}`, '=', filter[column] as never));
  }
  if (filter.serviceArea)
    conditions.push(eb('s.id', 'in', eb.selectFrom('system_service_areas as u').where('u.service_area_id', '=', filter.serviceArea).select('u.system_id')));
  if (filter.search) {
    const like = containsPattern(filter.search);
    conditions.push(
      eb.or([
        sql<boolean>`lower(s.name) like ${like} escape '\\'`,
        sql<boolean>`lower(s.identifier) like ${like} escape '\\'`,
        sql<boolean>`lower(coalesce(s.vendor, '')) like ${like} escape '\\'`,
      ]),
    );
  }
  return eb.and(conditions);
}

const listColumns = [
  's.id',
  's.identifier',
  's.name',
  's.kind',
  's.layer',
  's.area',
  's.hosting',
  's.lifecycle',
  's.end_of_support',
  's.end_of_support_precision',
  's.annual_cost',
  's.criticality',
  's.users',
  's.vendor',
] as const;

/** A page of the register by keyset; never counts every match. */
export async function listSystems(db: Db, organisationId: number, filter: SystemFilter, sort: SystemSort, after: SystemCursor | null, pageSize: number) {
  let q = db
    .selectFrom('systems as s')
    .where('s.organisation_id', '=', organisationId)
    .select(listColumns)
    .limit(pageSize + 1);
  q = q.where((eb) => matching(eb, filter));
  if (sort === 'name') {
    q = q.orderBy('s.name').orderBy('s.id');
    if (after) q = q.where((eb) => eb(eb.refTuple('s.name', 's.id'), '>', eb.tuple(String(after.k ?? ''), after.id)));
  } else if (sort === 'cost') {
    q = q.orderBy(sql`coalesce(s.annual_cost, -1)`, 'desc').orderBy('s.id');
    if (after) {
      const k = Number(after.k ?? -1);
      q = q.where((eb) =>
        eb.or([eb(sql`coalesce(s.annual_cost, -1)`, '<', k), eb.and([eb(sql`coalesce(s.annual_cost, -1)`, '=', k), eb('s.id', '>', after.id)])]),
      );
    }
  } else {
    q = q.orderBy(sql`coalesce(s.end_of_support, '9999-12-31')`).orderBy('s.id');
    if (after) {
      const k = String(after.k ?? '9999-12-31');
      q = q.where((eb) =>
        eb.or([
          eb(sql`coalesce(s.end_of_support, '9999-12-31')`, '>', k),
          eb.and([eb(sql`coalesce(s.end_of_support, '9999-12-31')`, '=', k), eb('s.id', '>', after.id)]),
        ]),
      );
    }
  }
  const rows = await q.execute();
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  const next: SystemCursor | null =
    rows.length > pageSize && last
      ? { k: sort === 'name' ? last.name : sort === 'cost' ? (last.annual_cost ?? -1) : (last.end_of_support ?? '9999-12-31'), id: last.id }
      : null;
  return { systems: page, next };
}

export async function findSystem(db: Db | Tx, organisationId: number, id: number) {
  return db
    .selectFrom('systems as s')
    .leftJoin('people as bo', 'bo.id', 's.business_owner_id')
    .leftJoin('people as to', 'to.id', 's.technical_owner_id')
    .leftJoin('people as sm', 'sm.id', 's.service_manager_id')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .where('s.organisation_id', '=', organisationId)
    .where('s.id', '=', id)
    .selectAll('s')
    .select([
      'bo.display_name as business_owner_name',
      'bo.email as business_owner_email',
      'to.display_name as technical_owner_name',
      'to.email as technical_owner_email',
      'sm.display_name as service_manager_name',
      'sm.email as service_manager_email',
      't.name as team_name',
    ])
    .executeTakeFirst();
}

export async function findSystemByIdentifier(db: Db | Tx, organisationId: number, identifier: string) {
  return db.selectFrom('systems').where('organisation_id', '=', organisationId).where('identifier', '=', identifier).select(['id', 'name']).executeTakeFirst();
}

export async function insertSystem(tx: Tx, row: Insertable<SystemsTable>) {
  await estateChanged(tx, row.organisation_id);
  const r = await tx.insertInto('systems').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Many systems in one statement per few hundred rows; every row must name the same columns. */
export async function insertSystems(tx: Tx, rows: Insertable<SystemsTable>[]) {
  for (const organisationId of new Set(rows.map((r) => r.organisation_id))) await estateChanged(tx, organisationId);
  const perStatement = Math.max(1, Math.floor(30_000 / Math.max(1, Object.keys(rows[0] ?? {}).length)));
  await insertMany(tx, 'systems', rows, { batch: Math.min(500, perStatement) });
}

/** Many relationships at once, skipping those already recorded; returns how many were new. */
export async function insertRelationships(
  tx: Tx,
  rows: { organisation_id: number; from_system_id: number; to_system_id: number; kind: RelationshipKind; created_at: string }[],
) {
  for (const organisationId of new Set(rows.map((r) => r.organisation_id))) await estateChanged(tx, organisationId);
  return insertMany(tx, 'system_relationships', rows, { batch: 500, ignoreConflictOn: ['from_system_id', 'to_system_id', 'kind'] });
}

export async function updateSystem(tx: Tx, organisationId: number, id: number, set: Updateable<SystemsTable>) {
  await estateChanged(tx, organisationId);
  await tx.updateTable('systems').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function insertRelationship(
  tx: Tx,
  row: { organisation_id: number; from_system_id: number; to_system_id: number; kind: RelationshipKind; created_at: string },
) {
  await estateChanged(tx, row.organisation_id);
  const r = await tx
    .insertInto('system_relationships')
    .values(row)
    .onConflict((oc) => oc.columns(['from_system_id', 'to_system_id', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r ? Number(r.id) : null;
}

export async function relationshipsOf(db: Db, organisationId: number, systemId: number) {
  const outgoing = await db
    .selectFrom('system_relationships as r')
    .innerJoin('systems as s', 's.id', 'r.to_system_id')
    .where('r.organisation_id', '=', organisationId)
    .where('r.from_system_id', '=', systemId)
    .select(['r.id', 'r.kind', 's.id as other_id', 's.name as other_name'])
    .orderBy('s.name')
    .execute();
  const incoming = await db
    .selectFrom('system_relationships as r')
    .innerJoin('systems as s', 's.id', 'r.from_system_id')
    .where('r.organisation_id', '=', organisationId)
    .where('r.to_system_id', '=', systemId)
    .select(['r.id', 'r.kind', 's.id as other_id', 's.name as other_name'])
    .orderBy('s.name')
    .execute();
  return { outgoing, incoming };
}

export async function insertDataFlow(tx: Tx, row: Insertable<DataFlowsTable>) {
  const r = await tx.insertInto('data_flows').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function dataFlowsOf(db: Db, organisationId: number, systemId: number) {
  return db
    .selectFrom('data_flows as f')
    .innerJoin('systems as a', 'a.id', 'f.from_system_id')
    .innerJoin('systems as b', 'b.id', 'f.to_system_id')
    .where('f.organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('f.from_system_id', '=', systemId), eb('f.to_system_id', '=', systemId)]))
    .select(['f.id', 'f.data', 'f.personal', 'f.method', 'f.frequency', 'a.id as from_id', 'a.name as from_name', 'b.id as to_id', 'b.name as to_name'])
    .execute();
}

export async function servicesOfSystems(db: Db, organisationId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('system_services as ss')
    .innerJoin('services as s', 's.id', 'ss.service_id')
    .where('ss.organisation_id', '=', organisationId)
    .where('ss.system_id', 'in', ids.slice(0, 5000))
    .select(['s.id', 's.name'])
    .distinct()
    .orderBy('s.name')
    .execute();
}

export async function linkService(tx: Tx, row: { system_id: number; service_id: number; organisation_id: number }) {
  await estateChanged(tx, row.organisation_id);
  await tx
    .insertInto('system_services')
    .values(row)
    .onConflict((oc) => oc.columns(['system_id', 'service_id']).doNothing())
    .execute();
}

/** The systems supporting a council service, for impact shown on tickets. */
export async function systemsOfService(db: Db, organisationId: number, serviceId: number) {
  return db.selectFrom('system_services').where('organisation_id', '=', organisationId).where('service_id', '=', serviceId).select('system_id').execute();
}

/** Versions past their end of support, with how many systems still run each: what to upgrade first. */
export async function unsupportedVersions(db: Db, organisationId: number, today: string) {
  return db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where('version', 'is not', null)
    .where('end_of_support', '<', today)
    .groupBy(['product', 'version'])
    .select(['product', 'version', sql<number>`count(*)`.as('systems'), sql<string>`min(end_of_support)`.as('ended')])
    .orderBy(sql`count(*)`, 'desc')
    .limit(50)
    .execute();
}

/** Systems past or near their end of support, soonest first. */
export async function endingSupport(db: Db, organisationId: number, before: string) {
  return db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where('end_of_support', 'is not', null)
    .where('end_of_support', '<=', before)
    .select(['id', 'name', 'product', 'version', 'end_of_support', 'end_of_support_precision', 'hosting', 'criticality'])
    .orderBy('end_of_support')
    .limit(500)
    .execute();
}

export async function countSystems(db: Db, organisationId: number) {
  const r = await db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** On-premises systems nobody has said have a recovery plan or not: a question to ask, not a gap found. */
export async function onPremisesRecoveryNotRecorded(db: Db, organisationId: number) {
  const r = await db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where('hosting', '=', 'on-premises')
    .where('recovery_plan', 'is', null)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function onPremisesWithoutRecovery(db: Db, organisationId: number) {
  return db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where('hosting', '=', 'on-premises')
    .where('recovery_plan', '=', 0)
    .select(['id', 'name', 'criticality'])
    .orderBy(sql`coalesce(criticality, 9)`)
    .orderBy('name')
    .limit(500)
    .execute();
}

export async function manualFlows(db: Db, organisationId: number) {
  return db
    .selectFrom('data_flows as f')
    .innerJoin('systems as a', 'a.id', 'f.from_system_id')
    .innerJoin('systems as b', 'b.id', 'f.to_system_id')
    .where('f.organisation_id', '=', organisationId)
    .where('f.method', '=', 'manual-rekeying')
    .select(['f.id', 'f.data', 'f.frequency', 'f.personal', 'a.id as from_id', 'a.name as from_name', 'b.id as to_id', 'b.name as to_name'])
    .orderBy('a.name')
    .execute();
}

/** Annual cost summed by one of the register's classifications. */
export async function costBy(db: Db, organisationId: number, column: 'area' | 'layer' | 'hosting' | 'vendor') {
  return db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .groupBy(column)
    .select([sql<string | null>`${sql.ref(column)}`.as('key'), sql<number>`coalesce(sum(annual_cost), 0)`.as('cost'), sql<number>`count(*)`.as('systems')])
    .orderBy('cost', 'desc')
    .limit(50)
    .execute();
}

/** Council services supported by more than one application: places to consolidate. */
export async function sharedServices(db: Db, organisationId: number) {
  return db
    .selectFrom('system_services as ss')
    .innerJoin('services as s', 's.id', 'ss.service_id')
    .innerJoin('systems as y', 'y.id', 'ss.system_id')
    .where('ss.organisation_id', '=', organisationId)
    .where('y.kind', '=', 'application')
    .groupBy(['s.id', 's.name'])
    .having(sql`count(*)`, '>', 1)
    .select(['s.id', 's.name', sql<number>`count(*)`.as('systems')])
    .orderBy('s.name')
    .execute();
}

export async function systemsForExport(db: Db, organisationId: number, filter: SystemFilter, after: number, limit: number) {
  let q = db.selectFrom('systems as s').where('s.organisation_id', '=', organisationId).where('s.id', '>', after).selectAll('s').orderBy('s.id').limit(limit);
  q = q.where((eb) => matching(eb, filter));
  return q.execute();
}

/** Systems by area, layer and hosting; only those a service area uses, when one is given. */
export async function areaLayerGrid(db: Db, organisationId: number, serviceAreaId?: number) {
  let q = db.selectFrom('systems').where('organisation_id', '=', organisationId);
  if (serviceAreaId !== undefined)
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('system_service_areas').where('organisation_id', '=', organisationId).where('service_area_id', '=', serviceAreaId).select('system_id'),
    );
  return q
    .groupBy(['area', 'layer', 'hosting'])
    .select(['area', 'layer', 'hosting', sql<number>`count(*)`.as('systems'), sql<number>`coalesce(sum(annual_cost), 0)`.as('cost')])
    .execute();
}

/** The systems within `hops` relationships of a system, either way, and the relationships among them. */
export async function neighbourhood(db: Db, organisationId: number, systemId: number, hops: number) {
  const seen = new Set<number>([systemId]);
  const hopOf = new Map<number, number>([[systemId, 0]]);
  let frontier = [systemId];
  const edges = new Map<number, { id: number; from_system_id: number; to_system_id: number; kind: RelationshipKind }>();
  for (let hop = 0; hop < hops && frontier.length; hop++) {
    const next: number[] = [];
    for (let i = 0; i < frontier.length; i += 500) {
      const slice = frontier.slice(i, i + 500);
      const rows = await db
        .selectFrom('system_relationships')
        .where('organisation_id', '=', organisationId)
        .where((eb) => eb.or([eb('from_system_id', 'in', slice), eb('to_system_id', 'in', slice)]))
        .select(['id', 'from_system_id', 'to_system_id', 'kind'])
        .limit(5000)
        .execute();
      for (const r of rows) {
        edges.set(r.id, r);
        for (const id of [r.from_system_id, r.to_system_id]) {
          if (seen.has(id)) continue;
          seen.add(id);
          hopOf.set(id, hop + 1);
          next.push(id);
        }
      }
    }
    frontier = next;
    if (seen.size > 2000) break;
  }
  const nodes = await db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', [...seen].slice(0, 2000))
    .select(['id', 'name', 'kind', 'criticality', 'layer'])
    .execute();
  const ids = new Set(nodes.map((n) => n.id));
  const nodeIds = [...ids];
  // Data flows among the same systems, drawn beside the relationships.
  const flows = nodeIds.length
    ? await db
        .selectFrom('data_flows')
        .where('organisation_id', '=', organisationId)
        .where((eb) => eb.or([eb('from_system_id', '=', systemId), eb('to_system_id', '=', systemId)]))
        .select(['id', 'from_system_id', 'to_system_id', 'data', 'method', 'personal'])
        .limit(500)
        .execute()
    : [];
  return {
    nodes: nodes.map((n) => ({ ...n, hop: hopOf.get(n.id) ?? hops })),
    edges: [...edges.values()].filter((e) => ids.has(e.from_system_id) && ids.has(e.to_system_id)),
    flows: flows.filter((f) => ids.has(f.from_system_id) && ids.has(f.to_system_id)),
  };
}

/** Every system by identifier and by name (lower case), for imports that name systems either way. */
export async function systemIdsByIdentifierOrName(db: Db | Tx, organisationId: number) {
  const rows = await db.selectFrom('systems').where('organisation_id', '=', organisationId).select(['id', 'identifier', 'name']).execute();
  const map = new Map<string, number>();
  for (const r of rows) {
    map.set(r.identifier.toLowerCase(), r.id);
    if (!map.has(r.name.toLowerCase())) map.set(r.name.toLowerCase(), r.id);
  }
  return map;
}

/** Every system with hosts recorded, and its hosts. */
export async function systemsWithHosts(db: Db | Tx, organisationId: number) {
  const rows = await db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where('hosts', '<>', '')
    .select(['id', 'name', 'hosts', 'criticality', 'kind'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), hosts: r.hosts.split('\n').filter(Boolean) }));
}

/** Which system a scanner's host is, from the hosts recorded on systems. */
export async function systemOfHost(db: Db | Tx, organisationId: number) {
  const rows = await db.selectFrom('systems').where('organisation_id', '=', organisationId).where('hosts', '<>', '').select(['id', 'hosts']).execute();
  return hostIndex(rows.map((r) => ({ id: Number(r.id), hosts: r.hosts })));
}

/** Every system's importable columns, to write only what an import changes. */
export async function systemsToCompare(db: Db | Tx, organisationId: number) {
  const rows = await db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .select([
      'id',
      'identifier',
      'name',
      'kind',
      'layer',
      'area',
      'hosting',
      'vendor',
      'product',
      'version',
      'end_of_support',
      'end_of_support_precision',
      'lifecycle',
      'criticality',
      'users',
      'annual_cost',
      'team_id',
      'business_owner_id',
      'technical_owner_id',
      'business_owner_text',
      'technical_owner_text',
    ])
    .execute();
  return new Map(rows.map((r) => [r.id, dict<unknown>(r)]));
}

/** Links systems to the service areas that use them, skipping links already there. */
export async function linkServiceAreas(tx: Tx, rows: { system_id: number; service_area_id: number; organisation_id: number }[]) {
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('system_service_areas')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['system_id', 'service_area_id']).doNothing())
      .execute();
}

export async function serviceAreasOfSystem(db: Db | Tx, organisationId: number, systemId: number) {
  return db
    .selectFrom('system_service_areas as l')
    .innerJoin('service_areas as a', 'a.id', 'l.service_area_id')
    .where('l.organisation_id', '=', organisationId)
    .where('l.system_id', '=', systemId)
    .select(['a.id', 'a.name'])
    .orderBy('a.name')
    .execute();
}

/** Annual cost by the service areas that use each system; a system used by several counts in each. */
export async function costByServiceArea(db: Db, organisationId: number) {
  return db
    .selectFrom('system_service_areas as l')
    .innerJoin('service_areas as a', 'a.id', 'l.service_area_id')
    .innerJoin('systems as s', 's.id', 'l.system_id')
    .where('l.organisation_id', '=', organisationId)
    .groupBy(['a.id', 'a.name'])
    .select(['a.name as key', sql<number>`coalesce(sum(s.annual_cost), 0)`.as('cost'), sql<number>`count(*)`.as('systems')])
    .orderBy(sql`coalesce(sum(s.annual_cost), 0)`, 'desc')
    .limit(100)
    .execute();
}

/** Systems whose identifier or name is these words, ignoring case: what a person typed to name one. */
export const systemsCalled = (db: Db, organisationId: number, words: string) =>
  db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb(eb.fn('lower', ['identifier']), '=', words.toLowerCase()), eb(eb.fn('lower', ['name']), '=', words.toLowerCase())]))
    .select(['id', 'name', 'identifier'])
    .orderBy('id')
    .execute();

/** The systems of those ids still in the register, with their names and tiers as they are now. */
export const systemNamesByIds = (db: Db, organisationId: number, ids: number[]) =>
  ids.length
    ? db.selectFrom('systems').where('organisation_id', '=', organisationId).where('id', 'in', ids).select(['id', 'name', 'criticality']).execute()
    : Promise.resolve([]);

/** Systems a resolver team looks after, with their criticality: what a team of the department is responsible for. */
export const systemsLookedAfter = (db: Db, organisationId: number) =>
  db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .where('team_id', 'is not', null)
    .select(['id', 'name', 'team_id', 'criticality'])
    .orderBy('name')
    .limit(20_000)
    .execute();

/** How many systems the register holds and how many are past their end of support. */
export async function supportCounts(db: Db, organisationId: number, today: string) {
  const r = await db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>(eb.case().when('end_of_support', '<', today).then(1).else(0).end()).as('past')])
    .executeTakeFirst();
  return { systems: Number(r?.n ?? 0), past: Number(r?.past ?? 0) };
}

/** The desk's services that a tier-1 system supports: what "tier-1 services" means for availability. */
export async function tierOneServiceIds(db: Db, organisationId: number) {
  const rows = await db
    .selectFrom('system_services as l')
    .innerJoin('systems as s', 's.id', 'l.system_id')
    .where('s.organisation_id', '=', organisationId)
    .where('s.criticality', '=', 1)
    .select('l.service_id')
    .distinct()
    .limit(5000)
    .execute();
  return rows.map((r) => Number(r.service_id));
}

/** Systems to choose from in another module's form: the most critical first, a bounded list. */
export const systemChoices = (db: Db, organisationId: number, limit = 300) =>
  db
    .selectFrom('systems')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'name', 'criticality'])
    .orderBy((eb) => eb.fn.coalesce('criticality', eb.lit(9)))
    .orderBy('name')
    .limit(limit)
    .execute();
