import { auditedWrite, dict, own, UserError, NotFoundError, type Actor, type Db, type Dict, type Tx } from '../../platform/index.js';
import * as q from './queries.js';
import { countsOf, flatten, type DerivationRule, type FrameworkNode, type FrameworkTree, type Level } from './frameworks/tree.js';
import { derivedStatus, meetsTarget } from './rules.js';

export interface Definition {
  levels: string[];
  scale: Level[];
  tiers: Level[];
  rule: DerivationRule;
  /** `own` marks a profile made in Steward (its targets can be changed there); the rest are as the file gave them. */
  profiles: { key: string; name: string; own?: boolean; seededFrom?: string }[];
}

export interface LoadedIndicator {
  id: number;
  tier: string;
  code: string;
  reference: string;
  text: string;
}

export interface LoadedNode {
  id: number;
  parentId: number | null;
  depth: number;
  level: string;
  code: string;
  title: string;
  description: string;
  assessable: boolean;
  rule: DerivationRule;
  targets: Dict<string>;
  indicators: LoadedIndicator[];
  children: number[];
}

export interface LoadedFramework {
  id: number;
  organisationId: number;
  key: string;
  version: string;
  name: string;
  description: string;
  format: string;
  filename: string;
  importedAt: string;
  profilesVersion: number;
  definition: Definition;
  nodes: LoadedNode[];
  byId: Map<number, LoadedNode>;
  counts: { byLevel: Dict<number>; byTier: Dict<number>; assessable: number; indicators: number };
}

// A framework's tree never changes once imported, so every instance keeps what it has read; only its
// own profiles change, and the number they move tells an instance to read it again.
const loaded = new WeakMap<Db, Map<number, LoadedFramework>>();

/** Stores a framework read from a file: its tree, indicators, rule and profiles, in one audited write. */
export async function importFramework(db: Db, actor: Actor, organisationId: number, tree: FrameworkTree, filename: string) {
  if (await q.frameworkNamed(db, organisationId, tree.key, tree.version))
    throw new UserError(`${tree.name} ${tree.version} is already in Steward: a framework is imported once per version`, { field: 'file' });
  const counts = countsOf(tree);
  const now = new Date().toISOString();
  return auditedWrite(db, actor, async (tx, audit) => {
    const definition: Definition = { levels: tree.levels, scale: tree.scale, tiers: tree.tiers, rule: tree.rule, profiles: tree.profiles };
    const id = await q.insertFramework(tx, {
      organisation_id: organisationId,
      key: tree.key,
      version: tree.version,
      name: tree.name,
      description: tree.description,
      format: tree.format,
      definition_json: JSON.stringify(definition),
      filename: filename.slice(0, 200),
      assessable_count: counts.assessable,
      indicator_count: counts.indicators,
      imported_at: now,
      imported_by: actor.personId,
    });
    const flat = flatten(tree.nodes);
    const ids = await q.insertNodes(
      tx,
      id,
      flat.map(({ node, depth, parent }, position) => ({
        organisation_id: organisationId,
        framework_id: id,
        parentPosition: parent,
        position,
        depth,
        level: node.level,
        code: node.code,
        title: node.title,
        description: node.description,
        assessable: node.assessable ? 1 : 0,
        rule_json: node.rule ? JSON.stringify(node.rule) : null,
        targets_json: JSON.stringify(node.targets),
      })),
    );
    await q.insertIndicators(
      tx,
      flat.flatMap(({ node }, position) =>
        node.indicators.map((i, n) => ({
          organisation_id: organisationId,
          framework_id: id,
          node_id: ids.get(position)!,
          position: n,
          tier: i.tier,
          code: i.code,
          reference: i.reference,
          text: i.text,
        })),
      ),
    );
    await audit.created(
      'framework',
      id,
      { key: tree.key, version: tree.version, name: tree.name, format: tree.format, assessable: counts.assessable, indicators: counts.indicators, filename },
      `Imported the framework ${tree.name} ${tree.version} (${counts.assessable} outcomes, ${counts.indicators} indicators)`,
      organisationId,
    );
    return id;
  });
}

