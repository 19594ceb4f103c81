import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, date, describeLinks, identityOf, linkableRecords, renderMarkdown, type Identity } from '../../platform/index.js';
import { boards } from './abilities.js';
import * as q from './queries.js';
import { actionState, actionStateNames, attendanceSummary, meetingState, meetingStateNames } from './rules.js';
import { today } from './service.js';

export const view = (name: string) => `modules/boards/views/${name}.njk`;
const home = { text: 'Home', href: '/' };
const governance = { text: 'Strategy and governance', href: '/strategy' };
export const crumbs = [home, governance];
export const boardsCrumbs = [...crumbs, { text: 'Boards', href: '/boards' }];
const day = (v: unknown) => String(v).slice(0, 10);
const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;
type Db = FastifyInstance['steward']['db'];

/** May this person record for the board (attendance, minutes, decisions, actions)? */
export async function mayRecord(db: Db, identity: Identity, boardId: number) {
  return can(identity, boards.record, { memberPersonIds: await q.memberPersonIds(db, identity.organisation.id, boardId) });
}
const chairs = ['chair', 'vice-chair', 'vice chair', 'co-chair'];
export async function maySignOff(db: Db, identity: Identity, boardId: number) {
  return can(identity, boards.signOff, { memberPersonIds: await q.memberPersonIds(db, identity.organisation.id, boardId, chairs) });
}

const meetingRow = (
  m: { id: unknown; board_id: unknown; board_name: string; held_on: unknown; starts_at: string; place: string; minutes_signed_off_on: unknown },
  on: string,
) => {
  const state = meetingState({ heldOn: day(m.held_on), signedOffOn: m.minutes_signed_off_on ? day(m.minutes_signed_off_on) : null }, on);
  return {
    id: Number(m.id),
    boardId: Number(m.board_id),
    boardName: m.board_name,
    heldOn: day(m.held_on),
    when: `${date(day(m.held_on))}${m.starts_at ? `, ${m.starts_at}` : ''}`,
    place: m.place,
    state,
    stateName: meetingStateNames[state],
    href: `/boards/meetings/${m.id}`,
  };
};

export const actionRow = (a: Awaited<ReturnType<typeof q.actionsOf>>[number], on: string) => {
  const state = actionState({ dueOn: day(a.due_on), doneOn: a.done_on ? day(a.done_on) : null }, on);
  return {
    id: Number(a.id),
    title: a.title,
    boardName: a.board_name,
    owner: a.owner_display_name ?? a.owner_name,
    ownerEmail: a.owner_email,
    dueOn: day(a.due_on),
    due: date(day(a.due_on)),
    done: a.done_on ? date(day(a.done_on)) : null,
    doneNote: a.done_note,
    state,
    stateName: actionStateNames[state],
    href: `/boards/actions/${a.id}`,
    meetingHref: a.meeting_id === null ? null : `/boards/meetings/${a.meeting_id}`,
    decisionHref: a.decision_id === null ? null : `/boards/decisions/${a.decision_id}`,
  };
};

export const decisionRow = (d: Awaited<ReturnType<typeof q.decisionsOf>>[number]) => ({
  id: Number(d.id),
  reference: d.reference,
  title: d.title,
  boardName: d.board_name,
  decidedBy: d.decided_by,
  decidedOn: day(d.decided_on),
  decided: date(day(d.decided_on)),
  options: d.options,
  rationale: d.rationale,
  public: Boolean(d.public),
  href: `/boards/decisions/${d.id}`,
  meetingHref: d.meeting_id === null ? null : `/boards/meetings/${d.meeting_id}`,
});

export async function boardsPage(request: FastifyRequest, db: Db) {
  const orgId = orgOf(request);
  const on = today();
  const [list, meetings, overdue, decisions] = await Promise.all([
    q.boardsOf(db, orgId),
    q.recentMeetings(db, orgId, 400),
    q.countOverdue(db, orgId, on),
    q.decisionsOf(db, orgId, {}, undefined, 5),
  ]);
  const rows = meetings.map((m) => meetingRow(m, on));
  return {
    title: 'Boards',
    breadcrumbs: crumbs,
    boards: list.map((b) => {
      const mine = rows.filter((m) => m.boardId === Number(b.id));
      return {
        id: Number(b.id),
        name: b.name,
        meets: b.meets,
        next: mine.filter((m) => m.state === 'upcoming').at(-1) ?? null,
        last: mine.find((m) => m.state !== 'upcoming') ?? null,
      };
    }),
    toSignOff: rows.filter((m) => m.state === 'held'),
    overdue,
    decisions: decisions.map(decisionRow),
    canManage: can(identityOf(request), boards.manage),
    values: {},
  };
}

