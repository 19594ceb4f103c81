import type { Db, Tx } from '../../../platform/index.js';

export async function insertImport(tx: Tx, row: { organisation_id: number; person_id: number; filename: string; headers_json: string; rows_json: string; mapping_json: string; created_at: string }) {
  const r = await tx.insertInto('imports').values({ ...row, status: 'uploaded', result_json: null }).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function findImport(db: Db | Tx, organisationId: number, id: number) {
  return db.selectFrom('imports').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();
}

export async function setImport(tx: Tx, id: number, set: { status?: 'uploaded' | 'done' | 'cancelled'; mapping_json?: string; result_json?: string }) {
  await tx.updateTable('imports').set(set).where('id', '=', id).execute();
}

export async function rememberedMapping(db: Db | Tx, organisationId: number): Promise<Record<string, string>> {
  const r = await db.selectFrom('import_mappings').where('organisation_id', '=', organisationId).select('mapping_json').executeTakeFirst();
  return r ? (JSON.parse(r.mapping_json) as Record<string, string>) : {};
}

export async function rememberMapping(tx: Tx, organisationId: number, mapping: Record<string, string>) {
  await tx
    .insertInto('import_mappings')
    .values({ organisation_id: organisationId, mapping_json: JSON.stringify(mapping) })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ mapping_json: JSON.stringify(mapping) }))
    .execute();
}

export async function systemIdsByIdentifierOrName(db: Db | Tx, organisationId: number) {
  const rows = await db.selectFrom('systems').where('organisation_id', '=', organisationId).select(['id', 'identifier', 'name']).execute();
  const map = new Map<string, number>();
  for (const r of rows) {
    map.set(r.identifier.toLowerCase(), r.id);
    if (!map.has(r.name.toLowerCase())) map.set(r.name.toLowerCase(), r.id);
  }
  return map;
}
