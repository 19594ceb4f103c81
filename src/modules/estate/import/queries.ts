import { dict, type Db, type Dict, type Tx } from '../../../platform/index.js';

export async function insertImport(
  tx: Tx,
  row: {
    organisation_id: number;
    person_id: number;
    kind: 'systems' | 'relationships' | 'suppliers' | 'contracts';
    filename: string;
    headers_json: string;
    rows_json: string;
    mapping_json: string;
    values_json: string;
    created_at: string;
  },
) {
  const r = await tx
    .insertInto('imports')
    .values({ ...row, status: 'uploaded', result_json: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function findImport(db: Db | Tx, organisationId: number, id: number) {
  return db.selectFrom('imports').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();
}

export async function setImport(
  tx: Tx,
  id: number,
  set: { status?: 'uploaded' | 'done' | 'cancelled'; mapping_json?: string; values_json?: string; result_json?: string },
) {
  await tx.updateTable('imports').set(set).where('id', '=', id).execute();
}

/** What the organisation chose last time: headings per kind of import, and the meaning of free-text words per field. */
export interface Remembered {
  headings: Dict<Dict<string>>;
  values: Dict<Dict<string>>;
}

export async function remembered(db: Db | Tx, organisationId: number): Promise<Remembered> {
  const r = await db.selectFrom('import_mappings').where('organisation_id', '=', organisationId).select('mapping_json').executeTakeFirst();
  const stored = r ? (JSON.parse(r.mapping_json) as Partial<Remembered> & Record<string, unknown>) : {};
  // Before imports had kinds, the stored value was the systems headings alone.
  const nested = (o: Record<string, Record<string, string>>) => dict(Object.entries(o).map(([k, v]) => [k, dict(v)] as const));
  if (!stored.headings) return { headings: dict([['systems', dict(stored as Record<string, string>)]]), values: dict() };
  return { headings: nested(stored.headings), values: nested(stored.values ?? {}) };
}

export async function remember(tx: Tx, organisationId: number, mapping: Remembered) {
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

/** Marks an uploaded import as taken inside the applying transaction; false if someone else took it first. */
export async function claimImport(tx: Tx, id: number) {
  const r = await tx.updateTable('imports').set({ status: 'done' }).where('id', '=', id).where('status', '=', 'uploaded').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
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
      'lifecycle',
      'criticality',
      'users',
      'annual_cost',
      'team_id',
    ])
    .execute();
  return new Map(rows.map((r) => [r.id, dict<unknown>(r)]));
}
