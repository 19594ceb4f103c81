import { monthsTo, type MeasureUnit } from '../../platform/index.js';

export type KpiStatus = 'met' | 'near' | 'missed' | 'unknown';
export const statusNames: Record<KpiStatus, string> = { met: 'On target', near: 'Near target', missed: 'Off target', unknown: 'No figure yet' };

/** Where a value stands against its target: met, within the tolerance, or beyond it. */
export function statusOf(value: number | null, k: { target: number | null; tolerance: number; direction: 'up' | 'down' }): KpiStatus {
  if (value === null || k.target === null) return 'unknown';
  const short = k.direction === 'up' ? k.target - value : value - k.target;
  if (short <= 0) return 'met';
  return short <= k.tolerance ? 'near' : 'missed';
}

/** Why a target cannot be in this unit, or null when it can. */
export function targetProblem(unit: MeasureUnit, target: number | null): string | null {
  if (target === null) return null;
  if (unit === '%' && (target < 0 || target > 100)) return 'A target in per cent is between 0 and 100';
  if (unit === 'score' && (target < 1 || target > 5)) return 'A target score is between 1 and 5';
  if (unit === 'count' && (target < 0 || !Number.isInteger(target))) return 'A target count is a whole number, 0 or more';
  if (target < 0 && unit !== '£') return 'A target is 0 or more';
  return null;
}

/** The periods a trend shows, oldest first: the last 12 months, or the last 4 quarters (April to March years). */
export function periodsTo(month: string, period: 'month' | 'quarter'): { label: string; months: string[] }[] {
  const months = monthsTo(month, period === 'month' ? 12 : 12 + ((Number(month.slice(5)) + 8) % 3));
  if (period === 'month') return months.map((m) => ({ label: m, months: [m] }));
  const quarters = new Map<string, string[]>();
  for (const m of months) {
    const [y, mm] = m.split('-').map(Number) as [number, number];
    const fy = mm >= 4 ? y : y - 1;
    const q = Math.floor(((mm + 8) % 12) / 3) + 1;
    const label = `${fy}-${String(fy + 1).slice(2)} Q${q}`;
    quarters.set(label, [...(quarters.get(label) ?? []), m]);
  }
  return [...quarters].slice(-4).map(([label, ms]) => ({ label, months: ms }));
}

/** A period's figure from its months: the mean of the months that have one (a quarter's SLA, its satisfaction). */
export function periodValue(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10 : null;
}

export function show(value: number | null, unit: string) {
  if (value === null) return 'Not known';
  const n = value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  if (unit === '%') return `${n}%`;
  if (unit === '£') return `£${n}`;
  if (unit === 'score') return `${n} out of 5`;
  if (unit === 'count') return n;
  return `${n} ${unit}`;
}

/** A label for a month or quarter as people read it: "Nov 2026", "2026-27 Q3". */
export function periodLabel(label: string) {
  if (label.includes('Q')) return label;
  const [y, m] = label.split('-').map(Number) as [number, number];
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`;
}
