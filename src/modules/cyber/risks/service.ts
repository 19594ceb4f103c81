import { z } from 'zod';
import {
  isoDate,
  keyFromName,
  activeMemberByEmail,
  activeMemberEmail,
  auditedWrite,
  dict,
  line,
  NotFoundError,
  own,
  paragraphs,
  refText,
  UserError,
  absoluteLink,
  notify,
  systemActor,
  type Actor,
  type Db,
} from '../../../platform/index.js';
import * as q from './queries.js';
import { contractIdsByReference, supplierIdsByName } from '../../estate/index.js';
import { systemsNamed } from '../service.js';
import cafStructure from '../caf-structure.json' with { type: 'json' };
import {
  defaultAppetite,
  defaultCategories,
  defaultMatrix,
  largestStep,
  matrixProblems,
  maxScore,
  outsideAppetite,
  reviewOverdue,
  scoreOf,
  treatments,
  type RiskMatrix,
} from './rules.js';

// The council's matrix decides how far each goes; the form's bound is the largest matrix Steward allows.
const step = (label: string) =>
  z.coerce
    .number({ message: `Choose the ${label} from the matrix` })
    .int({ message: `Choose the ${label} from the matrix` })
    .min(1, `The ${label} is on the matrix: from 1 up`)
    .max(largestStep, `The ${label} is on the matrix: from 1 to ${largestStep} at most`);
export const riskInput = z.object({
  title: line(200, { required: 'Say what the risk is in a line' }),
  category: line(60, { required: 'Choose the risk’s category' }),
  cause: z.union([z.literal(''), paragraphs(2000)]).optional(),
  event: z.union([z.literal(''), paragraphs(2000)]).optional(),
  effect: z.union([z.literal(''), paragraphs(2000)]).optional(),
  owner: z
    .union([
      z.literal(''),
      refText(activeMemberEmail, { max: 254, message: 'Give the owner’s email: one of the organisation’s people', normalise: (s) => s.toLowerCase() }),
    ])
    .optional(),
  inherentLikelihood: step('inherent likelihood'),
  inherentImpact: step('inherent impact'),
  currentLikelihood: step('current likelihood'),
  currentImpact: step('current impact'),
  targetLikelihood: step('target likelihood'),
  targetImpact: step('target impact'),
  treatment: z.enum(Object.keys(treatments) as [keyof typeof treatments], { message: 'Choose how the risk is treated' }),
  controls: z.union([z.literal(''), paragraphs(4000)]).optional(),
  actions: z.union([z.literal(''), paragraphs(4000)]).optional(),
  reviewDue: z.union([z.literal(''), isoDate('Enter the next review date as YYYY-MM-DD')]).optional(),
  status: z.enum(['open', 'closed'], { message: 'Say whether the risk is open or closed' }).optional(),
});
export type RiskInput = z.output<typeof riskInput>;

const rowOf = (input: RiskInput, ownerId: number | null) => ({
  title: input.title,
  category: input.category,
  cause: input.cause ?? '',
  event: input.event ?? '',
  effect: input.effect ?? '',
  owner_id: ownerId,
  inherent_likelihood: input.inherentLikelihood,
  inherent_impact: input.inherentImpact,
  current_likelihood: input.currentLikelihood,
  current_impact: input.currentImpact,
  current_score: scoreOf(input.currentLikelihood, input.currentImpact),
  target_likelihood: input.targetLikelihood,
  target_impact: input.targetImpact,
  treatment: input.treatment,
  controls: input.controls ?? '',
  actions: input.actions ?? '',
  review_due: input.reviewDue || null,
  status: input.status ?? 'open',
});

/** The council's matrix and categories: the 5 × 5 matrix and the Orange Book's list until it sets its own. */
export async function riskSettings(db: Db, organisationId: number) {
  const [m, categories] = await Promise.all([q.matrixOf(db, organisationId), q.categoriesOf(db, organisationId)]);
  return { matrix: m ? (JSON.parse(m.matrix_json) as RiskMatrix) : defaultMatrix, categories: categories.length ? categories : defaultCategories, own: !!m };
}
export type RiskSettings = Awaited<ReturnType<typeof riskSettings>>;

