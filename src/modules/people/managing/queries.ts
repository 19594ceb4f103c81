import type { Db, Tx } from '../../../platform/index.js';
import type { ObjectivesTable } from '../tables.js';

export const objectivesOf = (db: Db | Tx, organisationId: number, staffId: number) =>
  db
    .selectFrom('objectives')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .select(['id', 'year', 'title', 'measure', 'status', 'updated_at'])
    .orderBy('year', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();

export const reviewsOf = (db: Db | Tx, organisationId: number, objectiveIds: number[]) =>
  objectiveIds.length
    ? db
        .selectFrom('objective_reviews')
        .where('organisation_id', '=', organisationId)
        .where('objective_id', 'in', objectiveIds)
        .select(['id', 'objective_id', 'reviewed_on', 'status', 'note'])
        .orderBy('reviewed_on')
        .orderBy('id')
        .execute()
    : Promise.resolve([]);

export const objectiveById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('objectives').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertObjective(
  tx: Tx,
  row: { organisation_id: number; staff_id: number; year: number; title: string; measure: string; status: ObjectivesTable['status']; now: string },
) {
  const { now, ...rest } = row;
  const r = await tx
    .insertInto('objectives')
    .values({ ...rest, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertReview(
  tx: Tx,
  row: { organisation_id: number; objective_id: number; reviewed_on: string; status: ObjectivesTable['status']; note: string; now: string },
) {
  const { now, ...rest } = row;
  await tx
    .insertInto('objective_reviews')
    .values({ ...rest, created_at: now })
    .execute();
  await tx.updateTable('objectives').set({ status: row.status, updated_at: now }).where('id', '=', row.objective_id).execute();
}

export const oneToOnesOf = (db: Db | Tx, organisationId: number, staffId: number) =>
  db
    .selectFrom('one_to_ones')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .select(['id', 'held_on', 'notes'])
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();

export const oneToOneById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('one_to_ones').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export const actionsOf = (db: Db | Tx, organisationId: number, meetingIds: number[]) =>
  meetingIds.length
    ? db
        .selectFrom('one_to_one_actions')
        .where('organisation_id', '=', organisationId)
        .where('one_to_one_id', 'in', meetingIds)
        .select(['id', 'one_to_one_id', 'action', 'owner', 'due_on', 'done_on'])
        .orderBy('id')
        .execute()
    : Promise.resolve([]);

export const actionById = (db: Db | Tx, organisationId: number, id: number) =>
  db
    .selectFrom('one_to_one_actions as a')
    .innerJoin('one_to_ones as o', 'o.id', 'a.one_to_one_id')
    .where('a.organisation_id', '=', organisationId)
    .where('a.id', '=', id)
    .select(['a.id', 'a.done_on', 'o.staff_id'])
    .executeTakeFirst();

export async function insertOneToOne(
  tx: Tx,
  row: { organisation_id: number; staff_id: number; held_on: string; notes: string; now: string },
  actions: { action: string; owner: 'person' | 'manager'; due_on: string | null }[],
) {
  const r = await tx
    .insertInto('one_to_ones')
    .values({ organisation_id: row.organisation_id, staff_id: row.staff_id, held_on: row.held_on, notes: row.notes, created_at: row.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(r.id);
  if (actions.length)
    await tx
      .insertInto('one_to_one_actions')
      .values(
        actions.map((a) => ({ organisation_id: row.organisation_id, one_to_one_id: id, action: a.action, owner: a.owner, due_on: a.due_on, done_on: null })),
      )
      .execute();
  return id;
}

export async function completeAction(tx: Tx, organisationId: number, id: number, on: string) {
  await tx.updateTable('one_to_one_actions').set({ done_on: on }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}
