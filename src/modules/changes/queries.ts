import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/index.js';
import type { ChangeKind, ChangeStatus, RiskLevel } from './rules.js';
import type { ChangeApprovalsTable, ChangesTable } from './tables.js';

type Conn = Db | Tx;

const changedIn = new WeakMap<Tx, Set<number>>();
/** Moves the organisation's change version, once per transaction: every write to what the calendar shows calls it. */
export async function changesChanged(tx: Tx, organisationId: number) {
  const done = changedIn.get(tx) ?? new Set<number>();
  if (done.has(organisationId)) return;
  done.add(organisationId);
  changedIn.set(tx, done);
  await tx
    .insertInto('change_versions')
    .values({ organisation_id: organisationId, version: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet((eb) => ({ version: eb('change_versions.version', '+', 1) })))
    .execute();
}

export async function changesVersion(db: Conn, organisationId: number) {
  const r = await db.selectFrom('change_versions').where('organisation_id', '=', organisationId).select('version').executeTakeFirst();
  return r ? Number(r.version) : 0;
}

/** The next per-organisation change number, in the caller's transaction. */
export async function nextChangeNumber(tx: Tx, organisationId: number) {
  const r = await tx
    .insertInto('change_counters')
    .values({ organisation_id: organisationId, changes: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ changes: sql`change_counters.changes + 1` }))
    .returning('changes')
    .executeTakeFirstOrThrow();
  return Number(r.changes);
}