const scoredFields = [
  ['inherentLikelihood', 'inherent likelihood', 'likelihoods'],
  ['inherentImpact', 'inherent impact', 'impacts'],
  ['currentLikelihood', 'current likelihood', 'likelihoods'],
  ['currentImpact', 'current impact', 'impacts'],
  ['targetLikelihood', 'target likelihood', 'likelihoods'],
  ['targetImpact', 'target impact', 'impacts'],
] as const;

async function checkScores(db: Db, organisationId: number, input: RiskInput) {
  const { matrix, categories } = await riskSettings(db, organisationId);
  if (!categories.some((c) => c.key === input.category)) throw new UserError('Choose the risk’s category from the list', { field: 'category' });
  for (const [field, label, axis] of scoredFields)
    if (input[field] > matrix[axis].length) throw new UserError(`The ${label} is on the matrix: from 1 to ${matrix[axis].length}`, { field });
  if (scoreOf(input.targetLikelihood, input.targetImpact) > scoreOf(input.inherentLikelihood, input.inherentImpact))
    throw new UserError('The target score is higher than the risk with no controls at all: check the target', { field: 'targetLikelihood' });
}

/** Records a risk with its scores, its first score in the history, and its reference. */
const ownerOf = async (db: Db, organisationId: number, input: RiskInput) =>
  input.owner ? ((await activeMemberByEmail(db, organisationId, input.owner))?.id ?? null) : null;

export async function recordRisk(db: Db, actor: Actor, organisationId: number, input: RiskInput) {
  await checkScores(db, organisationId, input);
  const ownerId = await ownerOf(db, organisationId, input);
  const now = new Date().toISOString();
  return auditedWrite(db, actor, async (tx, audit) => {
    const reference = await q.nextReference(tx, organisationId);
    const row = { organisation_id: organisationId, reference, ...rowOf(input, ownerId), created_at: now, updated_at: now };
    const id = await q.insertRisk(tx, row);
    await q.addScore(tx, {
      risk_id: id,
      organisation_id: organisationId,
      at: now,
      likelihood: input.currentLikelihood,
      impact: input.currentImpact,
      person_id: actor.personId,
    });
    await audit.created('risk', id, { reference, ...rowOf(input, ownerId) }, `Recorded ${reference} ${input.title}`, organisationId);
    return id;
  });
}

/** Changes a risk; a new current score joins its history. */
export async function updateRisk(db: Db, actor: Actor, organisationId: number, id: number, input: RiskInput) {
  const before = await q.riskById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such risk');
  await checkScores(db, organisationId, input);
  const now = new Date().toISOString();
  const after = rowOf(input, await ownerOf(db, organisationId, input));
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateRisk(tx, id, { ...after, updated_at: now });
    if (before.current_likelihood !== after.current_likelihood || before.current_impact !== after.current_impact)
      await q.addScore(tx, {
        risk_id: id,
        organisation_id: organisationId,
        at: now,
        likelihood: after.current_likelihood,
        impact: after.current_impact,
        person_id: actor.personId,
      });
    const { owner_name: _n, owner_email: _e, ...was } = before;
    await audit.updated('risk', id, was, after, `Changed ${before.reference} ${input.title}`, organisationId);
  });
}

/** Each category's appetite: what the council set, or the default for its matrix. */
export async function appetites(db: Db, organisationId: number, settings?: RiskSettings) {
  const { matrix, categories } = settings ?? (await riskSettings(db, organisationId));
  const set = dict<number>();
  for (const a of await q.appetitesOf(db, organisationId)) set[a.category] = a.appetite;
  return categories.map((c) => ({
    category: c.key,
    name: c.name,
    appetite: own(set, c.key) ?? defaultAppetite(matrix),
    set: own(set, c.key) !== undefined,
  }));
}