/** A framework with its whole tree, read once per instance. */
export async function loadFramework(db: Db, organisationId: number, id: number): Promise<LoadedFramework> {
  let cache = loaded.get(db);
  if (!cache) loaded.set(db, (cache = new Map()));
  const hit = cache.get(id);
  if (hit && hit.organisationId === organisationId && (await q.profilesVersionOf(db, organisationId, id)) === hit.profilesVersion) return hit;
  const row = await q.frameworkById(db, organisationId, id);
  if (!row) throw new NotFoundError('There is no such framework');
  const definition = JSON.parse(row.definition_json) as Definition;
  const [nodes, indicators] = await Promise.all([q.nodesOf(db, id), q.indicatorsOf(db, id)]);
  const byId = new Map<number, LoadedNode>();
  const list: LoadedNode[] = nodes.map((n) => {
    const node: LoadedNode = {
      id: Number(n.id),
      parentId: n.parent_id === null ? null : Number(n.parent_id),
      depth: n.depth,
      level: n.level,
      code: n.code,
      title: n.title,
      description: n.description,
      assessable: !!n.assessable,
      rule: n.rule_json ? (JSON.parse(n.rule_json) as DerivationRule) : definition.rule,
      targets: dict(JSON.parse(n.targets_json) as Dict<string>),
      indicators: [],
      children: [],
    };
    byId.set(node.id, node);
    return node;
  });
  for (const n of list) if (n.parentId !== null) byId.get(n.parentId)?.children.push(n.id);
  for (const i of indicators)
    byId.get(Number(i.node_id))?.indicators.push({ id: Number(i.id), tier: i.tier, code: i.code, reference: i.reference, text: i.text });
  const framework: LoadedFramework = {
    id,
    organisationId,
    key: row.key,
    version: row.version,
    name: row.name,
    description: row.description,
    format: row.format,
    filename: row.filename,
    importedAt: String(row.imported_at),
    profilesVersion: row.profiles_version,
    definition,
    nodes: list,
    byId,
    counts: { byLevel: dict(), byTier: dict(), assessable: row.assessable_count, indicators: row.indicator_count },
  };
  for (const n of list) {
    framework.counts.byLevel[n.level] = (own(framework.counts.byLevel, n.level) ?? 0) + 1;
    for (const i of n.indicators) framework.counts.byTier[i.tier] = (own(framework.counts.byTier, i.tier) ?? 0) + 1;
  }
  if (cache.size > 50) cache.clear();
  cache.set(id, framework);
  return framework;
}

/** The stored framework as a tree again: what the export writes in Steward's own format. */
export function treeOf(f: LoadedFramework): FrameworkTree {
  const node = (n: LoadedNode): FrameworkNode => ({
    code: n.code,
    level: n.level,
    title: n.title,
    description: n.description,
    assessable: n.assessable,
    targets: { ...n.targets },
    ...(JSON.stringify(n.rule) !== JSON.stringify(f.definition.rule) ? { rule: n.rule } : {}),
    indicators: n.indicators.map((i) => ({ code: i.code, reference: i.reference, tier: i.tier, text: i.text, line: 0 })),
    children: n.children.map((c) => node(f.byId.get(c)!)),
    line: 0,
  });
  return {
    key: f.key,
    version: f.version,
    name: f.name,
    description: f.description,
    format: 'steward',
    ...f.definition,
    nodes: f.nodes.filter((n) => n.parentId === null).map(node),
  };
}

export const frameworksOf = q.frameworksOf;
export const outcomeHistory = q.outcomeHistory;
export const assessmentsOf = q.assessmentsOf;

export const assessmentStates = {
  draft: 'Draft',
  'in-review': 'In review',
  'ready-for-approval': 'Ready for approval',
  approved: 'Approved',
} as const;
export type AssessmentState = keyof typeof assessmentStates;
/** Where an assessment may go from each state: back a step for more work, on a step when it is ready. */
export const nextStates: Record<AssessmentState, AssessmentState[]> = {
  draft: ['in-review'],
  'in-review': ['draft', 'ready-for-approval'],
  'ready-for-approval': ['in-review', 'approved'],
  approved: [],
};
export const assuranceKinds = { 'self-assessment': 'Self-assessment', 'peer-review': 'Peer review', 'independent-assurance': 'Independent assurance' } as const;

