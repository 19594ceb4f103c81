import type { Insertable, Updateable } from 'kysely';
import { insertMany, type Db, type Tx } from '../../platform/index.js';
import type {
  AssessmentActionsTable,
  AssessmentEvidenceTable,
  AssessmentOutcomeHistoryTable,
  AssessmentAnswersTable,
  AssessmentOutcomesTable,
  AssessmentReviewsTable,
  AssessmentsTable,
  FrameworkIndicatorsTable,
  FrameworkNodesTable,
  FrameworksTable,
} from './tables.js';

export const frameworkNamed = (db: Db | Tx, organisationId: number, key: string, version: string) =>
  db
    .selectFrom('frameworks')
    .where('organisation_id', '=', organisationId)
    .where('key', '=', key)
    .where('version', '=', version)
    .select(['id', 'name'])
    .executeTakeFirst();

export async function insertFramework(tx: Tx, row: Insertable<FrameworksTable>) {
  const r = await tx.insertInto('frameworks').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Nodes one depth at a time, so each knows its parent's id; answers each position's id. */
export async function insertNodes(
  tx: Tx,
  frameworkId: number,
  nodes: (Omit<Insertable<FrameworkNodesTable>, 'parent_id'> & { parentPosition: number | null })[],
) {
  const ids = new Map<number, number>();
  const depths = [...new Set(nodes.map((n) => n.depth))].sort((a, b) => a - b);
  for (const depth of depths) {
    await insertMany(
      tx,
      'framework_nodes',
      nodes
        .filter((n) => n.depth === depth)
        .map(({ parentPosition, ...n }) => ({ ...n, parent_id: parentPosition === null ? null : ids.get(parentPosition)! })),
      { batch: 200 },
    );
    const rows = await tx.selectFrom('framework_nodes').where('framework_id', '=', frameworkId).where('depth', '=', depth).select(['id', 'position']).execute();
    for (const r of rows) ids.set(r.position, Number(r.id));
  }
  return ids;
}

export const insertIndicators = (tx: Tx, rows: Insertable<FrameworkIndicatorsTable>[]) => insertMany(tx, 'framework_indicators', rows, { batch: 300 });

export const frameworksOf = (db: Db, organisationId: number) =>
  db
    .selectFrom('frameworks')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'key', 'version', 'name', 'format', 'assessable_count', 'indicator_count', 'imported_at'])
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute();

export const frameworkById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('frameworks').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export const nodesOf = (db: Db | Tx, frameworkId: number) =>
  db
    .selectFrom('framework_nodes')
    .where('framework_id', '=', frameworkId)
    .select(['id', 'parent_id', 'position', 'depth', 'level', 'code', 'title', 'description', 'assessable', 'rule_json', 'targets_json'])
    .orderBy('position')
    .execute();

export function indicatorsOf(db: Db | Tx, frameworkId: number, nodeId?: number) {
  let q = db.selectFrom('framework_indicators').where('framework_id', '=', frameworkId);
  if (nodeId !== undefined) q = q.where('node_id', '=', nodeId);
  return q.select(['id', 'node_id', 'position', 'tier', 'code', 'reference', 'text']).orderBy('node_id').orderBy('position').execute();
}