/** Appetites by category key; a key that is not one of the council's categories, or a score off the matrix, is refused. */
export async function setAppetites(db: Db, actor: Actor, organisationId: number, values: Record<string, number>) {
  const settings = await riskSettings(db, organisationId);
  const top = maxScore(settings.matrix);
  for (const [category, appetite] of Object.entries(values)) {
    if (!settings.categories.some((c) => c.key === category)) throw new UserError('Set an appetite only for the categories listed', { field: 'appetite' });
    if (!Number.isInteger(appetite) || appetite < 1 || appetite > top) throw new UserError(`An appetite is a score from 1 to ${top}`, { field: 'appetite' });
  }
  const before = await appetites(db, organisationId, settings);
  await auditedWrite(db, actor, async (tx, audit) => {
    for (const [category, appetite] of Object.entries(values)) await q.setAppetite(tx, organisationId, category, appetite);
    await audit.updated(
      'risk_appetite',
      organisationId,
      dict(before.map((b) => [b.category, b.appetite] as const)),
      dict(Object.entries(values).map(([k, v]) => [k, v ?? null] as const)),
      'Set the risk appetite per category',
      organisationId,
    );
  });
}

/** The register as the page and the API show it: each risk's scores, whether it is outside appetite, whether its review is overdue. */
export async function riskRegister(db: Db, organisationId: number, filter: q.RiskFilter & { outside?: boolean; overdue?: boolean }, today: string) {
  const settings = await riskSettings(db, organisationId);
  const [rows, appetite] = await Promise.all([q.risksOf(db, organisationId, filter), appetites(db, organisationId, settings)]);
  const byCategory = new Map(appetite.map((a) => [a.category as string, a.appetite]));
  const names = new Map(settings.categories.map((c) => [c.key, c.name]));
  const risks = rows.map((r) => {
    const score = r.current_score;
    const limit = byCategory.get(r.category) ?? defaultAppetite(settings.matrix);
    return {
      ...r,
      id: Number(r.id),
      categoryName: names.get(r.category) ?? r.category,
      inherentScore: scoreOf(r.inherent_likelihood, r.inherent_impact),
      targetScore: scoreOf(r.target_likelihood, r.target_impact),
      appetite: limit,
      outside: outsideAppetite(score, limit),
      overdue: reviewOverdue(r.review_due ? String(r.review_due).slice(0, 10) : null, today),
    };
  });
  return {
    risks: risks.filter((r) => (!filter.outside || r.outside) && (!filter.overdue || r.overdue)),
    all: risks,
    appetite,
    settings,
    truncated: rows.length >= q.riskLimit,
  };
}

export const riskById = q.riskById;
export const risksInCategories = q.risksByCategory;
export const scoresOf = q.scoresOf;

/** The open risks, for a form that links something to one. */
export const openRisks = (db: Db, organisationId: number) => q.risksOf(db, organisationId, { status: 'open' });

/** How long before a review falls due its owner is reminded. */
export const reminderDays = 7;

/**
 * Mails each risk's owner a week before its review falls due and again on the day it is overdue,
 * once each per review date; a new review date starts again.
 */
export async function sendReviewReminders(db: Db, now = new Date()) {
  const today = now.toISOString().slice(0, 10);
  const by = new Date(now.getTime() + reminderDays * 86_400_000).toISOString().slice(0, 10);
  let sent = 0;
  for (const r of await q.reviewsComing(db, by)) {
    const due = String(r.review_due).slice(0, 10);
    const kind = due < today ? 'overdue' : 'coming';
    await auditedWrite(db, systemActor('risk reviews', Number(r.organisation_id)), async (tx, audit) => {
      if (!(await q.recordReminder(tx, { risk_id: Number(r.id), review_due: due, kind, sent_at: now.toISOString() }))) return;
      sent++;
      await notify(tx, {
        organisationId: Number(r.organisation_id),
        personId: Number(r.owner_id),
        kind: 'risk-review',
        subject: kind === 'overdue' ? `Review overdue: ${r.reference} ${r.title}` : `Review due ${due}: ${r.reference} ${r.title}`,
        body: `${kind === 'overdue' ? `The review of ${r.reference} (${r.title}) was due on ${due}.` : `The review of ${r.reference} (${r.title}) is due on ${due}.`} Look again at its scores, controls and actions, and set the next review date.\n\n${absoluteLink(`/cyber/risks/${r.id}`)}\n`,
        now: now.toISOString(),
      });
      await audit.created(
        'risk_reminder',
        `${r.id}:${due}:${kind}`,
        { reviewDue: due, kind },
        `${r.reference}: review ${kind === 'overdue' ? 'overdue' : 'coming up'} reminder`,
        Number(r.organisation_id),
      );
    });
  }
  return sent;
}

