import { nowIso } from '../../db/columns.js';
import { auditedWrite, type Actor, type Db } from '../audit/audit.js';
import { dict, own, type Dict } from '../dict.js';
import { can } from '../access/abilities.js';
import type { Identity } from '../auth/identity.js';
import { ForbiddenError, NotFoundError, UserError } from '../http/errors.js';
import { readSpreadsheet } from '../spreadsheet.js';
import type { ApplyContext, GoodRow, ImportKind, ImportResult, Mapping, ReadRow, ValueMaps } from './contract.js';
import * as q from './queries.js';
import { matchColumns, resolvedMatches, unconfirmed, type MatchColumn } from './matches.js';
import { choiceColumns, findHeadingRow, guessMapping, readRows, rememberable, unreadableColumns, type ChoiceColumn, type UnreadableColumn } from './rows.js';

export const maxImportRows = 200_000;

/** What the last check found, kept with the import so no page reads every row again. */
export interface CheckSummary {
  good: number;
  bad: number;
  updates: number;
  /** What else confirming will do, in the kind's words. */
  says?: string[];
  choices: ChoiceColumn[];
  /** Cells kept as not known, and read approximately, in the good rows. */
  unreadable?: number;
  approximate?: number;
  /** Columns none of whose cells could be read: said once, and left as not known. */
  unreadableColumns?: UnreadableColumn[];
  /** Names that should be records Steward holds, with their exact or near matches and the person's choices. */
  matches?: MatchColumn[];
}

/** The kinds of import the modules offer, by name; the platform's imports know no kind of their own. */
export type ImportKinds = Map<string, ImportKind>;

/** A kind is imported by whoever may record one by hand. */
export function mayImport(identity: Identity, kind: ImportKind) {
  if (!can(identity, kind.ability)) throw new ForbiddenError(`You cannot import ${kind.title.toLowerCase()}`);
}

/** The organisation's import, for a person who may import its kind. */
export async function importFor(db: Db, kinds: ImportKinds, identity: Identity, id: number) {
  const imp = await loadImport(db, kinds, identity.organisation.id, id);
  mayImport(identity, imp.kind);
  return imp;
}

export async function loadImport(db: Db, kinds: ImportKinds, organisationId: number, id: number) {
  const row = await q.findImport(db, organisationId, id);
  if (!row) throw new NotFoundError('There is no such import');
  const kind = kinds.get(row.kind);
  if (!kind) throw new NotFoundError('There is no such import');
  return {
    ...row,
    kind,
    headers: JSON.parse(row.headers_json) as string[],
    mapping: dict(JSON.parse(row.mapping_json ?? '{}') as Record<string, number>) as Mapping,
    values: dict(
      Object.entries(JSON.parse(row.values_json ?? '{}') as Record<string, Record<string, string>>).map(([field, words]) => [field, dict(words)] as const),
    ),
    checked: row.checked_json ? (JSON.parse(row.checked_json) as CheckSummary) : null,
    defaults: dict(JSON.parse(row.defaults_json ?? '{}') as Record<string, string>),
    matches: dict(
      Object.entries(JSON.parse(row.matches_json ?? '{}') as Record<string, Record<string, string>>).map(([field, words]) => [field, dict(words)] as const),
    ),
    result: row.result_json ? (JSON.parse(row.result_json) as ImportResult) : null,
  };
}
export type LoadedImport = Awaited<ReturnType<typeof loadImport>>;

/** Reads every row and runs the kind's checks once; the rows and what was found are kept with the import. */
async function readAndCheck(
  db: Db,
  kind: ImportKind,
  organisationId: number,
  rows: string[][],
  mapping: Mapping,
  values: ValueMaps,
  headingRow: number,
  strict: boolean,
  defaults: Dict<string> = dict(),
  matches: Dict<Dict<string>> = dict(),
) {
  const read = readRows(kind, rows, mapping, values, headingRow + 1, { strict, defaults });
  const columns = strict ? [] : unreadableColumns(kind.fields, read);
  const { updates, says } = await kind.check(db, organisationId, read, { strict });
  const goodRows = read.filter((r) => r.values);
  const count = (k: 'unreadable' | 'approximate') => goodRows.reduce((n, r) => n + r.quality.filter((q) => q.kind === k).length, 0);
  const summary: CheckSummary = {
    good: goodRows.length,
    bad: read.length - goodRows.length,
    updates,
    ...(says?.length ? { says } : {}),
    choices: choiceColumns(kind, rows, mapping, values),
    unreadable: count('unreadable'),
    approximate: count('approximate'),
    unreadableColumns: columns,
    matches: await matchColumns(
      kind,
      async (field) => (await kind.matches?.find((m) => m.field === field)?.existing(db, organisationId)) ?? [],
      rows,
      mapping,
      matches,
    ),
  };
  return { read, summary };
}