export async function insertChange(tx: Tx, row: Insertable<ChangesTable>) {
  await changesChanged(tx, row.organisation_id);
  const r = await tx.insertInto('changes').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateChange(tx: Tx, organisationId: number, id: number, set: Updateable<ChangesTable>) {
  await changesChanged(tx, organisationId);
  await tx.updateTable('changes').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

const changeColumns = [
  'c.id',
  'c.number',
  'c.reference',
  'c.title',
  'c.description',
  'c.kind',
  'c.status',
  'c.risk_impact',
  'c.risk_systems',
  'c.risk_untested',
  'c.risk_backout',
  'c.risk_hours',
  'c.risk_score',
  'c.risk_level',
  'c.planned_start',
  'c.planned_end',
  'c.implementer_id',
  'c.backout_plan',
  'c.test_plan',
  'c.communication_plan',
  'c.emergency_reason',
  'c.outcome',
  'c.outcome_notes',
  'c.cab_round',
  'c.created_at',
  'c.updated_at',
  'p.display_name as implementer_name',
] as const;

const changesWithImplementer = (db: Conn) => db.selectFrom('changes as c').leftJoin('people as p', 'p.id', 'c.implementer_id');

export const changeByReference = (db: Conn, organisationId: number, reference: string) =>
  changesWithImplementer(db).where('c.organisation_id', '=', organisationId).where('c.reference', '=', reference).select(changeColumns).executeTakeFirst();

export const changeById = (db: Conn, organisationId: number, id: number) =>
  changesWithImplementer(db).where('c.organisation_id', '=', organisationId).where('c.id', '=', id).select(changeColumns).executeTakeFirst();

export type ChangeRow = NonNullable<Awaited<ReturnType<typeof changeById>>>;

export interface ChangeFilter {
  status?: ChangeStatus;
  kind?: ChangeKind;
  risk?: RiskLevel;
}

/** Changes newest first, by keyset on id. */
export function changesOf(db: Conn, organisationId: number, filter: ChangeFilter, after: { id: number } | null | undefined, limit: number) {
  let query = changesWithImplementer(db).where('c.organisation_id', '=', organisationId);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.kind) query = query.where('c.kind', '=', filter.kind);
  if (filter.risk) query = query.where('c.risk_level', '=', filter.risk);
  if (after) query = query.where('c.id', '<', after.id);
  return query.select(changeColumns).orderBy('c.id', 'desc').limit(limit).execute();
}

/** Changes whose planned interval overlaps [from, to): bounded on start by the longest a change may last. */
export function changesBetween(db: Conn, organisationId: number, from: string, to: string, earliestStart: string, limit: number) {
  return changesWithImplementer(db)
    .where('c.organisation_id', '=', organisationId)
    .where('c.planned_start', '>=', earliestStart)
    .where('c.planned_start', '<', to)
    .where('c.planned_end', '>', from)
    .where('c.status', '<>', 'rejected')
    .select(changeColumns)
    .orderBy('c.planned_start')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

/** The same overlap with only what the calendar shows of each change. */
export function calendarRowsBetween(db: Conn, organisationId: number, from: string, to: string, earliestStart: string, limit: number) {
  return db
    .selectFrom('changes')
    .where('organisation_id', '=', organisationId)
    .where('planned_start', '>=', earliestStart)
    .where('planned_start', '<', to)
    .where('planned_end', '>', from)
    .where('status', '<>', 'rejected')
    .select(['id', 'reference', 'title', 'kind', 'status', 'planned_start', 'planned_end'])
    .orderBy('planned_start')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The systems of every change overlapping [from, to), in one query over the same range. */
export async function systemsOfChangesBetween(db: Conn, organisationId: number, from: string, to: string, earliestStart: string) {
  const rows = await db
    .selectFrom('changes as c')
    .innerJoin('change_systems as cs', 'cs.change_id', 'c.id')
    .where('c.organisation_id', '=', organisationId)
    .where('c.planned_start', '>=', earliestStart)
    .where('c.planned_start', '<', to)
    .where('c.planned_end', '>', from)
    .where('c.status', '<>', 'rejected')
    .select(['cs.change_id', 'cs.system_id'])
    .limit(50_000)
    .execute();
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const list = out.get(Number(r.change_id));
    if (list) list.push(Number(r.system_id));
    else out.set(Number(r.change_id), [Number(r.system_id)]);
  }
  return out;
}

/** The same overlap, only what conflict detection needs. */
export function intervalsBetween(db: Conn, organisationId: number, from: string, to: string, earliestStart: string) {
  return db
    .selectFrom('changes')
    .where('organisation_id', '=', organisationId)
    .where('planned_start', '>=', earliestStart)
    .where('planned_start', '<', to)
    .where('planned_end', '>', from)
    .where('status', '<>', 'rejected')
    .select(['id', 'reference', 'title', 'planned_start', 'planned_end'])
    .limit(5000)
    .execute();
}

export async function systemsOfChanges(db: Conn, organisationId: number, changeIds: readonly number[]) {
  const out = new Map<number, number[]>();
  if (!changeIds.length) return out;
  const ids = [...new Set(changeIds)];
  // Read by the primary key (change, system); the organisation is checked on the rows, as a filter on
  // it in the query would have SQLite read the organisation's whole index instead.
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('change_systems')
      .where('change_id', 'in', ids.slice(i, i + 1000))
      .select(['organisation_id', 'change_id', 'system_id'])
      .execute();
    for (const r of rows) {
      if (Number(r.organisation_id) !== organisationId) continue;
      const list = out.get(Number(r.change_id));
      if (list) list.push(Number(r.system_id));
      else out.set(Number(r.change_id), [Number(r.system_id)]);
    }
  }
  return out;
}

export async function setChangeSystems(tx: Tx, organisationId: number, changeId: number, systemIds: readonly number[]) {
  await changesChanged(tx, organisationId);
  await tx.deleteFrom('change_systems').where('organisation_id', '=', organisationId).where('change_id', '=', changeId).execute();
  if (systemIds.length)
    await tx
      .insertInto('change_systems')
      .values([...new Set(systemIds)].map((system_id) => ({ organisation_id: organisationId, change_id: changeId, system_id })))
      .execute();
}

export const systemNames = (db: Conn, organisationId: number, ids: readonly number[]) =>
  ids.length
    ? db
        .selectFrom('systems')
        .where('organisation_id', '=', organisationId)
        .where('id', 'in', [...new Set(ids)])
        .select(['id', 'name'])
        .execute()
    : Promise.resolve([]);

/** Changes planned to start in [from, to), only what the measures count. */
export function plannedOutcomes(db: Conn, organisationId: number, from: string, to: string) {
  return db
    .selectFrom('changes')
    .where('organisation_id', '=', organisationId)
    .where('planned_start', '>=', from)
    .where('planned_start', '<', to)
    .where('status', '<>', 'rejected')
    .select(['kind', 'outcome', 'planned_start'])
    .limit(200_000)
    .execute();
}

// Freeze windows

export const freezeWindowsOf = (db: Conn, organisationId: number, limit = 500) =>
  db.selectFrom('change_freeze_windows').where('organisation_id', '=', organisationId).selectAll().orderBy('starts_at', 'desc').limit(limit).execute();

/** Freeze windows overlapping [from, to). Few per year: read by start from the index. */
export const freezeWindowsBetween = (db: Conn, organisationId: number, from: string, to: string) =>
  db
    .selectFrom('change_freeze_windows')
    .where('organisation_id', '=', organisationId)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .selectAll()
    .orderBy('starts_at')
    .limit(500)
    .execute();

export const freezeWindowById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('change_freeze_windows').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertFreezeWindow(
  tx: Tx,
  row: { organisation_id: number; name: string; reason: string; starts_at: string; ends_at: string; created_at: string; updated_at: string },
) {
  await changesChanged(tx, row.organisation_id);
  const r = await tx.insertInto('change_freeze_windows').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateFreezeWindow(
  tx: Tx,
  organisationId: number,
  id: number,
  set: { name: string; reason: string; starts_at: string; ends_at: string; updated_at: string },
) {
  await changesChanged(tx, organisationId);
  await tx.updateTable('change_freeze_windows').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function deleteFreezeWindow(tx: Tx, organisationId: number, id: number) {
  await changesChanged(tx, organisationId);
  await tx.deleteFrom('change_freeze_windows').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

// Maintenance windows

export const maintenanceWindowsOf = (db: Conn, organisationId: number) =>
  db
    .selectFrom('change_maintenance_windows')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .orderBy('weekday')
    .orderBy('starts')
    .limit(100)
    .execute();

export async function insertMaintenanceWindow(tx: Tx, row: { organisation_id: number; weekday: number; starts: string; ends: string; created_at: string }) {
  await changesChanged(tx, row.organisation_id);
  const r = await tx.insertInto('change_maintenance_windows').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export const maintenanceWindowById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('change_maintenance_windows').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function deleteMaintenanceWindow(tx: Tx, organisationId: number, id: number) {
  await changesChanged(tx, organisationId);
  await tx.deleteFrom('change_maintenance_windows').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

// The CAB

export const cabMembersOf = (db: Conn, organisationId: number) =>
  db
    .selectFrom('cab_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('m.organisation_id', '=', organisationId)
    .select(['m.id', 'm.person_id', 'm.role', 'p.display_name', 'p.email'])
    .orderBy('p.display_name')
    .limit(200)
    .execute();

export const cabMemberOfPerson = (db: Conn, organisationId: number, personId: number) =>
  db.selectFrom('cab_members').where('organisation_id', '=', organisationId).where('person_id', '=', personId).selectAll().executeTakeFirst();

export const cabMemberById = (db: Conn, organisationId: number, id: number) =>
  db
    .selectFrom('cab_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.id', '=', id)
    .select(['m.id', 'm.person_id', 'm.role', 'p.display_name'])
    .executeTakeFirst();

export async function insertCabMember(tx: Tx, row: { organisation_id: number; person_id: number; role: string; created_at: string }) {
  const r = await tx.insertInto('cab_members').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function deleteCabMember(tx: Tx, organisationId: number, id: number) {
  await tx.deleteFrom('cab_members').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export const settingsOf = (db: Conn, organisationId: number) =>
  db.selectFrom('change_settings').where('organisation_id', '=', organisationId).selectAll().executeTakeFirst();

export async function saveSettings(tx: Tx, row: { organisation_id: number; cab_quorum: number; ecab_quorum: number }) {
  await tx
    .insertInto('change_settings')
    .values(row)
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ cab_quorum: row.cab_quorum, ecab_quorum: row.ecab_quorum }))
    .execute();
}

// Votes and approvals

export const votesOf = (db: Conn, organisationId: number, changeId: number) =>
  db
    .selectFrom('change_votes as v')
    .innerJoin('cab_members as m', 'm.id', 'v.member_id')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('v.organisation_id', '=', organisationId)
    .where('v.change_id', '=', changeId)
    .select(['v.id', 'v.cab_round', 'v.member_id', 'v.decision', 'v.conditions', 'v.at', 'p.display_name', 'm.person_id'])
    .orderBy('v.cab_round', 'desc')
    .orderBy('v.at')
    .limit(500)
    .execute();

export async function insertVote(
  tx: Tx,
  row: { organisation_id: number; change_id: number; cab_round: number; member_id: number; decision: string; conditions: string; at: string },
) {
  const r = await tx
    .insertInto('change_votes')
    .values(row as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export const approvalsOf = (db: Conn, organisationId: number, changeId: number) =>
  db
    .selectFrom('change_approvals as a')
    .leftJoin('people as p', 'p.id', 'a.person_id')
    .where('a.organisation_id', '=', organisationId)
    .where('a.change_id', '=', changeId)
    .select(['a.id', 'a.cab_round', 'a.approver', 'a.decision', 'a.conditions', 'a.at', 'a.person_id', 'p.display_name'])
    .orderBy('a.at')
    .orderBy('a.id')
    .limit(500)
    .execute();

export async function insertApproval(tx: Tx, row: Insertable<ChangeApprovalsTable>) {
  const r = await tx.insertInto('change_approvals').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Changes awaiting the CAB, the soonest planned first. */
export const awaitingCab = (db: Conn, organisationId: number) =>
  changesWithImplementer(db)
    .where('c.organisation_id', '=', organisationId)
    .where('c.status', '=', 'awaiting_cab')
    .select(changeColumns)
    .orderBy('c.planned_start')
    .orderBy('c.id')
    .limit(200)
    .execute();

/** Approved and scheduled changes overlapping [from, to): the status page's planned work. */
export const plannedBetween = (db: Conn, organisationId: number, from: string, to: string, earliestStart: string) =>
  db
    .selectFrom('changes')
    .where('organisation_id', '=', organisationId)
    .where('planned_start', '>=', earliestStart)
    .where('planned_start', '<', to)
    .where('planned_end', '>', from)
    .where('status', 'in', ['approved', 'approved_with_conditions', 'scheduled', 'in_progress'])
    .select(['id', 'reference', 'title', 'description', 'communication_plan', 'planned_start', 'planned_end'])
    .orderBy('planned_start')
    .limit(500)
    .execute();

/** The organisation's people who may carry out a change (agents, managers, admins). */
export const implementers = (db: Conn, organisationId: number) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.role', 'in', ['agent', 'manager', 'admin'])
    .where('m.active', '=', 1)
    .select(['p.id', 'p.display_name'])
    .orderBy('p.display_name')
    .limit(500)
    .execute();

export async function emailOfPerson(db: Conn, personId: number | null) {
  if (personId === null) return null;
  const r = await db.selectFrom('people').where('id', '=', personId).select('email').executeTakeFirst();
  return r?.email ?? null;
}
