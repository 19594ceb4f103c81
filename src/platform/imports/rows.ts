import { dict, own, type Dict } from '../dict.js';
import type { CellQuality, ImportField, ImportKind, Mapping, ReadRow, ValueMaps } from './contract.js';
import { isUnknown, readChoice, type DatePrecision, type Read } from './values.js';

const heading = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
export const choiceWord = (cell: string) => cell.trim().toLowerCase().replace(/\s+/g, ' ');

/** Which column fills each field: the person's remembered choice for that heading, else the usual headings for it. */
export function guessMapping(fields: ImportField[], headers: string[], remembered: Record<string, string> = {}): Mapping {
  const mapping: Mapping = dict();
  const byHeading = new Map<string, number>();
  headers.forEach((h, i) => byHeading.has(heading(h)) || byHeading.set(heading(h), i));
  const taken = new Set<number>();
  for (const f of fields) {
    const rememberedHeading = Object.entries(remembered).find(([, key]) => key === f.key)?.[0];
    const column =
      (rememberedHeading !== undefined ? byHeading.get(rememberedHeading) : undefined) ??
      f.headings.map((s) => byHeading.get(s)).find((i) => i !== undefined && !taken.has(i));
    mapping[f.key] = column ?? -1;
    if (column !== undefined) taken.add(column);
  }
  return mapping;
}

/** How many rows at the top of a file are looked at for its headings. */
const headingSearch = 10;

/**
 * Which row of a file holds its headings (from 0): an export often has a title, a date or notes
 * above them. The row among the first ten that names the most of the kind's fields (earliest on a
 * tie); when none names any, the first row with two or more cells filled, since a title fills one.
 */
export function findHeadingRow(fields: ImportField[], records: string[][], remembered: Record<string, string> = {}): number {
  let best = -1;
  let bestNamed = 0;
  const last = Math.min(records.length - 1, headingSearch);
  for (let i = 0; i < last; i++) {
    const named = Object.values(guessMapping(fields, records[i]!, remembered)).filter((column) => column >= 0).length;
    if (named > bestNamed) [best, bestNamed] = [i, named];
  }
  if (best >= 0) return best;
  const filled = records.slice(0, last).findIndex((r) => r.filter((c) => c.trim() !== '').length >= 2);
  return filled >= 0 ? filled : 0;
}

/** The headings a mapping used, keyed by heading, so the next file with the same headings maps itself. */
export function rememberable(headers: string[], mapping: Mapping): Dict<string> {
  const out = dict<string>();
  for (const [key, column] of Object.entries(mapping)) if (column >= 0 && headers[column] !== undefined) out[heading(headers[column]!)] = key;
  return out;
}

/** Each choice field's words and meanings: the usual synonyms, then the person's own choices. */
function meaningsOf(fields: ImportField[], valueMaps: ValueMaps): Dict<Dict<string>> {
  return dict(fields.filter((f) => f.choices).map((f) => [f.key, dict({ ...f.synonyms, ...own(valueMaps, f.key) })] as const));
}

function readCell(f: ImportField, cell: string, meanings: Dict<Dict<string>>): Read<unknown> {
  if (f.choices) return readChoice(cell, meanings[f.key] ?? dict());
  return f.read ? f.read(cell) : { ok: true, value: cell };
}

/**
 * How strictly a row is read. Ordinarily a cell that cannot be read is kept as not known, with a
 * note on the record naming the column and the text as written, and only a row that does not name
 * its record is left out; `strict` leaves out any row with a cell that cannot be read.
 */
export interface Reading {
  strict?: boolean;
  /** For a choice field, the value a row that does not say is taken to have. */
  defaults?: Dict<string>;
}

/** One spreadsheet row read field by field, with what each cell became and every reason a cell could not be read. */
export function readRow(fields: ImportField[], cells: string[], line: number, mapping: Mapping, valueMaps: ValueMaps = dict(), reading: Reading = {}): ReadRow {
  return readRowWith(fields, cells, line, mapping, meaningsOf(fields, valueMaps), reading);
}

