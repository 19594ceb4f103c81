import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/index.js';
import type { ProjectsTable, StrategyMeasuresTable } from './tables.js';

export const strategyOf = (db: Db, organisationId: number) =>
  db.selectFrom('digital_strategies').where('organisation_id', '=', organisationId).selectAll().executeTakeFirst();

export async function saveStrategy(
  tx: Tx,
  organisationId: number,
  row: { corporate_plan: string; vision: string; from_year: number | null; to_year: number | null; updated_at: string },
) {
  await tx
    .insertInto('digital_strategies')
    .values({ organisation_id: organisationId, ...row })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(row))
    .execute();
}

export const prioritiesOf = (db: Db | Tx, organisationId: number) =>
  db.selectFrom('priorities').where('organisation_id', '=', organisationId).selectAll().orderBy('position').orderBy('id').limit(100).execute();

export const priorityById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('priorities').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

async function nextPosition(tx: Tx, table: 'priorities' | 'strategy_objectives', organisationId: number) {
  const r = await tx
    .selectFrom(table)
    .where('organisation_id', '=', organisationId)
    .select((eb) => eb.fn.max('position').as('last'))
    .executeTakeFirst();
  return Number(r?.last ?? 0) + 1;
}

export async function insertPriority(tx: Tx, row: { organisation_id: number; title: string; description: string; created_at: string; updated_at: string }) {
  const position = await nextPosition(tx, 'priorities', row.organisation_id);
  const r = await tx
    .insertInto('priorities')
    .values({ ...row, position })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updatePriority(tx: Tx, organisationId: number, id: number, set: { title: string; description: string; updated_at: string }) {
  await tx.updateTable('priorities').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export const objectivesOf = (db: Db | Tx, organisationId: number) =>
  db.selectFrom('strategy_objectives').where('organisation_id', '=', organisationId).selectAll().orderBy('position').orderBy('id').limit(200).execute();

export const objectiveById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('strategy_objectives').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export const objectivePriorities = (db: Db | Tx, organisationId: number) =>
  db.selectFrom('strategy_objective_priorities').where('organisation_id', '=', organisationId).select(['objective_id', 'priority_id']).execute();

export async function insertObjective(
  tx: Tx,
  row: { organisation_id: number; title: string; description: string; owner: string; created_at: string; updated_at: string },
) {
  const position = await nextPosition(tx, 'strategy_objectives', row.organisation_id);
  const r = await tx
    .insertInto('strategy_objectives')
    .values({ ...row, position })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateObjective(
  tx: Tx,
  organisationId: number,
  id: number,
  set: { title: string; description: string; owner: string; updated_at: string },
) {
  await tx.updateTable('strategy_objectives').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function setObjectivePriorities(tx: Tx, organisationId: number, objectiveId: number, priorityIds: number[]) {
  await tx.deleteFrom('strategy_objective_priorities').where('organisation_id', '=', organisationId).where('objective_id', '=', objectiveId).execute();
  if (priorityIds.length)
    await tx
      .insertInto('strategy_objective_priorities')
      .values(priorityIds.map((priority_id) => ({ organisation_id: organisationId, objective_id: objectiveId, priority_id })))
      .execute();
}

export const measuresOf = (db: Db | Tx, organisationId: number) =>
  db.selectFrom('strategy_measures').where('organisation_id', '=', organisationId).selectAll().orderBy('objective_id').orderBy('id').limit(2000).execute();

export const measureById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('strategy_measures').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertMeasure(tx: Tx, row: Insertable<StrategyMeasuresTable>) {
  const r = await tx.insertInto('strategy_measures').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateMeasure(tx: Tx, organisationId: number, id: number, set: Updateable<StrategyMeasuresTable>) {
  await tx.updateTable('strategy_measures').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

const projectColumns = [
  'p.id',
  'p.reference',
  'p.kind',
  'p.programme_id',
  'p.title',
  'p.description',
  'p.objective_id',
  'p.sponsor',
  'p.manager_id',
  'p.stage',
  'p.rag',
  'p.rag_reason',
  'p.start_on',
  'p.end_on',
  'p.budget',
  'p.spend',
  'p.expected_benefits',
  'p.realised_benefits',
  'p.created_at',
  'p.updated_at',
] as const;

export interface RoadmapFilter {
  stage?: string | undefined;
  rag?: 'red' | 'amber' | 'green' | undefined;
  objectiveId?: number | undefined;
}

/** What a list of the roadmap shows of each project: its long texts stay on its own page. */
const listColumns = [
  'p.id',
  'p.reference',
  'p.kind',
  'p.programme_id',
  'p.title',
  'p.objective_id',
  'p.sponsor',
  'p.stage',
  'p.rag',
  'p.rag_reason',
  'p.start_on',
  'p.end_on',
  'p.budget',
  'p.spend',
] as const;

/**
 * The roadmap: every programme and project of the council (bounded), by start through the index
 * that holds that order, the undated after the dated (the two databases put nulls at opposite ends).
 */
export async function projectsOf(db: Db, organisationId: number, filter: RoadmapFilter = {}, limit = 2000) {
  let q = db
    .selectFrom('projects as p')
    .leftJoin('people as m', 'm.id', 'p.manager_id')
    .where('p.organisation_id', '=', organisationId)
    .select([...listColumns, 'm.display_name as manager_name', 'm.email as manager_email']);
  if (filter.stage) q = q.where('p.stage', '=', filter.stage);
  if (filter.rag) q = q.where('p.rag', '=', filter.rag);
  if (filter.objectiveId) q = q.where('p.objective_id', '=', filter.objectiveId);
  const rows = await q.orderBy('p.start_on').orderBy('p.id').limit(limit).execute();
  return [...rows.filter((r) => r.start_on !== null), ...rows.filter((r) => r.start_on === null)];
}

export const projectById = (db: Db | Tx, organisationId: number, id: number) =>
  db
    .selectFrom('projects as p')
    .leftJoin('people as m', 'm.id', 'p.manager_id')
    .where('p.organisation_id', '=', organisationId)
    .where('p.id', '=', id)
    .select([...projectColumns, 'm.display_name as manager_name', 'm.email as manager_email'])
    .executeTakeFirst();

export const projectNames = (db: Db | Tx, organisationId: number) =>
  db
    .selectFrom('projects')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'reference', 'title', 'kind', 'stage'])
    .orderBy('reference')
    .limit(5000)
    .execute();

export async function nextProjectReference(tx: Tx, organisationId: number) {
  const r = await tx
    .insertInto('project_counters')
    .values({ organisation_id: organisationId, last_number: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ last_number: sql`project_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `PRJ-${String(Number(r.last_number)).padStart(3, '0')}`;
}

export async function insertProject(tx: Tx, row: Insertable<ProjectsTable>) {
  const r = await tx.insertInto('projects').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateProject(tx: Tx, organisationId: number, id: number, set: Updateable<ProjectsTable>) {
  await tx.updateTable('projects').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export const milestonesOf = (db: Db | Tx, organisationId: number, projectId: number) =>
  db
    .selectFrom('project_milestones')
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .selectAll()
    .orderBy('due_on')
    .orderBy('id')
    .limit(500)
    .execute();

export async function insertMilestone(tx: Tx, row: { organisation_id: number; project_id: number; title: string; due_on: string }) {
  const r = await tx.insertInto('project_milestones').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function completeMilestone(tx: Tx, organisationId: number, id: number, on: string) {
  await tx.updateTable('project_milestones').set({ done_on: on }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export const milestoneById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('project_milestones').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export const dependenciesOf = (db: Db | Tx, organisationId: number) =>
  db.selectFrom('project_dependencies').where('organisation_id', '=', organisationId).select(['project_id', 'depends_on_id']).limit(20_000).execute();

export async function insertDependency(tx: Tx, organisationId: number, projectId: number, dependsOnId: number) {
  await tx
    .insertInto('project_dependencies')
    .values({ organisation_id: organisationId, project_id: projectId, depends_on_id: dependsOnId })
    .onConflict((oc) => oc.columns(['project_id', 'depends_on_id']).doNothing())
    .execute();
}

export async function deleteDependency(tx: Tx, organisationId: number, projectId: number, dependsOnId: number) {
  await tx
    .deleteFrom('project_dependencies')
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('depends_on_id', '=', dependsOnId)
    .execute();
}

export const projectSystemsOf = (db: Db | Tx, organisationId: number, projectId: number) =>
  db
    .selectFrom('project_systems as ps')
    .innerJoin('systems as s', 's.id', 'ps.system_id')
    .where('ps.organisation_id', '=', organisationId)
    .where('ps.project_id', '=', projectId)
    .select(['ps.system_id', 'ps.effect', 's.name', 's.lifecycle'])
    .orderBy('s.name')
    .limit(500)
    .execute();

export async function setProjectSystem(tx: Tx, organisationId: number, projectId: number, systemId: number, effect: 'introduces' | 'changes' | 'retires') {
  await tx
    .insertInto('project_systems')
    .values({ organisation_id: organisationId, project_id: projectId, system_id: systemId, effect })
    .onConflict((oc) => oc.columns(['project_id', 'system_id']).doUpdateSet({ effect }))
    .execute();
}

export const projectLinksOf = (db: Db | Tx, organisationId: number, projectId: number) =>
  db
    .selectFrom('project_links')
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .select(['kind', 'record_id'])
    .orderBy('created_at')
    .limit(500)
    .execute();

export async function insertProjectLink(tx: Tx, row: { organisation_id: number; project_id: number; kind: string; record_id: number; created_at: string }) {
  await tx
    .insertInto('project_links')
    .values(row)
    .onConflict((oc) => oc.columns(['project_id', 'kind', 'record_id']).doNothing())
    .execute();
}

export const emailsOfPeople = (db: Db, ids: number[]) =>
  ids.length ? db.selectFrom('people').where('id', 'in', ids).select(['id', 'email']).execute() : Promise.resolve([]);

/** Marks the council's strategy and roadmap changed, inside the transaction that changed them. */
export async function strategyChanged(tx: Tx, organisationId: number) {
  await tx
    .insertInto('strategy_versions')
    .values({ organisation_id: organisationId, version: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ version: sql`strategy_versions.version + 1` }))
    .execute();
}

export async function strategyVersion(db: Db, organisationId: number) {
  const r = await db.selectFrom('strategy_versions').where('organisation_id', '=', organisationId).select('version').executeTakeFirst();
  return Number(r?.version ?? 0);
}

/** Whether any project is part of the programme: one row looked up, not the roadmap read. */
export async function hasProjectsIn(db: Db, organisationId: number, programmeId: number) {
  const r = await db
    .selectFrom('projects')
    .where('organisation_id', '=', organisationId)
    .where('programme_id', '=', programmeId)
    .select('id')
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

/** A project named by its reference (PRJ-007) or its exact title, for a link from another module. */
export const projectsCalled = (db: Db, organisationId: number, words: string) =>
  db
    .selectFrom('projects')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb(eb.fn('lower', ['reference']), '=', words.toLowerCase()), eb(eb.fn('lower', ['title']), '=', words.toLowerCase())]))
    .select(['id', 'reference', 'title'])
    .orderBy('id')
    .limit(20)
    .execute();

export const projectNamesByIds = (db: Db, organisationId: number, ids: number[]) =>
  db.selectFrom('projects').where('organisation_id', '=', organisationId).where('id', 'in', ids).select(['id', 'reference', 'title']).limit(1000).execute();

/** Every project's id by its reference, for another module's demo. */
export async function projectIdsByReference(db: Db, organisationId: number) {
  const rows = await db.selectFrom('projects').where('organisation_id', '=', organisationId).select(['id', 'reference', 'title']).limit(5000).execute();
  return new Map(rows.map((r) => [r.reference, { id: Number(r.id), title: r.title }]));
}

export const sprintReviewsOf = (db: Db | Tx, organisationId: number, projectId: number) =>
  db
    .selectFrom('project_sprint_reviews')
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .select(['id', 'held_on', 'sprint', 'shown', 'feedback', 'next_steps'])
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();

export async function insertSprintReview(
  tx: Tx,
  row: {
    organisation_id: number;
    project_id: number;
    held_on: string;
    sprint: string;
    shown: string;
    feedback: string;
    next_steps: string;
    recorded_by: number | null;
    created_at: string;
  },
) {
  const r = await tx.insertInto('project_sprint_reviews').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Programmes and projects with what the public may read of them, soonest to finish first. */
export const projectsForPublishing = (db: Db, organisationId: number) =>
  db
    .selectFrom('projects')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'title', 'description', 'stage', 'rag', 'end_on'])
    .orderBy('id')
    .limit(500)
    .execute();
