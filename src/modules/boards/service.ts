import {
  activeMemberByEmail,
  auditedWrite,
  date,
  NotFoundError,
  UserError,
  type Actor,
  type CheckedFile,
  type Db,
  type NamedRecord,
} from '../../platform/index.js';
import { nowIso } from '../../db/columns.js';
import * as q from './queries.js';
import { decisionReference } from './rules.js';
import type { ActionInput, BoardInput, DecisionInput, MeetingInput, MemberInput } from './schemas.js';

export const today = () => new Date().toISOString().slice(0, 10);
const day = (v: unknown) => String(v).slice(0, 10);

async function personOf(db: Db, organisationId: number, email: string | undefined) {
  if (!email) return null;
  const found = await activeMemberByEmail(db, organisationId, email);
  return found ? Number(found.id) : null;
}

export async function addBoard(db: Db, actor: Actor, organisationId: number, v: BoardInput) {
  if (await q.boardNamed(db, organisationId, v.name)) throw new UserError(`There is already a board called ${v.name}`, { field: 'name' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const id = await q.insertBoard(tx, { organisation_id: organisationId, name: v.name, purpose: v.purpose, meets: v.meets, created_at: now, updated_at: now });
    await audit.created('board', id, { name: v.name, meets: v.meets }, `Set up the board ${v.name}`, organisationId);
    return id;
  });
}

export async function changeBoard(db: Db, actor: Actor, organisationId: number, id: number, v: BoardInput) {
  const before = await q.boardById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such board');
  const same = await q.boardNamed(db, organisationId, v.name);
  if (same && Number(same.id) !== id) throw new UserError(`There is already a board called ${v.name}`, { field: 'name' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateBoard(tx, organisationId, id, { name: v.name, purpose: v.purpose, meets: v.meets, updated_at: nowIso() });
    await audit.updated(
      'board',
      id,
      { name: before.name, purpose: before.purpose, meets: before.meets },
      { name: v.name, purpose: v.purpose, meets: v.meets },
      `Changed the terms of reference of ${v.name}`,
      organisationId,
    );
  });
}

export async function addMember(db: Db, actor: Actor, organisationId: number, boardId: number, v: MemberInput) {
  const personId = await personOf(db, organisationId, v.email);
  const board = (await q.boardById(db, organisationId, boardId))!;
  return auditedWrite(db, actor, async (tx, audit) => {
    const row = { name: v.name, role: v.role, represents: v.represents, person_id: personId };
    const id = await q.insertMember(tx, { organisation_id: organisationId, board_id: boardId, ...row, created_at: nowIso() });
    await audit.created('board_member', id, { board_id: boardId, ...row }, `${v.name} joined ${board.name}`, organisationId);
    return id;
  });
}

export async function memberLeaves(db: Db, actor: Actor, organisationId: number, boardId: number, memberId: number, on = today()) {
  const m = await q.memberById(db, organisationId, boardId, memberId);
  if (!m) throw new NotFoundError('There is no such member of this board');
  if (m.left_on) throw new UserError(`${m.name} left the board on ${date(day(m.left_on))}`);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.memberLeaves(tx, organisationId, memberId, on);
    await audit.updated('board_member', memberId, { left_on: null }, { left_on: on }, `${m.name} left the board`, organisationId);
  });
}

export async function addMeeting(db: Db, actor: Actor, organisationId: number, boardId: number, v: MeetingInput) {
  const board = (await q.boardById(db, organisationId, boardId))!;
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const id = await q.insertMeeting(tx, {
      organisation_id: organisationId,
      board_id: boardId,
      held_on: v.heldOn,
      starts_at: v.startsAt,
      place: v.place,
      created_at: now,
      updated_at: now,
    });
    await audit.created(
      'board_meeting',
      id,
      { board_id: boardId, held_on: v.heldOn, place: v.place },
      `Arranged ${board.name} on ${date(v.heldOn)}`,
      organisationId,
    );
    return id;
  });
}

