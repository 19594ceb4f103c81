import type { Insertable } from 'kysely';
import type { Db, Tx } from '../audit/audit.js';
import type { DataQualityNotesTable } from '../tables.js';
import { dict, type Dict } from '../dict.js';
import { insertMany } from '../../db/prepared.js';
import type { ReadRow } from './contract.js';
import type { DatePrecision } from './values.js';

export async function insertImport(
  tx: Tx,
  row: {
    organisation_id: number;
    person_id: number;
    kind: string;
    filename: string;
    headers_json: string;
    heading_row: number;
    mapping_json: string;
    values_json: string;
    checked_json: string;
    created_at: string;
    strict: number;
  },
  rowsJson: string,
) {
  const r = await tx
    .insertInto('imports')
    .values({ ...row, status: 'uploaded', result_json: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('import_files').values({ import_id: r.id, organisation_id: row.organisation_id, rows_json: rowsJson }).execute();
  return Number(r.id);
}

/** The cells of the file, row by row, as read at upload. */
export async function importFileRows(db: Db | Tx, importId: number): Promise<string[][]> {
  const r = await db.selectFrom('import_files').where('import_id', '=', importId).select('rows_json').executeTakeFirst();
  return r ? (JSON.parse(r.rows_json) as string[][]) : [];
}

export async function findImport(db: Db | Tx, organisationId: number, id: number) {
  return db.selectFrom('imports').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();
}

export async function setImport(
  tx: Tx,
  id: number,
  set: {
    status?: 'uploaded' | 'done' | 'cancelled';
    mapping_json?: string;
    values_json?: string;
    result_json?: string;
    checked_json?: string;
    defaults_json?: string;
    matches_json?: string;
  },
) {
  await tx.updateTable('imports').set(set).where('id', '=', id).execute();
}

/** The rows as read and checked replace any kept from before, a few hundred to a statement. */
/** How many good rows the preview shows: only these keep how they are shown and their notes. */
export const previewedGoodRows = 100;

export async function keepRows(tx: Tx, importId: number, organisationId: number, rows: ReadRow[]) {
  await tx.deleteFrom('import_rows').where('import_id', '=', importId).execute();
  let good = 0;
  await insertMany(
    tx,
    'import_rows',
    rows.map((r) => {
      // Past the preview a good row needs only its values: half the bytes of a 200,000-row import.
      const shown = !r.values || good++ < previewedGoodRows;
      return {
        import_id: importId,
        organisation_id: organisationId,
        line: r.line,
        good: r.values ? 1 : 0,
        values_json: r.values ? JSON.stringify(r.values) : null,
        shown_json: shown ? JSON.stringify(r.shown) : '{}',
        notes_json: shown ? JSON.stringify(r.notes) : '[]',
        errors_json: JSON.stringify(r.errors),
        kept_json:
          r.quality.length || Object.keys(r.precision).length || r.defaulted
            ? JSON.stringify({ quality: r.quality, precision: r.precision, defaulted: r.defaulted })
            : null,
      };
    }),
  );
}

const asRow = (r: {
  line: number;
  values_json: string | null;
  shown_json: string;
  notes_json: string;
  errors_json: string;
  kept_json: string | null;
}): ReadRow => ({
  line: Number(r.line),
  values: r.values_json ? dict(JSON.parse(r.values_json) as Record<string, unknown>) : null,
  shown: dict(JSON.parse(r.shown_json) as Record<string, string>),
  notes: JSON.parse(r.notes_json) as string[],
  errors: JSON.parse(r.errors_json) as ReadRow['errors'],
  ...keptOf(r.kept_json),
});

/** What a row keeps about its values (notes, date precisions, defaults), from `kept_json`. */
function keptOf(json: string | null): Pick<ReadRow, 'quality' | 'precision' | 'defaulted'> {
  const kept = json ? (JSON.parse(json) as { quality: ReadRow['quality']; precision: Record<string, DatePrecision>; defaulted?: string[] }) : null;
  return { quality: kept?.quality ?? [], precision: dict(kept?.precision ?? {}), ...(kept?.defaulted ? { defaulted: kept.defaulted } : {}) };
}

/** Kept rows that can, or cannot, be imported, in the file's order, from a line on. */
export async function keptRows(db: Db | Tx, importId: number, good: boolean, options: { limit: number; afterLine?: number }) {
  const rows = await db
    .selectFrom('import_rows')
    .where('import_id', '=', importId)
    .where('good', '=', good ? 1 : 0)
    .where('line', '>', options.afterLine ?? 0)
    .select(['line', 'values_json', 'shown_json', 'notes_json', 'errors_json', 'kept_json'])
    .orderBy('line')
    .limit(options.limit)
    .execute();
  return rows.map(asRow);
}

/** The good rows as `apply` needs them (values and what was kept about them), without what only the preview shows. */
export async function keptValues(db: Db | Tx, importId: number, options: { limit: number; afterLine?: number }) {
  const rows = await db
    .selectFrom('import_rows')
    .where('import_id', '=', importId)
    .where('good', '=', 1)
    .where('line', '>', options.afterLine ?? 0)
    .select(['line', 'values_json', 'kept_json'])
    .orderBy('line')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({ line: Number(r.line), values: dict(JSON.parse(r.values_json!) as Record<string, unknown>), ...keptOf(r.kept_json) }));
}

/** Good rows with a cell kept as not known or read approximately, in the file's order. */
export async function rowsWithQuality(db: Db | Tx, importId: number, limit: number) {
  const rows = await db
    .selectFrom('import_rows')
    .where('import_id', '=', importId)
    .where('good', '=', 1)
    .where('kept_json', 'is not', null)
    .select(['line', 'values_json', 'shown_json', 'notes_json', 'errors_json', 'kept_json'])
    .orderBy('line')
    .limit(limit)
    .execute();
  return rows.map(asRow).filter((r) => r.quality.length);
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

export type NewQualityNote = Omit<Insertable<DataQualityNotesTable>, 'resolved_at' | 'resolved_by' | 'resolution'>;

/**
 * Notes an import leaves on the records it wrote. A field written again by this import no longer
 * carries what an earlier import said of it: those notes are resolved as superseded first.
 */
export async function keepQualityNotes(
  tx: Tx,
  organisationId: number,
  written: { entity_type: string; entity_id: number; fields: string[] }[],
  notes: NewQualityNote[],
  now: string,
  importId: number,
) {
  const open = await tx
    .selectFrom('data_quality_notes')
    .where('organisation_id', '=', organisationId)
    .where('resolved_at', 'is', null)
    .select('id')
    .limit(1)
    .executeTakeFirst();
  if (open) {
    // The records written, grouped by type and the fields written, a few hundred to a statement.
    const groups = new Map<string, { type: string; fields: string[]; ids: number[] }>();
    for (const w of written) {
      if (!w.fields.length) continue;
      const key = `${w.entity_type}|${w.fields.join(',')}`;
      const g = groups.get(key) ?? { type: w.entity_type, fields: w.fields, ids: [] };
      g.ids.push(w.entity_id);
      groups.set(key, g);
    }
    for (const g of groups.values())
      for (let i = 0; i < g.ids.length; i += 500)
        await tx
          .updateTable('data_quality_notes')
          .set({ resolved_at: now, resolution: `written again by import ${importId}` })
          .where('organisation_id', '=', organisationId)
          .where('entity_type', '=', g.type)
          .where('entity_id', 'in', [...new Set(g.ids.slice(i, i + 500))])
          .where('field', 'in', g.fields)
          .where('resolved_at', 'is', null)
          .execute();
  }
  for (let i = 0; i < notes.length; i += 300)
    await tx
      .insertInto('data_quality_notes')
      .values(notes.slice(i, i + 300))
      .execute();
  await qualityChanged(tx, organisationId);
}

/** Marks the organisation's notes changed, inside the transaction that changed them. */
export async function qualityChanged(tx: Tx, organisationId: number) {
  await tx
    .insertInto('data_quality_versions')
    .values({ organisation_id: organisationId, version: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet((eb) => ({ version: eb('data_quality_versions.version', '+', 1) })))
    .execute();
}

export async function qualityVersion(db: Db, organisationId: number) {
  const r = await db.selectFrom('data_quality_versions').where('organisation_id', '=', organisationId).select('version').executeTakeFirst();
  return Number(r?.version ?? 0);
}

/** Open notes of one kind, oldest first, a page at a time, optionally for one column. */
export async function openQualityNotes(
  db: Db,
  organisationId: number,
  kind: 'unreadable' | 'approximate',
  options: { afterId?: number; limit: number; label?: string | undefined; kinds: string[] },
) {
  if (!options.kinds.length) return [];
  let q = db
    .selectFrom('data_quality_notes')
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where('resolved_at', 'is', null)
    .where('import_kind', 'in', options.kinds)
    .where('id', '>', options.afterId ?? 0);
  if (options.label) q = q.where('label', '=', options.label);
  return q.selectAll().orderBy('id').limit(options.limit).execute();
}

/** Open notes per import kind, kind of note and column: one pass over every open note, so kept until they change. */
export const allQualityNoteCounts = (db: Db, organisationId: number) =>
  db
    .selectFrom('data_quality_notes')
    .where('organisation_id', '=', organisationId)
    .where('resolved_at', 'is', null)
    .groupBy(['import_kind', 'kind', 'label'])
    .select(['import_kind', 'kind', 'label', (eb) => eb.fn.countAll<number>().as('notes')])
    .orderBy('label')
    .execute();

export async function findQualityNote(db: Db | Tx, organisationId: number, id: number) {
  return db.selectFrom('data_quality_notes').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();
}

export async function resolveQualityNote(
  tx: Tx,
  organisationId: number,
  id: number,
  set: { resolved_at: string; resolved_by: number | null; resolution: string },
) {
  const r = await tx
    .updateTable('data_quality_notes')
    .set(set)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  const done = Number(r.numUpdatedRows) === 1;
  if (done) await qualityChanged(tx, organisationId);
  return done;
}

/** A record's open notes, for its page: what is approximate or was not read, field by field. */
export async function qualityNotesOf(db: Db, organisationId: number, entityType: string, entityId: number) {
  return db
    .selectFrom('data_quality_notes')
    .where('organisation_id', '=', organisationId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('resolved_at', 'is', null)
    .select(['id', 'field', 'label', 'kind', 'as_written', 'note'])
    .orderBy('id')
    .execute();
}

/** Fields of a record changed by hand: what an import said of them no longer holds. */
export async function resolveNotesOfFields(
  tx: Tx,
  organisationId: number,
  entityType: string,
  entityId: number,
  fields: string[],
  personId: number | null,
  now: string,
) {
  if (!fields.length) return;
  const r = await tx
    .updateTable('data_quality_notes')
    .set({ resolved_at: now, resolved_by: personId, resolution: 'changed by hand' })
    .where('organisation_id', '=', organisationId)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('field', 'in', fields)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) > 0) await qualityChanged(tx, organisationId);
}
