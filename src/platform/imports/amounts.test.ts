import { describe, expect, it } from 'vitest';
import { readCount, readMoney } from './amounts.js';

describe('money as registers write it', () => {
  it('reads approximate amounts as their number, marked approximate', () => {
    expect(readMoney('c. £3k')).toMatchObject({ ok: true, value: 3000, approximate: true, note: 'c. £3k read as £3,000, approximate' });
    expect(readMoney('approx £12,000')).toMatchObject({ value: 12000, approximate: true });
    expect(readMoney('~£450')).toMatchObject({ value: 450, approximate: true });
    expect(readMoney('circa 1.5m')).toMatchObject({ value: 1_500_000, approximate: true });
    expect(readMoney('up to £5k')).toMatchObject({ value: 5000, approximate: true });
  });

  it('reads free as £0, and a cost carried by another line as £0 with a note', () => {
    expect(readMoney('Free')).toMatchObject({ ok: true, value: 0 });
    expect(readMoney('nil cost')).toMatchObject({ ok: true, value: 0 });
    const bundled = readMoney('incl. M365');
    expect(bundled).toMatchObject({ ok: true, value: 0, approximate: true });
    expect(bundled.ok && bundled.note).toContain('another line');
    expect(readMoney('Included in the Microsoft EA')).toMatchObject({ ok: true, value: 0 });
    expect(readMoney('part of Capita contract')).toMatchObject({ ok: true, value: 0 });
  });

  it('turns a monthly or quarterly price into a year, and says so', () => {
    expect(readMoney('£250 per month')).toMatchObject({ value: 3000, note: expect.stringContaining('a month, times 12') });
    expect(readMoney('£1,000/qtr')).toMatchObject({ value: 4000 });
    expect(readMoney('£12k pa')).toMatchObject({ value: 12000 });
    expect(readMoney('£12,000 per annum')).toMatchObject({ value: 12000 });
  });

  it('reads VAT as written and ranges as their middle', () => {
    expect(readMoney('£10,000 + VAT')).toMatchObject({ value: 10000, note: expect.stringContaining('VAT') });
    expect(readMoney('£3-5k')).toMatchObject({ value: 4000, approximate: true });
    expect(readMoney('£3,000 to £5,000')).toMatchObject({ value: 4000, approximate: true });
    expect(readMoney('between 10k and 20k')).toMatchObject({ value: 15000, approximate: true });
  });

  it('says why it cannot read the rest', () => {
    expect(readMoney('ask finance')).toMatchObject({ ok: false, reason: expect.stringContaining('not an amount of money') });
    expect(readMoney('-£300')).toMatchObject({ ok: false, reason: expect.stringContaining('negative') });
    expect(readMoney('£5-3k')).toMatchObject({ ok: false });
  });
});

describe('counts as registers write them', () => {
  it('reads plain, approximate, open-ended and ranged counts', () => {
    expect(readCount('1,200')).toEqual({ ok: true, value: 1200 });
    expect(readCount('~20')).toMatchObject({ ok: true, value: 20, approximate: true, note: '~20 read as 20, approximate' });
    expect(readCount('c. 150')).toMatchObject({ value: 150, approximate: true });
    expect(readCount('20+')).toMatchObject({ value: 20, approximate: true });
    expect(readCount('over 5,000')).toMatchObject({ value: 5000, approximate: true });
    expect(readCount('20-30')).toMatchObject({ value: 25, approximate: true });
    expect(readCount('1.2k')).toMatchObject({ value: 1200 });
    expect(readCount('150 users')).toMatchObject({ value: 150 });
  });

  it('says why it cannot read the rest', () => {
    expect(readCount('all staff')).toMatchObject({ ok: false, reason: 'all staff is not a whole number' });
    expect(readCount('-3')).toMatchObject({ ok: false });
    expect(readCount('99999999999999')).toMatchObject({ ok: false });
  });
});

describe('words before a number', () => {
  it('takes the longest word first', () => {
    expect(readMoney('estimated £2k')).toMatchObject({ value: 2000, approximate: true });
    expect(readMoney('ca. 700')).toMatchObject({ value: 700, approximate: true });
  });
});
