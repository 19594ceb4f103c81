import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../platform/index.js';
import type { BoardActionsTable, BoardDecisionsTable } from './tables.js';

type Conn = Db | Tx;
const limitOfBoards = 200;

export const boardsOf = (db: Conn, organisationId: number) =>
  db.selectFrom('boards').where('organisation_id', '=', organisationId).selectAll().orderBy('name').limit(limitOfBoards).execute();

export const boardById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('boards').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertBoard(
  tx: Tx,
  row: { organisation_id: number; name: string; purpose: string; meets: string; created_at: string; updated_at: string },
) {
  const r = await tx.insertInto('boards').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export const boardNamed = (db: Conn, organisationId: number, name: string) =>
  db
    .selectFrom('boards')
    .where('organisation_id', '=', organisationId)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .select('id')
    .executeTakeFirst();

export async function updateBoard(tx: Tx, organisationId: number, id: number, set: { name: string; purpose: string; meets: string; updated_at: string }) {
  await tx.updateTable('boards').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export const membersOf = (db: Conn, organisationId: number, boardId: number) =>
  db
    .selectFrom('board_members as m')
    .leftJoin('people as p', 'p.id', 'm.person_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.board_id', '=', boardId)
    .select(['m.id', 'm.name', 'm.role', 'm.represents', 'm.person_id', 'm.left_on', 'p.email'])
    .orderBy('m.left_on', 'desc')
    .orderBy('m.id')
    .limit(500)
    .execute();

/** The Steward accounts of a board's current members (who may record for it), or of those in the places given (its chairs, who sign minutes off). */
export async function memberPersonIds(db: Conn, organisationId: number, boardId: number, places?: string[]) {
  let query = db
    .selectFrom('board_members')
    .where('organisation_id', '=', organisationId)
    .where('board_id', '=', boardId)
    .where('left_on', 'is', null)
    .where('person_id', 'is not', null);
  if (places) query = query.where(sql<string>`lower(role)`, 'in', places);
  return (await query.select('person_id').execute()).map((r) => Number(r.person_id));
}

export async function insertMember(
  tx: Tx,
  row: { organisation_id: number; board_id: number; name: string; role: string; represents: string; person_id: number | null; created_at: string },
) {
  const r = await tx.insertInto('board_members').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export const memberById = (db: Conn, organisationId: number, boardId: number, id: number) =>
  db
    .selectFrom('board_members')
    .where('organisation_id', '=', organisationId)
    .where('board_id', '=', boardId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export async function memberLeaves(tx: Tx, organisationId: number, id: number, on: string) {
  await tx.updateTable('board_members').set({ left_on: on }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

const meetingColumns = ['m.id', 'm.board_id', 'b.name as board_name', 'm.held_on', 'm.starts_at', 'm.place', 'm.minutes_signed_off_on'] as const;

export const meetingsOf = (db: Conn, organisationId: number, boardId: number) =>
  db
    .selectFrom('board_meetings as m')
    .innerJoin('boards as b', 'b.id', 'm.board_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.board_id', '=', boardId)
    .select(meetingColumns)
    .orderBy('m.held_on', 'desc')
    .limit(500)
    .execute();

/** Meetings of every board, newest first, for the overview and the API. */
export const recentMeetings = (db: Conn, organisationId: number, limit: number) =>
  db
    .selectFrom('board_meetings as m')
    .innerJoin('boards as b', 'b.id', 'm.board_id')
    .where('m.organisation_id', '=', organisationId)
    .select(meetingColumns)
    .orderBy('m.held_on', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();

export const meetingById = (db: Conn, organisationId: number, id: number) =>
  db
    .selectFrom('board_meetings as m')
    .innerJoin('boards as b', 'b.id', 'm.board_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.id', '=', id)
    .select([...meetingColumns, 'm.minutes', 'm.minutes_signed_off_by'])
    .executeTakeFirst();

export async function insertMeeting(
  tx: Tx,
  row: { organisation_id: number; board_id: number; held_on: string; starts_at: string; place: string; created_at: string; updated_at: string },
) {
  const r = await tx
    .insertInto('board_meetings')
    .values({ ...row, minutes: '', minutes_signed_off_by: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateMeeting(
  tx: Tx,
  organisationId: number,
  id: number,
  set: Partial<{ held_on: string; starts_at: string; place: string; minutes: string; minutes_signed_off_on: string | null; minutes_signed_off_by: string }> & {
    updated_at: string;
  },
) {
  await tx.updateTable('board_meetings').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export const agendaOf = (db: Conn, organisationId: number, meetingId: number) =>
  db
    .selectFrom('board_agenda_items')
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .select(['id', 'title', 'presenter', 'position'])
    .orderBy('position')
    .limit(200)
    .execute();

export async function insertAgendaItem(tx: Tx, row: { organisation_id: number; meeting_id: number; title: string; presenter: string; created_at: string }) {
  const last = await tx
    .selectFrom('board_agenda_items')
    .where('organisation_id', '=', row.organisation_id)
    .where('meeting_id', '=', row.meeting_id)
    .select((eb) => eb.fn.max('position').as('last'))
    .executeTakeFirst();
  const r = await tx
    .insertInto('board_agenda_items')
    .values({ ...row, position: Number(last?.last ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export const papersOf = (db: Conn, organisationId: number, meetingId: number) =>
  db
    .selectFrom('board_papers')
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .select(['id', 'title', 'filename', 'content_type', 'size', 'created_at'])
    .orderBy('id')
    .limit(200)
    .execute();

export const paperById = (db: Conn, organisationId: number, meetingId: number, id: number) =>
  db
    .selectFrom('board_papers')
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .where('id', '=', id)
    .select(['filename', 'content_type', 'data'])
    .executeTakeFirst();

export async function insertPaper(
  tx: Tx,
  row: {
    organisation_id: number;
    meeting_id: number;
    title: string;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
    data: Buffer;
    added_by: number | null;
    created_at: string;
  },
) {
  const r = await tx.insertInto('board_papers').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export const attendanceOf = (db: Conn, organisationId: number, meetingId: number) =>
  db
    .selectFrom('board_attendance')
    .where('organisation_id', '=', organisationId)
    .where('meeting_id', '=', meetingId)
    .select(['member_id', 'attendance'])
    .execute();

export async function setAttendance(
  tx: Tx,
  organisationId: number,
  meetingId: number,
  rows: { member_id: number; attendance: 'present' | 'apologies' | 'absent' }[],
) {
  await tx.deleteFrom('board_attendance').where('organisation_id', '=', organisationId).where('meeting_id', '=', meetingId).execute();
  if (rows.length)
    await tx
      .insertInto('board_attendance')
      .values(rows.map((r) => ({ organisation_id: organisationId, meeting_id: meetingId, ...r })))
      .execute();
}

export async function nextDecisionReference(tx: Tx, organisationId: number) {
  const r = await tx
    .insertInto('board_counters')
    .values({ organisation_id: organisationId, decisions: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ decisions: sql`board_counters.decisions + 1` }))
    .returning('decisions')
    .executeTakeFirstOrThrow();
  return Number(r.decisions);
}

export async function insertDecision(tx: Tx, row: Insertable<BoardDecisionsTable>) {
  const r = await tx.insertInto('board_decisions').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

const decisionColumns = [
  'd.id',
  'd.reference',
  'd.board_id',
  'b.name as board_name',
  'd.meeting_id',
  'd.title',
  'd.options',
  'd.rationale',
  'd.decided_by',
  'd.decided_on',
  'd.public',
] as const;

/** The decision log, newest first, after a keyset cursor. */
export function decisionsOf(
  db: Conn,
  organisationId: number,
  filter: { boardId?: number; meetingId?: number; public?: boolean },
  after: { on: string; id: number } | null | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('board_decisions as d')
    .innerJoin('boards as b', 'b.id', 'd.board_id')
    .where('d.organisation_id', '=', organisationId)
    .select(decisionColumns);
  if (filter.boardId !== undefined) query = query.where('d.board_id', '=', filter.boardId);
  if (filter.meetingId !== undefined) query = query.where('d.meeting_id', '=', filter.meetingId);
  if (filter.public !== undefined) query = query.where('d.public', '=', filter.public ? 1 : 0);
  if (after) query = query.where((eb) => eb.or([eb('d.decided_on', '<', after.on), eb.and([eb('d.decided_on', '=', after.on), eb('d.id', '<', after.id)])]));
  return query.orderBy('d.decided_on', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
}

export const decisionById = (db: Conn, organisationId: number, id: number) =>
  db
    .selectFrom('board_decisions as d')
    .innerJoin('boards as b', 'b.id', 'd.board_id')
    .where('d.organisation_id', '=', organisationId)
    .where('d.id', '=', id)
    .select(decisionColumns)
    .executeTakeFirst();

export const decisionLinksOf = (db: Conn, organisationId: number, decisionIds: number[]) =>
  decisionIds.length
    ? db
        .selectFrom('board_decision_links')
        .where('organisation_id', '=', organisationId)
        .where('decision_id', 'in', decisionIds)
        .select(['decision_id', 'kind', 'record_id'])
        .execute()
    : Promise.resolve([]);

export async function insertDecisionLink(tx: Tx, row: { organisation_id: number; decision_id: number; kind: string; record_id: number; created_at: string }) {
  await tx
    .insertInto('board_decision_links')
    .values(row)
    .onConflict((oc) => oc.columns(['decision_id', 'kind', 'record_id']).doNothing())
    .execute();
}

const actionColumns = [
  'a.id',
  'a.board_id',
  'b.name as board_name',
  'a.meeting_id',
  'a.decision_id',
  'a.title',
  'a.owner_person_id',
  'a.owner_name',
  'p.display_name as owner_display_name',
  'p.email as owner_email',
  'a.due_on',
  'a.done_on',
  'a.done_note',
] as const;

/** Actions in the order an owner works them: open ones by when they are due, then done ones newest first. */
export function actionsOf(
  db: Conn,
  organisationId: number,
  filter: { boardId?: number; meetingId?: number; decisionId?: number; state?: 'open' | 'overdue' | 'done'; today: string },
  limit: number,
) {
  let query = db
    .selectFrom('board_actions as a')
    .innerJoin('boards as b', 'b.id', 'a.board_id')
    .leftJoin('people as p', 'p.id', 'a.owner_person_id')
    .where('a.organisation_id', '=', organisationId)
    .select(actionColumns);
  if (filter.boardId !== undefined) query = query.where('a.board_id', '=', filter.boardId);
  if (filter.meetingId !== undefined) query = query.where('a.meeting_id', '=', filter.meetingId);
  if (filter.decisionId !== undefined) query = query.where('a.decision_id', '=', filter.decisionId);
  if (filter.state === 'done') query = query.where('a.done_on', 'is not', null);
  if (filter.state === 'open') query = query.where('a.done_on', 'is', null);
  if (filter.state === 'overdue') query = query.where('a.done_on', 'is', null).where('a.due_on', '<', filter.today);
  return query
    .orderBy(sql`case when a.done_on is null then 0 else 1 end`)
    .orderBy('a.due_on')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

export const actionById = (db: Conn, organisationId: number, id: number) =>
  db
    .selectFrom('board_actions as a')
    .innerJoin('boards as b', 'b.id', 'a.board_id')
    .leftJoin('people as p', 'p.id', 'a.owner_person_id')
    .where('a.organisation_id', '=', organisationId)
    .where('a.id', '=', id)
    .select(actionColumns)
    .executeTakeFirst();

export async function insertAction(tx: Tx, row: Insertable<BoardActionsTable>) {
  const r = await tx.insertInto('board_actions').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateAction(
  tx: Tx,
  organisationId: number,
  id: number,
  set: Partial<{ title: string; owner_person_id: number | null; owner_name: string; due_on: string; done_on: string | null; done_note: string }> & {
    updated_at: string;
  },
) {
  await tx.updateTable('board_actions').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function actionDone(tx: Tx, organisationId: number, id: number, set: { done_on: string; done_note: string; updated_at: string }) {
  await tx.updateTable('board_actions').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function countOverdue(db: Conn, organisationId: number, today: string) {
  const r = await db
    .selectFrom('board_actions')
    .where('organisation_id', '=', organisationId)
    .where('done_on', 'is', null)
    .where('due_on', '<', today)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Open actions of every organisation due within a week or already late, for the reminders. */
export const actionsToRemind = (db: Db, horizon: string) =>
  db
    .selectFrom('board_actions as a')
    .innerJoin('boards as b', 'b.id', 'a.board_id')
    .where('a.done_on', 'is', null)
    .where('a.due_on', '<=', horizon)
    .where('a.owner_person_id', 'is not', null)
    .select(['a.id', 'a.organisation_id', 'a.title', 'a.owner_person_id', 'a.due_on', 'b.name as board_name'])
    .orderBy('a.id')
    .limit(20000)
    .execute();

/** Records one reminder; false when it has been sent already (another instance, or an earlier run). */
export async function recordReminder(tx: Tx, row: { action_id: number; kind: 'due-soon' | 'overdue'; key: string; at: string }) {
  const r = await tx
    .insertInto('board_action_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['action_id', 'kind', 'key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function emailOfPerson(db: Conn, personId: number | null) {
  if (personId === null) return null;
  const r = await db.selectFrom('people').where('id', '=', personId).select('email').executeTakeFirst();
  return r?.email ?? null;
}
