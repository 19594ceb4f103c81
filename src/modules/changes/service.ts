import { activeMemberByEmail, auditedWrite, dateTime, NotFoundError, UserError, type Actor, type Db, type Tx } from '../../platform/index.js';
import { nowIso } from '../../db/columns.js';
import { estateVersion, systemNeighbours } from '../estate/index.js';
import * as q from './queries.js';
import {
  cabOutcome,
  canMove,
  changeReference,
  conflictsOf,
  requiredApprovers,
  riskLevel,
  riskScore,
  scheduleRefusal,
  statusLabels,
  type Approver,
  type CalendarChange,
  type ChangeStatus,
  type Conflict,
  type Decision,
  type FreezeWindow,
  type Interval,
} from './rules.js';
import {
  fromUkTime,
  weekdayNames,
  type ChangeInput,
  type ChangePatch,
  type FreezeInput,
  type MaintenanceInput,
  type ScheduleInput,
  type VoteInput,
} from './schemas.js';

/** The longest a change may last: it keeps the calendar's overlap query a bounded range on start. */
export const longestChangeDays = 30;
const longestMs = longestChangeDays * 86_400_000;
export const earliestStartFor = (from: string) => new Date(Date.parse(from) - longestMs).toISOString();

export const approverNames: Record<Approver, string> = {
  change_manager: 'Change manager',
  cab: 'Change advisory board (CAB)',
  head_of_it: 'Head of IT',
  ecab: 'Emergency CAB',
};
export const decisionNames: Record<Decision, string> = {
  approve: 'Approved',
  approve_with_conditions: 'Approved with conditions',
  reject: 'Rejected',
};

/** Statuses a person moves a change to by hand; the others follow from approvals and scheduling. */
const handMoves = new Set<ChangeStatus>(['assessment', 'draft', 'in_progress', 'implemented', 'failed', 'backed_out', 'reviewed']);
const editable = new Set<ChangeStatus>(['draft', 'assessment', 'rejected']);

async function changeOf(db: Db | Tx, organisationId: number, id: number) {
  const c = await q.changeById(db, organisationId, id);
  if (!c) throw new NotFoundError('There is no such change');
  return c;
}

function checkTimes(start: string | null, end: string | null) {
  if ((start === null) !== (end === null)) {
    throw new UserError(start === null ? 'Enter the planned start as well as the end' : 'Enter the planned end as well as the start', {
      field: start === null ? 'plannedStart' : 'plannedEnd',
    });
  }
  if (start !== null && end !== null) {
    if (!(end > start)) throw new UserError('Planned end must be after planned start', { field: 'plannedEnd' });
    if (Date.parse(end) - Date.parse(start) > longestMs)
      throw new UserError(`A change may last up to ${longestChangeDays} days: split a longer one into stages`, { field: 'plannedEnd' });
  }
}

const rowOf = (v: ChangeInput) => {
  const answers = {
    impactOnResidents: v.riskImpact,
    systemsAffected: v.riskSystems,
    untestedOrNew: v.riskUntested,
    hardToBackOut: v.riskBackout,
    duringBusinessHours: v.riskHours,
  };
  const score = riskScore(answers);
  return {
    title: v.title,
    description: v.description,
    kind: v.kind,
    risk_impact: v.riskImpact,
    risk_systems: v.riskSystems,
    risk_untested: v.riskUntested,
    risk_backout: v.riskBackout,
    risk_hours: v.riskHours,
    risk_score: score,
    risk_level: riskLevel(score),
    planned_start: v.plannedStart,
    planned_end: v.plannedEnd,
    implementer_id: v.implementer,
    backout_plan: v.backoutPlan,
    test_plan: v.testPlan,
    communication_plan: v.communicationPlan,
    emergency_reason: v.emergencyReason,
  };
};

export async function raiseChange(db: Db, actor: Actor, organisationId: number, v: ChangeInput) {
  checkTimes(v.plannedStart, v.plannedEnd);
  return auditedWrite(db, actor, async (tx, audit) => {
    const number = await q.nextChangeNumber(tx, organisationId);
    const reference = changeReference(number);
    const now = nowIso();
    const row = rowOf(v);
    const id = await q.insertChange(tx, {
      organisation_id: organisationId,
      number,
      reference,
      status: 'draft',
      ...row,
      outcome: null,
      outcome_notes: '',
      cab_round: 0,
      created_by: actor.personId,
      created_at: now,
      updated_at: now,
    });
    await q.setChangeSystems(tx, organisationId, id, v.systems);
    await audit.created('change', id, { reference, ...row, systems: v.systems }, `Raised ${reference}: ${v.title}`, organisationId);
    return { id, reference };
  });
}