async function keepChecked(tx: Parameters<typeof q.keepRows>[0], id: number, organisationId: number, read: ReadRow[], summary: CheckSummary) {
  await q.keepRows(tx, id, organisationId, read);
  await q.setImport(tx, id, { checked_json: JSON.stringify(summary) });
}

/** Reads an uploaded CSV or XLSX file, checks it, and keeps it unapplied for the person to map and preview. */
export async function uploadImport(
  db: Db,
  actor: Actor,
  organisationId: number,
  kind: ImportKind,
  filename: string,
  data: Buffer,
  options: { strict?: boolean } = {},
) {
  const strict = options.strict ?? false;
  // Room for lines above the headings, and one more row so that a file just over the limit is named as such.
  const records = await readSpreadsheet(filename, data, { rows: maxImportRows + 12 });
  const memory = await q.remembered(db, organisationId);
  const at = findHeadingRow(kind.fields, records, own(memory.headings, kind.name));
  const headers = records[at] ?? [];
  const rows = records.slice(at + 1);
  if (!rows.length) throw new UserError(`The file needs a row of headings and at least one row of ${kind.title.toLowerCase()}`, { field: 'file' });
  if (rows.length > maxImportRows) throw new UserError(`The file has more than ${maxImportRows.toLocaleString('en-GB')} rows: split it`, { field: 'file' });
  const headingRow = at + 1;
  const mapping = guessMapping(kind.fields, headers, own(memory.headings, kind.name));
  if (kind.publishedFormat) refuseMissingColumns(kind, headers, mapping);
  const values: ValueMaps = dict(kind.fields.filter((f) => f.choices).map((f) => [f.key, dict(own(memory.values, `${kind.name}.${f.key}`) ?? {})] as const));
  const { read, summary } = await readAndCheck(db, kind, organisationId, rows, mapping, values, headingRow, strict);
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertImport(
      tx,
      {
        organisation_id: organisationId,
        person_id: actor.personId!,
        kind: kind.name,
        filename,
        headers_json: JSON.stringify(headers),
        heading_row: headingRow,
        mapping_json: JSON.stringify(mapping),
        values_json: JSON.stringify(values),
        checked_json: JSON.stringify(summary),
        created_at: nowIso(),
        strict: strict ? 1 : 0,
      },
      JSON.stringify(rows),
    );
    await q.keepRows(tx, id, organisationId, read);
    await audit.created(
      'import',
      id,
      { kind: kind.name, filename, rows: rows.length, strict },
      `Uploaded ${filename} (${rows.length} rows of ${kind.title.toLowerCase()}) for import`,
      organisationId,
    );
    return id;
  });
}

/** A file of a published format names what it lacks, and what it has instead, rather than asking for columns that are not there. */
function refuseMissingColumns(kind: ImportKind, headers: string[], mapping: Mapping) {
  const missing = kind.fields.filter((f) => (own(mapping, f.key) ?? -1) < 0).map((f) => f.label);
  if (!missing.length) return;
  const has = headers.map((h) => h.trim()).filter(Boolean);
  throw new UserError(
    `This is not ${kind.publishedFormat}: it has no ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((m) => `“${m}”`).join(', ')}. ${
      has.length
        ? `Its columns are ${has
            .slice(0, 12)
            .map((h) => `“${h.slice(0, 60)}”`)
            .join(', ')}${has.length > 12 ? ' and more' : ''}.`
        : 'It has no headings.'
    }`,
    { field: 'file' },
  );
}

