import { describe, expect, it } from 'vitest';
import { backlogByAge, summarise, weekOf } from './figures.js';

describe('dashboard figures', () => {
  it('buckets days into weeks starting on Monday', () => {
    expect(weekOf('2026-11-25')).toBe('2026-11-23');
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
    expect(weekOf('2026-11-29')).toBe('2026-11-23');
  });

  it('works out SLA compliance, first-contact resolution, mean time to resolve and satisfaction', () => {
    const f = summarise(
      [
        { day: '2026-11-23', priority: 1, created: 2, resolved: 2, breached: 1, first_contact: 1, resolve_minutes: 120 },
        { day: '2026-11-24', priority: 3, created: 5, resolved: 3, breached: 0, first_contact: 3, resolve_minutes: 600 },
        { day: '2026-11-30', priority: 3, created: 1, resolved: 0, breached: 0, first_contact: 0, resolve_minutes: 0 },
      ],
      [
        { score: 5, n: 3 },
        { score: 2, n: 1 },
      ],
    );
    expect(f.volume).toEqual([
      { week: '2026-11-23', created: 7, resolved: 5 },
      { week: '2026-11-30', created: 1, resolved: 0 },
    ]);
    expect(f.sla[0]).toMatchObject({ priority: 1, resolved: 2, met: 1, compliance: 50 });
    expect(f.sla[2]).toMatchObject({ priority: 3, compliance: 100 });
    expect(f.sla[1]!.compliance).toBeNull();
    expect(f.firstContactResolution).toBe(80);
    expect(f.meanHoursToResolve).toBe(2.4);
    expect(f.satisfaction).toMatchObject({ responses: 4, average: 4.3 });
  });

  it('splits the open backlog into age bands', () => {
    expect(backlogByAge(100, [60, 40, 30, 10]).map((b) => b.n)).toEqual([40, 20, 10, 20, 10]);
  });
});
