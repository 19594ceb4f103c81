import type { Db, Tx } from '../audit/audit.js';
import { dict, type Dict } from '../dict.js';
import type { ReadRow } from './contract.js';

export async function insertImport(
  tx: Tx,
  row: {
    organisation_id: number;
    person_id: number;
    kind: string;
    filename: string;
    headers_json: string;
    heading_row: number;
    rows_json: string;
    mapping_json: string;
    values_json: string;
    created_at: string;
  },
) {
  const r = await tx
    .insertInto('imports')
    .values({ ...row, status: 'uploaded', result_json: null, checked_json: null })
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
  set: { status?: 'uploaded' | 'done' | 'cancelled'; mapping_json?: string; values_json?: string; result_json?: string; checked_json?: string },
) {
  await tx.updateTable('imports').set(set).where('id', '=', id).execute();
}

/** The rows as read and checked replace any kept from before, a few hundred to a statement. */
export async function keepRows(tx: Tx, importId: number, organisationId: number, rows: ReadRow[]) {
  await tx.deleteFrom('import_rows').where('import_id', '=', importId).execute();
  for (let i = 0; i < rows.length; i += 400) {
    await tx
      .insertInto('import_rows')
      .values(
        rows.slice(i, i + 400).map((r) => ({
          import_id: importId,
          organisation_id: organisationId,
          line: r.line,
          good: r.values ? 1 : 0,
          values_json: r.values ? JSON.stringify(r.values) : null,
          shown_json: JSON.stringify(r.shown),
          notes_json: JSON.stringify(r.notes),
          errors_json: JSON.stringify(r.errors),
        })),
      )
      .execute();
  }
}

const asRow = (r: { line: number; values_json: string | null; shown_json: string; notes_json: string; errors_json: string }): ReadRow => ({
  line: Number(r.line),
  values: r.values_json ? dict(JSON.parse(r.values_json) as Record<string, unknown>) : null,
  shown: dict(JSON.parse(r.shown_json) as Record<string, string>),
  notes: JSON.parse(r.notes_json) as string[],
  errors: JSON.parse(r.errors_json) as ReadRow['errors'],
});

/** Kept rows that can, or cannot, be imported, in the file's order, from a line on. */
export async function keptRows(db: Db | Tx, importId: number, good: boolean, options: { limit: number; afterLine?: number }) {
  const rows = await db
    .selectFrom('import_rows')
    .where('import_id', '=', importId)
    .where('good', '=', good ? 1 : 0)
    .where('line', '>', options.afterLine ?? 0)
    .select(['line', 'values_json', 'shown_json', 'notes_json', 'errors_json'])
    .orderBy('line')
    .limit(options.limit)
    .execute();
  return rows.map(asRow);
}

/** What the organisation chose last time: headings per kind of import, and the meaning of free-text words per field. */
export interface Remembered {
  headings: Dict<Dict<string>>;
  values: Dict<Dict<string>>;
}

export async function remembered(db: Db | Tx, organisationId: number): Promise<Remembered> {
  const r = await db.selectFrom('import_mappings').where('organisation_id', '=', organisationId).select('mapping_json').executeTakeFirst();
  const stored = r ? (JSON.parse(r.mapping_json) as Partial<Remembered> & Record<string, unknown>) : {};
  const nested = (o: Record<string, Record<string, string>>) => dict(Object.entries(o).map(([k, v]) => [k, dict(v)] as const));
  // Before imports had kinds, the stored value was the systems headings alone.
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

/** Marks an uploaded import as taken inside the applying transaction; false if someone else took it first. */
export async function claimImport(tx: Tx, id: number) {
  const r = await tx.updateTable('imports').set({ status: 'done' }).where('id', '=', id).where('status', '=', 'uploaded').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Once written, the good rows live in the register; the rows left out are kept for their download. */
export async function dropWrittenRows(tx: Tx, importId: number) {
  await tx.deleteFrom('import_rows').where('import_id', '=', importId).where('good', '=', 1).execute();
}
