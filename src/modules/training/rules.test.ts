import { describe, expect, it } from 'vitest';
import { coverage, expiresOn, inDate, percent } from './rules.js';

describe('training rules', () => {
  it('counts a completion until the same day a refresh interval later, at a month’s end where that day is missing', () => {
    expect(expiresOn('2026-03-15', 12)).toBe('2027-03-15');
    expect(expiresOn('2026-08-31', 6)).toBe('2027-02-28');
    expect(inDate('2025-12-02', 12, '2026-12-01')).toBe(true);
    expect(inDate('2025-12-01', 12, '2026-12-01')).toBe(false);
    expect(inDate(null, 12, '2026-12-01')).toBe(false);
  });

  it('gives coverage of the required courses by directorate, and overall', () => {
    const latest = new Map([
      ['1|10', '2026-06-01'],
      ['1|11', '2026-06-01'],
      ['2|10', '2026-06-01'],
      ['3|10', '2024-01-01'],
    ]);
    const { directorates, total } = coverage(
      [
        { id: 1, directorate: 'Place' },
        { id: 2, directorate: 'Place' },
        { id: 3, directorate: '' },
      ],
      [
        { id: 10, refresh_months: 12 },
        { id: 11, refresh_months: 24 },
      ],
      latest,
      '2026-12-01',
    );
    expect(directorates.map((d) => [d.directorate, d.people, d.allInDate, d.courses.get(10) ?? 0])).toEqual([
      ['Not recorded', 1, 0, 0],
      ['Place', 2, 1, 2],
    ]);
    expect(total).toMatchObject({ people: 3, allInDate: 1 });
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
  });
});
