import { DateTime } from 'luxon';

/** Opening hours for one weekday, in minutes from local midnight; `close` may be 1440 (midnight). */
export interface OpeningHours {
  open: number;
  close: number;
}

/**
 * When the service desk's clock runs. Weekdays are ISO (1 = Monday … 7 = Sunday); a missing day
 * is closed. `closedDates` holds local dates (YYYY-MM-DD): bank holidays and the council's own
 * closure days. Times are local to `timeZone`, so the clock changes are handled by the zone rules.
 */
export interface WorkingCalendar {
  timeZone: string;
  hours: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7, OpeningHours>>;
  closedDates: ReadonlySet<string>;
}

export interface Interval {
  start: Date;
  /** null while still open, e.g. a ticket still awaiting the requester. */
  end: Date | null;
}

/** A calendar that never closes, for services supported around the clock. */
export const alwaysOpen = (timeZone = 'Europe/London'): WorkingCalendar => ({
  timeZone,
  hours: {
    1: { open: 0, close: 1440 },
    2: { open: 0, close: 1440 },
    3: { open: 0, close: 1440 },
    4: { open: 0, close: 1440 },
    5: { open: 0, close: 1440 },
    6: { open: 0, close: 1440 },
    7: { open: 0, close: 1440 },
  },
  closedDates: new Set(),
});

/** Ten years of days: a calendar open on no day at all must fail, not loop for ever. */
const maxDays = 3660;
const minute = 60_000;

type Window = { start: number; end: number } | null;

// Working windows depend only on the calendar and the date, and time-zone arithmetic is the costly
// part of every SLA sum, so each calendar remembers the windows it has worked out. Days are walked
// as local calendar dates held as UTC midnights (a day is always 24 hours there), and a zoned
// time is made only for a date the calendar has not seen yet.
const windowCache = new WeakMap<WorkingCalendar, Map<number, Window>>();
const dayMs = 86_400_000;

function windowOn(calendar: WorkingCalendar, day: number): Window {
  let cache = windowCache.get(calendar);
  if (!cache) windowCache.set(calendar, (cache = new Map()));
  const hit = cache.get(day);
  if (hit !== undefined) return hit;
  const window = computeWindow(calendar, day);
  if (cache.size > 20_000) cache.clear();
  cache.set(day, window);
  return window;
}