/** A change of columns or meanings: remembered for the organisation's next file, and the rows checked again, once. */
async function changeReading(db: Db, kinds: ImportKinds, actor: Actor, organisationId: number, id: number, change: (imp: LoadedImport) => ReadingChange) {
  const imp = await loadImport(db, kinds, organisationId, id);
  if (imp.status !== 'uploaded') throw new UserError('This import has already been finished or cancelled');
  const next = change(imp);
  const memory = await q.remembered(db, organisationId);
  const { read, summary } = await readAndCheck(
    db,
    imp.kind,
    organisationId,
    await q.importFileRows(db, id),
    next.mapping ?? imp.mapping,
    next.values ?? imp.values,
    imp.heading_row,
    !!imp.strict,
    next.defaults ?? imp.defaults,
    next.matches ?? imp.matches,
  );
  await auditedWrite(db, actor, async (tx, audit) => {
    if (next.mapping) {
      await q.setImport(tx, id, { mapping_json: JSON.stringify(next.mapping) });
      await audit.updated('import', id, { mapping: imp.mapping }, { mapping: next.mapping }, `Matched the columns of ${imp.filename}`, organisationId);
      memory.headings[imp.kind.name] = dict({ ...own(memory.headings, imp.kind.name), ...rememberable(imp.headers, next.mapping) });
    }
    if (next.matches) {
      await q.setImport(tx, id, { matches_json: JSON.stringify(next.matches) });
      await audit.updated(
        'import',
        id,
        { matches: imp.matches },
        { matches: next.matches },
        `Confirmed which records the names in ${imp.filename} are`,
        organisationId,
      );
    }
    if (next.defaults) {
      await q.setImport(tx, id, { defaults_json: JSON.stringify(next.defaults) });
      await audit.updated(
        'import',
        id,
        { defaults: imp.defaults },
        { defaults: next.defaults },
        `Said what rows of ${imp.filename} that do not say are`,
        organisationId,
      );
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
        memory.values[`${imp.kind.name}.${field}`] = dict({ ...own(memory.values, `${imp.kind.name}.${field}`), ...words });
    }
    await q.remember(tx, organisationId, memory);
    await keepChecked(tx, id, organisationId, read, summary);
  });
}

type ReadingChange = { mapping?: Mapping; values?: ValueMaps; defaults?: Dict<string>; matches?: Dict<Dict<string>> };

function mappingChange(imp: LoadedImport, mapping: Mapping): ReadingChange {
  for (const f of imp.kind.fields) {
    if (f.required && (own(mapping, f.key) ?? -1) < 0) throw new UserError(`Choose the column that holds the ${f.label.toLowerCase()}`, { field: f.key });
  }
  return { mapping };
}

function meaningsChange(imp: LoadedImport, meanings: ValueMaps): ReadingChange {
  const values: ValueMaps = dict(imp.values);
  for (const f of imp.kind.fields) {
    const chosen = own(meanings, f.key);
    if (!f.choices || !chosen) continue;
    for (const value of Object.values(chosen)) {
      if (value !== '' && !Object.hasOwn(f.choices, value))
        throw new UserError(`Choose one of Steward’s values for ${f.label.toLowerCase()}`, { field: f.key });
    }
    values[f.key] = dict({ ...own(values, f.key), ...chosen });
  }
  return { values };
}

function matchesChange(imp: LoadedImport, chosen: Dict<Dict<string>>): ReadingChange {
  const offered = imp.checked?.matches ?? [];
  const matches = dict<Dict<string>>(Object.entries(imp.matches).map(([field, words]) => [field, dict({ ...words })] as const));
  for (const column of offered) {
    const choices = own(chosen, column.field);
    if (!choices) continue;
    for (const [word, value] of Object.entries(choices)) {
      const w = column.words.find((x) => x.word === word.trim().toLowerCase().replace(/\s+/g, ' '));
      if (!w || value === '') continue;
      if (value !== 'new' && !w.near.some((n) => String(n.id) === value))
        throw new UserError(`Choose one of the ${column.noun}s offered for “${w.shown}”, or to add it as new`, { field: `match-${column.field}` });
      (matches[column.field] ??= dict())[w.word] = value;
    }
  }
  return { matches };
}

function defaultsChange(imp: LoadedImport, chosen: Dict<string>): ReadingChange {
  const defaults = dict<string>();
  for (const f of imp.kind.fields) {
    const value = own(chosen, f.key);
    if (!f.choices || value === undefined || value === '') continue;
    if (!Object.hasOwn(f.choices, value)) throw new UserError(`Choose one of Steward’s values for ${f.label.toLowerCase()}`, { field: `default-${f.key}` });
    defaults[f.key] = value;
  }
  return { defaults };
}

/** The person's choice of column for each field; remembered for the next file with the same headings. */
export async function setMapping(db: Db, kinds: ImportKinds, actor: Actor, organisationId: number, id: number, mapping: Mapping) {
  await changeReading(db, kinds, actor, organisationId, id, (imp) => mappingChange(imp, mapping));
}