const outcomeCodes = new Set(Object.values(cafStructure.versions).flatMap((v) => v.outcomes.map((o) => String(o[0]).toLowerCase())));
const outcomeTitles = new Map(Object.values(cafStructure.versions).flatMap((v) => v.outcomes.map((o) => [String(o[0]), String(o[1])] as const)));
const linesOf = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n|;/)
    .map((n) => n.trim())
    .filter(Boolean);

export const riskLinksInput = z.object({
  systems: z.union([z.literal(''), paragraphs(20_000)]).optional(),
  contracts: z.union([z.literal(''), paragraphs(20_000)]).optional(),
  suppliers: z.union([z.literal(''), paragraphs(20_000)]).optional(),
  outcomes: z.union([z.literal(''), paragraphs(2_000)]).optional(),
});

/** What a risk is about, named as the estate and the CAF name them: each name must be one Steward holds. */
export async function setRiskLinks(db: Db, actor: Actor, organisationId: number, riskId: number, input: z.output<typeof riskLinksInput>) {
  const risk = await q.riskById(db, organisationId, riskId);
  if (!risk) throw new NotFoundError('There is no such risk');
  const lookup = async (field: string, names: string[], known: Map<string, number>, noun: string) => {
    const missing = names.filter((n) => !known.has(n.toLowerCase()));
    if (missing.length)
      throw new UserError(`${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}: no ${noun} with that name`, {
        field,
      });
    return [...new Set(names.map((n) => Number(known.get(n.toLowerCase()))))];
  };
  const systems = await systemsNamed(db, organisationId, input.systems ?? '');
  const contracts = await lookup('contracts', linesOf(input.contracts), await contractIdsByReference(db, organisationId), 'contract reference');
  const suppliers = await lookup(
    'suppliers',
    linesOf(input.suppliers),
    new Map([...(await supplierIdsByName(db, organisationId))].map(([k, v]) => [k, Number(v)])),
    'supplier',
  );
  const codes = (input.outcomes ?? '').split(/[\s,;]+/).filter(Boolean);
  const unknown = codes.filter((c) => !outcomeCodes.has(c.toLowerCase()));
  if (unknown.length) throw new UserError(`${unknown.slice(0, 5).join(', ')}: not a CAF outcome; give codes such as B4.a`, { field: 'outcomes' });
  const outcomes = [...new Set(codes.map((c) => `${c[0]!.toUpperCase()}${c.slice(1, -1)}${c.slice(-1).toLowerCase()}`))];
  const links = [
    ...systems.map((id) => ({ kind: 'system' as const, entity_id: id, code: '' })),
    ...contracts.map((id) => ({ kind: 'contract' as const, entity_id: id, code: '' })),
    ...suppliers.map((id) => ({ kind: 'supplier' as const, entity_id: id, code: '' })),
    ...outcomes.map((code) => ({ kind: 'outcome' as const, entity_id: null, code })),
  ];
  const before = await q.linksOf(db, riskId);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setLinks(tx, organisationId, riskId, links);
    await audit.updated(
      'risk',
      riskId,
      { links: before.map((l) => `${l.kind}:${l.entity_id ?? l.code}`) },
      { links: links.map((l) => `${l.kind}:${l.entity_id ?? l.code}`) },
      `Changed what ${risk.reference} is linked to`,
      organisationId,
    );
  });
}

/** A risk's links as its page shows them, and as its form lists them. */
export async function riskLinks(db: Db, riskId: number) {
  const links = await q.linksOf(db, riskId);
  const of = <K extends string>(kind: K) => links.filter((l) => l.kind === kind);
  return {
    systems: of('system').map((l) => ({ id: Number(l.entity_id), name: l.system_name ?? '' })),
    contracts: of('contract').map((l) => ({
      id: Number(l.entity_id),
      name: `${l.contract_reference} ${l.contract_title}`,
      reference: l.contract_reference ?? '',
    })),
    suppliers: of('supplier').map((l) => ({ id: Number(l.entity_id), name: l.supplier_name ?? '' })),
    outcomes: of('outcome').map((l) => ({ code: l.code, title: outcomeTitles.get(l.code) ?? '' })),
  };
}

