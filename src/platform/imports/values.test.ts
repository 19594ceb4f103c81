import { describe, expect, it } from 'vitest';
import { isUnknown, readChoice, readList, splitOnAnd, stripBom } from './values.js';
import { readCount, readMoney } from './amounts.js';
import { readDate } from './dates.js';

const hostingSynonyms = { 'on prem': 'on-premises', 'supplier hosted': 'saas' };
const criticalitySynonyms = { 'business critical': '1' };

describe('reading a spreadsheet as a person would', () => {
  it('treats TBC, N/A, Unknown and blanks as not known', () => {
    for (const cell of ['', '  ', 'TBC', 'n/a', 'N/A', 'Unknown', '-', '?']) expect(isUnknown(cell)).toBe(true);
    expect(isUnknown('Civica')).toBe(false);
    expect(readDate('TBC')).toEqual({ ok: true, value: null });
    expect(readMoney('N/A')).toEqual({ ok: true, value: null });
  });

  it('reads dates day first, ISO dates, and months alone as their last day', () => {
    expect(readDate('31/03/2026')).toMatchObject({ ok: true, value: '2026-03-31' });
    expect(readDate('2026-03-31')).toMatchObject({ ok: true, value: '2026-03-31' });
    expect(readDate('31-03-26')).toMatchObject({ ok: true, value: '2026-03-31' });
    expect(readDate('Mar-26')).toMatchObject({ ok: true, value: '2026-03-31', precision: 'month' });
    expect(readDate('Mar-26', 'start')).toMatchObject({ ok: true, value: '2026-03-01', precision: 'month' });
    expect(readDate('February 2028')).toMatchObject({ ok: true, value: '2028-02-29' });
    expect(readDate('1 April 2027')).toMatchObject({ ok: true, value: '2027-04-01' });
    expect(readDate('31/02/2026')).toMatchObject({ ok: false });
    expect(readDate('next year')).toMatchObject({ ok: false });
  });

  it('reads money with pounds signs, commas and k or m', () => {
    expect(readMoney('£12,500')).toEqual({ ok: true, value: 12500 });
    expect(readMoney('£12,500.50')).toEqual({ ok: true, value: 12500.5 });
    expect(readMoney('12500')).toEqual({ ok: true, value: 12500 });
    expect(readMoney('22k')).toEqual({ ok: true, value: 22000 });
    expect(readMoney('£1.2m')).toEqual({ ok: true, value: 1200000 });
    expect(readMoney('-5')).toMatchObject({ ok: false, reason: expect.stringContaining('negative') });
    expect(readMoney('about ten grand')).toMatchObject({ ok: false });
    expect(readMoney('(500)')).toMatchObject({ ok: false, reason: expect.stringContaining('negative') });
  });

  it('reads counts and lists in one cell', () => {
    expect(readCount('1,200')).toEqual({ ok: true, value: 1200 });
    expect(readCount('lots')).toMatchObject({ ok: false });
    expect(readList('Finance; HR, Payroll and Pensions')).toEqual(['Finance', 'HR', 'Payroll and Pensions']);
    expect(readList('Revenues and benefits')).toEqual(['Revenues and benefits']);
    expect(splitOnAnd('Payroll and Pensions', (n) => ['Payroll', 'Pensions'].includes(n))).toEqual(['Payroll', 'Pensions']);
    expect(splitOnAnd('Revenues and benefits', (n) => n === 'Revenues')).toBeNull();
    expect(readList('N/A')).toEqual([]);
  });

  it('maps free text to Steward’s values, reporting what it cannot map', () => {
    expect(readChoice('On Prem', hostingSynonyms)).toEqual({ ok: true, value: 'on-premises' });
    expect(readChoice('Supplier hosted', hostingSynonyms)).toEqual({ ok: true, value: 'saas' });
    expect(readChoice('Business Critical', criticalitySynonyms)).toEqual({ ok: true, value: '1' });
    expect(readChoice('under the stairs', hostingSynonyms)).toMatchObject({ ok: false });
    expect(readChoice('constructor', hostingSynonyms)).toMatchObject({ ok: false });
  });

  it('drops an Excel byte-order mark', () => {
    expect(stripBom('\uFEFFIdentifier,Name')).toBe('Identifier,Name');
  });
});
