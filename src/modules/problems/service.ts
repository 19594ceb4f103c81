import { auditedWrite, NotFoundError, systemActor, UserError, type Actor, type AuditRecorder, type Db, type Tx } from '../../platform/index.js';
import { rewriteArticle, writeArticle } from '../service-desk/index.js';
import * as q from './queries.js';
import {
  defaultProposalRule,
  moveRefusal,
  problemReference,
  proposeProblems,
  publishesWorkaround,
  statusLabels,
  workaroundArticle,
  type ProblemStatus,
  type ProposalRule,
} from './rules.js';
import type { MoveInput, ProblemInput } from './schemas.js';

/** How far back the proposal rule looks for clusters of incidents. */
export const proposalDays = 14;
/** The most incidents it reads for one organisation (the newest). */
const proposalIncidentLimit = 5000;

const columnsOf = (v: ProblemInput) => ({
  title: v.title,
  description: v.description,
  priority: v.priority,
  service_id: v.serviceId,
  system_id: v.systemId,
  owner_id: v.ownerId,
  team_id: v.teamId,
  root_cause: v.rootCause,
  workaround: v.workaround,
  fix: v.fix,
});

async function incidentsToLink(db: Db | Tx, organisationId: number, ticketIds: number[]) {
  const found = await q.ticketsByIds(db, organisationId, ticketIds);
  const request = found.find((t) => t.kind !== 'incident');
  if (request) throw new UserError(`${request.reference} is a request, not an incident: a problem is behind incidents`, { field: 'ticket' });
  if (found.length !== new Set(ticketIds).size) throw new UserError('There is no incident with that reference', { field: 'ticket' });
  return found;
}

/**
 * The known error's article, in the change's transaction: written the first time the problem
 * publishes its workaround, rewritten when the workaround, title or service changes after.
 */
async function publishWorkaround(
  tx: Tx,
  audit: AuditRecorder,
  organisationId: number,
  personId: number | null,
  problem: { id: number; reference: string; title: string; status: ProblemStatus; workaround: string; serviceId: number | null; articleId: number | null },
  now: Date,
): Promise<number | null> {
  if (!publishesWorkaround(problem.status, problem.workaround)) return problem.articleId;
  const service = await q.serviceNamed(tx, organisationId, problem.serviceId);
  const article = workaroundArticle({ reference: problem.reference, title: problem.title, workaround: problem.workaround, serviceName: service?.name ?? null });
  const input = { ...article, audience: 'staff' as const, serviceId: problem.serviceId ?? undefined, reviewOn: undefined };
  if (problem.articleId === null) {
    const id = await writeArticle(tx, audit, organisationId, personId, input, now);
    await q.updateProblem(tx, organisationId, problem.id, { article_id: id });
    await audit.updated(
      'problem',
      problem.id,
      { article_id: null },
      { article_id: id },
      `${problem.reference}: published the workaround as “${article.title}”`,
      organisationId,
    );
    return id;
  }
  await rewriteArticle(tx, audit, organisationId, problem.articleId, input, now);
  return problem.articleId;
}

async function insertProblem(tx: Tx, audit: AuditRecorder, actor: Actor, organisationId: number, v: ProblemInput, ticketIds: number[], now: Date) {
  const number = await q.nextProblemNumber(tx, organisationId);
  const reference = problemReference(number);
  const at = now.toISOString();
  const id = await q.insertProblem(tx, {
    organisation_id: organisationId,
    number,
    reference,
    status: 'logged',
    ...columnsOf(v),
    created_at: at,
    updated_at: at,
  });
  await audit.created('problem', id, { reference, ...columnsOf(v), status: 'logged' }, `Logged ${reference}: ${v.title}`, organisationId);
  for (const t of await q.ticketsByIds(tx, organisationId, ticketIds)) await linkIn(tx, audit, actor, organisationId, { id, reference }, t, at);
  return { id, reference };
}

async function linkIn(
  tx: Tx,
  audit: AuditRecorder,
  actor: Actor,
  organisationId: number,
  p: { id: number; reference: string },
  t: { id: number; reference: string; title: string },
  at: string,
) {
  if (!(await q.linkIncident(tx, { organisation_id: organisationId, problem_id: p.id, ticket_id: t.id, linked_by: actor.personId, linked_at: at })))
    return false;
  await audit.created('problem_incident', `${p.id}:${t.id}`, { ticket: t.reference }, `${p.reference}: linked ${t.reference} ${t.title}`, organisationId);
  return true;
}

