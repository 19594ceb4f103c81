import { parse } from 'csv-parse/sync';
import { auditedWrite, NotFoundError, UserError, type Actor, type Db } from '../../../platform/index.js';
import { nowIso } from '../../../db/columns.js';
import * as sq from '../queries.js';
import * as q from './queries.js';
import { guessMapping, importFields, readRows, rememberable, type Mapping } from './rows.js';
import { stripBom } from './values.js';

export const maxImportRows = 200_000;

/** Reads an uploaded CSV and keeps it, unapplied, for the person to map and preview. */
export async function uploadImport(db: Db, actor: Actor, organisationId: number, filename: string, data: Buffer) {
  let records: string[][];
  try {
    records = parse(stripBom(data.toString('utf8')), { relax_column_count: true, skip_empty_lines: true, trim: false }) as string[][];
  } catch (error) {
    throw new UserError(`The file could not be read as CSV: ${(error as Error).message.split('\n')[0]}`, { field: 'file' });
  }
  if (records.length < 2) throw new UserError('The file needs a row of headings and at least one row of systems', { field: 'file' });
  if (records.length - 1 > maxImportRows) throw new UserError(`The file has more than ${maxImportRows.toLocaleString('en-GB')} rows: split it`, { field: 'file' });
  const [headers, ...rows] = records as [string[], ...string[][]];
  const mapping = guessMapping(headers, await q.rememberedMapping(db, organisationId));
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertImport(tx, { organisation_id: organisationId, person_id: actor.personId!, filename, headers_json: JSON.stringify(headers), rows_json: JSON.stringify(rows), mapping_json: JSON.stringify(mapping), created_at: nowIso() });
    await audit.created('import', id, { filename, rows: rows.length }, `Uploaded ${filename} (${rows.length} rows) for import`, organisationId);
    return id;
  });
}

async function loadImport(db: Db, organisationId: number, id: number) {
  const row = await q.findImport(db, organisationId, id);
  if (!row) throw new NotFoundError('There is no such import');
  return { ...row, headers: JSON.parse(row.headers_json) as string[], rows: JSON.parse(row.rows_json) as string[][], mapping: JSON.parse(row.mapping_json ?? '{}') as Mapping };
}

export async function setMapping(db: Db, actor: Actor, organisationId: number, id: number, mapping: Mapping) {
  const imp = await loadImport(db, organisationId, id);
  if (imp.status !== 'uploaded') throw new UserError('This import has already been finished or cancelled');
  for (const f of importFields) if (f.required && (mapping[f.key] ?? -1) < 0) throw new UserError(`Choose the column that holds the ${f.label.toLowerCase()}`, { field: f.key });
  await auditedWrite(db, actor, async (tx) => {
    await q.setImport(tx, id, { mapping_json: JSON.stringify(mapping) });
    await q.rememberMapping(tx, organisationId, rememberable(imp.headers, mapping));
  });
}

/** What the import would do: each row as read, new or updated, and the rows that cannot be read with their reasons. */
export async function previewImport(db: Db, organisationId: number, id: number) {
  const imp = await loadImport(db, organisationId, id);
  const rows = readRows(imp.rows, imp.mapping);
  const existing = await q.systemIdsByIdentifierOrName(db, organisationId);
  const known = new Set([...existing.keys(), ...rows.filter((r) => r.input).flatMap((r) => [r.input!.identifier.toLowerCase(), r.input!.name.toLowerCase()])]);
  for (const r of rows) {
    for (const dep of r.dependsOn) if (!known.has(dep.toLowerCase())) r.errors.push({ field: 'Depends on', reason: `no system called ${dep} in the register or the file` });
  }
  return {
    import: imp,
    rows,
    good: rows.filter((r) => r.input && !r.errors.length),
    bad: rows.filter((r) => !r.input || r.errors.length),
    updates: rows.filter((r) => r.input && existing.has(r.input.identifier.toLowerCase())).length,
  };
}

/**
 * Applies the readable rows in one transaction: each system is added, or updated by its identifier,
 * with its dependencies; rows that cannot be read are left out and named. Either all of it is
 * written or none of it.
 */
export async function confirmImport(db: Db, actor: Actor, organisationId: number, id: number) {
  const preview = await previewImport(db, organisationId, id);
  if (preview.import.status !== 'uploaded') throw new UserError('This import has already been finished or cancelled');
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const ids = await q.systemIdsByIdentifierOrName(tx, organisationId);
    let added = 0;
    let updated = 0;
    for (const r of preview.good) {
      const s = r.input!;
      const row = { identifier: s.identifier, name: s.name, kind: s.kind, layer: s.layer, area: s.area, sourcing: s.sourcing, hosting: s.hosting, product: s.product, vendor: s.vendor, version: s.version, end_of_support: s.endOfSupport, lifecycle: s.lifecycle, lifecycle_reason: s.lifecycleReason, criticality: s.criticality, users: s.users, annual_cost: s.annualCost, recovery_plan: 0, description: s.description };
      const existing = ids.get(s.identifier.toLowerCase());
      if (existing) {
        await sq.updateSystem(tx, existing, { ...row, updated_at: now });
        updated++;
      } else {
        const newId = await sq.insertSystem(tx, { ...row, organisation_id: organisationId, created_at: now, updated_at: now });
        ids.set(s.identifier.toLowerCase(), newId);
        if (!ids.has(s.name.toLowerCase())) ids.set(s.name.toLowerCase(), newId);
        added++;
      }
    }
    let relationships = 0;
    for (const r of preview.good) {
      const from = ids.get(r.input!.identifier.toLowerCase())!;
      for (const dep of r.dependsOn) {
        const to = ids.get(dep.toLowerCase());
        if (to && to !== from && (await sq.insertRelationship(tx, { organisation_id: organisationId, from_system_id: from, to_system_id: to, kind: 'depends-on', created_at: now })) !== null) relationships++;
      }
    }
    const result = { added, updated, relationships, skipped: preview.bad.length };
    await q.setImport(tx, id, { status: 'done', result_json: JSON.stringify(result) });
    await audit.created('import', `${id}:done`, result, `Imported ${preview.import.filename}: ${added} added, ${updated} updated, ${relationships} dependencies, ${preview.bad.length} rows left out`, organisationId);
    return result;
  });
}

export async function cancelImport(db: Db, actor: Actor, organisationId: number, id: number) {
  const imp = await loadImport(db, organisationId, id);
  if (imp.status !== 'uploaded') return;
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setImport(tx, id, { status: 'cancelled' });
    await audit.updated('import', id, { status: 'uploaded' }, { status: 'cancelled' }, `Cancelled the import of ${imp.filename}`, organisationId);
  });
}

export { loadImport };
