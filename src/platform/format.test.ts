import { describe, expect, it } from 'vitest';
import { date, dateTime, money, partialDate } from './format.js';

describe('money and dates for people', () => {
  it('writes dates and times in London time, summer and winter, the same every time it is asked', () => {
    for (let i = 0; i < 2; i++) {
      expect(dateTime('2026-07-01T13:05:59.999Z')).toBe('1 Jul 2026, 14:05');
      expect(dateTime('2026-12-01T13:05:00.000Z')).toBe('1 Dec 2026, 13:05');
      expect(date('2027-03-31')).toBe('31 March 2027');
      expect(date('2026-10-24T23:30:00.000Z')).toBe('25 October 2026');
    }
    expect(dateTime(null)).toBe('');
    expect(date(undefined)).toBe('');
  });

  it('writes pounds without pence', () => {
    expect(money(12500)).toBe('£12,500');
    expect(money(null, { unknown: 'Not known' })).toBe('Not known');
  });
});

describe('dates known only in part', () => {
  it('shows what was given, never an invented day', () => {
    expect(partialDate('2028-12-31', 'year')).toBe('2028');
    expect(partialDate('2027-03-31', 'month')).toBe('March 2027');
    expect(partialDate('2027-06-30', 'quarter')).toBe('April to June 2027');
    expect(partialDate('2028-03-31', 'financial-year')).toBe('2027/28 (financial year)');
    expect(partialDate('2027-04-01', 'financial-year')).toBe('2027/28 (financial year)');
    expect(partialDate('2027-03-31', null)).toBe('31 March 2027');
    expect(partialDate(null, 'year')).toBe('');
  });
});
