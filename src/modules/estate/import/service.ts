import { auditedWrite, dict, own, NotFoundError, readSpreadsheet, UserError, type Actor, type Db } from '../../../platform/index.js';
import { nowIso } from '../../../db/columns.js';
import { applyRows, checkRows, type ImportResult } from './apply.js';
import { fieldsOf, kindTitles, type ImportKind } from './fields.js';
import * as q from './queries.js';
import { choiceColumns, guessMapping, readRows, rememberable, type Mapping, type ValueMaps } from './rows.js';

export const maxImportRows = 200_000;

/** Reads an uploaded CSV or XLSX file and keeps it, unapplied, for the person to map and preview. */
export async function uploadImport(db: Db, actor: Actor, organisationId: number, kind: ImportKind, filename: string, data: Buffer) {
  // The heading row, and one more row so that a file just over the limit is named as such.
  const records = await readSpreadsheet(filename, data, { rows: maxImportRows + 2 });
  if (records.length < 2) throw new UserError(`The file needs a row of headings and at least one row of ${kindTitles[kind].toLowerCase()}`, { field: 'file' });
  if (records.length - 1 > maxImportRows)
    throw new UserError(`The file has more than ${maxImportRows.toLocaleString('en-GB')} rows: split it`, { field: 'file' });
  const [headers, ...rows] = records as [string[], ...string[][]];
  const memory = await q.remembered(db, organisationId);
  const mapping = guessMapping(fieldsOf[kind], headers, memory.headings[kind]);
  const values = dict(fieldsOf[kind].filter((f) => f.choices).map((f) => [f.key, own(memory.values, `${kind}.${f.key}`) ?? {}] as const));
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertImport(tx, {
      organisation_id: organisationId,
      person_id: actor.personId!,
      kind,
      filename,
      headers_json: JSON.stringify(headers),
      rows_json: JSON.stringify(rows),
      mapping_json: JSON.stringify(mapping),
      values_json: JSON.stringify(values),
      created_at: nowIso(),
    });
    await audit.created(
      'import',
      id,
      { kind, filename, rows: rows.length },
      `Uploaded ${filename} (${rows.length} rows of ${kindTitles[kind].toLowerCase()}) for import`,
      organisationId,
    );
    return id;
  });
}

export async function loadImport(db: Db, organisationId: number, id: number) {
  const row = await q.findImport(db, organisationId, id);
  if (!row) throw new NotFoundError('There is no such import');
  return {
    ...row,
    kind: row.kind as ImportKind,
    headers: JSON.parse(row.headers_json) as string[],
    rows: JSON.parse(row.rows_json) as string[][],
    mapping: dict(JSON.parse(row.mapping_json ?? '{}') as Mapping),
    values: dict(Object.entries(JSON.parse(row.values_json ?? '{}') as ValueMaps).map(([field, words]) => [field, dict(words)] as const)),
    result: row.result_json ? (JSON.parse(row.result_json) as ImportResult) : null,
  };
}

async function remembering(
  db: Db,
  actor: Actor,
  organisationId: number,
  id: number,
  change: (imp: Awaited<ReturnType<typeof loadImport>>) => { mapping?: Mapping; values?: ValueMaps },
) {
  const imp = await loadImport(db, organisationId, id);
  if (imp.status !== 'uploaded') throw new UserError('This import has already been finished or cancelled');
  const next = change(imp);
  const memory = await q.remembered(db, organisationId);
  await auditedWrite(db, actor, async (tx, audit) => {
    if (next.mapping) {
      await q.setImport(tx, id, { mapping_json: JSON.stringify(next.mapping) });
      await audit.updated('import', id, { mapping: imp.mapping }, { mapping: next.mapping }, `Matched the columns of ${imp.filename}`, organisationId);
      memory.headings[imp.kind] = { ...memory.headings[imp.kind], ...rememberable(imp.headers, next.mapping) };
    }
    if (next.values) {
      await q.setImport(tx, id, { values_json: JSON.stringify(next.values) });
      await audit.updated(
        'import',
        id,
        { meanings: imp.values },
        { meanings: next.values },
        `Confirmed what the words in ${imp.filename} mean`,
        organisationId,
      );
      for (const [field, words] of Object.entries(next.values))
        memory.values[`${imp.kind}.${field}`] = { ...own(memory.values, `${imp.kind}.${field}`), ...words };
    }
    await q.remember(tx, organisationId, memory);
  });
}

/** The person's choice of column for each field; remembered for the next file with the same headings. */
export async function setMapping(db: Db, actor: Actor, organisationId: number, id: number, mapping: Mapping) {
  await remembering(db, actor, organisationId, id, (imp) => {
    for (const f of fieldsOf[imp.kind])
      if (f.required && (own(mapping, f.key) ?? -1) < 0) throw new UserError(`Choose the column that holds the ${f.label.toLowerCase()}`, { field: f.key });
    return { mapping };
  });
}