/**
 * Logs a problem, linked to the incidents it was raised from (ticket ids of the organisation) and,
 * when it was raised from a major incident, to every incident that major incident gathered (its
 * service too, when the problem names none).
 */
export async function raiseProblem(
  db: Db,
  actor: Actor,
  organisationId: number,
  v: ProblemInput,
  ticketIds: number[] = [],
  now = new Date(),
  majorIncidentId: number | null = null,
) {
  await incidentsToLink(db, organisationId, ticketIds);
  const major = majorIncidentId === null ? undefined : await q.majorIncidentById(db, organisationId, majorIncidentId);
  if (majorIncidentId !== null && !major) throw new UserError('Choose one of the major incidents', { field: 'majorIncidentId' });
  const gathered = major ? await q.incidentsOfMajorIncident(db, organisationId, majorIncidentId!) : [];
  const input = major && v.serviceId === null ? { ...v, serviceId: Number(major.service_id) } : v;
  return auditedWrite(db, actor, async (tx, audit) => {
    const made = await insertProblem(tx, audit, actor, organisationId, input, [...new Set([...ticketIds, ...gathered])], now);
    if (major)
      await audit.updated(
        'problem',
        made.id,
        { major_incident: null },
        { major_incident: Number(major.id) },
        `${made.reference}: raised from the major incident “${major.title}”`,
        organisationId,
      );
    return made;
  });
}

async function problemOf(db: Db | Tx, organisationId: number, id: number) {
  const p = await q.problemById(db, organisationId, id);
  if (!p) throw new NotFoundError('There is no such problem');
  return {
    ...p,
    id: Number(p.id),
    service_id: p.service_id === null ? null : Number(p.service_id),
    article_id: p.article_id === null ? null : Number(p.article_id),
  };
}

export async function problemIdOf(db: Db, organisationId: number, reference: string) {
  const p = await q.problemByReference(db, organisationId, reference);
  if (!p) throw new NotFoundError('There is no such problem');
  return Number(p.id);
}

/** Changes what is known about a problem; a known error's article follows its workaround. */
export async function changeProblem(db: Db, actor: Actor, organisationId: number, id: number, v: ProblemInput, now = new Date()) {
  await auditedWrite(db, actor, (tx, audit) => changeIn(tx, audit, actor, organisationId, id, v, now));
}

async function changeIn(tx: Tx, audit: AuditRecorder, actor: Actor, organisationId: number, id: number, v: ProblemInput, now: Date) {
  {
    const before = await problemOf(tx, organisationId, id);
    if (before.status === 'closed') throw new UserError(`${before.reference} is closed: reopen it by raising a new problem`, { field: 'title' });
    if (before.status === 'known_error' && !v.workaround)
      throw new UserError('A known error keeps its workaround: move it back to investigation first', { field: 'workaround' });
    const set = columnsOf(v);
    await q.updateProblem(tx, organisationId, id, { ...set, updated_at: now.toISOString() });
    await audit.updated(
      'problem',
      id,
      {
        title: before.title,
        description: before.description,
        priority: before.priority,
        service_id: before.service_id,
        system_id: before.system_id === null ? null : Number(before.system_id),
        owner_id: before.owner_id === null ? null : Number(before.owner_id),
        team_id: before.team_id === null ? null : Number(before.team_id),
        root_cause: before.root_cause,
        workaround: before.workaround,
        fix: before.fix,
      },
      set,
      `Changed ${before.reference}: ${v.title}`,
      organisationId,
    );
    await publishWorkaround(
      tx,
      audit,
      organisationId,
      actor.personId,
      {
        id,
        reference: before.reference,
        title: v.title,
        status: before.status,
        workaround: v.workaround,
        serviceId: v.serviceId,
        articleId: before.article_id,
      },
      now,
    );
  }
}

/**
 * Moves a problem along its workflow, with the root cause, workaround and fix given with the move;
 * refused (on the field at fault) when the rules say it cannot go there yet.
 */
export async function moveProblem(db: Db, actor: Actor, organisationId: number, id: number, v: MoveInput, now = new Date()) {
  await auditedWrite(db, actor, (tx, audit) => moveIn(tx, audit, actor, organisationId, id, v, now));
}

