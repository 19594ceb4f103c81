import { describe, expect, it } from 'vitest';
import { backlogByAge, openByArea, summarise, weekOf } from './figures.js';

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

  it('counts open tickets by directorate and service area, adding up to the whole', () => {
    const adults = { directorate_id: 1, directorate_name: 'Adults and Health' };
    const f = openByArea([
      { service_id: 10, n: 4, area_id: 2, area_name: 'Adult Social Care', ...adults },
      { service_id: 11, n: 3, area_id: 3, area_name: 'Public Health', ...adults },
      { service_id: 12, n: 2, area_id: 2, area_name: 'Adult Social Care', ...adults },
      { service_id: 13, n: 5, area_id: 9, area_name: 'Coroner', directorate_id: null, directorate_name: null },
      { service_id: 14, n: 6, area_id: null, area_name: null, directorate_id: null, directorate_name: null },
      { service_id: null, n: 1, area_id: null, area_name: null, directorate_id: null, directorate_name: null },
    ]);
    expect(f.rows.map((r) => [r.name, r.open])).toEqual([
      ['Adults and Health', 9],
      ['Coroner', 5],
    ]);
    expect(f.rows[0]!.areas).toEqual([
      { areaId: 2, name: 'Adult Social Care', open: 6 },
      { areaId: 3, name: 'Public Health', open: 3 },
    ]);
    expect(f.rows[1]!.areas).toEqual([]);
    expect(f.noArea).toBe(7);
  });
});
