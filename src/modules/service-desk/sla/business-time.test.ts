import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, alwaysOpen, slaClock, workingDaysAfter, workingMinutesBetween, type WorkingCalendar } from './business-time.js';

const officeHours = { open: 8 * 60 + 30, close: 17 * 60 };
const council: WorkingCalendar = {
  timeZone: 'Europe/London',
  hours: { 1: officeHours, 2: officeHours, 3: officeHours, 4: officeHours, 5: officeHours },
  closedDates: new Set(['2026-12-25', '2026-12-28', '2027-01-01']),
};
const at = (iso: string) => new Date(iso);
const add = (start: string, minutes: number) => addWorkingMinutes(council, at(start), minutes).toISOString();

describe('addWorkingMinutes on a council calendar (Mon–Fri 08:30–17:00, Europe/London)', () => {
  it('adds within one working day', () => {
    expect(add('2026-11-23T10:00:00Z', 60)).toBe('2026-11-23T11:00:00.000Z');
  });
  it('carries over the weekend', () => {
    expect(add('2026-11-27T16:30:00Z', 60)).toBe('2026-11-30T09:00:00.000Z');
  });
  it('starts the clock at opening for a ticket raised at the weekend', () => {
    expect(add('2026-11-28T11:00:00Z', 30)).toBe('2026-11-30T09:00:00.000Z');
  });
  it('starts the clock at opening for a ticket raised before hours', () => {
    expect(add('2026-11-24T07:00:00Z', 30)).toBe('2026-11-24T09:00:00.000Z');
  });
  it('carries a ticket raised after hours to the next morning', () => {
    expect(add('2026-11-24T18:00:00Z', 30)).toBe('2026-11-25T09:00:00.000Z');
  });
  it('skips Christmas, the weekend and the substitute Boxing Day', () => {
    expect(add('2026-12-24T16:00:00Z', 120)).toBe('2026-12-29T09:30:00.000Z');
  });
  it('ends exactly at closing when the time runs out then', () => {
    expect(add('2026-11-23T16:00:00Z', 60)).toBe('2026-11-23T17:00:00.000Z');
  });
  it('follows the clocks going back (BST to GMT)', () => {
    // Friday 23 October 2026 16:00 BST is 15:00 UTC; Monday 26 October opens at 08:30 GMT.
    expect(add('2026-10-23T15:00:00Z', 120)).toBe('2026-10-26T09:30:00.000Z');
  });
  it('follows the clocks going forward (GMT to BST)', () => {
    // Monday 30 March 2026 opens at 08:30 BST, which is 07:30 UTC.
    expect(add('2026-03-27T16:00:00Z', 120)).toBe('2026-03-30T08:30:00.000Z');
  });
  it('refuses a negative amount', () => {
    expect(() => add('2026-11-23T10:00:00Z', -1)).toThrow(RangeError);
  });
  it('fails rather than loops when the calendar never opens', () => {
    expect(() => addWorkingMinutes({ timeZone: 'Europe/London', hours: {}, closedDates: new Set() }, at('2026-01-01T00:00:00Z'), 1)).toThrow(/no working time/);
  });
});

