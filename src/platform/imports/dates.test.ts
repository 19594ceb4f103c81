import { describe, expect, it } from 'vitest';
import { readDate } from './dates.js';

describe('dates as registers write them', () => {
  it('reads whole dates in the ways people write them, day first', () => {
    for (const cell of [
      '31/03/2026',
      '31.03.2026',
      '31-03-26',
      '2026-03-31',
      '2026/03/31',
      '31 March 2026',
      '31st March 2026',
      '31 Mar 2026',
      'March 31, 2026',
      '2026-03-31T00:00:00.000Z',
    ])
      expect(readDate(cell), cell).toEqual({ ok: true, value: '2026-03-31' });
  });

  it('keeps a month, quarter, year or financial year as written, to its first or last day', () => {
    expect(readDate('Apr-20', 'start')).toMatchObject({ value: '2020-04-01', precision: 'month' });
    expect(readDate('Apr-20', 'end')).toMatchObject({ value: '2020-04-30', precision: 'month' });
    expect(readDate('February 2028')).toMatchObject({ value: '2028-02-29', precision: 'month' });
    expect(readDate("Sept '27")).toMatchObject({ value: '2027-09-30', precision: 'month' });
    expect(readDate('03/2027')).toMatchObject({ value: '2027-03-31', precision: 'month' });
    expect(readDate('2028')).toMatchObject({ value: '2028-12-31', precision: 'year', note: expect.stringContaining('the year only') });
    expect(readDate('2028', 'start')).toMatchObject({ value: '2028-01-01', precision: 'year' });
    expect(readDate('end of 2027')).toMatchObject({ value: '2027-12-31', precision: 'year' });
    expect(readDate('Q1 2027')).toMatchObject({ value: '2027-03-31', precision: 'quarter' });
    expect(readDate('2027 Q3', 'start')).toMatchObject({ value: '2027-07-01', precision: 'quarter' });
    expect(readDate('2027/28')).toMatchObject({ value: '2028-03-31', precision: 'financial-year' });
    expect(readDate('FY2027-28', 'start')).toMatchObject({ value: '2027-04-01', precision: 'financial-year' });
  });

  it('refuses what is not a date, saying why', () => {
    expect(readDate('31/02/2026')).toMatchObject({ ok: false, reason: expect.stringContaining('not a real date') });
    expect(readDate('next year')).toMatchObject({ ok: false });
    expect(readDate('Marketing 2026')).toMatchObject({ ok: false });
    expect(readDate('13/2026')).toMatchObject({ ok: false });
    expect(readDate('2027/29')).toMatchObject({ ok: false });
    expect(readDate('TBC')).toEqual({ ok: true, value: null });
  });
});
