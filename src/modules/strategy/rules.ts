/** A project's phase, as the GOV.UK service manual names them, with an idea before and closed after. */
export const stages = {
  idea: 'Idea',
  discovery: 'Discovery',
  alpha: 'Alpha',
  beta: 'Beta',
  live: 'Live',
  closed: 'Closed',
} as const;
export type Stage = keyof typeof stages;
export const stageKeys = Object.keys(stages) as [Stage, ...Stage[]];

export const rags = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
export type Rag = keyof typeof rags;
export const ragKeys = Object.keys(rags) as [Rag, ...Rag[]];

export const effects = { introduces: 'Introduces', changes: 'Changes', retires: 'Retires' } as const;
export type Effect = keyof typeof effects;
export const effectKeys = Object.keys(effects) as [Effect, ...Effect[]];

/**
 * The chain that adding "project depends on dependsOn" would close, from dependsOn back round to
 * project (so the message can name it), or null when it closes none.
 */
export function dependencyLoop(edges: { project_id: number; depends_on_id: number }[], projectId: number, dependsOnId: number): number[] | null {
  if (projectId === dependsOnId) return [projectId];
  const next = new Map<number, number[]>();
  for (const e of edges) next.set(e.project_id, [...(next.get(e.project_id) ?? []), e.depends_on_id]);
  // Breadth first from the new dependency: reaching the project means a loop.
  const cameFrom = new Map<number, number>([[dependsOnId, dependsOnId]]);
  const queue = [dependsOnId];
  while (queue.length) {
    const at = queue.shift()!;
    for (const to of next.get(at) ?? []) {
      if (cameFrom.has(to)) continue;
      cameFrom.set(to, at);
      if (to === projectId) {
        const path = [projectId];
        for (let p = at; p !== dependsOnId; p = cameFrom.get(p)!) path.unshift(p);
        path.unshift(dependsOnId);
        return path;
      }
      queue.push(to);
    }
  }
  return null;
}

/** A council's quarter: Q1 is April to June, the financial year named by the April it starts. */
export function quarterOf(day: string): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const year = m >= 4 ? y : y - 1;
  const quarter = (m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4) as 1 | 2 | 3 | 4;
  return { year, quarter };
}
export const quarterName = (q: { year: number; quarter: number }) => `Q${q.quarter} ${q.year}/${String((q.year + 1) % 100).padStart(2, '0')}`;
/** The first day of a quarter, and of the one after. */
export function quarterStart(q: { year: number; quarter: number }) {
  const month = 4 + (q.quarter - 1) * 3;
  const y = month > 12 ? q.year + 1 : q.year;
  return `${y}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-01`;
}
export const nextQuarter = (q: { year: number; quarter: number }) =>
  q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: q.quarter + 1 };

export type Horizon = 'now' | 'next' | 'later' | 'done';
export const horizonNames: Record<Horizon, string> = { now: 'Now', next: 'Next', later: 'Later', done: 'Closed' };

/**
 * Now, next or later: under way (started, or in alpha, beta or live) is now; starting within six
 * months, or in discovery without a date, is next; an idea or anything starting after that is later.
 */
export function horizonOf(p: { stage: string; start_on: string | null }, today: string): Horizon {
  if (p.stage === 'closed') return 'done';
  const inSixMonths = sixMonthsOn(today);
  if (p.stage !== 'idea' && ((p.start_on && p.start_on <= today) || ['alpha', 'beta', 'live'].includes(p.stage))) return 'now';
  if (p.start_on ? p.start_on <= inSixMonths : p.stage === 'discovery') return 'next';
  return 'later';
}

// A roadmap asks this for every project with the same day: worked out once per day.
let lastDay = '';
let lastSixMonthsOn = '';
function sixMonthsOn(day: string) {
  if (day !== lastDay) [lastDay, lastSixMonthsOn] = [day, addMonthsTo(day, 6)];
  return lastSixMonthsOn;
}

function addMonthsTo(day: string, months: number) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export interface TimelineProject {
  id: number;
  reference: string;
  title: string;
  rag: Rag;
  start_on: string | null;
  end_on: string | null;
}