/** The person's confirmed meaning of each free-text word; remembered for the organisation's next import. */
export async function setValueMeanings(db: Db, actor: Actor, organisationId: number, id: number, meanings: ValueMaps) {
  await remembering(db, actor, organisationId, id, (imp) => {
    const values: ValueMaps = dict(imp.values);
    for (const f of fieldsOf[imp.kind]) {
      const chosen = own(meanings, f.key);
      if (!f.choices || !chosen) continue;
      for (const value of Object.values(chosen))
        if (value !== '' && !Object.hasOwn(f.choices, value))
          throw new UserError(`Choose one of Steward’s values for ${f.label.toLowerCase()}`, { field: f.key });
      values[f.key] = dict({ ...values[f.key], ...chosen });
    }
    return { values };
  });
}

/** Each row as read and checked against the register: what confirming would write, and what it would leave out. */
export async function readImport(db: Db, organisationId: number, id: number) {
  const imp = await loadImport(db, organisationId, id);
  const rows = readRows(imp.kind, imp.rows, imp.mapping, imp.values);
  const updates = imp.status === 'uploaded' ? await checkRows(db, organisationId, imp.kind, rows) : 0;
  return { import: imp, rows, good: rows.filter((r) => r.values), bad: rows.filter((r) => !r.values), updates };
}

/** What the import would do, and the free-text words for the person to confirm. */
export async function previewImport(db: Db, organisationId: number, id: number) {
  const read = await readImport(db, organisationId, id);
  const imp = read.import;
  return { ...read, choices: choiceColumns(imp.kind, imp.rows, imp.mapping, imp.values) };
}

/**
 * Applies the readable rows in one transaction: each record is added, or updated by the register's
 * own key; rows that cannot be read are left out and named. Either all of it is written or none.
 * `progress` hears how many rows are written so far.
 */
export async function confirmImport(
  db: Db,
  actor: Actor,
  organisationId: number,
  id: number,
  progress: (done: number, total: number) => void | Promise<void> = () => undefined,
): Promise<ImportResult> {
  const preview = await readImport(db, organisationId, id);
  const imp = preview.import;
  if (imp.status !== 'uploaded') throw new UserError('This import has already been finished or cancelled');
  const total = preview.good.length;
  return auditedWrite(db, actor, async (tx, audit) => {
    // Claiming the import first means two people confirming at once cannot both apply it.
    if (!(await q.claimImport(tx, id))) throw new UserError('This import has already been finished or cancelled');
    const counts = await applyRows(tx, organisationId, actor.personId, imp.kind, preview.good, imp.mapping, nowIso(), (done) => progress(done, total));
    const result: ImportResult = { ...counts, skipped: preview.bad.length };
    await q.setImport(tx, id, { status: 'done', result_json: JSON.stringify(result) });
    await audit.created('import', `${id}:done`, { kind: imp.kind, ...result }, `Imported ${imp.filename}: ${describeResult(imp.kind, result)}`, organisationId);
    return result;
  });
}

const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

/** What an import did, in a sentence. */
export function describeResult(kind: ImportKind, r: ImportResult): string {
  const left = `${n(r.skipped, 'row', 'rows')} left out`;
  if (kind === 'systems')
    return `${n(r.added, 'system', 'systems')} added, ${r.updated.toLocaleString('en-GB')} updated${r.unchanged ? `, ${r.unchanged.toLocaleString('en-GB')} already up to date` : ''}, ${n(r.linked, 'dependency', 'dependencies')} recorded${r.capabilitiesAdded ? `, ${n(r.capabilitiesAdded, 'new business capability', 'new business capabilities')}` : ''}; ${left}`;
  if (kind === 'relationships') return `${n(r.added, 'relationship', 'relationships')} added, ${r.updated.toLocaleString('en-GB')} already recorded; ${left}`;
  if (kind === 'suppliers') return `${n(r.added, 'supplier', 'suppliers')} added, ${r.updated.toLocaleString('en-GB')} updated; ${left}`;
  return `${n(r.added, 'contract', 'contracts')} added, ${r.updated.toLocaleString('en-GB')} updated, ${n(r.suppliersAdded, 'new supplier', 'new suppliers')}, ${n(r.linked, 'system link', 'system links')}; ${left}`;
}

export async function cancelImport(db: Db, actor: Actor, organisationId: number, id: number) {
  const imp = await loadImport(db, organisationId, id);
  if (imp.status !== 'uploaded') return;
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setImport(tx, id, { status: 'cancelled' });
    await audit.updated('import', id, { status: 'uploaded' }, { status: 'cancelled' }, `Cancelled the import of ${imp.filename}`, organisationId);
  });
}
