import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, date, dateTime, escapeHtml, identityOf, keptUntilChanged, type Identity } from '../../platform/index.js';
import { impactOf, systemChoices } from '../estate/index.js';
import { changes } from './abilities.js';
import * as q from './queries.js';
import { canMove, changeStatuses, requiredApprovers, statusLabels, type Approver, type ChangeStatus, type Conflict } from './rules.js';
import { riskAnswerNames, riskQuestions, toUkTime, type ChangeInput } from './schemas.js';
import { approverNames, calendarBetween, calendarVersion, conflictsFor, decisionNames, quorumOf } from './service.js';

export const view = (name: string) => `modules/changes/views/${name}.njk`;
type Db = FastifyInstance['steward']['db'];
const home = { text: 'Home', href: '/' };
export const changesCrumbs = [home, { text: 'Changes', href: '/changes' }];
const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;

export const kindNames = { standard: 'Standard', normal: 'Normal', emergency: 'Emergency' } as const;
export const riskNames = { low: 'Low', medium: 'Medium', high: 'High' } as const;
const statusTag: Partial<Record<ChangeStatus, string>> = {
  draft: 'govuk-tag--grey',
  assessment: 'govuk-tag--light-blue',
  awaiting_cab: 'govuk-tag--yellow',
  approved: 'govuk-tag--green',
  approved_with_conditions: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
  scheduled: 'govuk-tag--blue',
  in_progress: 'govuk-tag--purple',
  implemented: 'govuk-tag--green',
  failed: 'govuk-tag--red',
  backed_out: 'govuk-tag--orange',
  reviewed: 'govuk-tag--grey',
};
const riskTag = { low: 'govuk-tag--green', medium: 'govuk-tag--yellow', high: 'govuk-tag--red' } as const;

export const changeRow = (c: q.ChangeRow) => ({
  id: Number(c.id),
  reference: c.reference,
  title: c.title,
  kind: c.kind,
  kindName: kindNames[c.kind],
  status: c.status,
  statusName: statusLabels[c.status],
  statusTag: statusTag[c.status] ?? '',
  risk: c.risk_level,
  riskName: riskNames[c.risk_level],
  riskTag: riskTag[c.risk_level],
  riskScore: c.risk_score,
  plannedStart: c.planned_start,
  plannedEnd: c.planned_end,
  when: c.planned_start && c.planned_end ? `${dateTime(c.planned_start)} to ${dateTime(c.planned_end)}` : 'Not planned yet',
  start: c.planned_start ? dateTime(c.planned_start) : '',
  end: c.planned_end ? dateTime(c.planned_end) : '',
  implementer: c.implementer_name ?? '',
  href: `/changes/${c.reference}`,
});

const select = (items: Record<string, string>, none: string, selected: string | undefined) => [
  { value: '', text: none },
  ...Object.entries(items).map(([value, text]) => ({ value, text, selected: value === selected })),
];
export const filterItems = (raw: Record<string, string>) => ({
  statusItems: select(statusLabels, 'Any status', raw.status),
  kindItems: select(kindNames, 'Any kind', raw.kind),
  riskItems: select(riskNames, 'Any risk', raw.risk),
});

/** What the change form shows: its fields' choices and the values typed or stored. */
export async function changeFormPage(request: FastifyRequest, db: Db, existing: { reference: string; input: ChangeInput } | null) {
  const orgId = orgOf(request);
  const [systems, people] = await Promise.all([systemChoices(db, orgId, 500), q.implementers(db, orgId)]);
  const raw = (request.body ?? null) as Record<string, unknown> | null;
  const values: Record<string, unknown> = raw
    ? raw
    : existing
      ? { ...existing.input, plannedStart: toUkTime(existing.input.plannedStart), plannedEnd: toUkTime(existing.input.plannedEnd) }
      : { kind: 'normal' };
  const chosen = new Set([values.systems ?? []].flat().map(String));
  return {
    title: existing ? `Change ${existing.reference}` : 'Raise a change',
    breadcrumbs: existing ? [...changesCrumbs, { text: existing.reference, href: `/changes/${existing.reference}` }] : changesCrumbs,
    action: existing ? `/changes/${existing.reference}/edit` : '/changes/new',
    editing: Boolean(existing),
    values,
    kindItems: [
      { value: 'standard', text: 'Standard', hint: { text: 'From a pre-approved template, like monthly patching: no CAB' } },
      { value: 'normal', text: 'Normal', hint: { text: 'Assessed by the questions below; the risk sets who approves' } },
      { value: 'emergency', text: 'Emergency', hint: { text: 'Cannot wait for the CAB: the emergency CAB decides' } },
    ],
    questions: riskQuestions.map((r) => ({
      name: r.name,
      question: r.question,
      items: riskAnswerNames.map((text, i) => ({ value: String(i), text, checked: String(values[r.name] ?? '') === String(i) })),
    })),
    systemItems: systems.map((s) => ({ value: String(s.id), text: s.name, checked: chosen.has(String(s.id)) })),
    implementerItems: [
      { value: '', text: 'Not decided yet' },
      ...people.map((p) => ({ value: String(p.id), text: p.display_name, selected: String(p.id) === String(values.implementer ?? '') })),
    ],
  };
}