/**
 * The roadmap drawn by quarter: one row per dated project, a bar from its start to its end across
 * the quarters from the earliest start (or this quarter) for as many as are needed, up to `most`.
 */
export function timeline(
  projects: TimelineProject[],
  today: string,
  options: { most?: number; rowHeight?: number; quarterWidth?: number; labelWidth?: number } = {},
) {
  const { most = 12, rowHeight = 28, quarterWidth = 110, labelWidth = 260 } = options;
  const dated = projects.filter((p) => p.start_on && p.end_on && p.end_on >= p.start_on);
  const firstDay = [today, ...dated.map((p) => p.start_on!)].sort()[0]!;
  const lastDay = [today, ...dated.map((p) => p.end_on!)].sort().at(-1)!;
  const quarters: { year: number; quarter: number; start: string; name: string }[] = [];
  for (let q: { year: number; quarter: number } = quarterOf(firstDay); quarters.length < most; q = nextQuarter(q)) {
    quarters.push({ ...q, start: quarterStart(q), name: quarterName(q) });
    if (quarterStart(nextQuarter(q)) > lastDay) break;
  }
  const edges = [...quarters.map((q) => q.start), quarterStart(nextQuarter(quarters.at(-1)!))].map((d) => Date.parse(`${d}T00:00:00Z`));
  const to = edges.at(-1)!;
  const width = quarters.length * quarterWidth;
  // Each quarter the same width, so a bar meets the grid line on the day its quarter starts.
  const x = (day: string) => {
    const at = Date.parse(`${day}T00:00:00Z`);
    if (at <= edges[0]!) return labelWidth;
    if (at >= to) return labelWidth + width;
    const i = edges.findIndex((e, k) => at >= e && at < edges[k + 1]!);
    return labelWidth + (i + (at - edges[i]!) / (edges[i + 1]! - edges[i]!)) * quarterWidth;
  };
  const top = 30;
  const rows = dated.map((p, i) => {
    const x1 = x(p.start_on!);
    const x2 = Math.max(x(p.end_on!), x1 + 4);
    return {
      ...p,
      y: top + i * rowHeight,
      x: Math.round(x1),
      width: Math.round(x2 - x1),
      startsBefore: p.start_on! < quarters[0]!.start,
      endsAfter: p.end_on! >= new Date(to).toISOString().slice(0, 10),
    };
  });
  return {
    width: labelWidth + width + 10,
    height: top + rows.length * rowHeight + 10,
    labelWidth,
    rowHeight,
    quarters: quarters.map((q, i) => ({ ...q, x: labelWidth + i * quarterWidth })),
    quarterWidth,
    today: Math.round(x(today)),
    rows,
    undated: projects.filter((p) => !dated.includes(p)),
  };
}

/** The portfolio by objective and RAG status: how many, and their budget and spend. */
export function portfolio<P extends { objective_id: number | null; rag: Rag; stage: string; budget: number | null; spend: number | null }>(projects: P[]) {
  const open = projects.filter((p) => p.stage !== 'closed');
  const byObjective = new Map<number | null, { red: number; amber: number; green: number; budget: number; spend: number; total: number }>();
  const total = { red: 0, amber: 0, green: 0, budget: 0, spend: 0, total: 0 };
  for (const p of open) {
    let row = byObjective.get(p.objective_id);
    if (!row) byObjective.set(p.objective_id, (row = { red: 0, amber: 0, green: 0, budget: 0, spend: 0, total: 0 }));
    for (const r of [row, total]) {
      r[p.rag]++;
      r.total++;
      r.budget += p.budget ?? 0;
      r.spend += p.spend ?? 0;
    }
  }
  return { byObjective, total };
}

/** How far a measure has come from its baseline towards its target, in whole per cent (0 to 100), or null. */
export function progressOf(m: { baseline: number | null; target: number | null; current: number | null }) {
  if (m.baseline === null || m.target === null || m.current === null || m.target === m.baseline) return null;
  return Math.max(0, Math.min(100, Math.round(((m.current - m.baseline) / (m.target - m.baseline)) * 100)));
}
