/**
 * The one way to write money and dates for people: pounds with no pence, UK dates in London time.
 * Pages use these (templates through the `money`, `date` and `dateTime` filters), never their own.
 */
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const compactPounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', notation: 'compact', maximumSignificantDigits: 3 });
const londonDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** £12,500; `unknown` when there is no amount; `compact` for pictures (£1.2M). */
export function money(value: number | string | null | undefined, options: { unknown?: string; compact?: boolean } = {}): string {
  if (value === null || value === undefined || value === '') return options.unknown ?? '';
  return (options.compact ? compactPounds : pounds).format(Number(value));
}

/**
 * Formatting in a time zone is slow next to everything else a list page does, and a queue shows
 * the same minutes page after page: each minute's text is kept (a pure function of the minute).
 */
function byMinute(format: Intl.DateTimeFormat) {
  const texts = new Map<number, string>();
  return (iso: string | null | undefined) => {
    if (!iso) return '';
    const at = Date.parse(iso);
    if (Number.isNaN(at)) return format.format(new Date(iso));
    const minute = Math.floor(at / 60_000);
    let text = texts.get(minute);
    if (text === undefined) {
      text = format.format(new Date(minute * 60_000));
      if (texts.size >= 20_000) texts.clear();
      texts.set(minute, text);
    }
    return text;
  };
}

/** 31 March 2027, from an ISO date or timestamp. */
export const date = byMinute(londonDate);

/** 31 Mar 2027, 14:05, in London time. */
export const dateTime = byMinute(londonDateTime);

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A date as much as it is known: `2028` when only the year was given, `March 2027` for a month,
 * `January to March 2027` for a quarter, `2027/28` for a financial year, otherwise the whole date.
 * The day stored is the first or last of the span; it is never shown as if someone had said it.
 */
export function partialDate(value: string | null | undefined, precision: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m || !precision || precision === 'day') return date(value);
  const y = Number(m[1]);
  const month = Number(m[2]);
  if (precision === 'year') return String(y);
  if (precision === 'month') return `${monthNames[month - 1]} ${y}`;
  if (precision === 'quarter') {
    const first = Math.floor((month - 1) / 3) * 3;
    return `${monthNames[first]} to ${monthNames[first + 2]} ${y}`;
  }
  if (precision === 'financial-year') {
    const start = month >= 4 ? y : y - 1;
    return `${start}/${String((start + 1) % 100).padStart(2, '0')} (financial year)`;
  }
  return date(value);
}