/** The form's values of a change as stored, for editing and for the API's patch. */
export function inputOf(c: q.ChangeRow, systems: number[]): ChangeInput {
  return {
    title: c.title,
    description: c.description,
    kind: c.kind,
    riskImpact: c.risk_impact,
    riskSystems: c.risk_systems,
    riskUntested: c.risk_untested,
    riskBackout: c.risk_backout,
    riskHours: c.risk_hours,
    systems,
    plannedStart: c.planned_start,
    plannedEnd: c.planned_end,
    implementer: c.implementer_id === null ? null : Number(c.implementer_id),
    backoutPlan: c.backout_plan,
    testPlan: c.test_plan,
    communicationPlan: c.communication_plan,
    emergencyReason: c.emergency_reason,
  };
}

export async function editChange(db: Db, actor: Actor, organisationId: number, id: number, v: ChangeInput) {
  const before = await changeOf(db, organisationId, id);
  if (!editable.has(before.status))
    throw new UserError(`${before.reference} is ${statusLabels[before.status].toLowerCase()}: only a draft, one in assessment or one rejected can be changed`);
  if (before.status !== 'draft' && before.kind !== v.kind) throw new UserError('Only a draft can change its kind', { field: 'kind' });
  checkTimes(v.plannedStart, v.plannedEnd);
  const systemsBefore = (await q.systemsOfChanges(db, organisationId, [id])).get(id) ?? [];
  await auditedWrite(db, actor, async (tx, audit) => {
    const row = rowOf(v);
    await q.updateChange(tx, organisationId, id, { ...row, updated_at: nowIso() });
    await q.setChangeSystems(tx, organisationId, id, v.systems);
    const { systems: _s, ...old } = inputOf(before, systemsBefore);
    void _s;
    await audit.updated(
      'change',
      id,
      { ...old, systems: systemsBefore },
      { ...row, systems: v.systems },
      `Changed ${before.reference}: ${v.title}`,
      organisationId,
    );
  });
}

/** The API's patch: the stored change with the fields given. */
export async function patchChange(db: Db, actor: Actor, organisationId: number, id: number, patch: ChangePatch) {
  const before = await changeOf(db, organisationId, id);
  const systems = (await q.systemsOfChanges(db, organisationId, [id])).get(id) ?? [];
  const merged: ChangeInput = { ...inputOf(before, systems) };
  for (const [k, value] of Object.entries(patch)) if (value !== undefined) Object.assign(merged, { [k]: value });
  await editChange(db, actor, organisationId, id, merged);
}

async function moveTo(
  tx: Tx,
  audit: Parameters<Parameters<typeof auditedWrite>[2]>[1],
  organisationId: number,
  c: { id: number; reference: string; status: ChangeStatus },
  to: ChangeStatus,
  extra: Parameters<typeof q.updateChange>[3] = {},
) {
  await q.updateChange(tx, organisationId, c.id, { ...extra, status: to, updated_at: nowIso() });
  await audit.updated(
    'change',
    c.id,
    { status: c.status },
    { status: to, ...extra },
    `${c.reference} moved from ${statusLabels[c.status]} to ${statusLabels[to]}`,
    organisationId,
  );
}

/** Submits a draft for assessment; one that needs the CAB (or the emergency CAB) goes on to it, in a new round of votes. */
export async function submitChange(db: Db, actor: Actor, organisationId: number, id: number) {
  const c = await changeOf(db, organisationId, id);
  if (c.kind === 'standard') throw new UserError('A standard change is pre-approved: schedule it instead');
  if (c.status !== 'draft') throw new UserError(`${c.reference} is ${statusLabels[c.status].toLowerCase()}, not a draft`);
  const approvers = requiredApprovers(c.kind, c.risk_level);
  const toCab = approvers.includes('cab') || approvers.includes('ecab');
  await auditedWrite(db, actor, async (tx, audit) => {
    const ref = { id: Number(c.id), reference: c.reference, status: c.status };
    await moveTo(tx, audit, organisationId, ref, 'assessment');
    if (toCab) await moveTo(tx, audit, organisationId, { ...ref, status: 'assessment' }, 'awaiting_cab', { cab_round: c.cab_round + 1 });
    else await q.updateChange(tx, organisationId, ref.id, { cab_round: c.cab_round + 1 });
  });
  return toCab ? 'awaiting_cab' : 'assessment';
}