async function moveIn(tx: Tx, audit: AuditRecorder, actor: Actor, organisationId: number, id: number, v: MoveInput, now: Date) {
  {
    const before = await problemOf(tx, organisationId, id);
    const facts = { rootCause: v.rootCause || before.root_cause, workaround: v.workaround || before.workaround, fix: v.fix || before.fix };
    const refusal = moveRefusal(before.status, v.status, facts);
    if (refusal) throw new UserError(refusal.message, { field: refusal.field });
    const at = now.toISOString();
    const resolvedAt = v.status === 'resolved' || v.status === 'closed' ? (before.resolved_at ?? at) : null;
    const set = { status: v.status, root_cause: facts.rootCause, workaround: facts.workaround, fix: facts.fix, resolved_at: resolvedAt };
    await q.updateProblem(tx, organisationId, id, { ...set, updated_at: at });
    await audit.updated(
      'problem',
      id,
      { status: before.status, root_cause: before.root_cause, workaround: before.workaround, fix: before.fix, resolved_at: before.resolved_at },
      set,
      before.status === v.status ? `Changed ${before.reference}` : `${before.reference}: ${statusLabels[before.status]} → ${statusLabels[v.status]}`,
      organisationId,
    );
    await publishWorkaround(
      tx,
      audit,
      organisationId,
      actor.personId,
      {
        id,
        reference: before.reference,
        title: before.title,
        status: v.status,
        workaround: facts.workaround,
        serviceId: before.service_id,
        articleId: before.article_id,
      },
      now,
    );
  }
}

/**
 * Changes some of what is known about a problem and, when a status is given, moves it, in one
 * transaction (the API's PATCH): a refused move changes nothing.
 */
export async function patchProblem(
  db: Db,
  actor: Actor,
  organisationId: number,
  id: number,
  v: Partial<ProblemInput> & { status?: ProblemStatus | undefined },
  now = new Date(),
) {
  await auditedWrite(db, actor, async (tx, audit) => {
    const before = await problemOf(tx, organisationId, id);
    const { status, ...fields } = v;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<ProblemInput>;
    const merged: ProblemInput = {
      title: before.title,
      description: before.description,
      priority: before.priority,
      serviceId: before.service_id,
      systemId: before.system_id === null ? null : Number(before.system_id),
      ownerId: before.owner_id === null ? null : Number(before.owner_id),
      teamId: before.team_id === null ? null : Number(before.team_id),
      rootCause: before.root_cause,
      workaround: before.workaround,
      fix: before.fix,
      ...defined,
    };
    if (Object.keys(defined).length) await changeIn(tx, audit, actor, organisationId, id, merged, now);
    if (status && status !== before.status)
      await moveIn(tx, audit, actor, organisationId, id, { status, rootCause: merged.rootCause, workaround: merged.workaround, fix: merged.fix }, now);
  });
}

/** Links an incident (a ticket of the organisation) to a problem. */
export async function linkProblemIncident(db: Db, actor: Actor, organisationId: number, id: number, ticketReference: string, now = new Date()) {
  const ticket = await q.ticketByReference(db, organisationId, ticketReference);
  if (!ticket) throw new UserError('There is no incident with that reference', { field: 'ticket' });
  await incidentsToLink(db, organisationId, [Number(ticket.id)]);
  return auditedWrite(db, actor, async (tx, audit) => {
    const p = await problemOf(tx, organisationId, id);
    if (p.status === 'closed') throw new UserError(`${p.reference} is closed`, { field: 'ticket' });
    const linked = await linkIn(
      tx,
      audit,
      actor,
      organisationId,
      p,
      { id: Number(ticket.id), reference: ticket.reference, title: ticket.title },
      now.toISOString(),
    );
    if (!linked) throw new UserError(`${ticket.reference} is already linked to ${p.reference}`, { field: 'ticket' });
    return ticket.reference;
  });
}

export async function unlinkProblemIncident(db: Db, actor: Actor, organisationId: number, id: number, ticketReference: string) {
  const ticket = await q.ticketByReference(db, organisationId, ticketReference);
  if (!ticket) throw new NotFoundError('There is no such incident');
  return auditedWrite(db, actor, async (tx, audit) => {
    const p = await problemOf(tx, organisationId, id);
    if (!(await q.unlinkIncident(tx, organisationId, id, Number(ticket.id)))) throw new UserError(`${ticket.reference} is not linked to ${p.reference}`);
    await audit.deleted('problem_incident', `${id}:${ticket.id}`, { ticket: ticket.reference }, `${p.reference}: unlinked ${ticket.reference}`, organisationId);
  });
}

const since = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/**
 * Looks for clusters of incidents no problem covers (the rule in `proposeProblems`) among the
 * organisation's incidents of the last `proposalDays`, and records each new one as a proposal. A
 * cluster keeps its key as it grows, so one dismissed is not proposed again. Answers how many are new.
 */
