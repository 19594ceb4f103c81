import { z } from 'zod';
import {
  isoDate,
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
import { defaultAppetite, matrixSize, outsideAppetite, reviewOverdue, riskCategories, scoreOf, treatments, type RiskCategory } from './rules.js';

const step = (label: string) =>
  z.coerce
    .number({ message: `Choose the ${label} from 1 to ${matrixSize}` })
    .int({ message: `Choose the ${label} from 1 to ${matrixSize}` })
    .min(1, `The ${label} is on the matrix: from 1 to ${matrixSize}`)
    .max(matrixSize, `The ${label} is on the matrix: from 1 to ${matrixSize}`);
export const riskInput = z.object({
  title: line(200, { required: 'Say what the risk is in a line' }),
  category: z.enum(Object.keys(riskCategories) as [RiskCategory], { message: 'Choose the risk’s category' }),
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

function checkScores(input: RiskInput) {
  if (scoreOf(input.targetLikelihood, input.targetImpact) > scoreOf(input.inherentLikelihood, input.inherentImpact))
    throw new UserError('The target score is higher than the risk with no controls at all: check the target', { field: 'targetLikelihood' });
}

/** Records a risk with its scores, its first score in the history, and its reference. */
const ownerOf = async (db: Db, organisationId: number, input: RiskInput) =>
  input.owner ? ((await activeMemberByEmail(db, organisationId, input.owner))?.id ?? null) : null;

export async function recordRisk(db: Db, actor: Actor, organisationId: number, input: RiskInput) {
  checkScores(input);
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
  checkScores(input);
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

/** Each category's appetite: what the council set, or the default. */
export async function appetites(db: Db, organisationId: number) {
  const set = dict<number>();
  for (const a of await q.appetitesOf(db, organisationId)) set[a.category] = a.appetite;
  return (Object.keys(riskCategories) as RiskCategory[]).map((c) => ({
    category: c,
    name: riskCategories[c],
    appetite: own(set, c) ?? defaultAppetite,
    set: own(set, c) !== undefined,
  }));
}

export async function setAppetites(db: Db, actor: Actor, organisationId: number, values: Partial<Record<RiskCategory, number>>) {
  const before = await appetites(db, organisationId);
  await auditedWrite(db, actor, async (tx, audit) => {
    for (const [category, appetite] of Object.entries(values)) if (appetite !== undefined) await q.setAppetite(tx, organisationId, category, appetite);
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
  const [rows, appetite] = await Promise.all([q.risksOf(db, organisationId, filter), appetites(db, organisationId)]);
  const byCategory = new Map(appetite.map((a) => [a.category as string, a.appetite]));
  const risks = rows.map((r) => {
    const score = r.current_score;
    const limit = byCategory.get(r.category) ?? defaultAppetite;
    return {
      ...r,
      id: Number(r.id),
      categoryName: own(riskCategories, r.category) ?? r.category,
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
    truncated: rows.length >= q.riskLimit,
  };
}

export const riskById = q.riskById;
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