export async function quorumOf(db: Db | Tx, organisationId: number) {
  const s = await q.settingsOf(db, organisationId);
  return { cab: s?.cab_quorum ?? 2, ecab: s?.ecab_quorum ?? 1 };
}

/** Once the required approvers of this round have all decided (or any rejected), the change moves on. */
async function settle(tx: Tx, audit: Parameters<Parameters<typeof auditedWrite>[2]>[1], organisationId: number, id: number) {
  const c = await changeOf(tx, organisationId, id);
  const approvals = (await q.approvalsOf(tx, organisationId, id)).filter((a) => a.cab_round === c.cab_round);
  const required = requiredApprovers(c.kind, c.risk_level);
  const ref = { id: Number(c.id), reference: c.reference, status: c.status };
  if (approvals.some((a) => a.decision === 'reject')) {
    await moveTo(tx, audit, organisationId, ref, canMove(c.kind, c.status, 'rejected') ? 'rejected' : 'draft');
    return;
  }
  if (!required.every((r) => approvals.some((a) => a.approver === r))) return;
  const to = approvals.some((a) => a.decision === 'approve_with_conditions') ? 'approved_with_conditions' : 'approved';
  await moveTo(tx, audit, organisationId, ref, canMove(c.kind, c.status, to) ? to : 'approved');
}

/** A CAB member's vote on a change awaiting the CAB; at quorum the CAB's decision is recorded. */
export async function voteOnChange(db: Db, actor: Actor, organisationId: number, id: number, personId: number, v: VoteInput) {
  const c = await changeOf(db, organisationId, id);
  const member = await q.cabMemberOfPerson(db, organisationId, personId);
  if (!member) throw new UserError('Only members of the change advisory board vote on changes', { status: 403 });
  if (c.status !== 'awaiting_cab') throw new UserError(`${c.reference} is ${statusLabels[c.status].toLowerCase()}, not awaiting the CAB`);
  if (v.decision === 'approve_with_conditions' && !v.conditions) throw new UserError('Say what the conditions are', { field: 'conditions' });
  const round = c.cab_round;
  const votes = (await q.votesOf(db, organisationId, id)).filter((x) => x.cab_round === round);
  if (votes.some((x) => Number(x.member_id) === Number(member.id))) throw new UserError('You have already voted on this change', { field: 'decision' });
  const approver: Approver = c.kind === 'emergency' ? 'ecab' : 'cab';
  const quorum = await quorumOf(db, organisationId);
  return auditedWrite(db, actor, async (tx, audit) => {
    const at = nowIso();
    const conditions = v.decision === 'approve_with_conditions' ? v.conditions : '';
    const voteId = await q.insertVote(tx, {
      organisation_id: organisationId,
      change_id: id,
      cab_round: round,
      member_id: Number(member.id),
      decision: v.decision,
      conditions,
      at,
    });
    await audit.created(
      'change_vote',
      voteId,
      { change_id: id, decision: v.decision, conditions },
      `${decisionNames[v.decision]}: a CAB vote on ${c.reference}`,
      organisationId,
    );
    const all = [...votes.map((x) => ({ decision: x.decision, conditions: x.conditions })), { decision: v.decision, conditions }];
    const outcome = cabOutcome(
      all.map((x) => x.decision),
      approver === 'ecab' ? quorum.ecab : quorum.cab,
    );
    const already = (await q.approvalsOf(tx, organisationId, id)).some((a) => a.cab_round === round && a.approver === approver);
    if (outcome && !already) {
      const decision: Decision = outcome === 'approved' ? 'approve' : outcome === 'rejected' ? 'reject' : 'approve_with_conditions';
      const agreed = all
        .filter((x) => x.conditions)
        .map((x) => x.conditions)
        .join('\n\n');
      const approvalId = await q.insertApproval(tx, {
        organisation_id: organisationId,
        change_id: id,
        cab_round: round,
        approver,
        decision,
        conditions: decision === 'reject' ? '' : agreed,
        person_id: null,
        at,
      });
      await audit.created(
        'change_approval',
        approvalId,
        { change_id: id, approver, decision },
        `${approverNames[approver]}: ${decisionNames[decision]} ${c.reference}`,
        organisationId,
      );
      await settle(tx, audit, organisationId, id);
    }
    return { voteId, outcome };
  });
}