/**
 * A council's own matrix. Scores already given must still fit: a smaller matrix than the risks use
 * is refused, naming how far they go, so nothing is rescored behind anyone's back.
 */
export async function setRiskMatrix(db: Db, actor: Actor, organisationId: number, matrix: RiskMatrix) {
  const problems = matrixProblems(matrix);
  if (problems.length) throw new UserError(problems[0]!.message, { field: problems[0]!.field });
  const used = await q.largestStepsUsed(db, organisationId);
  if (used.likelihood > matrix.likelihoods.length)
    throw new UserError(`Risks in the register are scored up to likelihood ${used.likelihood}: rescore them before the matrix has fewer steps`, {
      field: 'likelihoods',
    });
  if (used.impact > matrix.impacts.length)
    throw new UserError(`Risks in the register are scored up to impact ${used.impact}: rescore them before the matrix has fewer steps`, { field: 'impacts' });
  const before = (await riskSettings(db, organisationId)).matrix;
  const top = maxScore(matrix);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.saveMatrix(tx, organisationId, JSON.stringify(matrix));
    // An appetite above the new top score would mean nothing: it becomes the top.
    for (const a of await q.appetitesOf(tx, organisationId)) if (a.appetite > top) await q.setAppetite(tx, organisationId, a.category, top);
    await audit.updated(
      'risk_matrix',
      organisationId,
      { ...before, likelihoods: before.likelihoods.join(', '), impacts: before.impacts.join(', '), bands: JSON.stringify(before.bands) },
      { ...matrix, likelihoods: matrix.likelihoods.join(', '), impacts: matrix.impacts.join(', '), bands: JSON.stringify(matrix.bands) },
      `Set the risk matrix to ${matrix.likelihoods.length} × ${matrix.impacts.length}`,
      organisationId,
    );
  });
}

/**
 * The council's own categories: existing ones renamed or removed by key, new ones added by name.
 * A category risks are in cannot be removed until they move.
 */
export async function setRiskCategories(db: Db, actor: Actor, organisationId: number, input: { names: Map<string, string>; remove: Set<string>; add: string }) {
  const { categories } = await riskSettings(db, organisationId);
  const used = new Map((await q.risksByCategory(db, organisationId)).map((r) => [r.category, Number(r.n)]));
  for (const key of input.names.keys()) if (!categories.some((c) => c.key === key)) throw new UserError('Change only the categories listed', { field: 'name' });
  const kept: { key: string; name: string }[] = [];
  for (const c of categories) {
    const name = (input.names.get(c.key) ?? c.name).trim();
    if (input.remove.has(c.key)) {
      const n = used.get(c.key) ?? 0;
      if (n)
        throw new UserError(
          `${n === 1 ? 'One risk is' : `${n} risks are`} in ${c.name}: move ${n === 1 ? 'it' : 'them'} to another category before removing it`,
          { field: 'remove' },
        );
      continue;
    }
    if (!name) throw new UserError(`Give ${c.name} a name, or tick it to remove it`, { field: 'name' });
    kept.push({ key: c.key, name });
  }
  const add = input.add.trim();
  if (add) kept.push({ key: keyFromName(add, [...categories.map((c) => c.key), ...kept.map((c) => c.key)], { max: 40, fallback: 'category' }), name: add });
  if (!kept.length) throw new UserError('Keep at least one category', { field: 'remove' });
  const names = kept.map((c) => c.name.toLowerCase());
  if (new Set(names).size !== names.length) throw new UserError('Each category needs a name of its own', { field: 'name' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.saveCategories(tx, organisationId, kept);
    await audit.updated(
      'risk_categories',
      organisationId,
      dict(categories.map((c) => [c.key, c.name] as const)),
      dict(kept.map((c) => [c.key, c.name] as const)),
      'Changed the risk categories',
      organisationId,
    );
  });
  return kept;
}
