/** The financial year (by the April it starts in) a day falls in. */
export const financialYearOf = (day: string) => {
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? y : y - 1;
};
export const yearName = (fy: number) => `${fy} to ${fy + 1}`;

export const categories = [
  'Infrastructure and hosting',
  'Line-of-business applications',
  'Devices and printing',
  'Networks and telephony',
  'Security',
  'Staff',
  'Projects',
] as const;

/** Whole months of the financial year gone by on a day (the month under way is not yet in the ledger): 0 in April, 12 after March. */
export function monthsElapsed(fy: number, today: string) {
  const t = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  const start = fy * 12 + 3;
  return Math.max(0, Math.min(12, t - start));
}

/** The outturn: the forecast the budget holder gave, or the actuals so far run on at their monthly rate. */
export function outturnOf(line: { budget: number; forecast: number | null; actual: number }, elapsed: number) {
  if (line.forecast !== null) return line.forecast;
  if (elapsed >= 12) return line.actual;
  return elapsed ? Math.round((line.actual / elapsed) * 12) : line.budget;
}

export interface SystemCost {
  cost: number;
  areas: number[];
}

/**
 * Each council service's share of the systems' costs: a system used by one service is its direct
 * cost; one used by several is shared, equally or by the services' headcounts. A system no service
 * uses is named as not allocated, never dropped.
 */
export function allocate(systems: SystemCost[], rule: 'equal' | 'headcount', headcount: Map<number, number>) {
  const byArea = new Map<number, { direct: number; shared: number }>();
  let unallocated = 0;
  let unallocatedSystems = 0;
  const to = (id: number) => {
    let a = byArea.get(id);
    if (!a) byArea.set(id, (a = { direct: 0, shared: 0 }));
    return a;
  };
  for (const s of systems) {
    if (!s.cost) continue;
    if (!s.areas.length) {
      unallocated += s.cost;
      unallocatedSystems++;
    } else if (s.areas.length === 1) to(s.areas[0]!).direct += s.cost;
    else {
      const weights = s.areas.map((id) => (rule === 'headcount' ? (headcount.get(id) ?? 0) : 1));
      const total = weights.reduce((x, y) => x + y, 0);
      for (const [i, id] of s.areas.entries()) to(id).shared += total ? (s.cost * weights[i]!) / total : s.cost / s.areas.length;
    }
  }
  return { byArea, unallocated, unallocatedSystems };
}