export interface NewAssessment {
  frameworkId: number;
  title: string;
  scope: 'organisation' | 'essential-function';
  scopeDescription: string;
  profileKey: string;
  periodStart: string;
  periodEnd: string;
  assurance: keyof typeof assuranceKinds;
  previousId?: number | null;
}

/**
 * A new assessment, with what an earlier one found carried forward (answers matched by outcome,
 * tier and indicator, so last year's 3.2 answers land on this year's 4.0 where they are the same).
 */
export async function startAssessment(db: Db, actor: Actor, organisationId: number, input: NewAssessment) {
  const framework = await loadFramework(db, organisationId, input.frameworkId);
  if (input.profileKey && !framework.definition.profiles.some((p) => p.key === input.profileKey))
    throw new UserError('Choose one of the framework’s profiles', { field: 'profileKey' });
  if (input.periodEnd < input.periodStart) throw new UserError('The period must end after it starts', { field: 'periodEnd' });
  const previous = input.previousId ? await q.assessmentById(db, organisationId, input.previousId) : undefined;
  if (input.previousId && !previous) throw new UserError('Choose one of the assessments to carry forward', { field: 'previousId' });
  const carried = previous ? await carriedForward(db, organisationId, previous.id, previous.framework_id, framework) : null;
  const now = new Date().toISOString();
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertAssessment(tx, {
      organisation_id: organisationId,
      framework_id: framework.id,
      title: input.title,
      scope: input.scope,
      scope_description: input.scopeDescription,
      profile_key: input.profileKey || null,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      state: 'draft',
      assurance: input.assurance,
      previous_id: previous?.id ?? null,
      created_at: now,
      created_by: actor.personId,
      updated_at: now,
      approved_at: null,
      approved_by: null,
    });
    if (carried) {
      await q.replaceAnswers(
        tx,
        id,
        [],
        carried.answers.map((a) => ({
          assessment_id: id,
          organisation_id: organisationId,
          indicator_id: a.indicatorId,
          holds: a.holds ? 1 : 0,
          comment: a.comment,
          updated_at: now,
          updated_by: actor.personId,
        })),
      );
      await q.insertOutcomes(
        tx,
        carried.outcomes.map((o) => ({
          assessment_id: id,
          organisation_id: organisationId,
          node_id: o.nodeId,
          computed: o.computed,
          override: o.override,
          justification: o.justification,
          comment: o.comment,
          evidence: o.evidence,
          assessed_at: now,
          assessed_by: actor.personId,
        })),
      );
      await carryEvidence(tx, previous!.id, id, carried.nodeFor);
    }
    await audit.created(
      'assessment',
      id,
      {
        framework: `${framework.name} ${framework.version}`,
        title: input.title,
        scope: input.scope,
        period: `${input.periodStart} to ${input.periodEnd}`,
        carriedFrom: previous?.id ?? null,
      },
      `Started the assessment ${input.title}${previous ? `, carrying forward ${previous.title}` : ''}`,
      organisationId,
    );
    return id;
  });
}

