import { own } from '../dict.js';
/**
 * Reading the values people put in a council's spreadsheets, the way a person would: the building
 * blocks of every import. Each reader says what it made of a cell, or why it could
 * not, so the import preview can show both.
 */
export type Read<T> =
  | {
      ok: true;
      value: T | null;
      /** How the cell was read, when a person would want to know (`c. £3k read as £3,000, approximate`). */
      note?: string;
      /** The value is near, not exact: kept on the record as a data-quality note. */
      approximate?: boolean;
      /** A date written as less than a day: the day stored is the start or end of what was written. */
      precision?: DatePrecision;
    }
  | { ok: false; reason: string };

export type DatePrecision = 'day' | 'month' | 'quarter' | 'year' | 'financial-year';

const unknownWords = new Set(['', '-', '--', '?', 'tbc', 'tbd', 'n/a', 'na', 'n.a.', 'unknown', 'not known', 'none', 'nil', 'to be confirmed']);

/** Blank, TBC, N/A, Unknown and the like mean "not known", not an error. */
export function isUnknown(cell: string | null | undefined): boolean {
  return unknownWords.has((cell ?? '').trim().toLowerCase());
}

export function stripBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

/**
 * A period in whole months: 12, 12 months, 6 mths, 1 year, 90 days (to the nearest month), and
 * extension options written as 2 x 12 months.
 */
export function readMonths(cell: string): Read<number> {
  if (isUnknown(cell)) return { ok: true, value: null };
  const text = cell.trim().toLowerCase();
  const m = /^(?:(\d+)\s*[x×*]\s*)?(\d+(?:\.\d+)?)\s*(months?|mths?|mos?|m|years?|yrs?|y|weeks?|wks?|days?|d)?$/.exec(text);
  if (!m) return { ok: false, reason: `${cell.trim()} is not a period Steward can read; use 12 months` };
  const times = m[1] ? Number(m[1]) : 1;
  const n = Number(m[2]) * times;
  const unit = m[3] ?? 'months';
  const months = /^y/.test(unit) ? n * 12 : /^w/.test(unit) ? n / 4.345 : /^d/.test(unit) ? n / 30.44 : n;
  const whole = Math.round(months);
  if (whole > 240) return { ok: false, reason: `${cell.trim()} is longer than 20 years` };
  return whole === months ? { ok: true, value: whole } : { ok: true, value: whole, note: `${cell.trim()} read as ${whole} months` };
}

/**
 * Several names in one cell, separated by semicolons, commas or new lines. " and " is left alone:
 * "Revenues and benefits" is one name; a kind that knows the names may split "Payroll and
 * Pensions" itself when both halves are names it holds (`splitOnAnd`).
 */
export function readList(cell: string): string[] {
  if (isUnknown(cell)) return [];
  return cell
    .split(/[;\n,]/)
    .map((s) => s.trim())
    .filter((s) => s && !isUnknown(s));
}

/**
 * Free text mapped to one of Steward's values by a table of synonyms the person confirms in the
 * import. Unknown words are reported, not guessed.
 */
export function readChoice<T extends string>(cell: string, mapping: Record<string, T>): Read<T> {
  if (isUnknown(cell)) return { ok: true, value: null };
  const key = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  const value = own(mapping, key);
  if (value === undefined) return { ok: false, reason: `“${cell.trim()}” is not one of the values mapped for this column` };
  // An empty mapping is the person saying the word means "not known".
  return { ok: true, value: value === '' ? null : value };
}

/** "Payroll and Pensions" as two names when both are names the caller knows; otherwise null. */
export function splitOnAnd(name: string, known: (part: string) => boolean): string[] | null {
  const parts = name
    .split(/\s+(?:and|&)\s+/i)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 1 && parts.every(known) ? parts : null;
}
