import { activeMemberByEmail, auditedWrite, dict, NotFoundError, own, UserError, type Actor, type Db, type NamedRecord } from '../../platform/index.js';
import { nowIso } from '../../db/columns.js';
import { decideLifecycle } from '../estate/index.js';
import * as q from './queries.js';
import { dependencyLoop, effects, type Effect } from './rules.js';
import type { MeasureInput, ObjectiveInput, PriorityInput, ProjectInput, SprintReviewInput, StrategyInput } from './schemas.js';

export const today = () => new Date().toISOString().slice(0, 10);

export async function saveStrategy(db: Db, actor: Actor, organisationId: number, v: StrategyInput) {
  const before = await q.strategyOf(db, organisationId);
  const row = { corporate_plan: v.corporatePlan, vision: v.vision, from_year: v.fromYear, to_year: v.toYear };
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    await q.saveStrategy(tx, organisationId, { ...row, updated_at: nowIso() });
    await audit.updated(
      'digital_strategy',
      organisationId,
      before ? { corporate_plan: before.corporate_plan, vision: before.vision, from_year: before.from_year, to_year: before.to_year } : {},
      row,
      'Changed the corporate plan and digital vision',
      organisationId,
    );
  });
}

export async function addPriority(db: Db, actor: Actor, organisationId: number, v: PriorityInput) {
  return auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    const now = nowIso();
    const id = await q.insertPriority(tx, { organisation_id: organisationId, title: v.title, description: v.description, created_at: now, updated_at: now });
    await audit.created('priority', id, { title: v.title }, `Added the priority ${v.title}`, organisationId);
    return id;
  });
}

export async function changePriority(db: Db, actor: Actor, organisationId: number, id: number, v: PriorityInput) {
  const before = await q.priorityById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such priority');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    await q.updatePriority(tx, organisationId, id, { title: v.title, description: v.description, updated_at: nowIso() });
    await audit.updated(
      'priority',
      id,
      { title: before.title, description: before.description },
      { title: v.title, description: v.description },
      `Changed the priority ${v.title}`,
      organisationId,
    );
  });
}

export async function addObjective(db: Db, actor: Actor, organisationId: number, v: ObjectiveInput) {
  return auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    const now = nowIso();
    const id = await q.insertObjective(tx, {
      organisation_id: organisationId,
      title: v.title,
      description: v.description,
      owner: v.owner,
      created_at: now,
      updated_at: now,
    });
    await q.setObjectivePriorities(tx, organisationId, id, v.priorityIds);
    await audit.created(
      'strategy_objective',
      id,
      { title: v.title, owner: v.owner, priority_ids: v.priorityIds },
      `Added the objective ${v.title}`,
      organisationId,
    );
    return id;
  });
}

export async function changeObjective(db: Db, actor: Actor, organisationId: number, id: number, v: ObjectiveInput) {
  const before = await q.objectiveById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such objective');
  const priorities = (await q.objectivePriorities(db, organisationId)).filter((p) => Number(p.objective_id) === id).map((p) => Number(p.priority_id));
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    await q.updateObjective(tx, organisationId, id, { title: v.title, description: v.description, owner: v.owner, updated_at: nowIso() });
    await q.setObjectivePriorities(tx, organisationId, id, v.priorityIds);
    await audit.updated(
      'strategy_objective',
      id,
      { title: before.title, description: before.description, owner: before.owner, priority_ids: priorities },
      { title: v.title, description: v.description, owner: v.owner, priority_ids: v.priorityIds },
      `Changed the objective ${v.title}`,
      organisationId,
    );
  });
}

const measureRow = (v: MeasureInput) => ({
  name: v.name,
  unit: v.unit,
  direction: v.direction,
  baseline: v.baseline,
  baseline_on: v.baselineOn,
  target: v.target,
  target_on: v.targetOn,
  current: v.current,
  current_on: v.currentOn,
});

export async function addMeasure(db: Db, actor: Actor, organisationId: number, objectiveId: number, v: MeasureInput) {
  if (!(await q.objectiveById(db, organisationId, objectiveId))) throw new NotFoundError('There is no such objective');
  return auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    const row = measureRow(v);
    const id = await q.insertMeasure(tx, { organisation_id: organisationId, objective_id: objectiveId, ...row, created_at: nowIso() });
    await audit.created('strategy_measure', id, row, `Added the measure ${v.name}`, organisationId);
    return id;
  });
}