async function carriedForward(db: Db, organisationId: number, previousId: number, previousFrameworkId: number, next: LoadedFramework) {
  const before = await loadFramework(db, organisationId, previousFrameworkId);
  const [answers, outcomes] = await Promise.all([q.answersOf(db, previousId), q.outcomesOf(db, previousId)]);
  const indicatorKey = new Map<number, string>();
  for (const n of before.nodes) for (const i of n.indicators) indicatorKey.set(i.id, `${n.code}\u0000${i.tier}\u0000${i.code}`);
  const nextIndicator = new Map<string, number>();
  for (const n of next.nodes) for (const i of n.indicators) nextIndicator.set(`${n.code}\u0000${i.tier}\u0000${i.code}`, i.id);
  const carried = answers.flatMap((a) => {
    const id = nextIndicator.get(indicatorKey.get(Number(a.indicator_id)) ?? '');
    return id ? [{ indicatorId: id, holds: !!a.holds, comment: a.comment }] : [];
  });
  const nextNode = new Map(next.nodes.map((n) => [n.code, n] as const));
  // Last time's outcome on this time's framework: the one with the same identifier, if it is assessed.
  const nodeOf = (oldNodeId: number) => {
    const node = nextNode.get(before.byId.get(oldNodeId)?.code ?? '');
    return node?.assessable ? node : undefined;
  };
  const holding = new Set(carried.filter((a) => a.holds).map((a) => a.indicatorId));
  const carriedOutcomes = outcomes.flatMap((o) => {
    const node = nodeOf(Number(o.node_id));
    if (!node) return [];
    const computed = node.rule.kind === 'chosen' ? o.computed : statusFromAnswers(next, node, holding);
    return [{ nodeId: node.id, computed, override: o.override, justification: o.justification, comment: o.comment, evidence: o.evidence }];
  });
  return { answers: carried, outcomes: carriedOutcomes, nodeFor: (oldNodeId: number) => nodeOf(oldNodeId)?.id ?? null };
}

/** Last time's evidence, on the outcomes of the new assessment with the same identifiers: files, links and records alike. */
async function carryEvidence(tx: Tx, fromAssessmentId: number, toAssessmentId: number, nodeFor: (oldNodeId: number) => number | null) {
  for (const e of await q.evidenceToCarry(tx, fromAssessmentId)) {
    const node = nodeFor(Number(e.node_id));
    if (node === null) continue;
    const { id: _id, ...rest } = e;
    // Who added it and when stay as they were: last year's evidence should read as last year's.
    await q.insertEvidence(tx, { ...rest, assessment_id: toAssessmentId, node_id: node });
  }
}

/** The status the indicators that hold give an outcome, under its rule. */
export function statusFromAnswers(framework: LoadedFramework, node: LoadedNode, holding: Set<number>) {
  const tiers = dict<{ total: number; holding: number }>();
  for (const t of framework.definition.tiers) tiers[t.key] = { total: 0, holding: 0 };
  for (const i of node.indicators) {
    const t = (tiers[i.tier] ??= { total: 0, holding: 0 });
    t.total++;
    if (holding.has(i.id)) t.holding++;
  }
  return derivedStatus(node.rule, tiers);
}

/** An assessment that can still be changed, or why not. */
export async function open(db: Db, organisationId: number, id: number) {
  const a = await q.assessmentById(db, organisationId, id);
  if (!a) throw new NotFoundError('There is no such assessment');
  if (a.state === 'approved') throw new UserError('This assessment is approved and locked: start a new version of it to change anything');
  return a;
}

export interface OutcomeAnswer {
  holding: number[];
  comments: Dict<string>;
  rating: string;
  override: string;
  justification: string;
  comment: string;
  evidence: string;
}