async function meetingOf(db: Db, organisationId: number, meetingId: number) {
  const m = await q.meetingById(db, organisationId, meetingId);
  if (!m) throw new NotFoundError('There is no such meeting');
  return { ...m, held_on: day(m.held_on), name: `${m.board_name} on ${date(day(m.held_on))}` };
}

function mustHaveHappened(m: { held_on: string; name: string }, what: string, field?: string) {
  if (m.held_on > today())
    throw new UserError(`The meeting is on ${date(m.held_on)} and has not happened yet: record ${what} once it has`, field ? { field } : undefined);
}

export async function addAgendaItem(db: Db, actor: Actor, organisationId: number, meetingId: number, v: { title: string; presenter: string }) {
  const m = await meetingOf(db, organisationId, meetingId);
  if (m.minutes_signed_off_on) throw new UserError('The minutes of this meeting are signed off: its agenda is part of the record now', { field: 'title' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertAgendaItem(tx, {
      organisation_id: organisationId,
      meeting_id: meetingId,
      title: v.title,
      presenter: v.presenter,
      created_at: nowIso(),
    });
    await audit.created('board_agenda_item', id, { meeting_id: meetingId, ...v }, `Put ${v.title} on the agenda of ${m.name}`, organisationId);
    return id;
  });
}

export async function addPaper(db: Db, actor: Actor, organisationId: number, meetingId: number, title: string, f: CheckedFile) {
  const m = await meetingOf(db, organisationId, meetingId);
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertPaper(tx, {
      organisation_id: organisationId,
      meeting_id: meetingId,
      title,
      filename: f.filename,
      content_type: f.contentType,
      size: f.size,
      sha256: f.sha256,
      data: f.data,
      added_by: actor.personId,
      created_at: nowIso(),
    });
    await audit.created(
      'board_paper',
      id,
      { meeting_id: meetingId, title, filename: f.filename, size: f.size, sha256: f.sha256 },
      `Added the paper ${title} to ${m.name}`,
      organisationId,
    );
    return id;
  });
}

export async function recordAttendance(db: Db, actor: Actor, organisationId: number, meetingId: number, v: { present: number[]; apologies: number[] }) {
  const m = await meetingOf(db, organisationId, meetingId);
  mustHaveHappened(m, 'who attended', 'present');
  if (m.minutes_signed_off_on)
    throw new UserError('The minutes of this meeting are signed off: its attendance is part of the record now', { field: 'present' });
  const members = await q.membersOf(db, organisationId, Number(m.board_id));
  const ofBoard = new Set(members.map((x) => Number(x.id)));
  for (const [field, ids] of [
    ['present', v.present],
    ['apologies', v.apologies],
  ] as const)
    if (ids.some((id) => !ofBoard.has(id))) throw new UserError('Choose members of this board', { field });
  if (v.present.some((id) => v.apologies.includes(id))) throw new UserError('A member either attended or sent apologies, not both', { field: 'apologies' });
  const before = await q.attendanceOf(db, organisationId, meetingId);
  const rows = members
    .filter((x) => !x.left_on || day(x.left_on) > m.held_on || v.present.includes(Number(x.id)) || v.apologies.includes(Number(x.id)))
    .map((x) => {
      const id = Number(x.id);
      return {
        member_id: id,
        attendance: v.present.includes(id) ? ('present' as const) : v.apologies.includes(id) ? ('apologies' as const) : ('absent' as const),
      };
    });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setAttendance(tx, organisationId, meetingId, rows);
    await audit.updated(
      'board_meeting',
      meetingId,
      { attendance: before.map((a) => `${a.member_id}:${a.attendance}`) },
      { attendance: rows.map((a) => `${a.member_id}:${a.attendance}`) },
      `Recorded who attended ${m.name}`,
      organisationId,
    );
  });
}