const handChoices: Partial<Record<ChangeStatus, string>> = {
  draft: 'Back to draft',
  in_progress: 'Started: in progress',
  implemented: 'Implemented',
  failed: 'Failed',
  backed_out: 'Backed out',
  reviewed: 'Reviewed after implementation',
};

function conflictLine(c: Conflict & { text: string; other?: { reference: string; href: string } | null }) {
  return { type: c.type, text: c.text, href: c.other?.href ?? null, reference: c.other?.reference ?? null };
}

/** Everything about one change, with the forms the person may use. */
export async function changePage(request: FastifyRequest, db: Db, reference: string) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const c = (await q.changeByReference(db, orgId, reference))!;
  const id = Number(c.id);
  const [systemIds, votes, approvals, members, quorum, conflicts] = await Promise.all([
    q.systemsOfChanges(db, orgId, [id]).then((m) => m.get(id) ?? []),
    q.votesOf(db, orgId, id),
    q.approvalsOf(db, orgId, id),
    q.cabMembersOf(db, orgId),
    quorumOf(db, orgId),
    conflictsFor(db, orgId, c),
  ]);
  const systems = await q.systemNames(db, orgId, systemIds);
  // The impact analysis: what fails, and which services, if each system the change touches goes down.
  const impact = await Promise.all(
    systems.slice(0, 10).map(async (s) => {
      const found = await impactOf(db, orgId, Number(s.id), { limit: 5, degradedLimit: 0 }).catch(() => null);
      return found
        ? { name: s.name, fails: found.counts.fails, services: found.services.map((x) => x.name).slice(0, 8), more: Math.max(0, found.services.length - 8) }
        : null;
    }),
  );
  const required = requiredApprovers(c.kind, c.risk_level);
  const round = c.cab_round;
  const thisRound = approvals.filter((a) => a.cab_round === round);
  const votesNow = votes.filter((v) => v.cab_round === round);
  const meAsMember = members.find((m) => Number(m.person_id) === identity.person.id);
  const mayVote =
    c.status === 'awaiting_cab' &&
    can(identity, changes.vote, { memberPersonIds: members.map((m) => Number(m.person_id)) }) &&
    !votesNow.some((v) => Number(v.person_id) === identity.person.id);
  const decisionOf = (a: Approver) => thisRound.find((x) => x.approver === a);
  const values = (request.body ?? {}) as Record<string, unknown>;
  const mayRaise = can(identity, changes.raise);
  const schedulable = c.status === 'scheduled' || canMove(c.kind, c.status, 'scheduled');
  const moves = changeStatuses.filter((s) => handChoices[s] !== undefined && canMove(c.kind, c.status, s));
  return {
    title: `${c.reference} ${c.title}`,
    breadcrumbs: changesCrumbs,
    change: {
      ...changeRow(c),
      description: c.description,
      backoutPlan: c.backout_plan,
      testPlan: c.test_plan,
      communicationPlan: c.communication_plan,
      emergencyReason: c.emergency_reason,
      outcomeNotes: c.outcome_notes,
      answers: riskQuestions.map((r, i) => ({
        question: r.question,
        answer: riskAnswerNames[[c.risk_impact, c.risk_systems, c.risk_untested, c.risk_backout, c.risk_hours][i]!] ?? '',
      })),
      systems: systems.map((s) => ({ name: s.name, href: `/estate/systems/${s.id}` })),
    },
    impact: impact.filter((i) => i !== null),
    approvers: required.map((a) => {
      const d = decisionOf(a);
      return {
        name: approverNames[a],
        decision: d
          ? decisionNames[d.decision]
          : a === 'cab' || a === 'ecab'
            ? `Waiting: ${votesNow.length} of ${a === 'ecab' ? quorum.ecab : quorum.cab} votes`
            : 'Waiting',
        by: d?.display_name ?? '',
        at: d ? dateTime(String(d.at)) : '',
        conditions: d?.conditions ?? '',
      };
    }),
    votes: votes.map((v) => ({
      round: v.cab_round,
      current: v.cab_round === round,
      name: v.display_name,
      decision: decisionNames[v.decision],
      conditions: v.conditions,
      at: dateTime(String(v.at)),
    })),
    conflicts: conflicts.map(conflictLine),
    mayEdit: mayRaise && ['draft', 'assessment', 'rejected'].includes(c.status),
    maySubmit: mayRaise && c.status === 'draft' && c.kind !== 'standard',
    mayVote,
    notOnCab: c.status === 'awaiting_cab' && !meAsMember,
    mayApprove: can(identity, changes.approve) && required.includes('change_manager') && c.status === 'assessment' && !decisionOf('change_manager'),
    mayApproveAsHead: can(identity, changes.approveAsHead) && required.includes('head_of_it') && c.status === 'awaiting_cab' && !decisionOf('head_of_it'),
    maySchedule: mayRaise && schedulable,
    moveItems: mayRaise ? moves.map((s) => ({ value: s, text: handChoices[s] ?? statusLabels[s], selected: values.to === s })) : [],
    scheduleValues: {
      plannedStart: values.plannedStart ?? toUkTime(c.planned_start),
      plannedEnd: values.plannedEnd ?? toUkTime(c.planned_end),
      emergencyReason: values.emergencyReason ?? c.emergency_reason,
    },
    values,
    decisionItems: (chosen: unknown) => [
      { value: 'approve', text: 'Approve', checked: chosen === 'approve' },
      { value: 'approve_with_conditions', text: 'Approve with conditions', checked: chosen === 'approve_with_conditions' },
      { value: 'reject', text: 'Reject', checked: chosen === 'reject' },
    ],
  };
}