export async function changeMeasure(db: Db, actor: Actor, organisationId: number, id: number, v: MeasureInput) {
  const before = await q.measureById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such measure');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    const row = measureRow(v);
    await q.updateMeasure(tx, organisationId, id, row);
    const { id: _i, organisation_id: _o, objective_id: _ob, created_at: _c, ...was } = before;
    await audit.updated('strategy_measure', id, was, row, `Changed the measure ${v.name}`, organisationId);
  });
  return Number(before.objective_id);
}

async function projectRow(db: Db, organisationId: number, v: ProjectInput, id: number | null) {
  const manager = v.manager ? await activeMemberByEmail(db, organisationId, v.manager) : null;
  if (v.manager && !manager) throw new UserError('Give the manager’s email: one of the organisation’s people', { field: 'manager' });
  if (v.programmeId) {
    const programme = await q.projectById(db, organisationId, v.programmeId);
    if (!programme || programme.kind !== 'programme') throw new UserError('Choose a programme, not a project', { field: 'programmeId' });
    if (id !== null && v.programmeId === id) throw new UserError('A project cannot be part of itself', { field: 'programmeId' });
  }
  return {
    kind: v.kind,
    programme_id: v.programmeId,
    title: v.title,
    description: v.description,
    objective_id: v.objectiveId,
    sponsor: v.sponsor,
    manager_id: manager?.id ?? null,
    stage: v.stage,
    rag: v.rag,
    rag_reason: v.ragReason,
    start_on: v.startOn,
    end_on: v.endOn,
    budget: v.budget,
    spend: v.spend,
    expected_benefits: v.expectedBenefits,
    realised_benefits: v.realisedBenefits,
  };
}

export async function addProject(db: Db, actor: Actor, organisationId: number, v: ProjectInput) {
  const row = await projectRow(db, organisationId, v, null);
  return auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    const reference = await q.nextProjectReference(tx, organisationId);
    const now = nowIso();
    const id = await q.insertProject(tx, { organisation_id: organisationId, reference, ...row, created_at: now, updated_at: now });
    await audit.created('project', id, { reference, ...row }, `Added ${reference} ${v.title} to the roadmap`, organisationId);
    return { id, reference };
  });
}

export async function changeProject(db: Db, actor: Actor, organisationId: number, id: number, v: ProjectInput) {
  const before = await q.projectById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such project');
  const row = await projectRow(db, organisationId, v, id);
  if (before.kind === 'programme' && v.kind === 'project' && (await q.hasProjectsIn(db, organisationId, id)))
    throw new UserError('It has projects in it, so it stays a programme: move them out first', { field: 'kind' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    await q.updateProject(tx, organisationId, id, { ...row, updated_at: nowIso() });
    const { manager_name: _n, manager_email: _e, created_at: _c, updated_at: _u, id: _i, reference: _r, ...was } = before;
    const prior = dict<unknown>(was);
    const changed = Object.fromEntries(Object.entries(row).filter(([k, value]) => own(prior, k) !== value));
    const wasChanged = Object.fromEntries(Object.keys(changed).map((k) => [k, own(prior, k) ?? null]));
    await audit.updated('project', id, wasChanged, changed, `Changed ${before.reference} ${v.title}`, organisationId);
  });
}

export async function addMilestone(db: Db, actor: Actor, organisationId: number, projectId: number, v: { title: string; dueOn: string }) {
  const project = await q.projectById(db, organisationId, projectId);
  if (!project) throw new NotFoundError('There is no such project');
  return auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    const id = await q.insertMilestone(tx, { organisation_id: organisationId, project_id: projectId, title: v.title, due_on: v.dueOn });
    await audit.created(
      'project_milestone',
      id,
      { project_id: projectId, title: v.title, due_on: v.dueOn },
      `${project.reference}: milestone ${v.title}`,
      organisationId,
    );
    return id;
  });
}