/** The person's confirmed meaning of each free-text word; remembered for the organisation's next import. */
export async function setValueMeanings(db: Db, kinds: ImportKinds, actor: Actor, organisationId: number, id: number, meanings: ValueMaps) {
  await changeReading(db, kinds, actor, organisationId, id, (imp) => meaningsChange(imp, meanings));
}

/**
 * The person's choice for near names: each word of a matched field to one of its near records
 * (by id) or 'new'. A choice must be one of the near records offered for that word.
 */
export async function setMatches(db: Db, kinds: ImportKinds, actor: Actor, organisationId: number, id: number, chosen: Dict<Dict<string>>) {
  await changeReading(db, kinds, actor, organisationId, id, (imp) => matchesChange(imp, chosen));
}

/** What rows that do not say a choice field are taken to have: one of Steward's values, or nothing for not known. */
export async function setDefaults(db: Db, kinds: ImportKinds, actor: Actor, organisationId: number, id: number, chosen: Dict<string>) {
  await changeReading(db, kinds, actor, organisationId, id, (imp) => defaultsChange(imp, chosen));
}

/**
 * Everything the preview page asks, saved together: what is chosen in one step is never lost by
 * pressing another step's button, and the rows are checked again once.
 */
export async function setChoices(
  db: Db,
  kinds: ImportKinds,
  actor: Actor,
  organisationId: number,
  id: number,
  chosen: { mapping?: Mapping; meanings?: ValueMaps; matches?: Dict<Dict<string>>; defaults?: Dict<string> },
) {
  await changeReading(db, kinds, actor, organisationId, id, (imp) => ({
    ...(chosen.mapping ? mappingChange(imp, chosen.mapping) : {}),
    ...(chosen.meanings ? meaningsChange(imp, chosen.meanings) : {}),
    ...(chosen.matches ? matchesChange(imp, chosen.matches) : {}),
    ...(chosen.defaults ? defaultsChange(imp, chosen.defaults) : {}),
  }));
}

/** What the import would do, from what was kept at the last check: counts, the first rows of each outcome, the words to confirm. */
export async function previewImport(db: Db, kinds: ImportKinds, organisationId: number, id: number, options: { good?: number; bad?: number } = {}) {
  const imp = await loadImport(db, kinds, organisationId, id);
  const checked = imp.checked ?? { good: 0, bad: 0, updates: 0, choices: [] };
  const [good, bad, quality] = await Promise.all([
    q.keptRows(db, id, true, { limit: options.good ?? 100 }),
    q.keptRows(db, id, false, { limit: options.bad ?? 500 }),
    q.rowsWithQuality(db, id, 300),
  ]);
  const cells = quality.flatMap((r) => r.quality.map((c) => ({ line: r.line, ...c })));
  return {
    import: imp,
    checked,
    good,
    bad,
    unreadable: cells.filter((c) => c.kind === 'unreadable'),
    approximate: cells.filter((c) => c.kind === 'approximate'),
  };
}

/** Every row left out, with why, in the file's order: for the download, a page of rows at a time. */
export async function* rowsLeftOut(db: Db, importId: number) {
  let afterLine = 0;
  for (;;) {
    const page = await q.keptRows(db, importId, false, { limit: 2000, afterLine });
    yield* page;
    if (page.length < 2000) return;
    afterLine = page[page.length - 1]!.line;
  }
}

/**
 * Applies the rows the last check kept as good in one transaction: each record added, or updated
 * by the register's own key, with its own audit entry; rows that could not be read are left out
 * and named. Either all of it is written or none. `progress` hears how many rows are written.
 */