export async function cabPage(request: FastifyRequest, db: Db) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const [members, waiting, quorum] = await Promise.all([q.cabMembersOf(db, orgId), q.awaitingCab(db, orgId), quorumOf(db, orgId)]);
  const values = (request.body ?? {}) as Record<string, unknown>;
  return {
    title: 'Change advisory board',
    breadcrumbs: changesCrumbs,
    members: members.map((m) => ({ id: Number(m.id), name: m.display_name, email: m.email, role: m.role, you: Number(m.person_id) === identity.person.id })),
    waiting: waiting.map(changeRow),
    quorum,
    canManage: can(identity, changes.manage),
    values: { cabQuorum: quorum.cab, ecabQuorum: quorum.ecab, ...values },
  };
}

export async function freezeWindowsPage(request: FastifyRequest, db: Db) {
  const identity = identityOf(request);
  const [list, maintenance] = await Promise.all([q.freezeWindowsOf(db, identity.organisation.id), q.maintenanceWindowsOf(db, identity.organisation.id)]);
  const values = (request.body ?? {}) as Record<string, unknown>;
  return {
    title: 'Freeze windows',
    breadcrumbs: changesCrumbs,
    windows: list.map((f) => ({
      id: Number(f.id),
      name: f.name,
      reason: f.reason,
      from: dateTime(f.starts_at),
      to: dateTime(f.ends_at),
      href: `/changes/freeze-windows/${f.id}`,
    })),
    maintenance: maintenance.map((m) => ({ id: Number(m.id), day: weekdayNames[m.weekday - 1] ?? '', starts: m.starts, ends: m.ends })),
    weekdayItems: [
      { value: '', text: 'Choose a day' },
      ...weekdayNames.map((text, i) => ({ value: String(i + 1), text, selected: String(values.weekday ?? '') === String(i + 1) })),
    ],
    canManage: can(identity, changes.manage),
    values,
  };
}

export async function freezeWindowPage(request: FastifyRequest, db: Db, id: number) {
  const identity = identityOf(request);
  const f = (await q.freezeWindowById(db, identity.organisation.id, id))!;
  return {
    title: f.name,
    breadcrumbs: [...changesCrumbs, { text: 'Freeze windows', href: '/changes/freeze-windows' }],
    freeze: { id: Number(f.id), name: f.name },
    canManage: can(identity, changes.manage),
    values: (request.body as Record<string, unknown> | undefined) ?? {
      name: f.name,
      reason: f.reason,
      startsAt: toUkTime(f.starts_at),
      endsAt: toUkTime(f.ends_at),
    },
  };
}