export async function boardPage(request: FastifyRequest, db: Db, id: number) {
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const on = today();
  const [b, members, meetings, decisions, actions, record] = await Promise.all([
    q.boardById(db, orgId, id),
    q.membersOf(db, orgId, id),
    q.meetingsOf(db, orgId, id),
    q.decisionsOf(db, orgId, { boardId: id }, undefined, 10),
    q.actionsOf(db, orgId, { boardId: id, state: 'open', today: on }, 50),
    mayRecord(db, identity, id),
  ]);
  return {
    title: b!.name,
    breadcrumbs: boardsCrumbs,
    b: { ...b!, id },
    purpose: renderMarkdown(b!.purpose),
    members: members.map((m) => ({ ...m, id: Number(m.id), left: m.left_on ? date(day(m.left_on)) : null })),
    meetings: meetings.map((m) => meetingRow(m, on)),
    decisions: decisions.map(decisionRow),
    actions: actions.map((a) => actionRow(a, on)),
    canManage: can(identity, boards.manage),
    canRecord: record,
    values: {},
  };
}

export async function boardFormPage(request: FastifyRequest, db: Db, id: number) {
  const b = (await q.boardById(db, orgOf(request), id))!;
  return {
    title: `Change ${b.name}`,
    breadcrumbs: [...boardsCrumbs, { text: b.name, href: `/boards/${id}` }],
    action: `/boards/${id}/edit`,
    values: { name: b.name, purpose: b.purpose, meets: b.meets },
  };
}

export async function meetingPage(request: FastifyRequest, app: FastifyInstance, id: number) {
  const { db } = app.steward;
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const on = today();
  const m = (await q.meetingById(db, orgId, id))!;
  const boardId = Number(m.board_id);
  const [agenda, papers, members, attendance, decisions, actions, record, signOff] = await Promise.all([
    q.agendaOf(db, orgId, id),
    q.papersOf(db, orgId, id),
    q.membersOf(db, orgId, boardId),
    q.attendanceOf(db, orgId, id),
    q.decisionsOf(db, orgId, { meetingId: id }, undefined, 200),
    q.actionsOf(db, orgId, { meetingId: id, today: on }, 200),
    mayRecord(db, identity, boardId),
    maySignOff(db, identity, boardId),
  ]);
  const row = meetingRow(m, on);
  const marks = new Map(attendance.map((a) => [Number(a.member_id), a.attendance]));
  const current = members.filter((x) => marks.has(Number(x.id)) || !x.left_on || day(x.left_on) > row.heldOn);
  const attendanceNames = { present: 'Present', apologies: 'Apologies', absent: 'Absent' } as const;
  return {
    title: `${m.board_name}, ${date(row.heldOn)}`,
    breadcrumbs: [...boardsCrumbs, { text: m.board_name, href: `/boards/${boardId}` }],
    m: { ...row, minutes: m.minutes, signedOffOn: m.minutes_signed_off_on ? date(day(m.minutes_signed_off_on)) : null, signedOffBy: m.minutes_signed_off_by },
    minutes: renderMarkdown(m.minutes),
    agenda,
    papers: papers.map((p) => ({ ...p, id: Number(p.id), href: `/boards/meetings/${id}/papers/${p.id}`, kb: Math.max(1, Math.round(Number(p.size) / 1024)) })),
    attendance: current.map((x) => {
      const mark = marks.get(Number(x.id));
      return { id: Number(x.id), name: x.name, role: x.role, represents: x.represents, mark: mark ? attendanceNames[mark] : null, raw: mark ?? '' };
    }),
    attendanceSummary: attendanceSummary([...marks.values()], current.length),
    decisions: decisions.map(decisionRow),
    actions: actions.map((a) => actionRow(a, on)),
    happened: row.heldOn <= on,
    canManage: can(identity, boards.manage),
    canRecord: record,
    canSignOff: signOff && row.state === 'held' && m.minutes.trim() !== '',
    values: { minutes: m.minutes },
  };
}

