import { describe, expect, it } from 'vitest';
import { dependencyLoop, horizonOf, portfolio, progressOf, quarterName, quarterOf, quarterStart, timeline } from './rules.js';

describe('the roadmap’s rules', () => {
  it('finds the loop a new dependency would close, and names it from the new dependency round', () => {
    const edges = [
      { project_id: 1, depends_on_id: 2 },
      { project_id: 2, depends_on_id: 3 },
    ];
    expect(dependencyLoop(edges, 3, 1)).toEqual([1, 2, 3]);
    expect(dependencyLoop(edges, 1, 3)).toBeNull();
    expect(dependencyLoop(edges, 4, 4)).toEqual([4]);
  });

  it('counts quarters from April, as a council’s financial year does', () => {
    expect(quarterOf('2026-04-01')).toEqual({ year: 2026, quarter: 1 });
    expect(quarterOf('2026-12-03')).toEqual({ year: 2026, quarter: 3 });
    expect(quarterOf('2027-03-31')).toEqual({ year: 2026, quarter: 4 });
    expect(quarterName({ year: 2026, quarter: 4 })).toBe('Q4 2026/27');
    expect(quarterStart({ year: 2026, quarter: 4 })).toBe('2027-01-01');
  });

  it('puts what is under way now, what starts within six months next, and ideas later', () => {
    expect(horizonOf({ stage: 'beta', start_on: null }, '2026-12-03')).toBe('now');
    expect(horizonOf({ stage: 'discovery', start_on: '2026-11-01' }, '2026-12-03')).toBe('now');
    expect(horizonOf({ stage: 'discovery', start_on: '2027-03-01' }, '2026-12-03')).toBe('next');
    expect(horizonOf({ stage: 'idea', start_on: '2026-01-01' }, '2026-12-03')).toBe('next');
    expect(horizonOf({ stage: 'idea', start_on: null }, '2026-12-03')).toBe('later');
    expect(horizonOf({ stage: 'discovery', start_on: '2028-01-01' }, '2026-12-03')).toBe('later');
    expect(horizonOf({ stage: 'closed', start_on: '2025-01-01' }, '2026-12-03')).toBe('done');
  });

  it('draws each dated project as a bar across the quarters it spans, and lists the undated apart', () => {
    const t = timeline(
      [
        { id: 1, reference: 'PRJ-001', title: 'A', rag: 'green', start_on: '2026-04-01', end_on: '2026-09-30' },
        { id: 2, reference: 'PRJ-002', title: 'B', rag: 'red', start_on: null, end_on: null },
      ],
      '2026-07-01',
      { quarterWidth: 100, labelWidth: 200 },
    );
    expect(t.quarters.map((q) => q.name)).toEqual(['Q1 2026/27', 'Q2 2026/27']);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.x).toBe(200);
    expect(t.rows[0]!.width).toBeGreaterThan(195);
    expect(t.today).toBe(300);
    expect(t.undated.map((p) => p.id)).toEqual([2]);
  });

  it('sums the open portfolio by objective and status, and measures progress from baseline to target', () => {
    const p = portfolio([
      { objective_id: 1, rag: 'red', stage: 'alpha', budget: 100, spend: 40 },
      { objective_id: 1, rag: 'green', stage: 'live', budget: null, spend: 5 },
      { objective_id: null, rag: 'amber', stage: 'closed', budget: 999, spend: 999 },
    ]);
    expect(p.byObjective.get(1)).toEqual({ red: 1, amber: 0, green: 1, total: 2, budget: 100, spend: 45 });
    expect(p.total.total).toBe(2);
    expect(progressOf({ baseline: 410, current: 365, target: 150 })).toBe(17);
    expect(progressOf({ baseline: 48, current: 90, target: 80 })).toBe(100);
    expect(progressOf({ baseline: 48, current: null, target: 80 })).toBeNull();
  });
});