/** The assessor's answers for one outcome: which indicators hold, the status they give, any override with its reason. */
export async function answerOutcome(db: Db, actor: Actor, organisationId: number, assessmentId: number, nodeId: number, input: OutcomeAnswer) {
  const a = await open(db, organisationId, assessmentId);
  const framework = await loadFramework(db, organisationId, a.framework_id);
  const node = framework.byId.get(nodeId);
  if (!node?.assessable) throw new NotFoundError('That outcome is not part of this assessment’s framework');
  const scale = new Set(framework.definition.scale.map((s) => s.key));
  const ids = new Set(node.indicators.map((i) => i.id));
  if (input.holding.some((h) => !ids.has(h))) throw new UserError('Tick only the indicators of this outcome', { field: 'holding' });
  if (input.override && !scale.has(input.override)) throw new UserError('Choose a status from the framework’s scale', { field: 'override' });
  if (input.override && !input.justification.trim())
    throw new UserError('Say why the status is not the one the indicators give: an override needs a justification', { field: 'justification' });
  const chosen = node.rule.kind === 'chosen';
  if (chosen && input.rating && !scale.has(input.rating)) throw new UserError('Choose a rating from the framework’s scale', { field: 'rating' });
  const holding = new Set(input.holding);
  const computed = chosen ? input.rating || null : statusFromAnswers(framework, node, holding);
  const before = (await q.outcomesOf(db, assessmentId)).find((o) => Number(o.node_id) === nodeId);
  const now = new Date().toISOString();
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.replaceAnswers(
      tx,
      assessmentId,
      [...ids],
      node.indicators.map((i) => ({
        assessment_id: assessmentId,
        organisation_id: organisationId,
        indicator_id: i.id,
        holds: holding.has(i.id) ? 1 : 0,
        comment: (own(input.comments, String(i.id)) ?? '').slice(0, 2000),
        updated_at: now,
        updated_by: actor.personId,
      })),
    );
    await q.replaceOutcome(tx, {
      assessment_id: assessmentId,
      organisation_id: organisationId,
      node_id: nodeId,
      computed,
      override: input.override || null,
      justification: input.override ? input.justification : '',
      comment: input.comment,
      evidence: input.evidence,
      assessed_at: now,
      assessed_by: actor.personId,
    });
    await q.updateAssessment(tx, assessmentId, { updated_at: now });
    await q.addOutcomeHistory(tx, {
      organisation_id: organisationId,
      assessment_id: assessmentId,
      node_id: nodeId,
      computed,
      override: input.override || null,
      justification: input.override ? input.justification : '',
      holding: holding.size,
      of_indicators: node.indicators.length,
      person_id: actor.personId,
      at: now,
    });
    await audit.updated(
      'assessment',
      assessmentId,
      { outcome: node.code, computed: before?.computed ?? null, override: before?.override ?? null },
      {
        outcome: node.code,
        computed,
        override: input.override || null,
        holding: holding.size,
        justification: input.override ? input.justification : undefined,
      },
      `Assessed ${node.code} ${node.title}: ${computed ?? 'not rated'}${input.override ? `, set to ${input.override}` : ''}`,
      organisationId,
    );
  });
  return { computed, override: input.override || null, framework, code: node.code };
}

/** Moves an assessment through review to approval; approval locks it. */
export async function moveAssessment(db: Db, actor: Actor, organisationId: number, id: number, to: AssessmentState) {
  const a = await open(db, organisationId, id);
  const from = a.state as AssessmentState;
  if (!nextStates[from]?.includes(to))
    throw new UserError(`An assessment ${assessmentStates[from].toLowerCase()} cannot go to ${assessmentStates[to].toLowerCase()}`, { field: 'to' });
  const now = new Date().toISOString();
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateAssessment(tx, id, { state: to, updated_at: now, ...(to === 'approved' ? { approved_at: now, approved_by: actor.personId } : {}) });
    await audit.updated('assessment', id, { state: from }, { state: to }, `${a.title}: ${assessmentStates[from]} → ${assessmentStates[to]}`, organisationId);
  });
}

export interface OutcomeView {
  node: LoadedNode;
  computed: string | null;
  override: string | null;
  status: string | null;
  target: string | null;
  meets: boolean | null;
  lastYear: string | null;
  justification: string;
  answered: boolean;
}

/**
 * An assessment as its pages and the API show it: every outcome with its computed and overridden
 * status, the profile's target and whether it is met, last time's status beside it, and the same
 * rolled up per principle and objective.
 */