export async function completeMilestone(db: Db, actor: Actor, organisationId: number, projectId: number, milestoneId: number, on = today()) {
  const m = await q.milestoneById(db, organisationId, milestoneId);
  if (!m || Number(m.project_id) !== projectId) throw new NotFoundError('There is no such milestone');
  if (m.done_on) throw new UserError('That milestone is already met');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    await q.completeMilestone(tx, organisationId, milestoneId, on);
    await audit.updated('project_milestone', milestoneId, { done_on: null }, { done_on: on }, `Met the milestone ${m.title}`, organisationId);
  });
}

/** Records that a project depends on another; refused when that would make a loop, naming it. */
export async function addDependency(db: Db, actor: Actor, organisationId: number, projectId: number, dependsOnId: number) {
  const [project, other, edges, names] = await Promise.all([
    q.projectById(db, organisationId, projectId),
    q.projectById(db, organisationId, dependsOnId),
    q.dependenciesOf(db, organisationId),
    q.projectNames(db, organisationId),
  ]);
  if (!project || !other) throw new NotFoundError('There is no such project');
  const loop = dependencyLoop(
    edges.map((e) => ({ project_id: Number(e.project_id), depends_on_id: Number(e.depends_on_id) })),
    projectId,
    dependsOnId,
  );
  if (loop) {
    const ref = new Map(names.map((n) => [Number(n.id), n.reference]));
    const chain = loop.length === 1 ? 'itself' : [...loop, loop[0]!].map((id) => ref.get(id) ?? String(id)).join(' depends on ');
    throw new UserError(loop.length === 1 ? 'A project cannot depend on itself' : `That would make a loop: ${chain}`, { field: 'dependsOnId' });
  }
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    await q.insertDependency(tx, organisationId, projectId, dependsOnId);
    await audit.created(
      'project_dependency',
      `${projectId}:${dependsOnId}`,
      { depends_on: other.reference },
      `${project.reference} depends on ${other.reference}`,
      organisationId,
    );
  });
}

/**
 * Records what a project does to a system of the estate. A project that retires a system moves the
 * system's lifecycle decision to eliminate, in the same transaction, saying which project did.
 */
export async function setProjectSystem(db: Db, actor: Actor, organisationId: number, projectId: number, system: NamedRecord, effect: Effect) {
  const project = await q.projectById(db, organisationId, projectId);
  if (!project) throw new NotFoundError('There is no such project');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    await q.setProjectSystem(tx, organisationId, projectId, system.id, effect);
    await audit.created(
      'project_system',
      `${projectId}:${system.id}`,
      { effect },
      `${project.reference} ${effects[effect].toLowerCase()} ${system.title}`,
      organisationId,
    );
    if (effect === 'retires')
      await decideLifecycle(tx, audit, organisationId, system.id, { lifecycle: 'eliminate', reason: `Retired by ${project.reference} ${project.title}` });
  });
}

/** Ties a project to a record of another module (a risk from the register), found through its linkable kind. */
export async function linkProject(db: Db, actor: Actor, organisationId: number, projectId: number, kind: string, record: NamedRecord) {
  const project = await q.projectById(db, organisationId, projectId);
  if (!project) throw new NotFoundError('There is no such project');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.strategyChanged(tx, organisationId);
    await q.insertProjectLink(tx, { organisation_id: organisationId, project_id: projectId, kind, record_id: record.id, created_at: nowIso() });
    await audit.created(
      'project_link',
      `${projectId}:${kind}:${record.id}`,
      { kind, record_id: record.id },
      `${project.reference} linked to ${record.title}`,
      organisationId,
    );
  });
}

/** A sprint review, shown on the project for anyone who could not be there: the guidance's transparency. */
export async function recordSprintReview(db: Db, actor: Actor, organisationId: number, projectId: number, v: SprintReviewInput) {
  const project = await q.projectById(db, organisationId, projectId);
  if (!project) throw new NotFoundError('There is no such project');
  if (v.reviewOn > today()) throw new UserError('Record a sprint review once it has happened', { field: 'reviewOn' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const row = { held_on: v.reviewOn, sprint: v.sprint, shown: v.shown, feedback: v.feedback, next_steps: v.nextSteps };
    const id = await q.insertSprintReview(tx, {
      organisation_id: organisationId,
      project_id: projectId,
      ...row,
      recorded_by: actor.personId,
      created_at: nowIso(),
    });
    await audit.created('project_sprint_review', id, { project_id: projectId, ...row }, `${project.reference}: sprint review of ${v.sprint}`, organisationId);
    return id;
  });
}