function computeWindow(calendar: WorkingCalendar, day: number): Window {
  const date = new Date(day);
  const weekday = (date.getUTCDay() || 7) as 1;
  const hours = calendar.hours[weekday];
  if (!hours || hours.close <= hours.open) return null;
  if (calendar.closedDates.has(date.toISOString().slice(0, 10))) return null;
  const local = DateTime.fromObject({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, { zone: calendar.timeZone });
  const at = (m: number) =>
    m >= 1440 ? local.plus({ days: 1 }).startOf('day') : local.set({ hour: Math.floor(m / 60), minute: m % 60, second: 0, millisecond: 0 });
  return { start: at(hours.open).toMillis(), end: at(hours.close).toMillis() };
}

/** The local day after `day`, by calendar date: right across clock changes. */
const nextDay = (day: number) => day + dayMs;

const quarterHour = 15 * minute;
const localDays = new Map<string, Map<number, number>>();
/**
 * The local calendar date of an instant, as its UTC midnight. Every zone's midnight falls on a
 * quarter hour of UTC, so the answer is the same for a whole quarter hour and is kept per zone
 * (every ticket's clock asks, and Luxon's zone arithmetic is the slow part).
 */
function localDay(calendar: WorkingCalendar, instant: Date): number {
  const slot = Math.floor(instant.getTime() / quarterHour);
  let days = localDays.get(calendar.timeZone);
  if (!days) localDays.set(calendar.timeZone, (days = new Map()));
  let day = days.get(slot);
  if (day === undefined) {
    const local = DateTime.fromMillis(slot * quarterHour, { zone: calendar.timeZone });
    day = Date.UTC(local.year, local.month - 1, local.day);
    if (days.size >= 50_000) days.clear();
    days.set(slot, day);
  }
  return day;
}

/** The instant that comes `minutes` working minutes after `start`. */
export function addWorkingMinutes(calendar: WorkingCalendar, start: Date, minutes: number): Date {
  if (minutes < 0) throw new RangeError('minutes must not be negative');
  let remaining = minutes * minute;
  let cursor = start.getTime();
  let day = localDay(calendar, start);
  for (let i = 0; i < maxDays; i++, day = nextDay(day)) {
    const w = windowOn(calendar, day);
    if (!w) continue;
    const from = Math.max(cursor, w.start);
    if (from >= w.end) continue;
    if (remaining === 0) return new Date(from);
    const available = w.end - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
    cursor = w.end;
  }
  throw new RangeError('The working calendar has no working time in the next ten years');
}

/** Working minutes between two instants (0 if `end` is not after `start`). */
export function workingMinutesBetween(calendar: WorkingCalendar, start: Date, end: Date): number {
  if (end <= start) return 0;
  let total = 0;
  const last = localDay(calendar, end);
  let day = localDay(calendar, start);
  for (let i = 0; i < maxDays && day <= last; i++, day = nextDay(day)) {
    const w = windowOn(calendar, day);
    if (!w) continue;
    const from = Math.max(start.getTime(), w.start);
    const to = Math.min(end.getTime(), w.end);
    if (to > from) total += to - from;
  }
  return total / minute;
}

export type SlaState = 'paused' | 'met' | 'breached' | 'warning' | 'on-track';

export interface SlaClock {
  /** Working minutes the clock has run, excluding pauses. */
  elapsed: number;
  /** Working minutes left before the target (negative once breached). */
  remaining: number;
  /** When the target falls, if the clock is running now; null while paused or stopped. */
  dueAt: Date | null;
  state: SlaState;
}

/**
 * Where a target stands at `now`: the clock starts at `start`, stops at `stoppedAt` (responded or
 * resolved), and does not run during `pauses` (awaiting the requester). A warning is given once
 * `warnShare` of the target has gone.
 */
export function slaClock(
  calendar: WorkingCalendar,
  input: { start: Date; targetMinutes: number; pauses: Interval[]; stoppedAt: Date | null; now: Date; warnShare: number },
): SlaClock {
  const until = input.stoppedAt ?? input.now;
  const paused = input.pauses.reduce(
    (sum, p) => sum + workingMinutesBetween(calendar, p.start < input.start ? input.start : p.start, p.end && p.end < until ? p.end : until),
    0,
  );
  const elapsed = Math.max(0, workingMinutesBetween(calendar, input.start, until) - paused);
  const remaining = input.targetMinutes - elapsed;
  const pausedNow = !input.stoppedAt && input.pauses.some((p) => p.end === null);
  let state: SlaState;
  if (input.stoppedAt) state = remaining >= 0 ? 'met' : 'breached';
  else if (remaining < 0) state = 'breached';
  else if (pausedNow) state = 'paused';
  else if (elapsed >= input.targetMinutes * input.warnShare) state = 'warning';
  else state = 'on-track';
  const dueAt = input.stoppedAt || pausedNow ? null : addWorkingMinutes(calendar, input.start, input.targetMinutes + paused);
  return { elapsed, remaining, dueAt, state };
}

/** Working days after `start`'s day, up to and including `end`'s day: the reopening window counts these. */
export function workingDaysAfter(calendar: WorkingCalendar, start: Date, end: Date): number {
  let count = 0;
  const last = localDay(calendar, end);
  let day = nextDay(localDay(calendar, start));
  for (let i = 0; i < maxDays && day <= last; i++, day = nextDay(day)) {
    if (windowOn(calendar, day)) count++;
  }
  return count;
}