export async function assessmentView(db: Db, organisationId: number, id: number) {
  const a = await q.assessmentById(db, organisationId, id);
  if (!a) throw new NotFoundError('There is no such assessment');
  const framework = await loadFramework(db, organisationId, a.framework_id);
  const [outcomes, previous] = await Promise.all([
    q.outcomesOf(db, id),
    a.previous_id ? previousStatuses(db, organisationId, a.previous_id) : Promise.resolve(new Map<string, string | null>()),
  ]);
  const byNode = new Map(outcomes.map((o) => [Number(o.node_id), o] as const));
  const scale = framework.definition.scale;
  const views = new Map<number, OutcomeView>();
  for (const node of framework.nodes) {
    if (!node.assessable) continue;
    const o = byNode.get(node.id);
    const status = o ? (o.override ?? o.computed) : null;
    const target = a.profile_key ? (own(node.targets, a.profile_key) ?? null) : null;
    views.set(node.id, {
      node,
      computed: o?.computed ?? null,
      override: o?.override ?? null,
      status,
      target,
      meets: meetsTarget(scale, status, target),
      lastYear: previous.get(node.code) ?? null,
      justification: o?.justification ?? '',
      answered: !!o,
    });
  }
  // A principle or objective meets the profile when every outcome under it with a target does.
  const rollup = (node: LoadedNode): { meets: boolean | null; outcomes: OutcomeView[] } => {
    const own = views.get(node.id);
    const under = node.children.flatMap((c) => rollup(framework.byId.get(c)!).outcomes);
    const all = own ? [own, ...under] : under;
    const judged = all.filter((o) => o.meets !== null);
    return { meets: judged.length ? judged.every((o) => o.meets) : null, outcomes: all };
  };
  const tally = dict<number>();
  for (const v of views.values()) tally[v.status ?? 'not-assessed'] = (own(tally, v.status ?? 'not-assessed') ?? 0) + 1;
  const withTarget = [...views.values()].filter((v) => v.target);
  return {
    assessment: a,
    framework,
    outcomes: views,
    meetsOf: (node: LoadedNode) => rollup(node).meets,
    tally,
    targets: { total: withTarget.length, met: withTarget.filter((v) => v.meets).length },
    /** Each assessed outcome's record as stored: its comment, evidence and justification. */
    stored: byNode,
    assessed: [...views.values()].filter((v) => v.answered).length,
  };
}

async function previousStatuses(db: Db, organisationId: number, previousId: number) {
  const prev = await q.assessmentById(db, organisationId, previousId);
  if (!prev) return new Map<string, string | null>();
  const framework = await loadFramework(db, organisationId, prev.framework_id);
  const outcomes = await q.outcomesOf(db, previousId);
  return new Map(outcomes.map((o) => [framework.byId.get(Number(o.node_id))?.code ?? '', o.override ?? o.computed] as const));
}

/** One outcome's page: its indicators by tier with the answers given. */
export async function outcomeView(db: Db, organisationId: number, assessmentId: number, nodeId: number) {
  const view = await assessmentView(db, organisationId, assessmentId);
  const outcome = view.outcomes.get(nodeId);
  if (!outcome) throw new NotFoundError('That outcome is not part of this assessment’s framework');
  const answers = await q.answersOf(
    db,
    assessmentId,
    outcome.node.indicators.map((i) => i.id),
  );
  const byIndicator = new Map(answers.map((x) => [Number(x.indicator_id), x] as const));
  return { ...view, outcome, answers: byIndicator, stored: view.stored.get(nodeId) };
}

/** Takes out a framework imported by mistake; one that an assessment uses stays. */
export async function removeFramework(db: Db, actor: Actor, organisationId: number, id: number) {
  const f = await loadFramework(db, organisationId, id);
  if (await q.assessmentUsing(db, id)) throw new UserError(`${f.name} ${f.version} is used by an assessment, so it stays`);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.deleteFramework(tx, id);
    await audit.deleted('framework', id, { key: f.key, version: f.version, name: f.name }, `Removed the framework ${f.name} ${f.version}`, organisationId);
  });
  loaded.get(db)?.delete(id);
  return `${f.name} ${f.version}`;
}

export interface NewAction {
  title: string;
  owner: string;
  due: string;
}

