import type { TicketDailyStatsTable } from '../tables.js';

/** The manager dashboard's figures, worked out from the daily rollup: pure, so unit-tested. */
export type DayStats = Omit<TicketDailyStatsTable, 'organisation_id'>;

/** The Monday (UTC) of the week a date falls in. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

export function summarise(days: DayStats[], ratings: { score: number; n: number }[]) {
  const weeks = new Map<string, { week: string; created: number; resolved: number }>();
  const byPriority = new Map<number, { priority: number; resolved: number; breached: number }>();
  let resolved = 0;
  let firstContact = 0;
  let minutes = 0;
  let created = 0;
  for (const d of days) {
    const w = weekOf(d.day);
    const week = weeks.get(w) ?? { week: w, created: 0, resolved: 0 };
    week.created += d.created;
    week.resolved += d.resolved;
    weeks.set(w, week);
    const p = byPriority.get(d.priority) ?? { priority: d.priority, resolved: 0, breached: 0 };
    p.resolved += d.resolved;
    p.breached += d.breached;
    byPriority.set(d.priority, p);
    resolved += d.resolved;
    firstContact += d.first_contact;
    minutes += Number(d.resolve_minutes);
    created += d.created;
  }
  const rated = ratings.reduce((n, r) => n + Number(r.n), 0);
  const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);
  return {
    created,
    resolved,
    volume: [...weeks.values()].sort((a, b) => a.week.localeCompare(b.week)),
    sla: [1, 2, 3, 4].map((priority) => {
      const p = byPriority.get(priority) ?? { priority, resolved: 0, breached: 0 };
      return { ...p, met: p.resolved - p.breached, compliance: share(p.resolved - p.breached, p.resolved) };
    }),
    firstContactResolution: share(firstContact, resolved),
    meanHoursToResolve: resolved ? Math.round((minutes / resolved / 60) * 10) / 10 : null,
    satisfaction: {
      responses: rated,
      average: rated ? Math.round((ratings.reduce((s, r) => s + r.score * Number(r.n), 0) / rated) * 10) / 10 : null,
      byScore: [1, 2, 3, 4, 5].map((score) => ({ score, n: Number(ratings.find((r) => r.score === score)?.n ?? 0) })),
    },
  };
}

export const ageBands = [
  { label: 'Under a day', days: 1 },
  { label: '1 to 3 days', days: 3 },
  { label: '3 to 7 days', days: 7 },
  { label: '1 to 4 weeks', days: 28 },
  { label: 'Over 4 weeks', days: Infinity },
];

/** Open tickets per age band, from counts of open tickets older than each band's start. */
export function backlogByAge(totalOpen: number, olderThan: number[]) {
  const bounds = [totalOpen, ...olderThan, 0];
  return ageBands.map((b, i) => ({ label: b.label, n: bounds[i]! - bounds[i + 1]! }));
}

export interface OpenByService {
  service_id: number | null;
  n: number;
  area_id: number | null;
  area_name: string | null;
  directorate_id: number | null;
  directorate_name: string | null;
}

export interface AreaFigure {
  /** The queue's `area` filter for this row: a directorate, or a service area not yet placed in one. */
  areaId: number;
  name: string;
  open: number;
  areas: { areaId: number; name: string; open: number }[];
}

/**
 * Open tickets by directorate and service area, largest first. Tickets whose service names no
 * service area (or that have no service) are counted apart, so the rows add up to the open total.
 */
export function openByArea(rows: OpenByService[]): { rows: AreaFigure[]; noArea: number } {
  const top = new Map<number, AreaFigure>();
  let noArea = 0;
  for (const r of rows) {
    const n = Number(r.n);
    if (r.area_id === null) {
      noArea += n;
      continue;
    }
    const areaId = Number(r.area_id);
    // An area not yet placed in a directorate stands on its own row.
    const topId = r.directorate_id === null ? areaId : Number(r.directorate_id);
    const row = top.get(topId) ?? { areaId: topId, name: (r.directorate_id === null ? r.area_name : r.directorate_name) ?? '', open: 0, areas: [] };
    row.open += n;
    if (r.directorate_id !== null) {
      const area = row.areas.find((a) => a.areaId === areaId);
      if (area) area.open += n;
      else row.areas.push({ areaId, name: r.area_name ?? '', open: n });
    }
    top.set(topId, row);
  }
  const largest = <T extends { open: number; name: string }>(a: T, b: T) => b.open - a.open || a.name.localeCompare(b.name);
  for (const row of top.values()) row.areas.sort(largest);
  return { rows: [...top.values()].sort(largest), noArea };
}
