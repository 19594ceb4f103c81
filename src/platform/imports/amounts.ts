import { isUnknown, type Read } from './values.js';

/**
 * Money and counts as people write them in a register: `£12,500`, `12.5k`, `c. £3k`, `~20`,
 * `Free`, `incl. M365`, `£250 per month`, `£3-5k`, `20+`. What was read approximately is marked
 * approximate, and the note says how the cell was read.
 */

const approximately =
  /^(?:circa|ca\.(?=\s*[£\d])|c\.?(?=\s*[£\d])|approximately|approx\.?|about|around|roughly|estimated|est\.?|~|≈|up to|under|over|less than|more than|at least|at most|<|>|≤|≥)\s*/i;
const atLeast = /\s*(?:\+|or more|plus)$/i;
const multipliers: [RegExp, number][] = [
  [/^(?:k|thousand|grand)$/i, 1_000],
  [/^(?:m|mn|million)$/i, 1_000_000],
  [/^(?:bn|billion)$/i, 1_000_000_000],
];
const periods: [RegExp, number, string][] = [
  [/(?:\/|\bper\s+|\ba\s+|\bp\/?)(?:month|mth|mo|m)\b\.?$|\bmonthly$|\bpcm$|\bp\.?c\.?m\.?$/i, 12, 'a month'],
  [/(?:\/|\bper\s+|\ba\s+|\bp\/?)(?:quarter|qtr|q)\b\.?$|\bquarterly$/i, 4, 'a quarter'],
  [/(?:\/|\bper\s+|\ba\s+|\bp\/?)(?:week|wk|w)\b\.?$|\bweekly$/i, 52, 'a week'],
  [/(?:\/|\bper\s+|\ba\s+)(?:year|yr|annum|y)\b\.?$|\bp\.?\s?a\.?$|\bannually$|\byearly$/i, 1, 'a year'],
];
const vat = /\s*\(?(?:\+\s*vat\b|\b(?:plus vat|ex\.?\s*vat|exc\.?\s*vat|excl\.?\s*vat|excluding vat|inc\.?\s*vat|incl\.?\s*vat|including vat)\b)\)?\.?/i;
const free = /^(?:free|no cost|nil cost|zero|£?0(?:\.0+)?|no charge|free of charge|foc|n\/c)$/i;
const elsewhere =
  /^(?:incl\.?|inc\.?|included(?:\s+(?:in|with))?|includes?d?\s+in|part of|covered by|bundled(?:\s+with)?|within|under|in|paid (?:by|from|under)|funded (?:by|from))\s+\S/i;

interface Amount {
  value: number;
  approximate: boolean;
  how: string[];
}

/** A number with thousands separators, decimals and a multiplier word: 12,500, 12 500, 1.2m, 3 thousand. */
function number(text: string): number | null {
  const m = /^(\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.(\d+))?\s*([a-z]+)?$/i.exec(text.trim());
  if (!m) return null;
  let value = Number(`${m[1]!.replace(/[, ]/g, '')}.${m[2] ?? '0'}`);
  if (m[3]) {
    const times = multipliers.find(([word]) => word.test(m[3]!));
    if (!times) return null;
    value *= times[1];
  }
  return value;
}