export async function decisionFormPage(request: FastifyRequest, db: Db, at: { boardId: number; meetingId: number | null }) {
  const orgId = orgOf(request);
  const b = (await q.boardById(db, orgId, at.boardId))!;
  const m = at.meetingId === null ? null : (await q.meetingById(db, orgId, at.meetingId))!;
  const back = m ? { text: `${b.name}, ${date(day(m.held_on))}`, href: `/boards/meetings/${at.meetingId}` } : { text: b.name, href: `/boards/${at.boardId}` };
  return {
    title: m ? `Record a decision of ${b.name} on ${date(day(m.held_on))}` : `Record a decision of ${b.name} between meetings`,
    breadcrumbs: [...boardsCrumbs, back],
    action: m ? `/boards/meetings/${at.meetingId}/decisions/new` : `/boards/${at.boardId}/decisions/new`,
    back,
    values: { decidedOn: m ? day(m.held_on) : today(), decidedBy: m ? b.name : '' },
  };
}

export async function actionFormPage(request: FastifyRequest, db: Db, at: { meetingId: number } | { decisionId: number }) {
  const orgId = orgOf(request);
  if ('meetingId' in at) {
    const m = (await q.meetingById(db, orgId, at.meetingId))!;
    const back = { text: `${m.board_name}, ${date(day(m.held_on))}`, href: `/boards/meetings/${at.meetingId}` };
    return {
      title: `Give an action from ${back.text}`,
      breadcrumbs: [...boardsCrumbs, back],
      action: `/boards/meetings/${at.meetingId}/actions/new`,
      back,
      values: {},
    };
  }
  const d = (await q.decisionById(db, orgId, at.decisionId))!;
  const back = { text: d.reference, href: `/boards/decisions/${at.decisionId}` };
  return {
    title: `Give an action to carry out ${d.reference}`,
    breadcrumbs: [...boardsCrumbs, back],
    action: `/boards/decisions/${at.decisionId}/actions/new`,
    back,
    values: {},
  };
}

export async function decisionPage(request: FastifyRequest, app: FastifyInstance, id: number) {
  const { db } = app.steward;
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const d = (await q.decisionById(db, orgId, id))!;
  const [links, actions, record] = await Promise.all([
    q.decisionLinksOf(db, orgId, [id]),
    q.actionsOf(db, orgId, { decisionId: id, today: today() }, 200),
    mayRecord(db, identity, Number(d.board_id)),
  ]);
  const describe = await describeLinks(
    app,
    identity,
    links.map((l) => ({ kind: l.kind, id: Number(l.record_id) })),
  );
  const kinds = linkableRecords(app);
  return {
    title: `${d.reference} ${d.title}`,
    breadcrumbs: [...boardsCrumbs, { text: 'Decision log', href: '/boards/decisions' }],
    d: decisionRow(d),
    boardHref: `/boards/${d.board_id}`,
    options: renderMarkdown(d.options),
    rationale: renderMarkdown(d.rationale),
    links: links.map((l) => describe(l.kind, Number(l.record_id))),
    actions: actions.map((a) => actionRow(a, today())),
    linkKindItems: kinds.map((k) => ({ value: k.kind, text: k.label.charAt(0).toUpperCase() + k.label.slice(1) })),
    linkHint: kinds.map((k) => `${k.label}: ${k.hint.charAt(0).toLowerCase()}${k.hint.slice(1)}`).join('; '),
    canRecord: record,
    values: {},
  };
}

export async function actionPage(request: FastifyRequest, db: Db, id: number) {
  const identity = identityOf(request);
  const a = (await q.actionById(db, identity.organisation.id, id))!;
  return {
    title: a.title,
    breadcrumbs: [...boardsCrumbs, { text: 'Actions', href: '/boards/actions' }],
    a: { ...actionRow(a, today()), boardHref: `/boards/${a.board_id}` },
    canRecord: (await mayRecord(db, identity, Number(a.board_id))) || Number(a.owner_person_id) === identity.person.id,
    canChange: await mayRecord(db, identity, Number(a.board_id)),
    values: { title: a.title, ownerEmail: a.owner_email ?? '', ownerName: a.owner_email ? '' : a.owner_name, dueOn: day(a.due_on) },
  };
}