export async function confirmImport(
  db: Db,
  kinds: ImportKinds,
  actor: Actor,
  organisationId: number,
  id: number,
  progress: (done: number, total: number) => void | Promise<void> = () => undefined,
  afterWrite: (db: Db) => Promise<void> = async () => undefined,
): Promise<ImportResult> {
  const imp = await loadImport(db, kinds, organisationId, id);
  if (imp.status !== 'uploaded') throw new UserError('This import has already been finished or cancelled');
  const checked = imp.checked ?? { good: 0, bad: 0, updates: 0, choices: [] };
  const waiting = unconfirmed(checked.matches ?? []);
  if (waiting.length)
    throw new UserError(
      `Say which ${waiting[0]!.noun} each of these is first: ${waiting
        .slice(0, 5)
        .map((w) => w.shown)
        .join(', ')}${waiting.length > 5 ? ` and ${waiting.length - 5} more` : ''}`,
      { field: 'matches' },
    );
  const good: GoodRow[] = [];
  for (let afterLine = 0; ;) {
    const page = await q.keptValues(db, id, { limit: 5000, afterLine });
    good.push(...page);
    if (page.length < 5000) break;
    afterLine = page[page.length - 1]!.line;
  }
  const result = await auditedWrite(db, actor, async (tx, audit) => {
    // Claiming the import first means two people confirming at once cannot both apply it.
    if (!(await q.claimImport(tx, id))) throw new UserError('This import has already been finished or cancelled');
    const now = nowIso();
    const notes: q.NewQualityNote[] = [];
    const written: { entity_type: string; entity_id: number; fields: string[] }[] = [];
    const mapped = imp.kind.fields.filter((f) => (own(imp.mapping, f.key) ?? -1) >= 0 || own(imp.defaults, f.key) !== undefined).map((f) => f.key);
    const noted = new Set<number>();
    const noteKeys = new Set<string>();
    const wrote: ApplyContext['wrote'] = (row, record) => {
      noted.add(row.line);
      written.push({ entity_type: record.entityType, entity_id: record.entityId, fields: mapped });
      for (const cell of row.quality) {
        // One record named on several rows carries each note once.
        const key = `${record.entityType}|${record.entityId}|${cell.field}|${cell.kind}|${cell.asWritten}`;
        if (noteKeys.has(key)) continue;
        noteKeys.add(key);
        notes.push({
          organisation_id: organisationId,
          entity_type: record.entityType,
          entity_id: record.entityId,
          record_name: record.name.slice(0, 300),
          record_href: record.href,
          import_id: id,
          import_kind: imp.kind.name,
          field: cell.field,
          label: cell.label,
          kind: cell.kind,
          as_written: cell.asWritten,
          note: cell.note.slice(0, 1000),
          created_at: now,
        });
      }
    };
    const counts = await imp.kind.apply(
      tx,
      audit,
      {
        organisationId,
        importId: id,
        personId: actor.personId,
        mapping: imp.mapping,
        filename: imp.filename,
        defaults: imp.defaults,
        matches: resolvedMatches(checked.matches ?? []),
        now,
        progress: (done) => Promise.resolve(progress(done, good.length)),
        wrote,
      },
      good,
    );
    // A note the kind did not place on a record would be lost: that is a fault in the kind, not the file.
    const lost = good.find((r) => r.quality.length && !noted.has(r.line));
    if (lost) throw new Error(`The ${imp.kind.name} import did not say which record row ${lost.line} wrote, so its notes would be lost`);
    await q.keepQualityNotes(tx, organisationId, written, notes, now, id);
    await progress(good.length, good.length);
    const result: ImportResult = {
      ...counts,
      skipped: checked.bad,
      keptAsNotKnown: notes.filter((n) => n.kind === 'unreadable').length,
      readApproximately: notes.filter((n) => n.kind === 'approximate').length,
    };
    await q.setImport(tx, id, { status: 'done', result_json: JSON.stringify(result) });
    await q.dropWrittenRows(tx, id);
    await audit.created('import', `${id}:done`, { kind: imp.kind.name, ...result }, `Imported ${imp.filename}: ${imp.kind.describe(result)}`, organisationId);
    return result;
  });
  await afterWrite(db);
  return result;
}

export async function cancelImport(db: Db, kinds: ImportKinds, actor: Actor, organisationId: number, id: number) {
  const imp = await loadImport(db, kinds, organisationId, id);
  if (imp.status !== 'uploaded') return;
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setImport(tx, id, { status: 'cancelled' });
    await audit.updated('import', id, { status: 'uploaded' }, { status: 'cancelled' }, `Cancelled the import of ${imp.filename}`, organisationId);
  });
}

/**
 * Uploads and confirms a file in one go, as a person would who accepts Steward's reading of it:
 * the same checks, notes and audit records as the pages. For the demo council's own imports.
 */
export async function importSpreadsheet(db: Db, actor: Actor, organisationId: number, kind: ImportKind, filename: string, data: Buffer) {
  const id = await uploadImport(db, actor, organisationId, kind, filename, data);
  return { id, result: await confirmImport(db, new Map([[kind.name, kind]]), actor, organisationId, id) };
}

/** The cells of an import's file, row by row: for the download of the rows left out. */
export const importFileRows = (db: Db, importId: number) => q.importFileRows(db, importId);
