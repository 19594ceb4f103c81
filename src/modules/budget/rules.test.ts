import { describe, expect, it } from 'vitest';
import { allocate, financialYearOf, monthsElapsed, outturnOf } from './rules.js';

describe('budget rules', () => {
  it('knows the April-to-March year of a day and how much of it has gone', () => {
    expect(financialYearOf('2026-03-31')).toBe(2025);
    expect(financialYearOf('2026-04-01')).toBe(2026);
    expect(monthsElapsed(2026, '2026-12-03')).toBe(8);
    expect(monthsElapsed(2026, '2026-03-01')).toBe(0);
    expect(monthsElapsed(2025, '2026-12-03')).toBe(12);
  });

  it('forecasts the outturn from the budget holder, or runs the actuals on at their rate', () => {
    expect(outturnOf({ budget: 120_000, forecast: 130_000, actual: 10 }, 6)).toBe(130_000);
    expect(outturnOf({ budget: 120_000, forecast: null, actual: 66_000 }, 6)).toBe(132_000);
    expect(outturnOf({ budget: 120_000, forecast: null, actual: 0 }, 0)).toBe(120_000);
  });

  it('gives a service its own systems’ costs and a share of those it shares, by the rule chosen', () => {
    const systems = [
      { cost: 90_000, areas: [10] },
      { cost: 30_000, areas: [10, 20, 30] },
      { cost: 5_000, areas: [] },
    ];
    const equal = allocate(systems, 'equal', new Map());
    expect(equal.byArea.get(10)).toEqual({ direct: 90_000, shared: 10_000 });
    expect(equal.unallocated).toBe(5_000);
    const byHeads = allocate(
      systems,
      'headcount',
      new Map([
        [10, 100],
        [20, 50],
        [30, 50],
      ]),
    );
    expect(byHeads.byArea.get(10)!.shared).toBe(15_000);
    expect(byHeads.byArea.get(20)!.shared).toBe(7_500);
  });
});
