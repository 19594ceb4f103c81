import type { Access } from './access/roles.js';
import type { Db } from './audit/audit.js';

/** What a measure's numbers count. */
export const measureUnits = {
  '%': 'per cent',
  count: 'a count',
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
  score: 'a score out of 5',
  '£': 'pounds',
} as const;
export type MeasureUnit = keyof typeof measureUnits;

/**
 * A figure a module can work out from its own data, offered for KPIs (as panels are offered for
 * pages): the KPI module asks the platform for every module's measures and imports none of them.
 */
export interface Measure {
  /** Stored with a KPI: never changes once offered. `service-desk.sla-1`, `estate.past-end-of-support`. */
  key: string;
  name: string;
  /** What it counts and how, in a sentence a board member reads. */
  description: string;
  /** The area it comes from, as the navigation names it. */
  area: string;
  unit: MeasureUnit;
  direction: 'up' | 'down';
  /** A measure of what residents and staff get (satisfaction, time to a fix), not of the machinery. */
  userOutcome: boolean;
  /** Who may see the figure. */
  access: Access;
  /**
   * Its value for each month asked (`YYYY-MM`, oldest first), or null where there was nothing to
   * count. A measure of how things stand now (`history: false`) is asked only for the current month;
   * its earlier months are the readings the KPI module keeps.
   */
  monthly: (db: Db, organisationId: number, months: string[], shared: SharedWork) => Promise<(number | null)[]>;
  history: boolean;
}

/** Work several measures of one module share in one page (the service desk's rollup, read once). */
export class SharedWork {
  private readonly done = new Map<string, Promise<unknown>>();
  once<T>(key: string, work: () => Promise<T>): Promise<T> {
    const hit = this.done.get(key);
    if (hit) return hit as Promise<T>;
    const started = work();
    this.done.set(key, started);
    return started;
  }
}

let offered: Measure[] = [];

/** Called once when Steward is built, with every module's measures. */
export function offerMeasures(measures: Measure[]) {
  const keys = new Set<string>();
  for (const m of measures) {
    if (keys.has(m.key)) throw new Error(`The measure ${m.key} is offered twice`);
    keys.add(m.key);
  }
  offered = measures;
}

export const measures = () => offered;
export const measureNamed = (key: string) => offered.find((m) => m.key === key) ?? null;

/** The months from the April of a financial year, or the last n months to `month`, oldest first. */
export function monthsTo(month: string, n: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (n - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** The first and last day of a month. */
export function monthSpan(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}