// The calendar

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const shortTime = (ms: number) => londonTime.format(new Date(ms));

export type CalendarView = 'month' | 'week' | 'list';

/** The calendar's range for a view: the month (its whole weeks for the grid) or the week from its Monday. */
export function calendarRange(view: CalendarView, month: string | undefined, week: string | undefined, now = new Date()) {
  if (view === 'week') {
    const day = week ?? now.toISOString().slice(0, 10);
    const ms = Date.parse(`${day}T00:00:00Z`);
    const monday = ms - ((new Date(ms).getUTCDay() + 6) % 7) * dayMs;
    return {
      from: monday,
      to: monday + 7 * dayMs,
      label: `Week from ${date(isoDay(monday))}`,
      prev: isoDay(monday - 7 * dayMs),
      next: isoDay(monday + 7 * dayMs),
    };
  }
  const m = month ?? now.toISOString().slice(0, 7);
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const first = Date.UTC(y, mo - 1, 1);
  const after = Date.UTC(y, mo, 1);
  const label = new Date(first).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return { from: first, to: after, label, prev: isoDay(Date.UTC(y, mo - 2, 1)).slice(0, 7), next: isoDay(after).slice(0, 7) };
}

/** One change on the calendar, written in code: a month can hold thousands, too many for a template loop. */
function entryHtml(e: CalendarEntry) {
  return (
    `<a class="govuk-link" href="/changes/${escapeHtml(e.reference)}">${escapeHtml(e.reference)}</a> ${escapeHtml(e.title)}` +
    (e.conflict ? ' <strong class="govuk-tag govuk-tag--red">Conflict</strong>' : '') +
    (e.inFreeze ? ' <strong class="govuk-tag govuk-tag--orange">In freeze</strong>' : '') +
    (e.outside ? ' <strong class="govuk-tag govuk-tag--grey">Outside maintenance</strong>' : '')
  );
}
interface CalendarEntry {
  id: number;
  html: string;
  reference: string;
  title: string;
  statusName: string;
  startMs: number;
  endMs: number;
  start: string;
  end: string;
  conflict: boolean;
  inFreeze: boolean;
  outside: boolean;
  conflictText: string;
}

/**
 * The calendar page for a view and its month or week, worked out once per instance until the
 * changes, the freeze windows or the estate's relationships move (a month can hold thousands).
 */
const keptCalendar = keptUntilChanged(calendarVersion, (db, organisationId, on) => {
  const [view, month, week] = on.split('|') as [CalendarView, string, string];
  return workOutCalendar(db, organisationId, view, month, week);
});

export function calendarPage(request: FastifyRequest, db: Db, view: CalendarView, month: string | undefined, week: string | undefined) {
  const now = new Date().toISOString();
  return keptCalendar(db, orgOf(request), `${view}|${month ?? now.slice(0, 7)}|${week ?? now.slice(0, 10)}`);
}

