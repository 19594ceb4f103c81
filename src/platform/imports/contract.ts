import type { Ability } from '../access/abilities.js';
import type { AuditRecorder, Db, Tx } from '../audit/audit.js';
import type { Dict } from '../dict.js';
import type { DatePrecision, Read } from './values.js';

/**
 * The importer contract: what a module declares to let people bring a kind of record in from a
 * spreadsheet. The platform does the rest, the same for every kind: upload, matching columns,
 * confirming what free-text words mean, the preview, the rows left out and why, and the one
 * transaction that writes the rest. A new kind is one file that exports one of these.
 */
export interface ImportField {
  key: string;
  label: string;
  required?: boolean;
  /** The headings a council's spreadsheet usually gives the column, lower case. */
  headings: string[];
  /** How a cell is read: a value, not known, or why it cannot be read. */
  read?: (cell: string) => Read<unknown>;
  /** How the preview shows a value read (a date as a person writes it, money in pounds); its text when absent. */
  show?: (value: unknown, precision: DatePrecision | undefined) => string;
  /** A choice from Steward's values: free text the person maps to one of these in the preview. */
  choices?: Record<string, string>;
  /** The usual words for each choice, the starting meanings the person confirms. */
  synonyms?: Dict<string>;
  /**
   * What a cell that cannot be read does: ordinarily the field goes in as not known, with a note on
   * the record; `leave-row-out` for a field the row means nothing without (a relationship's kind).
   */
  whenUnreadable?: 'not-known' | 'leave-row-out';
}

/** Which column (by position) fills each field; -1 when the file does not have it. */
export type Mapping = Dict<number>;
/** For each choice field, what each word in the file means: a Steward value, or '' for not known. */
export type ValueMaps = Dict<Dict<string>>;

/**
 * What a row says about the quality of one of its cells, kept on the record it writes: a cell that
 * could not be read (kept as not known, to be put right), or one read approximately.
 */
export interface CellQuality {
  field: string;
  label: string;
  kind: 'unreadable' | 'approximate';
  asWritten: string;
  note: string;
}

/** One row as read and checked: what it means, how the preview shows it, and every reason it is left out. */
export interface ReadRow {
  line: number;
  /** What the row means, field by field; null when it is left out. */
  values: Dict<unknown> | null;
  shown: Dict<string>;
  notes: string[];
  errors: { field: string; reason: string }[];
  /** Cells kept as not known or read approximately; each becomes a data-quality note on the record. */
  quality: CellQuality[];
  /** Dates written as less than a day, by field. */
  precision: Dict<DatePrecision>;
  /** Fields the row did not give, filled from the import's defaults: they never overwrite a value already recorded. */
  defaulted?: string[];
}

/** A row that passed every check, as the kind's `apply` receives it. */
export interface GoodRow {
  line: number;
  values: Dict<unknown>;
  quality: CellQuality[];
  precision: Dict<DatePrecision>;
  defaulted?: string[];
}

/** What confirming did, in counts the person recognises; `skipped` is added by the platform. */
export interface ImportCounts {
  added: number;
  updated: number;
  /** Records the file names that already held exactly what the file says. */
  unchanged?: number;
  /** Anything else the kind counts (dependencies recorded, suppliers added...). */
  [other: string]: number | undefined;
}
export type ImportResult = ImportCounts & { skipped: number };

export interface ApplyContext {
  organisationId: number;
  /** The import being confirmed, for a kind that keeps a record of each file (a vulnerability scan). */
  importId: number;
  personId: number | null;
  mapping: Mapping;
  /** Fields given a default for rows that do not say: written as if the file had the column. */
  defaults: Dict<string>;
  /** For each matched field, each name (lower case) to the record it is, or 'new': near matches only as the person confirmed them. */
  matches: Dict<Dict<number | 'new'>>;
  filename: string;
  now: string;
  /** Call every few hundred rows: the page shows how many are written. */
  progress(done: number): Promise<void>;
  /**
   * The record a row wrote, so the row's data-quality notes are kept on it (and listed under
   * Needs attention): its type, id and name as the person knows it, and where it is.
   */
  wrote(row: GoodRow, record: { entityType: string; entityId: number; name: string; href: string }): void;
}