export async function insertAssessment(tx: Tx, row: Insertable<AssessmentsTable>) {
  const r = await tx.insertInto('assessments').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export const updateAssessment = (tx: Tx, id: number, set: Updateable<AssessmentsTable>) =>
  tx.updateTable('assessments').set(set).where('id', '=', id).execute();

export const assessmentById = (db: Db | Tx, organisationId: number, id: number) =>
  db
    .selectFrom('assessments as a')
    .innerJoin('frameworks as f', 'f.id', 'a.framework_id')
    .where('a.organisation_id', '=', organisationId)
    .where('a.id', '=', id)
    .selectAll('a')
    .select(['f.name as framework_name', 'f.key as framework_key', 'f.version as framework_version', 'f.definition_json'])
    .executeTakeFirst();

export const assessmentsOf = (db: Db, organisationId: number) =>
  db
    .selectFrom('assessments as a')
    .innerJoin('frameworks as f', 'f.id', 'a.framework_id')
    .where('a.organisation_id', '=', organisationId)
    .select([
      'a.id',
      'a.title',
      'a.scope',
      'a.state',
      'a.assurance',
      'a.period_start',
      'a.period_end',
      'a.profile_key',
      'a.framework_id',
      'f.name as framework_name',
      'f.version as framework_version',
      'f.key as framework_key',
    ])
    .orderBy('a.period_end', 'desc')
    .orderBy('a.id', 'desc')
    .limit(500)
    .execute();

export function answersOf(db: Db | Tx, assessmentId: number, indicatorIds?: number[]) {
  let q = db.selectFrom('assessment_answers').where('assessment_id', '=', assessmentId);
  if (indicatorIds) q = q.where('indicator_id', 'in', indicatorIds.length ? indicatorIds : [0]);
  return q.select(['indicator_id', 'holds', 'comment', 'updated_at']).execute();
}

export const outcomesOf = (db: Db | Tx, assessmentId: number) =>
  db
    .selectFrom('assessment_outcomes')
    .where('assessment_id', '=', assessmentId)
    .select(['node_id', 'computed', 'override', 'justification', 'comment', 'evidence', 'assessed_at', 'assessed_by'])
    .execute();

export async function replaceAnswers(tx: Tx, assessmentId: number, indicatorIds: number[], rows: Insertable<AssessmentAnswersTable>[]) {
  if (indicatorIds.length)
    await tx.deleteFrom('assessment_answers').where('assessment_id', '=', assessmentId).where('indicator_id', 'in', indicatorIds).execute();
  await insertMany(tx, 'assessment_answers', rows, { batch: 300 });
}

export async function replaceOutcome(tx: Tx, row: Insertable<AssessmentOutcomesTable>) {
  await tx.deleteFrom('assessment_outcomes').where('assessment_id', '=', row.assessment_id).where('node_id', '=', row.node_id).execute();
  await tx.insertInto('assessment_outcomes').values(row).execute();
}

export const insertOutcomes = (tx: Tx, rows: Insertable<AssessmentOutcomesTable>[]) => insertMany(tx, 'assessment_outcomes', rows, { batch: 300 });

export const assessmentUsing = (db: Db, frameworkId: number) =>
  db.selectFrom('assessments').where('framework_id', '=', frameworkId).select('id').limit(1).executeTakeFirst();

export async function deleteFramework(tx: Tx, frameworkId: number) {
  await tx.deleteFrom('framework_indicators').where('framework_id', '=', frameworkId).execute();
  await tx.deleteFrom('framework_nodes').where('framework_id', '=', frameworkId).execute();
  await tx.deleteFrom('frameworks').where('id', '=', frameworkId).execute();
}

export const actionsOf = (db: Db | Tx, assessmentId: number) =>
  db
    .selectFrom('assessment_actions')
    .where('assessment_id', '=', assessmentId)
    .select(['id', 'node_id', 'title', 'owner', 'due', 'status', 'updated_at'])
    .orderBy('due')
    .orderBy('id')
    .limit(2000)
    .execute();

export const actionById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('assessment_actions').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertAction(tx: Tx, row: Insertable<AssessmentActionsTable>) {
  return Number((await tx.insertInto('assessment_actions').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export const updateAction = (tx: Tx, id: number, set: Updateable<AssessmentActionsTable>) =>
  tx.updateTable('assessment_actions').set(set).where('id', '=', id).execute();

export async function replaceReview(tx: Tx, row: Insertable<AssessmentReviewsTable>) {
  await tx.deleteFrom('assessment_reviews').where('assessment_id', '=', row.assessment_id).where('node_id', '=', row.node_id).execute();
  await tx.insertInto('assessment_reviews').values(row).execute();
}

export const reviewOf = (db: Db, assessmentId: number, nodeId: number) =>
  db
    .selectFrom('assessment_reviews as r')
    .leftJoin('people as p', 'p.id', 'r.reviewed_by')
    .where('r.assessment_id', '=', assessmentId)
    .where('r.node_id', '=', nodeId)
    .select(['r.decision', 'r.recommendations', 'r.reviewed_at', 'p.display_name as reviewer'])
    .executeTakeFirst();

export const reviewsOf = (db: Db, assessmentId: number) =>
  db.selectFrom('assessment_reviews').where('assessment_id', '=', assessmentId).select(['node_id', 'decision']).execute();

/** An outcome's evidence (or the whole assessment's), without the files' bytes. */
export function evidenceOf(db: Db | Tx, assessmentId: number, nodeId?: number) {
  let q = db.selectFrom('assessment_evidence as e').leftJoin('people as p', 'p.id', 'e.added_by').where('e.assessment_id', '=', assessmentId);
  if (nodeId !== undefined) q = q.where('e.node_id', '=', nodeId);
  return q
    .select([
      'e.id',
      'e.node_id',
      'e.kind',
      'e.title',
      'e.url',
      'e.record_kind',
      'e.record_id',
      'e.filename',
      'e.content_type',
      'e.size',
      'e.added_at',
      'p.display_name as added_by_name',
    ])
    .orderBy('e.node_id')
    .orderBy('e.id')
    .execute();
}

export const evidenceById = (db: Db | Tx, organisationId: number, assessmentId: number, id: number) =>
  db
    .selectFrom('assessment_evidence')
    .where('organisation_id', '=', organisationId)
    .where('assessment_id', '=', assessmentId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

/** Every piece of an assessment's evidence with its file, for carrying forward into the next one. */
export const evidenceToCarry = (db: Db | Tx, assessmentId: number) =>
  db.selectFrom('assessment_evidence').where('assessment_id', '=', assessmentId).selectAll().orderBy('id').execute();

export async function insertEvidence(tx: Tx, row: Insertable<AssessmentEvidenceTable>) {
  const r = await tx.insertInto('assessment_evidence').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export const deleteEvidence = (tx: Tx, id: number) => tx.deleteFrom('assessment_evidence').where('id', '=', id).execute();

export async function profilesVersionOf(db: Db | Tx, organisationId: number, frameworkId: number) {
  const r = await db
    .selectFrom('frameworks')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', frameworkId)
    .select('profiles_version')
    .executeTakeFirst();
  return r?.profiles_version ?? -1;
}

/**
 * A profile's targets changed in Steward: the nodes' targets and the framework's profiles, and the
 * number that tells instances. Written only over the version they were read at; answers false when
 * someone else's change came first, so nothing of theirs is overwritten.
 */
export async function saveProfiles(tx: Tx, frameworkId: number, readAt: number, definitionJson: string, nodeTargets: { id: number; targetsJson: string }[]) {
  const r = await tx
    .updateTable('frameworks')
    .set((eb) => ({ definition_json: definitionJson, profiles_version: eb('profiles_version', '+', 1) }))
    .where('id', '=', frameworkId)
    .where('profiles_version', '=', readAt)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  for (const n of nodeTargets)
    await tx.updateTable('framework_nodes').set({ targets_json: n.targetsJson }).where('id', '=', n.id).where('framework_id', '=', frameworkId).execute();
  return true;
}

export const addOutcomeHistory = (tx: Tx, row: Insertable<AssessmentOutcomeHistoryTable>) => tx.insertInto('assessment_outcome_history').values(row).execute();

/** An outcome's answers, newest first. */
export const outcomeHistory = (db: Db, assessmentId: number, nodeId: number, limit = 50) =>
  db
    .selectFrom('assessment_outcome_history as h')
    .leftJoin('people as p', 'p.id', 'h.person_id')
    .where('h.assessment_id', '=', assessmentId)
    .where('h.node_id', '=', nodeId)
    .select(['h.id', 'h.computed', 'h.override', 'h.justification', 'h.holding', 'h.of_indicators', 'h.at', 'p.display_name as person_name'])
    .orderBy('h.id', 'desc')
    .limit(limit)
    .execute();