describe('an around-the-clock calendar', () => {
  it('counts real time across the 25-hour day when the clocks go back', () => {
    expect(addWorkingMinutes(alwaysOpen(), at('2026-10-24T23:00:00Z'), 24 * 60).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(workingMinutesBetween(alwaysOpen(), at('2026-10-24T23:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(1440);
  });
});

describe('workingMinutesBetween', () => {
  it('counts only working time over a weekend', () => {
    expect(workingMinutesBetween(council, at('2026-11-27T16:00:00Z'), at('2026-11-30T10:00:00Z'))).toBe(150);
  });
  it('is zero out of hours and when the end is before the start', () => {
    expect(workingMinutesBetween(council, at('2026-11-28T09:00:00Z'), at('2026-11-29T17:00:00Z'))).toBe(0);
    expect(workingMinutesBetween(council, at('2026-11-30T10:00:00Z'), at('2026-11-27T16:00:00Z'))).toBe(0);
  });
  it('agrees with addWorkingMinutes', () => {
    const start = at('2026-12-23T11:17:00Z');
    for (const m of [1, 59, 510, 777, 3000]) {
      expect(workingMinutesBetween(council, start, addWorkingMinutes(council, start, m))).toBeCloseTo(m, 6);
    }
  });
});

describe('slaClock', () => {
  const base = { targetMinutes: 240, warnShare: 0.75, stoppedAt: null };
  it('does not count time awaiting the requester, and moves the due time on', () => {
    const c = slaClock(council, {
      ...base,
      start: at('2026-11-23T09:00:00Z'),
      pauses: [{ start: at('2026-11-23T10:00:00Z'), end: at('2026-11-24T10:00:00Z') }],
      now: at('2026-11-24T11:00:00Z'),
    });
    expect(c.elapsed).toBe(120);
    expect(c.remaining).toBe(120);
    expect(c.state).toBe('on-track');
    expect(c.dueAt?.toISOString()).toBe('2026-11-24T13:00:00.000Z');
  });
  it('is paused, with no due time, while awaiting the requester', () => {
    const c = slaClock(council, {
      ...base,
      start: at('2026-11-23T09:00:00Z'),
      pauses: [{ start: at('2026-11-23T10:00:00Z'), end: null }],
      now: at('2026-11-25T11:00:00Z'),
    });
    expect(c.state).toBe('paused');
    expect(c.elapsed).toBe(60);
    expect(c.dueAt).toBeNull();
  });
  it('warns once the share of the target has gone', () => {
    const c = slaClock(council, { ...base, targetMinutes: 60, start: at('2026-11-23T09:00:00Z'), pauses: [], now: at('2026-11-23T09:50:00Z') });
    expect(c.state).toBe('warning');
  });
  it('records a breach', () => {
    const c = slaClock(council, { ...base, targetMinutes: 60, start: at('2026-11-23T09:00:00Z'), pauses: [], now: at('2026-11-23T10:30:00Z') });
    expect(c).toMatchObject({ state: 'breached', remaining: -30 });
  });
  it('is met or breached for good once stopped', () => {
    const met = slaClock(council, {
      ...base,
      targetMinutes: 60,
      start: at('2026-11-23T09:00:00Z'),
      pauses: [],
      stoppedAt: at('2026-11-23T09:40:00Z'),
      now: at('2026-12-01T09:00:00Z'),
    });
    expect(met).toMatchObject({ state: 'met', elapsed: 40, dueAt: null });
    const late = slaClock(council, {
      ...base,
      targetMinutes: 60,
      start: at('2026-11-23T09:00:00Z'),
      pauses: [],
      stoppedAt: at('2026-11-23T10:40:00Z'),
      now: at('2026-12-01T09:00:00Z'),
    });
    expect(late.state).toBe('breached');
  });
  it('starts a ticket raised on Saturday at Monday opening', () => {
    const c = slaClock(council, { ...base, targetMinutes: 60, start: at('2026-11-28T10:00:00Z'), pauses: [], now: at('2026-11-30T08:45:00Z') });
    expect(c).toMatchObject({ elapsed: 15, state: 'on-track' });
    expect(c.dueAt?.toISOString()).toBe('2026-11-30T09:30:00.000Z');
  });
});

describe('workingDaysAfter', () => {
  it('counts working days, not calendar days, for the reopening window', () => {
    // Resolved Thursday 24 December 2026; Christmas, the weekend and the 28th are closed.
    expect(workingDaysAfter(council, at('2026-12-24T12:00:00Z'), at('2026-12-28T12:00:00Z'))).toBe(0);
    expect(workingDaysAfter(council, at('2026-12-24T12:00:00Z'), at('2026-12-29T12:00:00Z'))).toBe(1);
    expect(workingDaysAfter(council, at('2026-11-23T12:00:00Z'), at('2026-11-30T08:00:00Z'))).toBe(5);
  });
});