/** The change manager's decision on a low-risk change in assessment, or the Head of IT's on a high-risk one after the CAB. */
export async function approveChange(db: Db, actor: Actor, organisationId: number, id: number, approver: 'change_manager' | 'head_of_it', v: VoteInput) {
  const c = await changeOf(db, organisationId, id);
  const required = requiredApprovers(c.kind, c.risk_level);
  if (!required.includes(approver)) throw new UserError(`${c.reference} does not need the ${approverNames[approver].toLowerCase()}’s approval`);
  const when: ChangeStatus = approver === 'change_manager' ? 'assessment' : 'awaiting_cab';
  if (c.status !== when)
    throw new UserError(
      `${c.reference} is ${statusLabels[c.status].toLowerCase()}: the ${approverNames[approver].toLowerCase()} decides while it is ${statusLabels[when].toLowerCase()}`,
    );
  if (v.decision === 'approve_with_conditions' && !v.conditions) throw new UserError('Say what the conditions are', { field: 'conditions' });
  const approvals = (await q.approvalsOf(db, organisationId, id)).filter((a) => a.cab_round === c.cab_round);
  if (approvals.some((a) => a.approver === approver)) throw new UserError(`The ${approverNames[approver].toLowerCase()} has already decided on ${c.reference}`);
  await auditedWrite(db, actor, async (tx, audit) => {
    const approvalId = await q.insertApproval(tx, {
      organisation_id: organisationId,
      change_id: id,
      cab_round: c.cab_round,
      approver,
      decision: v.decision,
      conditions: v.decision === 'approve_with_conditions' ? v.conditions : '',
      person_id: actor.personId,
      at: nowIso(),
    });
    await audit.created(
      'change_approval',
      approvalId,
      { change_id: id, approver, decision: v.decision },
      `${approverNames[approver]}: ${decisionNames[v.decision]} ${c.reference}`,
      organisationId,
    );
    await settle(tx, audit, organisationId, id);
  });
}

/** Sets when an approved (or standard) change happens, refusing times that end first or fall in a freeze window. */
export async function scheduleChange(db: Db, actor: Actor, organisationId: number, id: number, v: ScheduleInput) {
  const c = await changeOf(db, organisationId, id);
  const can = c.status === 'scheduled' || canMove(c.kind, c.status, 'scheduled');
  if (!can)
    throw new UserError(
      c.kind === 'standard'
        ? `${c.reference} is ${statusLabels[c.status].toLowerCase()}: a standard change is scheduled from its draft`
        : `${c.reference} is ${statusLabels[c.status].toLowerCase()}: only an approved change can be scheduled`,
    );
  checkTimes(v.plannedStart, v.plannedEnd);
  const reason = c.kind === 'emergency' ? v.emergencyReason || c.emergency_reason : '';
  const freezes = (await q.freezeWindowsBetween(db, organisationId, v.plannedStart, v.plannedEnd)).map(freezeOf);
  const refusal = scheduleRefusal({ kind: c.kind, start: v.plannedStart, end: v.plannedEnd, emergencyReason: reason || null }, freezes);
  if (refusal) throw new UserError(refusal.message, { field: refusal.field });
  await auditedWrite(db, actor, async (tx, audit) => {
    const set = { planned_start: v.plannedStart, planned_end: v.plannedEnd, emergency_reason: reason };
    if (c.status === 'scheduled') {
      await q.updateChange(tx, organisationId, id, { ...set, updated_at: nowIso() });
      await audit.updated(
        'change',
        id,
        { planned_start: c.planned_start, planned_end: c.planned_end },
        set,
        `Rescheduled ${c.reference} to ${dateTime(v.plannedStart)}`,
        organisationId,
      );
    } else await moveTo(tx, audit, organisationId, { id, reference: c.reference, status: c.status }, 'scheduled', set);
  });
}

