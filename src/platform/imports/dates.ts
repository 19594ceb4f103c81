import { isUnknown, type DatePrecision, type Read } from './values.js';

/**
 * Dates as a council's register writes them, read day first (UK order): `31/03/2026`,
 * `2026-03-31`, `31 March 2026`, `March 31, 2026`, `Mar-26`, `03/2026`, `Q1 2027`, `2027/28`,
 * `2028`. A date written as less than a day (a month, a quarter, a year, a financial year) keeps
 * what was written as its precision; the day stored is its first day when it starts something and
 * its last day when it ends something, so comparisons treat `2028` as "by the end of 2028".
 */
export type DateRole = 'start' | 'end';

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthOf = (word: string) => {
  const w = word.toLowerCase().replace(/\.$/, '');
  const i = months.indexOf(w.slice(0, 3));
  // "Mar", "March" and "Sept" are months; "Marketing" is not.
  return i >= 0 && (w.length === 3 || w === 'sept' || (w.length > 3 && fullNames[i]!.startsWith(w))) ? i + 1 : 0;
};
const fullNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const fullYear = (y: string) => (y.length <= 2 ? 2000 + Number(y) : Number(y));

/** A span of months, first to last, as the day the role asks for. */
function span(y: number, first: number, last: number, role: DateRole, lastYear = y): string | null {
  return role === 'start' ? isoDate(y, first, 1) : isoDate(lastYear, last, lastDay(lastYear, last));
}

const precisionWords: Record<Exclude<DatePrecision, 'day'>, string> = {
  month: 'the month only',
  quarter: 'the quarter only',
  year: 'the year only',
  'financial-year': 'the financial year only',
};

function partial(text: string, value: string | null, precision: Exclude<DatePrecision, 'day'>, role: DateRole): Read<string> {
  if (!value) return { ok: false, reason: `${text} is not a real date` };
  return {
    ok: true,
    value,
    precision,
    note: `${text}: ${precisionWords[precision]}, kept as such (${role === 'start' ? 'from its first day' : 'to its last day'})`,
  };
}

function day(text: string, value: string | null, why = ''): Read<string> {
  return value ? { ok: true, value } : { ok: false, reason: `${text} is not a real date${why}` };
}

/** Reads a date for the role it plays: when something starts, or when it ends (end of support, a contract's end). */
export function readDateAs(role: DateRole) {
  return (cell: string): Read<string> => readDate(cell, role);
}

export function readDate(cell: string, role: DateRole = 'end'): Read<string> {
  if (isUnknown(cell)) return { ok: true, value: null };
  const written = cell.trim().replace(/\s+/g, ' ');
  const text = written
    .replace(/(\d)(?:st|nd|rd|th)\b/gi, '$1')
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m) return day(written, isoDate(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (m) return day(written, isoDate(fullYear(m[3]!), Number(m[2]), Number(m[1])), ' (dates are read day first)');
  m = /^(\d{1,2})[ -]([a-z]+\.?)[ -](\d{2}|\d{4})$/i.exec(text);
  if (m && monthOf(m[2]!)) return day(written, isoDate(fullYear(m[3]!), monthOf(m[2]!), Number(m[1])));
  m = /^([a-z]+\.?) (\d{1,2}) (\d{4})$/i.exec(text);
  if (m && monthOf(m[1]!)) return day(written, isoDate(Number(m[3]), monthOf(m[1]!), Number(m[2])));
  m = /^([a-z]+\.?)[ -/]'?(\d{2}|\d{4})$/i.exec(text);
  if (m && monthOf(m[1]!)) {
    const y = fullYear(m[2]!);
    const month = monthOf(m[1]!);
    return partial(written, span(y, month, month, role), 'month', role);
  }
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return partial(written, span(Number(m[2]), Number(m[1]), Number(m[1]), role), 'month', role);
  const yearFirst = /^(\d{4})[ -/]?q([1-4])$/i.exec(text);
  const quarter = /^q([1-4])[ -/]?'?(\d{2}|\d{4})$/i.exec(text) ?? (yearFirst ? [yearFirst[0], yearFirst[2]!, yearFirst[1]!] : null);
  if (quarter) {
    const q = Number(quarter[1]);
    return partial(written, span(fullYear(quarter[2]!), q * 3 - 2, q * 3, role), 'quarter', role);
  }
  m = /^(?:fy ?)?(\d{4})[/-](\d{2}|\d{4})$/i.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = m[2]!.length === 2 ? Math.floor(first / 100) * 100 + Number(m[2]) : Number(m[2]);
    // 2027/28 is the financial year from 1 April 2027 to 31 March 2028.
    if (second === first + 1) return partial(written, span(first, 4, 3, role, first + 1), 'financial-year', role);
  }
  m = /^(?:(?:by|end of|the end of|late|early|mid|start of|beginning of|during|in) )?(\d{4})$/i.exec(text);
  if (m) return partial(written, span(Number(m[1]), 1, 12, role), 'year', role);
  return { ok: false, reason: `${written} is not a date Steward can read; use 31/03/2026` };
}