export async function saveMinutes(db: Db, actor: Actor, organisationId: number, meetingId: number, minutes: string) {
  const m = await meetingOf(db, organisationId, meetingId);
  mustHaveHappened(m, 'its minutes', 'minutes');
  if (m.minutes_signed_off_on)
    throw new UserError(`The minutes were signed off on ${date(day(m.minutes_signed_off_on))} and are the record now: they cannot be changed`, {
      field: 'minutes',
    });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateMeeting(tx, organisationId, meetingId, { minutes, updated_at: nowIso() });
    await audit.updated('board_meeting', meetingId, { minutes: m.minutes }, { minutes }, `Wrote the minutes of ${m.name}`, organisationId);
  });
}

export async function signOffMinutes(db: Db, actor: Actor, organisationId: number, meetingId: number, by: string, on = today()) {
  const m = await meetingOf(db, organisationId, meetingId);
  mustHaveHappened(m, 'its minutes');
  if (m.minutes_signed_off_on) throw new UserError(`${m.minutes_signed_off_by} signed the minutes off on ${date(day(m.minutes_signed_off_on))}`);
  if (!m.minutes.trim()) throw new UserError('Write the minutes before signing them off');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateMeeting(tx, organisationId, meetingId, { minutes_signed_off_on: on, minutes_signed_off_by: by, updated_at: nowIso() });
    await audit.updated(
      'board_meeting',
      meetingId,
      { minutes_signed_off_on: null },
      { minutes_signed_off_on: on, minutes_signed_off_by: by },
      `${by} signed off the minutes of ${m.name}`,
      organisationId,
    );
  });
}

/** A decision of a board, at one of its meetings or between them (by the chair, under delegation). */
export async function recordDecision(db: Db, actor: Actor, organisationId: number, boardId: number, meetingId: number | null, v: DecisionInput) {
  const board = (await q.boardById(db, organisationId, boardId))!;
  if (meetingId !== null) {
    const m = await meetingOf(db, organisationId, meetingId);
    if (Number(m.board_id) !== boardId) throw new NotFoundError('There is no such meeting of this board');
    mustHaveHappened(m, 'its decisions', 'decidedOn');
    if (m.minutes_signed_off_on)
      throw new UserError(`The minutes of ${m.name} are signed off: record a later decision between meetings or at the next one`, { field: 'decidedOn' });
    if (v.decidedOn < m.held_on) throw new UserError(`A decision of the meeting on ${date(m.held_on)} cannot be made before it`, { field: 'decidedOn' });
  }
  if (v.decidedOn > today()) throw new UserError('Record a decision once it has been made: the day it was decided is still to come', { field: 'decidedOn' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const reference = decisionReference(await q.nextDecisionReference(tx, organisationId));
    const row = {
      title: v.title,
      options: v.options,
      rationale: v.rationale,
      decided_by: v.decidedBy || board.name,
      decided_on: v.decidedOn,
      public: v.public ? 1 : 0,
    };
    const id = await q.insertDecision(tx, {
      organisation_id: organisationId,
      board_id: boardId,
      meeting_id: meetingId,
      reference,
      ...row,
      recorded_by: actor.personId,
      created_at: nowIso(),
    });
    await audit.created('board_decision', id, { reference, board_id: boardId, meeting_id: meetingId, ...row }, `${reference}: ${v.title}`, organisationId);
    return { id, reference };
  });
}

export async function linkDecision(db: Db, actor: Actor, organisationId: number, decisionId: number, kind: string, found: NamedRecord) {
  const d = await q.decisionById(db, organisationId, decisionId);
  if (!d) throw new NotFoundError('There is no such decision');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.insertDecisionLink(tx, { organisation_id: organisationId, decision_id: decisionId, kind, record_id: found.id, created_at: nowIso() });
    await audit.created(
      'board_decision_link',
      `${decisionId}:${kind}:${found.id}`,
      { kind, record_id: found.id },
      `${d.reference} is about ${found.title}`,
      organisationId,
    );
  });
}