/** Moves a change by hand: withdrawing it, starting it, recording how it went, reviewing it. */
export async function moveChange(db: Db, actor: Actor, organisationId: number, id: number, to: ChangeStatus, notes: string) {
  const c = await changeOf(db, organisationId, id);
  if (!handMoves.has(to)) throw new UserError(`${statusLabels[to]} follows from the approvers or the schedule: it is not chosen by hand`, { field: 'to' });
  if (to === 'assessment' && c.status === 'draft') {
    await submitChange(db, actor, organisationId, id);
    return;
  }
  if (!canMove(c.kind, c.status, to)) throw new UserError(`${c.reference} cannot move from ${statusLabels[c.status]} to ${statusLabels[to]}`, { field: 'to' });
  if ((to === 'failed' || to === 'backed_out' || to === 'reviewed') && !notes) throw new UserError('Say what happened', { field: 'notes' });
  const outcome = to === 'implemented' || to === 'failed' || to === 'backed_out' ? to : undefined;
  const stamp = `${statusLabels[to]} (${dateTime(nowIso())}): ${notes}`;
  await auditedWrite(db, actor, async (tx, audit) => {
    await moveTo(tx, audit, organisationId, { id, reference: c.reference, status: c.status }, to, {
      ...(outcome ? { outcome } : {}),
      ...(notes ? { outcome_notes: c.outcome_notes ? `${c.outcome_notes}\n\n${stamp}` : stamp } : {}),
    });
  });
}

export const freezeOf = (f: { id: number; name: string; starts_at: string; ends_at: string }): FreezeWindow => ({
  id: Number(f.id),
  name: f.name,
  start: f.starts_at,
  end: f.ends_at,
});

/** The weekly maintenance windows as the intervals they make between two times (UK wall-clock times, so BST is kept). */
export function maintenanceIntervals(windows: readonly { weekday: number; starts: string; ends: string }[], from: string, to: string): Interval[] {
  if (!windows.length) return [];
  const out: Interval[] = [];
  const first = Date.parse(`${from.slice(0, 10)}T00:00:00Z`) - 86_400_000;
  for (let day = first; day < Date.parse(to) + 86_400_000; day += 86_400_000) {
    const iso = new Date(day).toISOString().slice(0, 10);
    const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    for (const w of windows) {
      if (w.weekday !== weekday) continue;
      const next = new Date(day + 86_400_000).toISOString().slice(0, 10);
      out.push({ start: fromUkTime(`${iso}T${w.starts}:00`), end: fromUkTime(`${w.ends > w.starts ? iso : next}T${w.ends}:00`) });
    }
  }
  return out;
}

/** What a change's times clash with, with the other changes and systems named. */
export async function conflictsFor(db: Db, organisationId: number, c: { id: number; kind?: string; planned_start: string | null; planned_end: string | null }) {
  if (!c.planned_start || !c.planned_end) return [];
  const [others, freezes, windows] = await Promise.all([
    q.intervalsBetween(db, organisationId, c.planned_start, c.planned_end, earliestStartFor(c.planned_start)),
    q.freezeWindowsBetween(db, organisationId, c.planned_start, c.planned_end),
    q.maintenanceWindowsOf(db, organisationId),
  ]);
  const systems = await q.systemsOfChanges(db, organisationId, [Number(c.id), ...others.map((o) => Number(o.id))]);
  const own = systems.get(Number(c.id)) ?? [];
  const neighbours = await systemNeighbours(db, organisationId, own);
  const me: CalendarChange = { id: Number(c.id), start: c.planned_start, end: c.planned_end, systemIds: own };
  const list = others.map((o) => ({ id: Number(o.id), start: o.planned_start!, end: o.planned_end!, systemIds: systems.get(Number(o.id)) ?? [] }));
  // An emergency change cannot wait for a maintenance window: it is not flagged for being outside one.
  const maintenance = 'kind' in c && c.kind === 'emergency' ? [] : maintenanceIntervals(windows, c.planned_start, c.planned_end);
  const found = conflictsOf(me, list, neighbours, freezes.map(freezeOf), maintenance);
  return describeConflicts(db, organisationId, found, others);
}

