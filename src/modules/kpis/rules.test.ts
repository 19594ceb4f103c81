import { describe, expect, it } from 'vitest';
import { periodsTo, periodValue, show, statusOf, targetProblem } from './rules.js';

describe('KPI rules', () => {
  it('says whether a figure meets its target, is near it or is off it, whichever way is better', () => {
    expect(statusOf(96, { target: 95, tolerance: 2, direction: 'up' })).toBe('met');
    expect(statusOf(94, { target: 95, tolerance: 2, direction: 'up' })).toBe('near');
    expect(statusOf(90, { target: 95, tolerance: 2, direction: 'up' })).toBe('missed');
    expect(statusOf(30, { target: 20, tolerance: 5, direction: 'down' })).toBe('missed');
    expect(statusOf(18, { target: 20, tolerance: 5, direction: 'down' })).toBe('met');
    expect(statusOf(null, { target: 20, tolerance: 5, direction: 'down' })).toBe('unknown');
  });

  it('refuses a target in the wrong unit', () => {
    expect(targetProblem('%', 150)).toContain('between 0 and 100');
    expect(targetProblem('score', 7)).toContain('between 1 and 5');
    expect(targetProblem('count', 2.5)).toContain('whole number');
    expect(targetProblem('%', 95)).toBeNull();
  });

  it('shows the last twelve months, or the last four quarters of April-to-March years', () => {
    expect(periodsTo('2026-11', 'month').map((p) => p.label)).toEqual(
      Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 11 + i, 1)).toISOString().slice(0, 7)),
    );
    const quarters = periodsTo('2026-11', 'quarter');
    expect(quarters.map((q) => q.label)).toEqual(['2025-26 Q4', '2026-27 Q1', '2026-27 Q2', '2026-27 Q3']);
    expect(quarters.at(-1)!.months).toEqual(['2026-10', '2026-11']);
    expect(quarters[0]!.months).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('works out a period from its months and shows it in its unit', () => {
    expect(periodValue([90, null, 96])).toBe(93);
    expect(periodValue([null])).toBeNull();
    expect(show(4.25, 'score')).toBe('4.3 out of 5');
    expect(show(1250, 'minutes')).toBe('1,250 minutes');
  });
});