function readRowWith(fields: ImportField[], cells: string[], line: number, mapping: Mapping, meanings: Dict<Dict<string>>, reading: Reading): ReadRow {
  const values = dict<unknown>();
  const shown = dict<string>();
  const notes: string[] = [];
  const errors: { field: string; reason: string }[] = [];
  const quality: CellQuality[] = [];
  const precision = dict<DatePrecision>();
  let defaulted: string[] | undefined;
  for (const f of fields) {
    const column = mapping[f.key] ?? -1;
    const cell = column >= 0 ? (cells[column] ?? '') : '';
    const r = readCell(f, cell, meanings);
    if (!r.ok) {
      if (f.required || reading.strict || f.whenUnreadable === 'leave-row-out') {
        errors.push({ field: f.label, reason: r.reason });
        continue;
      }
      values[f.key] = null;
      shown[f.key] = '';
      notes.push(`${f.label}: kept as not known (${r.reason})`);
      quality.push({ field: f.key, label: f.label, kind: 'unreadable', asWritten: cell.trim().slice(0, 500), note: r.reason });
      continue;
    }
    const fallback = reading.defaults ? own(reading.defaults, f.key) : undefined;
    if (r.value === null && fallback && f.choices && Object.hasOwn(f.choices, fallback)) {
      values[f.key] = fallback;
      shown[f.key] = `${own(f.choices, fallback) ?? fallback} (default)`;
      (defaulted ??= []).push(f.key);
      continue;
    }
    if (r.note) notes.push(`${f.label}: ${r.note}`);
    if (r.approximate) quality.push({ field: f.key, label: f.label, kind: 'approximate', asWritten: cell.trim().slice(0, 500), note: r.note ?? 'approximate' });
    if (r.precision && r.precision !== 'day') precision[f.key] = r.precision;
    values[f.key] = r.value;
    const value = r.value;
    shown[f.key] =
      value === null || (Array.isArray(value) && !value.length)
        ? column >= 0 && !isUnknown(cell)
          ? ''
          : column >= 0
            ? 'not known'
            : ''
        : Array.isArray(value)
          ? value.join('; ')
          : f.choices
            ? (own(f.choices, String(value)) ?? String(value))
            : f.show
              ? f.show(value, r.precision)
              : String(value);
    if (f.required && (value === null || value === '')) errors.push({ field: f.label, reason: 'is needed' });
  }
  return { line, values: errors.length ? null : values, shown, notes, errors, quality, precision, ...(defaulted ? { defaulted } : {}) };
}

/** A column none of whose filled cells could be read: said once for the column rather than on every row. */
export interface UnreadableColumn {
  field: string;
  label: string;
  cells: number;
  example: string;
}

/**
 * The columns in which every filled cell (two or more) failed its reader: most likely the wrong
 * column matched. Their per-row notes are taken off the rows, so the file is not marked wrong
 * three hundred times for one mistake; the preview says it once.
 */
export function unreadableColumns(fields: ImportField[], read: ReadRow[]): UnreadableColumn[] {
  const out: UnreadableColumn[] = [];
  if (!read.some((r) => r.quality.some((q) => q.kind === 'unreadable'))) return out;
  for (const f of fields) {
    if (f.required) continue;
    let unreadable = 0;
    let readable = 0;
    let example = '';
    for (const r of read) {
      const q = r.quality.find((x) => x.field === f.key && x.kind === 'unreadable');
      if (q) {
        unreadable++;
        example ||= q.asWritten;
      } else if (
        r.values &&
        r.values[f.key] !== null &&
        r.values[f.key] !== undefined &&
        !(Array.isArray(r.values[f.key]) && !(r.values[f.key] as unknown[]).length)
      )
        readable++;
    }
    if (unreadable >= 2 && readable === 0) out.push({ field: f.key, label: f.label, cells: unreadable, example });
  }
  for (const c of out)
    for (const r of read) {
      r.quality = r.quality.filter((q) => q.field !== c.field);
      r.notes = r.notes.filter((n) => !n.startsWith(`${c.label}: kept as not known`));
    }
  return out;
}