async function describeConflicts(db: Db, organisationId: number, found: Conflict[], others: { id: number; reference: string; title: string }[]) {
  const names = new Map(
    (
      await q.systemNames(
        db,
        organisationId,
        found.flatMap((f) => (f.type === 'same_system' || f.type === 'dependency' ? f.systemIds : [])),
      )
    ).map((s) => [Number(s.id), s.name]),
  );
  const byId = new Map(others.map((o) => [Number(o.id), o]));
  return found.map((f) => {
    if (f.type === 'freeze') return { ...f, text: `It falls in the freeze window “${f.name}”` };
    if (f.type === 'outside_maintenance') return { ...f, text: 'It is not wholly inside one of the council’s maintenance windows' };
    const other = byId.get(f.otherId);
    const systems = f.systemIds.map((s) => names.get(s) ?? `system ${s}`).join(', ');
    return {
      ...f,
      other: other ? { reference: other.reference, title: other.title, href: `/changes/${other.reference}` } : null,
      text:
        f.type === 'same_system'
          ? `${other?.reference ?? 'Another change'} (${other?.title ?? ''}) works on ${systems} at the same time`
          : `${other?.reference ?? 'Another change'} (${other?.title ?? ''}) works at the same time on ${systems}, which depends on or is depended on by a system this change touches`,
    };
  });
}

/** The calendar between two times: the changes, their systems, which are in conflict and why, and the freeze windows. */
export async function calendarBetween<R extends { id: number; kind: string; planned_start: string | null; planned_end: string | null }>(
  db: Db,
  organisationId: number,
  from: string,
  to: string,
  read: (db: Db, organisationId: number, from: string, to: string, earliestStart: string, limit: number) => Promise<R[]>,
  limit = 5000,
) {
  const earliest = earliestStartFor(from);
  const [rows, systems, freezes, windows] = await Promise.all([
    read(db, organisationId, from, to, earliest, limit),
    q.systemsOfChangesBetween(db, organisationId, from, to, earliest),
    q.freezeWindowsBetween(db, organisationId, from, to),
    q.maintenanceWindowsOf(db, organisationId),
  ]);
  const maintenance = maintenanceIntervals(windows, earliest, to);
  const emergency = new Set(rows.filter((r) => r.kind === 'emergency').map((r) => Number(r.id)));
  const neighbours = await systemNeighbours(db, organisationId, [...new Set([...systems.values()].flat())]);
  const items: CalendarChange[] = rows.map((r) => ({
    id: Number(r.id),
    start: r.planned_start!,
    end: r.planned_end!,
    systemIds: systems.get(Number(r.id)) ?? [],
  }));
  // Sorted by start: the changes overlapping one are those after it starting before it ends, and those before it it was found by.
  const overlapping = new Map<number, CalendarChange[]>(items.map((i) => [i.id, []]));
  for (let i = 0; i < items.length; i++) {
    const a = items[i]!;
    for (let j = i + 1; j < items.length && items[j]!.start < a.end; j++) {
      const b = items[j]!;
      if (b.end > a.start) {
        overlapping.get(a.id)!.push(b);
        overlapping.get(b.id)!.push(a);
      }
    }
  }
  const freezeList = freezes.map(freezeOf);
  const conflicts = new Map<number, Conflict[]>();
  for (const item of items) {
    const found = conflictsOf(item, overlapping.get(item.id)!, neighbours, freezeList, emergency.has(item.id) ? [] : maintenance);
    if (found.length) conflicts.set(item.id, found);
  }
  return { rows, systems, conflicts, freezes: freezeList };
}

/** What the calendar of an organisation depends on: its changes and freeze windows, and the estate's relationships. */
export const calendarVersion = async (db: Db, organisationId: number) =>
  `${await q.changesVersion(db, organisationId)}:${await estateVersion(db, organisationId)}`;

// Freeze windows

function checkFreeze(v: FreezeInput) {
  if (!(v.endsAt > v.startsAt)) throw new UserError('The freeze must end after it starts', { field: 'endsAt' });
}

export async function addFreezeWindow(db: Db, actor: Actor, organisationId: number, v: FreezeInput) {
  checkFreeze(v);
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const row = { name: v.name, reason: v.reason, starts_at: v.startsAt, ends_at: v.endsAt };
    const id = await q.insertFreezeWindow(tx, { organisation_id: organisationId, ...row, created_at: now, updated_at: now });
    await audit.created('change_freeze_window', id, row, `Set the freeze window ${v.name}`, organisationId);
    return id;
  });
}

