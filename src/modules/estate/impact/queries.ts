import type { Db, Tx } from '../../../platform/index.js';
import type { RelationshipKind } from '../tables.js';

const changedIn = new WeakMap<Tx, Set<number>>();

/**
 * Records that what impact analysis reads has changed. Every query that writes systems, their
 * relationships or what they support calls it in its own transaction, so an instance holding the
 * graph in memory sees the new version on its next read and loads the graph again.
 */
export async function estateChanged(tx: Tx, organisationId: number) {
  // Once per transaction is enough: its changes are seen together or not at all.
  const done = changedIn.get(tx) ?? new Set<number>();
  if (done.has(organisationId)) return;
  done.add(organisationId);
  changedIn.set(tx, done);
  await tx
    .insertInto('estate_versions')
    .values({ organisation_id: organisationId, version: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet((eb) => ({ version: eb('estate_versions.version', '+', 1) })))
    .execute();
}

export async function estateVersion(db: Db, organisationId: number): Promise<number> {
  const r = await db.selectFrom('estate_versions').where('organisation_id', '=', organisationId).select('version').executeTakeFirst();
  return r ? Number(r.version) : 0;
}

export interface GraphRows {
  systems: { id: number; identifier: string; name: string; criticality: number | null; users: number | null }[];
  relationships: { from_system_id: number; to_system_id: number; kind: RelationshipKind }[];
  supports: { system_id: number; service_id: number }[];
}

/** Everything impact analysis walks, for one organisation, in three statements. */
export async function graphRows(db: Db, organisationId: number): Promise<GraphRows> {
  const [systems, relationships, supports] = await Promise.all([
    db.selectFrom('systems').where('organisation_id', '=', organisationId).select(['id', 'identifier', 'name', 'criticality', 'users']).execute(),
    db.selectFrom('system_relationships').where('organisation_id', '=', organisationId).select(['from_system_id', 'to_system_id', 'kind']).execute(),
    db.selectFrom('system_services').where('organisation_id', '=', organisationId).select(['system_id', 'service_id']).execute(),
  ]);
  return { systems, relationships, supports };
}

export async function serviceNames(db: Db, organisationId: number, ids: number[]) {
  if (!ids.length) return new Map<number, string>();
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('services')
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', ids.slice(i, i + 500))
      .select(['id', 'name'])
      .execute();
    for (const r of rows) out.set(Number(r.id), r.name);
  }
  return out;
}