/** Reads every row (the first is line `firstLine` of the file), and names rows that repeat the register's key (identifier, name or reference) used earlier in the file. */
export function readRows(kind: ImportKind, rows: string[][], mapping: Mapping, valueMaps: ValueMaps = dict(), firstLine = 2, reading: Reading = {}): ReadRow[] {
  const fields = kind.fields;
  const key = kind.key;
  const label = fields.find((f) => f.key === key)?.label ?? '';
  const seen = new Map<string, number>();
  const firstValues = new Map<string, Dict<unknown>>();
  const meanings = meaningsOf(fields, valueMaps);
  return rows.map((cells, i) => {
    const r = readRowWith(fields, cells, firstLine + i, mapping, meanings, reading);
    const named = key && r.values ? (r.values[key] ?? (kind.keyFallback ? r.values[kind.keyFallback] : null)) : null;
    if (key && r.values && named !== null && named !== undefined && named !== '') {
      const id = String(named).toLowerCase();
      const first = seen.get(id);
      const earlier = first !== undefined ? firstValues.get(id) : undefined;
      // One record listed on several rows (once for each department that uses it) is combined,
      // unless the rows disagree about it: then the later one is a different record misnamed.
      const disagree = earlier
        ? fields.filter((f) => {
            const a = earlier[f.key];
            const b = r.values![f.key];
            return a !== null && a !== undefined && b !== null && b !== undefined && !Array.isArray(a) && String(a).toLowerCase() !== String(b).toLowerCase();
          })
        : [];
      if (first !== undefined && kind.repeats === 'combine' && !disagree.length) {
        r.notes.push(`${label}: the same as row ${first}, so read as one record with it`);
      } else if (first !== undefined && disagree.length) {
        r.errors.push({
          field: label,
          reason: `repeats the ${label.toLowerCase()} on row ${first} but gives a different ${disagree.map((f) => f.label.toLowerCase()).join(', ')}`,
        });
        r.values = null;
      } else if (first !== undefined) {
        r.errors.push({ field: label, reason: `repeats the ${label.toLowerCase()} on row ${first}` });
        r.values = null;
      } else {
        seen.set(id, r.line);
        firstValues.set(id, r.values);
      }
    }
    return r;
  });
}

export interface ChoiceColumn {
  key: string;
  label: string;
  choices: Record<string, string>;
  words: { word: string; shown: string; rows: number; value: string | undefined }[];
}

/**
 * The free-text words in each mapped choice column and what each is taken to mean, for the person
 * to confirm: the starting meanings come from the usual synonyms, then from their own choices.
 */
export function choiceColumns(kind: ImportKind, rows: string[][], mapping: Mapping, valueMaps: ValueMaps = dict(), limit = 60): ChoiceColumn[] {
  const out: ChoiceColumn[] = [];
  for (const f of kind.fields) {
    const column = mapping[f.key] ?? -1;
    if (!f.choices || column < 0) continue;
    const words = new Map<string, { word: string; shown: string; rows: number; value: string | undefined }>();
    for (const cells of rows) {
      const cell = cells[column] ?? '';
      if (isUnknown(cell)) continue;
      const word = choiceWord(cell);
      const entry = words.get(word);
      if (entry) entry.rows++;
      else if (words.size < limit) words.set(word, { word, shown: cell.trim(), rows: 1, value: own(own(valueMaps, f.key), word) ?? own(f.synonyms, word) });
    }
    if (words.size) out.push({ key: f.key, label: f.label, choices: f.choices, words: [...words.values()].sort((a, b) => b.rows - a.rows) });
  }
  return out;
}