export async function changeFreezeWindow(db: Db, actor: Actor, organisationId: number, id: number, v: FreezeInput) {
  checkFreeze(v);
  const before = await q.freezeWindowById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such freeze window');
  await auditedWrite(db, actor, async (tx, audit) => {
    const row = { name: v.name, reason: v.reason, starts_at: v.startsAt, ends_at: v.endsAt };
    await q.updateFreezeWindow(tx, organisationId, id, { ...row, updated_at: nowIso() });
    await audit.updated(
      'change_freeze_window',
      id,
      { name: before.name, reason: before.reason, starts_at: before.starts_at, ends_at: before.ends_at },
      row,
      `Changed the freeze window ${v.name}`,
      organisationId,
    );
  });
}

export async function removeFreezeWindow(db: Db, actor: Actor, organisationId: number, id: number) {
  const before = await q.freezeWindowById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such freeze window');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.deleteFreezeWindow(tx, organisationId, id);
    await audit.deleted(
      'change_freeze_window',
      id,
      { name: before.name, starts_at: before.starts_at, ends_at: before.ends_at },
      `Removed the freeze window ${before.name}`,
      organisationId,
    );
  });
}

// Maintenance windows

export async function addMaintenanceWindow(db: Db, actor: Actor, organisationId: number, v: MaintenanceInput) {
  if (v.starts === v.ends) throw new UserError('A maintenance window must end at another time than it starts', { field: 'ends' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertMaintenanceWindow(tx, {
      organisation_id: organisationId,
      weekday: v.weekday,
      starts: v.starts,
      ends: v.ends,
      created_at: nowIso(),
    });
    await audit.created(
      'change_maintenance_window',
      id,
      { ...v },
      `Set a maintenance window on ${weekdayNames[v.weekday - 1]}s, ${v.starts} to ${v.ends}`,
      organisationId,
    );
    return id;
  });
}

export async function removeMaintenanceWindow(db: Db, actor: Actor, organisationId: number, id: number) {
  const w = await q.maintenanceWindowById(db, organisationId, id);
  if (!w) throw new NotFoundError('There is no such maintenance window');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.deleteMaintenanceWindow(tx, organisationId, id);
    await audit.deleted(
      'change_maintenance_window',
      id,
      { weekday: w.weekday, starts: w.starts, ends: w.ends },
      `Removed the maintenance window on ${weekdayNames[w.weekday - 1]}s, ${w.starts} to ${w.ends}`,
      organisationId,
    );
  });
}

// The CAB

export async function addCabMember(db: Db, actor: Actor, organisationId: number, v: { email: string; role: string }) {
  const person = await activeMemberByEmail(db, organisationId, v.email);
  if (!person) throw new UserError('Give the email of one of the organisation’s people', { field: 'email' });
  if (await q.cabMemberOfPerson(db, organisationId, Number(person.id))) throw new UserError(`${v.email} is already on the CAB`, { field: 'email' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertCabMember(tx, { organisation_id: organisationId, person_id: Number(person.id), role: v.role, created_at: nowIso() });
    await audit.created('cab_member', id, { person_id: Number(person.id), role: v.role }, `${v.email} joined the CAB`, organisationId);
    return id;
  });
}

export async function removeCabMember(db: Db, actor: Actor, organisationId: number, id: number) {
  const m = await q.cabMemberById(db, organisationId, id);
  if (!m) throw new NotFoundError('There is no such CAB member');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.deleteCabMember(tx, organisationId, id);
    await audit.deleted('cab_member', id, { person_id: Number(m.person_id), role: m.role }, `${m.display_name} left the CAB`, organisationId);
  });
}

export async function saveCabSettings(db: Db, actor: Actor, organisationId: number, v: { cabQuorum: number; ecabQuorum: number }) {
  const before = await quorumOf(db, organisationId);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.saveSettings(tx, { organisation_id: organisationId, cab_quorum: v.cabQuorum, ecab_quorum: v.ecabQuorum });
    await audit.updated(
      'change_settings',
      organisationId,
      { cab_quorum: before.cab, ecab_quorum: before.ecab },
      { cab_quorum: v.cabQuorum, ecab_quorum: v.ecabQuorum },
      `Set the CAB’s quorum to ${v.cabQuorum} and the emergency CAB’s to ${v.ecabQuorum}`,
      organisationId,
    );
  });
}
