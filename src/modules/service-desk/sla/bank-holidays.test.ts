import { describe, expect, it } from 'vitest';
import { parseBankHolidays, shippedBankHolidays } from './bank-holidays.js';

describe('bank holidays', () => {
  it('ships the known dates for all three divisions', () => {
    const all = shippedBankHolidays();
    const dates = (d: string) => all.filter((h) => h.division === d).map((h) => h.date);
    expect(dates('england-and-wales')).toEqual(expect.arrayContaining(['2026-04-03', '2026-04-06', '2026-08-31', '2026-12-28']));
    expect(dates('scotland')).toEqual(expect.arrayContaining(['2026-01-02', '2026-08-03', '2026-11-30']));
    expect(dates('scotland')).not.toContain('2026-04-06');
    expect(dates('northern-ireland')).toEqual(expect.arrayContaining(['2026-03-17', '2026-07-13']));
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
});