export async function addAction(
  db: Db,
  actor: Actor,
  organisationId: number,
  boardId: number,
  from: { meetingId: number | null; decisionId: number | null },
  v: ActionInput,
) {
  const ownerPersonId = await personOf(db, organisationId, v.ownerEmail);
  if (ownerPersonId === null && !v.ownerName) throw new UserError('Give the owner’s email if they use Steward, or their name', { field: 'ownerName' });
  if (from.meetingId !== null) {
    const m = await meetingOf(db, organisationId, from.meetingId);
    if (v.dueOn < m.held_on) throw new UserError(`An action of the meeting on ${date(m.held_on)} is due on or after it`, { field: 'dueOn' });
    if (m.minutes_signed_off_on && from.decisionId === null)
      throw new UserError(`The minutes of ${m.name} are signed off: give a later action from a decision or at the next meeting`, { field: 'title' });
  }
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const row = { title: v.title, owner_person_id: ownerPersonId, owner_name: v.ownerName, due_on: v.dueOn };
    const id = await q.insertAction(tx, {
      organisation_id: organisationId,
      board_id: boardId,
      meeting_id: from.meetingId,
      decision_id: from.decisionId,
      ...row,
      done_note: '',
      created_at: now,
      updated_at: now,
    });
    await audit.created(
      'board_action',
      id,
      { board_id: boardId, meeting_id: from.meetingId, decision_id: from.decisionId, ...row },
      `Action: ${v.title}`,
      organisationId,
    );
    return id;
  });
}

export async function completeAction(db: Db, actor: Actor, organisationId: number, actionId: number, note: string, on = today()) {
  const a = await q.actionById(db, organisationId, actionId);
  if (!a) throw new NotFoundError('There is no such action');
  if (a.done_on) throw new UserError(`This action was done on ${date(day(a.done_on))}`);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.actionDone(tx, organisationId, actionId, { done_on: on, done_note: note, updated_at: nowIso() });
    await audit.updated('board_action', actionId, { done_on: null }, { done_on: on, done_note: note }, `Done: ${a.title}`, organisationId);
  });
}

/** A board moves an action's due date, gives it to someone else or words it better; a done one is reopened. */
export async function changeAction(db: Db, actor: Actor, organisationId: number, actionId: number, v: ActionInput) {
  const a = await q.actionById(db, organisationId, actionId);
  if (!a) throw new NotFoundError('There is no such action');
  const ownerPersonId = await personOf(db, organisationId, v.ownerEmail);
  if (ownerPersonId === null && !v.ownerName) throw new UserError('Give the owner’s email if they use Steward, or their name', { field: 'ownerName' });
  const row = { title: v.title, owner_person_id: ownerPersonId, owner_name: ownerPersonId === null ? v.ownerName : '', due_on: v.dueOn };
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateAction(tx, organisationId, actionId, { ...row, updated_at: nowIso() });
    await audit.updated(
      'board_action',
      actionId,
      { title: a.title, owner_person_id: a.owner_person_id, owner_name: a.owner_name, due_on: day(a.due_on) },
      row,
      `Changed the action: ${v.title}`,
      organisationId,
    );
  });
}

export async function reopenAction(db: Db, actor: Actor, organisationId: number, actionId: number) {
  const a = await q.actionById(db, organisationId, actionId);
  if (!a) throw new NotFoundError('There is no such action');
  if (!a.done_on) throw new UserError('This action is still open');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateAction(tx, organisationId, actionId, { done_on: null, done_note: '', updated_at: nowIso() });
    await audit.updated(
      'board_action',
      actionId,
      { done_on: day(a.done_on), done_note: a.done_note },
      { done_on: null },
      `Reopened: ${a.title}`,
      organisationId,
    );
  });
}
