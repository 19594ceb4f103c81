/**
 * Problem management's rules (pure): the workflow of a problem, its reference, when a problem is a
 * known error, and when a cluster of incidents on one service calls for a problem to be proposed.
 */

export const problemStatuses = ['logged', 'investigating', 'known_error', 'resolved', 'closed'] as const;
export type ProblemStatus = (typeof problemStatuses)[number];

export const statusLabels: Record<ProblemStatus, string> = {
  logged: 'Logged',
  investigating: 'Under investigation',
  known_error: 'Known error',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const problemPriorities = ['p1', 'p2', 'p3', 'p4'] as const;
export type ProblemPriority = (typeof problemPriorities)[number];

/** Where a problem may go from each status: forward along the workflow, back to investigation when a fix does not hold. */
const moves: Record<ProblemStatus, readonly ProblemStatus[]> = {
  logged: ['investigating', 'known_error', 'resolved', 'closed'],
  investigating: ['known_error', 'resolved', 'closed'],
  known_error: ['investigating', 'resolved', 'closed'],
  resolved: ['investigating', 'closed'],
  closed: [],
};

export function canMove(from: ProblemStatus, to: ProblemStatus): boolean {
  return moves[from].includes(to);
}

export interface ProblemFacts {
  rootCause: string | null;
  workaround: string | null;
}

/** Why a problem cannot move to a status, as a message for the field at fault; null when it can. */
export function moveRefusal(from: ProblemStatus, to: ProblemStatus, facts: ProblemFacts): { field: string; message: string } | null {
  if (from === to) return null;
  if (!canMove(from, to))
    return { field: 'status', message: `A problem that is ${statusLabels[from].toLowerCase()} cannot become ${statusLabels[to].toLowerCase()}` };
  if (to === 'known_error' && !facts.workaround?.trim())
    return { field: 'workaround', message: 'Enter the workaround before marking the problem a known error' };
  if (to === 'known_error' && !facts.rootCause?.trim()) return { field: 'rootCause', message: 'Enter the root cause before marking the problem a known error' };
  if (to === 'resolved' && !facts.rootCause?.trim()) return { field: 'rootCause', message: 'Enter the root cause before resolving the problem' };
  return null;
}

/** A problem whose workaround is published as a knowledge article: a known error, or one resolved or closed after being one. */
export function publishesWorkaround(status: ProblemStatus, workaround: string | null): boolean {
  return status !== 'logged' && status !== 'investigating' ? Boolean(workaround?.trim()) : false;
}

export function isOpen(status: ProblemStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

/** A problem's reference, per organisation: PRB-000042. */
export function problemReference(number: number): string {
  return `PRB-${String(number).padStart(6, '0')}`;
}

/** A reference typed by a person (`prb 42`, `PRB-000042`, `42`) as its number, or null. */
export function problemNumber(typed: string): number | null {
  const m = /^\s*(?:prb[\s-]*)?0*(\d{1,9})\s*$/i.exec(typed);
  return m ? Number(m[1]) : null;
}

/** The knowledge article a known error publishes. */
export function workaroundArticle(problem: { reference: string; title: string; workaround: string; serviceName: string | null }) {
  return {
    title: `Known error: ${problem.title}`,
    body: [
      `This is a known error (${problem.reference})${problem.serviceName ? ` affecting ${problem.serviceName}` : ''}. IT are working on a permanent fix.`,
      '',
      '## Workaround',
      '',
      problem.workaround.trim(),
    ].join('\n'),
  };
}

export interface ProposalRule {
  /** How many incidents make a cluster. */
  incidents: number;
  /** Within how many days of each other. */
  days: number;
}
export const defaultProposalRule: ProposalRule = { incidents: 3, days: 5 };

export interface IncidentFact {
  id: number;
  serviceId: number | null;
  systemId?: number | null;
  openedAt: string;
  /** Already linked to a problem. */
  covered: boolean;
}

export interface Proposal {
  key: string;
  serviceId: number | null;
  systemId: number | null;
  incidentIds: number[];
  from: string;
  to: string;
}

/**
 * Clusters of incidents no problem covers: for each service (and each system), the largest run of
 * at least `rule.incidents` incidents opened within `rule.days` of the first of them. One proposal
 * per service or system, naming its incidents, oldest first.
 */
export function proposeProblems(incidents: IncidentFact[], rule: ProposalRule = defaultProposalRule): Proposal[] {
  const groups = new Map<string, IncidentFact[]>();
  for (const i of incidents) {
    if (i.covered) continue;
    const keys = [i.serviceId !== null ? `service:${i.serviceId}` : null, i.systemId != null ? `system:${i.systemId}` : null].filter((k) => k !== null);
    for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  const window = rule.days * 86_400_000;
  const proposals: Proposal[] = [];
  const taken = new Set<number>();
  for (const [key, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = [...group].sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id - b.id);
    let best: IncidentFact[] = [];
    for (let start = 0, end = 0; start < sorted.length; start++) {
      const t0 = Date.parse(sorted[start]!.openedAt);
      while (end < sorted.length && Date.parse(sorted[end]!.openedAt) - t0 <= window) end++;
      if (end - start > best.length) best = sorted.slice(start, end);
    }
    if (best.length < rule.incidents) continue;
    // A cluster already proposed under its service is not proposed again under its system.
    if (best.every((i) => taken.has(i.id))) continue;
    for (const i of best) taken.add(i.id);
    const [kind, id] = key.split(':') as ['service' | 'system', string];
    proposals.push({
      key: `${key}:${best[0]!.id}`,
      serviceId: kind === 'service' ? Number(id) : null,
      systemId: kind === 'system' ? Number(id) : null,
      incidentIds: best.map((i) => i.id),
      from: best[0]!.openedAt,
      to: best[best.length - 1]!.openedAt,
    });
  }
  return proposals;
}
