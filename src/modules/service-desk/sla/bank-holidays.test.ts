import { describe, expect, it } from 'vitest';
import { coverage, parseBankHolidays, shippedBankHolidays } from './bank-holidays.js';

describe('bank holidays', () => {
  it('ships the known dates for all three divisions', () => {
    const all = shippedBankHolidays();
    const dates = (d: string) => all.filter((h) => h.division === d).map((h) => h.date);
    expect(dates('england-and-wales')).toEqual(expect.arrayContaining(['2026-04-03', '2026-04-06', '2026-08-31', '2026-12-28']));
    expect(dates('scotland')).toEqual(expect.arrayContaining(['2026-01-02', '2026-08-03', '2026-11-30']));
    expect(dates('scotland')).not.toContain('2026-04-06');
    expect(dates('northern-ireland')).toEqual(expect.arrayContaining(['2026-03-17', '2026-07-13']));
  });

  it('ships every date GOV.UK has published, from 2018, one-off holidays included', () => {
    const all = shippedBankHolidays();
    const dates = (d: string) => all.filter((h) => h.division === d).map((h) => h.date);
    for (const d of ['england-and-wales', 'scotland', 'northern-ireland']) {
      expect(dates(d)[0]).toBe('2018-01-01');
      // VE day moved the early May holiday; the jubilee, the state funeral and the coronation were UK-wide.
      expect(dates(d)).toEqual(expect.arrayContaining(['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']));
      expect(dates(d)).not.toContain('2020-05-04');
      expect(new Set(dates(d)).size).toBe(dates(d).length);
    }
    expect(dates('scotland')).toEqual(expect.arrayContaining(['2019-12-02', '2021-01-04', '2023-01-03']));
    expect(dates('northern-ireland')).toEqual(expect.arrayContaining(['2018-03-19', '2020-07-13']));
    expect(dates('england-and-wales')).toEqual(expect.arrayContaining(['2020-12-28', '2021-12-27', '2021-12-28', '2022-12-27']));
  });

  it('reads a copy of GOV.UK’s file that has only one of the divisions', () => {
    const file = { 'england-and-wales': { division: 'england-and-wales', events: [{ title: 'Christmas Day', date: '2028-12-25' }] } };
    expect(parseBankHolidays(JSON.stringify(file))).toEqual([{ division: 'england-and-wales', date: '2028-12-25', title: 'Christmas Day' }]);
    expect(() => parseBankHolidays('{"wales": {"division": "wales", "events": []}}')).toThrow(/none of the divisions/);
  });

  it('reads a GOV.UK file with a one-off holiday no rule predicts', () => {
    const file = {
      'england-and-wales': {
        division: 'england-and-wales',
        events: [{ title: 'Bank holiday for the coronation of King Charles III', date: '2023-05-08', notes: '', bunting: true }],
      },
      scotland: { division: 'scotland', events: [] },
      'northern-ireland': { division: 'northern-ireland', events: [] },
    };
    expect(parseBankHolidays('\uFEFF' + JSON.stringify(file))).toEqual([
      { division: 'england-and-wales', date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III' },
    ]);
  });

  it('refuses what is not that format, saying so', () => {
    expect(() => parseBankHolidays('not json')).toThrow(/not JSON/);
    expect(() => parseBankHolidays('{"scotland": {}}')).toThrow(/bank-holidays.json format/);
    const bad = {
      'england-and-wales': { division: 'x', events: [{ title: 'x', date: '31/12/2026' }] },
      scotland: { division: 's', events: [] },
      'northern-ireland': { division: 'n', events: [] },
    };
    expect(() => parseBankHolidays(JSON.stringify(bad))).toThrow(/YYYY-MM-DD/);
  });

  it('says which years the dates cover, and warns in the last year before they run out', () => {
    const dates = [{ date: '2018-01-01' }, { date: '2027-12-28' }];
    expect(coverage(dates, '2026-12-01')).toEqual({ firstYear: '2018', lastYear: '2027', lastKnown: '2027-12-28', runningOut: false });
    expect(coverage(dates, '2027-01-15').runningOut).toBe(true);
    expect(coverage([], '2026-12-01')).toMatchObject({ lastKnown: undefined, runningOut: true });
  });
});