/** An action of the improvement plan against one outcome; the plan goes on after approval, so a locked assessment takes them too. */
export async function addAction(db: Db, actor: Actor, organisationId: number, assessmentId: number, nodeId: number, input: NewAction) {
  const a = await q.assessmentById(db, organisationId, assessmentId);
  if (!a) throw new NotFoundError('There is no such assessment');
  const framework = await loadFramework(db, organisationId, a.framework_id);
  const node = framework.byId.get(nodeId);
  if (!node?.assessable) throw new NotFoundError('That outcome is not part of this assessment’s framework');
  const now = new Date().toISOString();
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertAction(tx, {
      organisation_id: organisationId,
      assessment_id: assessmentId,
      node_id: nodeId,
      title: input.title,
      owner: input.owner,
      due: input.due || null,
      status: 'open',
      created_at: now,
      updated_at: now,
    });
    await audit.created(
      'assessment_action',
      id,
      { assessment: a.title, outcome: node.code, title: input.title, owner: input.owner, due: input.due || null },
      `Planned for ${node.code}: ${input.title}`,
      organisationId,
    );
    return id;
  });
}

/** Marks an action done, or open again. */
export async function setActionStatus(db: Db, actor: Actor, organisationId: number, actionId: number, status: 'open' | 'done', assessmentId?: number) {
  const action = await q.actionById(db, organisationId, actionId);
  if (!action || (assessmentId !== undefined && Number(action.assessment_id) !== assessmentId)) throw new NotFoundError('There is no such action');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateAction(tx, actionId, { status, updated_at: new Date().toISOString() });
    await audit.updated(
      'assessment_action',
      actionId,
      { status: action.status },
      { status },
      `${action.title}: ${status === 'done' ? 'done' : 'open again'}`,
      organisationId,
    );
  });
  return { assessmentId: Number(action.assessment_id), nodeId: Number(action.node_id), title: action.title };
}

/** The improvement plan of an assessment: every action, with how many are done and how many are past their date. */
export async function improvementPlan(db: Db, organisationId: number, assessmentId: number, today = new Date().toISOString().slice(0, 10)) {
  const actions = (await q.actionsOf(db, assessmentId)).map((x) => ({
    id: Number(x.id),
    nodeId: Number(x.node_id),
    title: x.title,
    owner: x.owner,
    due: x.due ? String(x.due).slice(0, 10) : null,
    status: x.status,
    overdue: x.status !== 'done' && !!x.due && String(x.due).slice(0, 10) < today,
  }));
  void organisationId;
  return { actions, done: actions.filter((x) => x.status === 'done').length, overdue: actions.filter((x) => x.overdue).length, total: actions.length };
}

export const reviewDecisions = {
  agreed: 'Agreed with the status',
  changed: 'Agreed once it was changed',
  'not-agreed': 'Not agreed',
} as const;
export type ReviewDecision = keyof typeof reviewDecisions;

/**
 * A reviewer's decision on one outcome (peer review or independent assurance), with their
 * recommendations: made while the assessment is in review or ready for approval.
 */
export async function reviewOutcome(
  db: Db,
  actor: Actor,
  organisationId: number,
  assessmentId: number,
  nodeId: number,
  input: { decision: ReviewDecision; recommendations: string },
) {
  const a = await open(db, organisationId, assessmentId);
  if (a.state === 'draft') throw new UserError('Send the assessment for review first: outcomes are reviewed once it is in review', { field: 'decision' });
  const framework = await loadFramework(db, organisationId, a.framework_id);
  const node = framework.byId.get(nodeId);
  if (!node?.assessable) throw new NotFoundError('That outcome is not part of this assessment’s framework');
  if (input.decision === 'not-agreed' && !input.recommendations.trim())
    throw new UserError('Say what the reviewer recommends when they do not agree', { field: 'recommendations' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.replaceReview(tx, {
      assessment_id: assessmentId,
      node_id: nodeId,
      organisation_id: organisationId,
      decision: input.decision,
      recommendations: input.recommendations,
      reviewed_by: actor.personId,
      reviewed_at: new Date().toISOString(),
    });
    await audit.created(
      'assessment_review',
      `${assessmentId}:${nodeId}`,
      input,
      `${a.title}: ${node.code} reviewed (${reviewDecisions[input.decision].toLowerCase()})`,
      organisationId,
    );
  });
  return node.code;
}

export const reviewOf = q.reviewOf;