export async function proposeFor(db: Db, organisationId: number, now = new Date(), rule: ProposalRule = defaultProposalRule) {
  const incidents = await q.recentIncidents(db, organisationId, since(now, proposalDays), proposalIncidentLimit);
  const proposals = proposeProblems(
    incidents.map((i) => ({
      id: Number(i.id),
      serviceId: i.service_id === null ? null : Number(i.service_id),
      openedAt: new Date(String(i.created_at)).toISOString(),
      covered: Boolean(i.covered),
    })),
    rule,
  );
  if (!proposals.length) return 0;
  const known = new Set(
    (
      await q.proposalKeys(
        db,
        organisationId,
        proposals.map((p) => p.key),
      )
    ).map((k) => k.key),
  );
  const fresh = proposals.filter((p) => !known.has(p.key));
  if (!fresh.length) return 0;
  await auditedWrite(db, systemActor('problem proposals', organisationId), async (tx, audit) => {
    for (const p of fresh) {
      const service = await q.serviceNamed(tx, organisationId, p.serviceId);
      const id = await q.insertProposal(tx, {
        organisation_id: organisationId,
        key: p.key,
        service_id: p.serviceId,
        system_id: p.systemId,
        incident_ids: JSON.stringify(p.incidentIds),
        first_at: p.from,
        last_at: p.to,
        state: 'open',
        proposed_at: now.toISOString(),
      });
      await audit.created(
        'problem_proposal',
        id,
        { key: p.key, incidents: p.incidentIds.length },
        `Proposed a problem: ${p.incidentIds.length} incidents${service ? ` on ${service.name}` : ''} within ${rule.days} days`,
        organisationId,
      );
    }
  });
  return fresh.length;
}

/** The scheduled job: proposals for every organisation with recent incidents. */
export async function proposeProblemsEverywhere(db: Db, now = new Date()) {
  let made = 0;
  for (const organisationId of await q.organisationsWithIncidentsSince(db, since(now, proposalDays))) made += await proposeFor(db, organisationId, now);
  return made;
}

async function openProposal(db: Db | Tx, organisationId: number, id: number) {
  const p = await q.proposalById(db, organisationId, id);
  if (!p) throw new NotFoundError('There is no such proposed problem');
  if (p.state !== 'open') throw new UserError(p.state === 'raised' ? 'A problem was raised for these incidents already' : 'This proposal was dismissed');
  return p;
}

/** Raises the problem a proposal suggests, linked to its incidents. */
export async function raiseFromProposal(db: Db, actor: Actor, organisationId: number, id: number, now = new Date()) {
  return auditedWrite(db, actor, async (tx, audit) => {
    const p = await openProposal(tx, organisationId, id);
    const ticketIds = (JSON.parse(p.incident_ids) as number[]).filter((n) => Number.isInteger(n));
    const where = p.service_name ?? p.system_name ?? 'one service';
    const made = await insertProblem(
      tx,
      audit,
      actor,
      organisationId,
      {
        title: `Repeated incidents on ${where}`,
        description: `Steward proposed this problem: ${ticketIds.length} incidents on ${where} within a few days of each other.`,
        priority: 'p3',
        serviceId: p.service_id === null ? null : Number(p.service_id),
        systemId: p.system_id === null ? null : Number(p.system_id),
        ownerId: actor.personId,
        teamId: null,
        rootCause: '',
        workaround: '',
        fix: '',
      },
      ticketIds,
      now,
    );
    await q.updateProposal(tx, organisationId, id, { state: 'raised', problem_id: made.id, decided_by: actor.personId, decided_at: now.toISOString() });
    await audit.updated(
      'problem_proposal',
      id,
      { state: 'open' },
      { state: 'raised', problem: made.reference },
      `Raised ${made.reference} from a proposal`,
      organisationId,
    );
    return made;
  });
}

/** Dismisses a proposal: the same cluster is not proposed again. */
export async function dismissProposal(db: Db, actor: Actor, organisationId: number, id: number, now = new Date()) {
  await auditedWrite(db, actor, async (tx, audit) => {
    const p = await openProposal(tx, organisationId, id);
    await q.updateProposal(tx, organisationId, id, { state: 'dismissed', decided_by: actor.personId, decided_at: now.toISOString() });
    await audit.updated(
      'problem_proposal',
      id,
      { state: 'open' },
      { state: 'dismissed' },
      `Dismissed the proposed problem on ${p.service_name ?? p.system_name ?? 'a service'}`,
      organisationId,
    );
  });
}