export interface ImportKind {
  /** In the address and the API: systems, contracts, vulnerabilities. */
  name: string;
  /** As the person reads it: Systems, Contracts. */
  title: string;
  /** Who may import it; the same ability as recording one by hand. */
  ability: Ability<never>;
  fields: ImportField[];
  /** The field that names a record: a file naming it twice has its second row left out. */
  key?: string;
  /** When a row leaves the key blank (a file with no identifier column), the field that names it instead. */
  keyFallback?: string;
  /**
   * `combine`: a record named on several rows (one system listed for each department that uses
   * it) is one record; `apply` receives every row and folds them together. Otherwise a repeat is
   * left out.
   */
  repeats?: 'leave-out' | 'combine';
  /**
   * Fields whose words name records Steward already holds (a system's supplier): an exact name is
   * used, a near one is offered to the person and used only once they confirm it.
   */
  matches?: { field: string; noun: string; existing(db: Db, organisationId: number): Promise<{ id: number; name: string }[]> }[];
  /** Rows for the downloadable template. */
  template: string[][];
  /**
   * A file in a published format (the capability framework's exports) rather than a council's own
   * spreadsheet: it must have every one of the kind's columns, and a file that lacks any is refused
   * at upload, naming them, instead of asking the person to match columns it does not have.
   */
  publishedFormat?: string;
  /** Where the imported records are, for the done page. */
  home: { text: string; href: string };
  /**
   * The checks that need the register (names that must exist, rules across fields), run once
   * each time the columns or meanings change, and kept: mark each failing row with `fail`, and
   * say how many good rows would update an existing record, and anything else confirming would
   * do that the person should know first (`says`: "12 findings will be closed").
   */
  check(db: Db, organisationId: number, rows: ReadRow[], reading: { strict: boolean }): Promise<{ updates: number; says?: string[] }>;
  /** Writes the good rows inside the platform's one transaction, auditing each record it adds or changes. */
  apply(tx: Tx, audit: AuditRecorder, context: ApplyContext, rows: GoodRow[]): Promise<ImportCounts>;
  /** What an import did, in a sentence for the done page. */
  describe(result: ImportResult): string;
  /**
   * Puts right one field of a record an earlier import could not read, from the Needs attention
   * page: `value` is what the field's own reader made of what the person typed.
   */
  fix?(
    tx: Tx,
    audit: AuditRecorder,
    organisationId: number,
    entityId: number,
    field: string,
    value: unknown,
    precision: DatePrecision | undefined,
  ): Promise<void>;
  /** Which noted fields `fix` can put right; the others are changed on the record's own page. Every field when absent. */
  fixable?(field: string): boolean;
}

/** Leaves a row out, naming the field and why. */
export function fail(row: ReadRow, field: string, reason: string) {
  row.errors.push({ field, reason });
  row.values = null;
}

/**
 * Keeps a row but not one of its values: the field goes in as not known, with a data-quality note
 * naming the column and the text as written (a resolver team nobody has, a dependency on a system
 * nobody recorded). In a strict import the row is left out instead.
 */
export function keepAsNotKnown(row: ReadRow, field: string, label: string, asWritten: string, reason: string, strict = false) {
  if (strict) return fail(row, label, reason);
  if (row.values && field in row.values && !Array.isArray(row.values[field])) row.values[field] = null;
  row.notes.push(`${label}: ${reason}`);
  row.quality.push({ field, label, kind: 'unreadable', asWritten: asWritten.slice(0, 500), note: reason });
}

/** "3 systems", "1 system": counts in words, as every kind's summary writes them. */
export const counted = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
