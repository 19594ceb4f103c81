/**
 * Change management's rules (pure): the workflow of a change, its reference, who must approve a
 * normal change from its risk score, whether a CAB decision is quorate, and the change calendar's
 * conflicts (overlapping changes on the same or dependent systems, freeze windows, maintenance
 * windows).
 */

export const changeKinds = ['standard', 'normal', 'emergency'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export const changeStatuses = [
  'draft',
  'assessment',
  'awaiting_cab',
  'approved',
  'approved_with_conditions',
  'rejected',
  'scheduled',
  'in_progress',
  'implemented',
  'failed',
  'backed_out',
  'reviewed',
] as const;
export type ChangeStatus = (typeof changeStatuses)[number];

export const statusLabels: Record<ChangeStatus, string> = {
  draft: 'Draft',
  assessment: 'Assessment',
  awaiting_cab: 'Awaiting CAB',
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  rejected: 'Rejected',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  implemented: 'Implemented',
  failed: 'Failed',
  backed_out: 'Backed out',
  reviewed: 'Reviewed',
};

const moves: Record<ChangeStatus, readonly ChangeStatus[]> = {
  draft: ['assessment', 'scheduled'],
  assessment: ['awaiting_cab', 'approved', 'draft'],
  awaiting_cab: ['approved', 'approved_with_conditions', 'rejected'],
  approved: ['scheduled'],
  approved_with_conditions: ['scheduled'],
  rejected: ['draft'],
  scheduled: ['in_progress'],
  in_progress: ['implemented', 'failed', 'backed_out'],
  implemented: ['reviewed'],
  failed: ['reviewed'],
  backed_out: ['reviewed'],
  reviewed: [],
};

/** Whether a change may move between statuses; a standard change goes from draft straight to scheduled. */
export function canMove(kind: ChangeKind, from: ChangeStatus, to: ChangeStatus): boolean {
  if (from === 'draft' && to === 'scheduled') return kind === 'standard';
  return moves[from].includes(to);
}

/** CHG-000123 from a per-organisation number. */
export function changeReference(n: number): string {
  return `CHG-${String(n).padStart(6, '0')}`;
}

export function changeNumber(reference: string): number | null {
  const m = /^CHG-(\d{6,})$/i.exec(reference.trim());
  return m ? Number(m[1]) : null;
}

export type RiskLevel = 'low' | 'medium' | 'high';
export type Approver = 'change_manager' | 'cab' | 'head_of_it' | 'ecab';

/** Risk questionnaire answers, each scored 0 (none) to 3 (severe). */
export interface RiskAnswers {
  impactOnResidents: number;
  systemsAffected: number;
  untestedOrNew: number;
  hardToBackOut: number;
  duringBusinessHours: number;
}

export function riskScore(a: RiskAnswers): number {
  const clamp = (n: number) => Math.max(0, Math.min(3, Math.trunc(n)));
  return clamp(a.impactOnResidents) * 3 + clamp(a.systemsAffected) * 2 + clamp(a.untestedOrNew) * 2 + clamp(a.hardToBackOut) * 2 + clamp(a.duringBusinessHours);
}

export function riskLevel(score: number): RiskLevel {
  if (score >= 18) return 'high';
  if (score >= 8) return 'medium';
  return 'low';
}

/** Who must approve a change: none for standard (pre-approved), ECAB for emergency, and by risk for normal. */
export function requiredApprovers(kind: ChangeKind, level: RiskLevel): Approver[] {
  if (kind === 'standard') return [];
  if (kind === 'emergency') return ['ecab'];
  if (level === 'low') return ['change_manager'];
  if (level === 'medium') return ['cab'];
  return ['cab', 'head_of_it'];
}

export type Decision = 'approve' | 'reject' | 'approve_with_conditions';

/**
 * The outcome of a CAB's votes: any rejection rejects; otherwise once the quorum have voted, the
 * change is approved (with conditions when any member set them); null while short of quorum.
 */
export function cabOutcome(votes: readonly Decision[], quorum: number): 'approved' | 'approved_with_conditions' | 'rejected' | null {
  if (votes.includes('reject')) return 'rejected';
  if (votes.length < Math.max(1, quorum)) return null;
  return votes.includes('approve_with_conditions') ? 'approved_with_conditions' : 'approved';
}

export interface Interval {
  start: string;
  end: string;
}

/** ISO-8601 UTC instants compare as text. Half-open: one ending when another starts does not overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export interface ScheduleFacts {
  kind: ChangeKind;
  start: string;
  end: string;
  emergencyReason: string | null;
}

export interface FreezeWindow extends Interval {
  id: number;
  name: string;
}

/** Why a change cannot be scheduled at these times, as a message for the field at fault; null when it can. */
export function scheduleRefusal(facts: ScheduleFacts, freezes: readonly FreezeWindow[]): { field: string; message: string } | null {
  if (!(facts.end > facts.start)) return { field: 'plannedEnd', message: 'Planned end must be after planned start' };
  const freeze = freezes.find((f) => overlaps(f, facts));
  if (freeze && !(facts.kind === 'emergency' && (facts.emergencyReason ?? '').trim() !== '')) {
    return { field: 'plannedStart', message: `The change falls in the freeze window "${freeze.name}": move it, or make it an emergency change with a reason` };
  }
  return null;
}

export interface CalendarChange extends Interval {
  id: number;
  systemIds: readonly number[];
}

export type Conflict =
  | { type: 'same_system'; changeId: number; otherId: number; systemIds: number[] }
  | { type: 'dependency'; changeId: number; otherId: number; systemIds: number[] }
  | { type: 'freeze'; changeId: number; freezeId: number; name: string }
  | { type: 'outside_maintenance'; changeId: number };

/**
 * The conflicts of one change with the others already on the calendar: overlapping in time on one
 * of its systems, or on a system one of its systems depends on (or that depends on it), inside a
 * freeze window, or not wholly inside one maintenance window (when the council has set any).
 * `neighbours` maps each of the change's systems to the systems it depends on or that depend on it.
 */
export function conflictsOf(
  change: CalendarChange,
  others: readonly CalendarChange[],
  neighbours: ReadonlyMap<number, readonly number[]>,
  freezes: readonly FreezeWindow[],
  maintenance: readonly Interval[],
): Conflict[] {
  const own = new Set(change.systemIds);
  const near = new Set<number>();
  for (const id of change.systemIds) for (const n of neighbours.get(id) ?? []) if (!own.has(n)) near.add(n);
  const out: Conflict[] = [];
  for (const o of others) {
    if (o.id === change.id || !overlaps(change, o)) continue;
    const same = o.systemIds.filter((s) => own.has(s));
    if (same.length > 0) {
      out.push({ type: 'same_system', changeId: change.id, otherId: o.id, systemIds: same });
      continue;
    }
    const dep = o.systemIds.filter((s) => near.has(s));
    if (dep.length > 0) out.push({ type: 'dependency', changeId: change.id, otherId: o.id, systemIds: dep });
  }
  for (const f of freezes) if (overlaps(change, f)) out.push({ type: 'freeze', changeId: change.id, freezeId: f.id, name: f.name });
  if (maintenance.length > 0 && !maintenance.some((m) => m.start <= change.start && change.end <= m.end)) {
    out.push({ type: 'outside_maintenance', changeId: change.id });
  }
  return out;
}

/** Change success rate: implemented (or reviewed after implementing) over all changes that finished. */
export function successRate(outcomes: { implemented: number; failed: number; backedOut: number }): number | null {
  const total = outcomes.implemented + outcomes.failed + outcomes.backedOut;
  return total === 0 ? null : outcomes.implemented / total;
}

export function emergencyShare(counts: { emergency: number; total: number }): number | null {
  return counts.total === 0 ? null : counts.emergency / counts.total;
}