/** What a cell of money or a count says, once the words around the number are understood; null when it says no number. */
function amount(cell: string, currency: boolean): Amount | null {
  let text = cell.trim().replace(/\s+/g, ' ');
  const how: string[] = [];
  let approximate = false;
  const words = approximately.exec(text);
  if (words) {
    approximate = true;
    text = text.slice(words[0].length);
  }
  if (atLeast.test(text)) {
    approximate = true;
    text = text.replace(atLeast, '');
  }
  let times = 1;
  if (currency) {
    if (vat.test(text)) {
      how.push(`VAT as written: ${vat.exec(text)![0].trim()}`);
      text = text.replace(vat, '').trim();
    }
    for (const [pattern, factor, per] of periods) {
      if (!pattern.test(text)) continue;
      times = factor;
      text = text.replace(pattern, '').trim();
      if (factor !== 1) how.push(`${per}, times ${factor} for the year`);
      break;
    }
    text = text.replace(/^(?:gbp|£)\s*/i, '').replace(/\s*(?:gbp|pounds?)$/i, '');
  } else {
    text = text.replace(/\s+(?:users?|staff|people|licen[cs]es?|seats?|accounts?|officers?|members?)$/i, '');
  }
  // A range reads as its middle: "£3-5k" is about £4,000.
  const range = /^(.+?)\s*(?:-|–|to|and)\s*(?:£\s*)?(.+)$/i.exec(text.replace(/^between\s+/i, ''));
  if (range) {
    const unit = /[a-z]+$/i.exec(range[2]!)?.[0] ?? '';
    const low = number(/[a-z]$/i.test(range[1]!) ? range[1]! : `${range[1]}${unit ? ` ${unit}` : ''}`.replace(/^£\s*/, ''));
    const high = number(range[2]!);
    if (low !== null && high !== null && high >= low) {
      how.push('a range, read as its middle');
      return { value: ((low + high) / 2) * times, approximate: true, how };
    }
  }
  const value = number(text);
  if (value === null) return null;
  return { value: value * times, approximate, how };
}

const pounds = (n: number) => `£${n.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;

/**
 * Pounds, never negative: £12,500, 12500, 12.5k, £1.2m, c. £3k, £250 per month, £3-5k, Free
 * (£0), and "incl. M365" (£0, the cost sitting with another line).
 */
export function readMoney(cell: string): Read<number> {
  if (isUnknown(cell)) return { ok: true, value: null };
  const written = cell.trim();
  if (free.test(written)) return written === '0' || /^£0/.test(written) ? { ok: true, value: 0 } : { ok: true, value: 0, note: `${written} read as £0` };
  if (/^\(.*\)$|^-\s*£?\d|^£\s*-/.test(written)) return { ok: false, reason: `${written} is negative: costs cannot be negative` };
  const read = amount(written, true);
  if (!read) {
    if (elsewhere.test(written)) return { ok: true, value: 0, note: `${written}: read as £0 here, the cost sitting with another line`, approximate: true };
    return { ok: false, reason: `${written} is not an amount of money; use 12500 or £12,500` };
  }
  const value = Math.round(read.value * 100) / 100;
  const plain = !read.approximate && !read.how.length && /^£?\s*[\d,. ]+[km]?$/i.test(written);
  if (plain) return { ok: true, value };
  return {
    ok: true,
    value,
    note: `${written} read as ${pounds(value)}${read.approximate ? ', approximate' : ''}${read.how.length ? ` (${read.how.join('; ')})` : ''}`,
    ...(read.approximate ? { approximate: true } : {}),
  };
}

/** A whole number such as a count of users: 1,200, 1.2k, ~20, 20+, 20-30, 150 users. */
export function readCount(cell: string): Read<number> {
  if (isUnknown(cell)) return { ok: true, value: null };
  const written = cell.trim();
  if (/^-\s*\d/.test(written)) return { ok: false, reason: `${written} is negative` };
  const read = amount(written, false);
  if (!read) return { ok: false, reason: `${written} is not a whole number` };
  const value = Math.round(read.value);
  if (!Number.isSafeInteger(value) || value > 2 ** 31 - 1) return { ok: false, reason: `${written} is too large` };
  if (/^[\d,]+$/.test(written) && value === read.value) return { ok: true, value };
  return {
    ok: true,
    value,
    note: `${written} read as ${value.toLocaleString('en-GB')}${read.approximate ? ', approximate' : ''}${read.how.length ? ` (${read.how.join('; ')})` : ''}`,
    ...(read.approximate ? { approximate: true } : {}),
  };
}
