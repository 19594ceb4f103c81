import { own } from '../dict.js';
/**
 * Reading the values people put in a council's spreadsheets, the way a person would: the building
 * blocks of every import. Each reader says what it made of a cell, or why it could
 * not, so the import preview can show both.
 */
export type Read<T> = { ok: true; value: T | null; note?: string } | { ok: false; reason: string };

const unknownWords = new Set(['', '-', '--', '?', 'tbc', 'tbd', 'n/a', 'na', 'n.a.', 'unknown', 'not known', 'none', 'nil', 'to be confirmed']);

/** Blank, TBC, N/A, Unknown and the like mean "not known", not an error. */
export function isUnknown(cell: string | null | undefined): boolean {
  return unknownWords.has((cell ?? '').trim().toLowerCase());
}

export function stripBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const fullYear = (y: number) => (y < 100 ? 2000 + y : y);

/** 31/03/2026, 31-03-26, 2026-03-31, Mar-26, March 2026, 31 March 2026 (UK day-first order). A month alone means its last day. */
export function readDate(cell: string): Read<string> {
  if (isUnknown(cell)) return { ok: true, value: null };
  const text = cell.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) {
    const v = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return v ? { ok: true, value: v } : { ok: false, reason: `${text} is not a real date` };
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) {
    const v = isoDate(fullYear(Number(m[3])), Number(m[2]), Number(m[1]));
    return v ? { ok: true, value: v } : { ok: false, reason: `${text} is not a real date (dates are read day first)` };
  }
  m = /^(\d{1,2})\s+([a-z]+)\.?\s+(\d{2}|\d{4})$/i.exec(text);
  if (m) {
    const month = months.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
    const v = month ? isoDate(fullYear(Number(m[3])), month, Number(m[1])) : null;
    return v ? { ok: true, value: v } : { ok: false, reason: `${text} is not a real date` };
  }
  m = /^([a-z]+)\.?[\s-]+(\d{2}|\d{4})$/i.exec(text);
  if (m) {
    const month = months.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1;
    if (!month) return { ok: false, reason: `${text} is not a date Steward can read` };
    const y = fullYear(Number(m[2]));
    return { ok: true, value: isoDate(y, month, lastDay(y, month)), note: 'a month alone is read as its last day' };
  }
  return { ok: false, reason: `${text} is not a date Steward can read; use 31/03/2026` };
}

/** £12,500, 12500, 12.5k, £1.2m, 22K: pounds, never negative. */
export function readMoney(cell: string): Read<number> {
  if (isUnknown(cell)) return { ok: true, value: null };
  const text = cell.trim().replace(/^£\s*/, '').replace(/,/g, '').replace(/\s+/g, '');
  const m = /^(-?\d+(?:\.\d+)?)(k|m)?$/i.exec(text.replace(/^£/, ''));
  if (!m) return { ok: false, reason: `${cell.trim()} is not an amount of money; use 12500 or £12,500` };
  const value = Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1_000 : m[2]?.toLowerCase() === 'm' ? 1_000_000 : 1);
  if (value < 0) return { ok: false, reason: `${cell.trim()} is negative: costs cannot be negative` };
  return { ok: true, value: Math.round(value * 100) / 100 };
}

/** A whole number such as a count of users: 1,200 or 1200. */
export function readCount(cell: string): Read<number> {
  if (isUnknown(cell)) return { ok: true, value: null };
  const text = cell.trim().replace(/,/g, '');
  if (!/^\d+$/.test(text)) return { ok: false, reason: `${cell.trim()} is not a whole number` };
  return { ok: true, value: Number(text) };
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

/** Several names in one cell: separated by semicolons, commas, new lines or " and ". */
export function readList(cell: string): string[] {
  if (isUnknown(cell)) return [];
  return cell
    .split(/[;\n,]|\s+and\s+/i)
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