async function workOutCalendar(db: Db, orgId: number, view: CalendarView, month: string, week: string) {
  const range = calendarRange(view, month, week);
  // The month grid shows whole weeks, Monday to Sunday.
  const gridFrom = view === 'month' ? range.from - ((new Date(range.from).getUTCDay() + 6) % 7) * dayMs : range.from;
  const gridTo = view === 'month' ? range.to + ((7 - ((new Date(range.to).getUTCDay() + 6) % 7)) % 7) * dayMs : range.to;
  const cal = await calendarBetween(db, orgId, new Date(gridFrom).toISOString(), new Date(gridTo).toISOString(), q.calendarRowsBetween);
  const referenceOf = new Map(cal.rows.map((r) => [Number(r.id), r.reference]));
  const entries: CalendarEntry[] = cal.rows.map((r) => {
    const found = cal.conflicts.get(Number(r.id)) ?? [];
    const words: string[] = [];
    let conflict = false;
    let inFreeze = false;
    let outside = false;
    for (const f of found) {
      if (f.type === 'same_system' || f.type === 'dependency') {
        conflict = true;
        words.push(`${f.type === 'same_system' ? 'same system as' : 'depends on the systems of'} ${referenceOf.get(f.otherId) ?? 'another change'}`);
      } else if (f.type === 'freeze') {
        inFreeze = true;
        words.push(`in the freeze “${f.name}”`);
      } else {
        outside = true;
        words.push('outside the maintenance windows');
      }
    }
    const startMs = Date.parse(r.planned_start!);
    const endMs = Date.parse(r.planned_end!);
    const entry = {
      id: Number(r.id),
      html: '',
      reference: r.reference,
      title: r.title,
      statusName: statusLabels[r.status],
      startMs,
      endMs,
      start: view === 'list' ? dateTime(r.planned_start!) : '',
      end: view === 'list' ? dateTime(r.planned_end!) : '',
      conflict,
      inFreeze,
      outside,
      conflictText: words.join('; '),
    };
    entry.html = entryHtml(entry);
    return entry;
  });
  const freezes = cal.freezes.map((f) => ({ ...f, startMs: Date.parse(f.start), endMs: Date.parse(f.end), from: dateTime(f.start), to: dateTime(f.end) }));
  // Each day's changes: those overlapping it, found from the list sorted by start.
  const dayHtml = (ms: number) => {
    const end = ms + dayMs;
    const items: string[] = [];
    for (const e of entries) {
      if (e.startMs >= end) break;
      if (e.endMs > ms) items.push(`<li>${e.html} <span class="govuk-body-s">(${e.startMs >= ms ? shortTime(e.startMs) : 'continues'})</span></li>`);
    }
    const frozen = freezes.filter((f) => f.startMs < end && f.endMs > ms).map((f) => escapeHtml(f.name));
    return (
      (frozen.length
        ? `<p class="govuk-body-s govuk-!-margin-bottom-1"><strong class="govuk-tag govuk-tag--grey">Freeze</strong> ${frozen.join(', ')}</p>`
        : '') + (items.length ? `<ul class="govuk-list govuk-body-s">${items.join('')}</ul>` : '')
    );
  };
  const dayName = (ms: number) => `${weekdayNames[(new Date(ms).getUTCDay() + 6) % 7]} ${date(isoDay(ms))}`;
  let gridHtml = '';
  if (view === 'month') {
    const rows: string[] = [];
    for (let w = gridFrom; w < gridTo; w += 7 * dayMs) {
      const cells: string[] = [];
      for (let i = 0; i < 7; i++) {
        const ms = w + i * dayMs;
        const n = new Date(ms).getUTCDate();
        const inMonth = ms >= range.from && ms < range.to;
        cells.push(
          `<td class="govuk-table__cell"><p class="govuk-body-s govuk-!-margin-bottom-1"><span class="govuk-visually-hidden">${escapeHtml(dayName(ms))}</span><span aria-hidden="true">${inMonth ? `<strong>${n}</strong>` : n}</span></p>${dayHtml(ms)}</td>`,
        );
      }
      rows.push(`<tr class="govuk-table__row">${cells.join('')}</tr>`);
    }
    gridHtml = rows.join('');
  } else if (view === 'week') {
    const rows: string[] = [];
    for (let i = 0; i < 7; i++) {
      const ms = range.from + i * dayMs;
      const inside = dayHtml(ms);
      rows.push(
        `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${escapeHtml(dayName(ms))}</th><td class="govuk-table__cell">${inside || 'None'}</td></tr>`,
      );
    }
    gridHtml = rows.join('');
  }
  const inRange = entries.filter((e) => e.startMs < range.to && e.endMs > range.from);
  const base = '/changes/calendar';
  return {
    title: `Change calendar: ${range.label}`,
    breadcrumbs: changesCrumbs,
    view,
    label: range.label,
    weekdays: weekdayNames,
    gridHtml,
    list: view === 'list' ? inRange : [],
    count: inRange.length,
    freezes: freezes.filter((f) => f.startMs < range.to && f.endMs > range.from),
    conflicts: inRange.filter((e) => e.conflict).length,
    prevHref: view === 'week' ? `${base}?view=week&week=${range.prev}` : `${base}?view=${view}&month=${range.prev}`,
    nextHref: view === 'week' ? `${base}?view=week&week=${range.next}` : `${base}?view=${view}&month=${range.next}`,
    monthHref: `${base}?view=month&month=${isoDay(range.from).slice(0, 7)}`,
    weekHref: `${base}?view=week&week=${isoDay(range.from)}`,
    listHref: `${base}?view=list&month=${isoDay(range.from).slice(0, 7)}`,
  };
}

export const mayManage = (identity: Identity) => can(identity, changes.manage);
