import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/index.js';
import type { ProblemPriority, ProblemStatus } from './rules.js';
import type { ProblemProposalsTable, ProblemsTable } from './tables.js';

type Conn = Db | Tx;

export async function nextProblemNumber(tx: Tx, organisationId: number) {
  const r = await tx
    .insertInto('problem_counters')
    .values({ organisation_id: organisationId, problems: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ problems: sql`problem_counters.problems + 1` }))
    .returning('problems')
    .executeTakeFirstOrThrow();
  return Number(r.problems);
}

export async function insertProblem(tx: Tx, row: Insertable<ProblemsTable>) {
  const r = await tx.insertInto('problems').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateProblem(tx: Tx, organisationId: number, id: number, set: Updateable<ProblemsTable>) {
  await tx.updateTable('problems').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

const problemColumns = [
  'p.id',
  'p.number',
  'p.reference',
  'p.title',
  'p.description',
  'p.status',
  'p.priority',
  'p.service_id',
  's.name as service_name',
  'p.system_id',
  'y.name as system_name',
  'p.owner_id',
  'o.display_name as owner_name',
  'p.team_id',
  't.name as team_name',
  'p.root_cause',
  'p.workaround',
  'p.fix',
  'p.article_id',
  'a.title as article_title',
  'p.created_at',
  'p.updated_at',
  'p.resolved_at',
] as const;

const problemsWithNames = (db: Conn) =>
  db
    .selectFrom('problems as p')
    .leftJoin('services as s', 's.id', 'p.service_id')
    .leftJoin('systems as y', 'y.id', 'p.system_id')
    .leftJoin('people as o', 'o.id', 'p.owner_id')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .leftJoin('articles as a', 'a.id', 'p.article_id');

export type ProblemRow = Awaited<ReturnType<typeof problemById>> & object;

export const problemById = (db: Conn, organisationId: number, id: number) =>
  problemsWithNames(db).where('p.organisation_id', '=', organisationId).where('p.id', '=', id).select(problemColumns).executeTakeFirst();

export const problemByReference = (db: Conn, organisationId: number, reference: string) =>
  problemsWithNames(db).where('p.organisation_id', '=', organisationId).where('p.reference', '=', reference).select(problemColumns).executeTakeFirst();

export interface ProblemFilter {
  statuses?: ProblemStatus[];
  priority?: ProblemPriority;
  serviceId?: number;
}

/** Problems newest first, after a keyset cursor (the id), with the filters an index holds. */
export function problemsOf(db: Conn, organisationId: number, filter: ProblemFilter, after: { id: number } | null | undefined, limit: number) {
  let query = problemsWithNames(db).where('p.organisation_id', '=', organisationId).select(problemColumns);
  if (filter.statuses) query = query.where('p.status', 'in', filter.statuses);
  if (filter.priority) query = query.where('p.priority', '=', filter.priority);
  if (filter.serviceId !== undefined) query = query.where('p.service_id', '=', filter.serviceId);
  if (after) query = query.where('p.id', '<', after.id);
  return query.orderBy('p.id', 'desc').limit(limit).execute();
}

/** Known errors (and problems resolved after being one, whose workaround is still published) for some services. */
export function knownErrorsOfService(db: Conn, organisationId: number, serviceId: number, limit: number) {
  return problemsWithNames(db)
    .where('p.organisation_id', '=', organisationId)
    .where('p.service_id', '=', serviceId)
    .where('p.status', 'in', ['logged', 'investigating', 'known_error'])
    .select(problemColumns)
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
}

export const incidentsOfProblem = (db: Conn, organisationId: number, problemId: number) =>
  db
    .selectFrom('problem_incidents as l')
    .innerJoin('tickets as k', 'k.id', 'l.ticket_id')
    .leftJoin('services as s', 's.id', 'k.service_id')
    .where('l.organisation_id', '=', organisationId)
    .where('l.problem_id', '=', problemId)
    .select(['k.id', 'k.reference', 'k.title', 'k.status', 'k.created_at', 's.name as service_name', 'l.linked_at'])
    .orderBy('k.created_at')
    .orderBy('k.id')
    .limit(1000)
    .execute();

/** The problems some tickets are linked to. */
export const problemsOfTickets = (db: Conn, organisationId: number, ticketIds: number[]) =>
  ticketIds.length
    ? db
        .selectFrom('problem_incidents as l')
        .innerJoin('problems as p', 'p.id', 'l.problem_id')
        .where('l.organisation_id', '=', organisationId)
        .where('l.ticket_id', 'in', ticketIds)
        .select(['l.ticket_id', 'p.id', 'p.reference', 'p.title', 'p.status', 'p.article_id'])
        .execute()
    : Promise.resolve([]);

export const ticketsByIds = (db: Conn, organisationId: number, ids: number[]) =>
  ids.length
    ? db
        .selectFrom('tickets as k')
        .leftJoin('services as s', 's.id', 'k.service_id')
        .where('k.organisation_id', '=', organisationId)
        .where('k.id', 'in', ids)
        .select(['k.id', 'k.reference', 'k.title', 'k.kind', 'k.status', 'k.created_at', 'k.service_id', 's.name as service_name'])
        .orderBy('k.created_at')
        .orderBy('k.id')
        .execute()
    : Promise.resolve([]);

export const ticketByReference = (db: Conn, organisationId: number, reference: string) =>
  db
    .selectFrom('tickets')
    .where('organisation_id', '=', organisationId)
    .where('reference', '=', reference)
    .select(['id', 'reference', 'title', 'kind'])
    .executeTakeFirst();

export async function linkIncident(
  tx: Tx,
  row: { organisation_id: number; problem_id: number; ticket_id: number; linked_by: number | null; linked_at: string },
) {
  const r = await tx
    .insertInto('problem_incidents')
    .values(row)
    .onConflict((oc) => oc.columns(['problem_id', 'ticket_id']).doNothing())
    .returning('ticket_id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function unlinkIncident(tx: Tx, organisationId: number, problemId: number, ticketId: number) {
  const r = await tx
    .deleteFrom('problem_incidents')
    .where('organisation_id', '=', organisationId)
    .where('problem_id', '=', problemId)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Incidents raised since a time, with whether a problem covers each: what the proposal rule reads. */
export const recentIncidents = (db: Conn, organisationId: number, since: string, limit: number) =>
  db
    .selectFrom('tickets as k')
    .where('k.organisation_id', '=', organisationId)
    .where('k.kind', '=', 'incident')
    .where('k.created_at', '>=', since)
    .select((eb) => [
      'k.id',
      'k.service_id',
      'k.created_at',
      // By the index on (organisation, ticket).
      eb
        .exists(
          eb
            .selectFrom('problem_incidents as l')
            .whereRef('l.organisation_id', '=', 'k.organisation_id')
            .whereRef('l.ticket_id', '=', 'k.id')
            .select('l.ticket_id'),
        )
        .as('covered'),
    ])
    .orderBy('k.created_at', 'desc')
    .limit(limit)
    .execute();

/** The organisations with incidents since a time, for the proposal job. */
export const organisationsWithIncidentsSince = async (db: Conn, since: string) =>
  (
    await db
      .selectFrom('organisations as o')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('tickets as k')
            .whereRef('k.organisation_id', '=', 'o.id')
            .where('k.kind', '=', 'incident')
            .where('k.created_at', '>=', since)
            .select('k.id'),
        ),
      )
      .select('o.id')
      .execute()
  ).map((r) => Number(r.id));

export const proposalKeys = async (db: Conn, organisationId: number, keys: string[]) =>
  keys.length
    ? (await db.selectFrom('problem_proposals').where('organisation_id', '=', organisationId).where('key', 'in', keys).select(['key', 'state']).execute()).map(
        (r) => ({ key: r.key, state: r.state }),
      )
    : [];

export async function insertProposal(tx: Tx, row: Insertable<ProblemProposalsTable>) {
  const r = await tx.insertInto('problem_proposals').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateProposal(tx: Tx, organisationId: number, id: number, set: Updateable<ProblemProposalsTable>) {
  await tx.updateTable('problem_proposals').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export const openProposals = (db: Conn, organisationId: number, limit: number) =>
  db
    .selectFrom('problem_proposals as r')
    .leftJoin('services as s', 's.id', 'r.service_id')
    .leftJoin('systems as y', 'y.id', 'r.system_id')
    .where('r.organisation_id', '=', organisationId)
    .where('r.state', '=', 'open')
    .select([
      'r.id',
      'r.key',
      'r.service_id',
      's.name as service_name',
      'r.system_id',
      'y.name as system_name',
      'r.incident_ids',
      'r.first_at',
      'r.last_at',
      'r.proposed_at',
    ])
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();

export const proposalById = (db: Conn, organisationId: number, id: number) =>
  db
    .selectFrom('problem_proposals as r')
    .leftJoin('services as s', 's.id', 'r.service_id')
    .leftJoin('systems as y', 'y.id', 'r.system_id')
    .where('r.organisation_id', '=', organisationId)
    .where('r.id', '=', id)
    .select([
      'r.id',
      'r.key',
      'r.state',
      'r.service_id',
      's.name as service_name',
      'r.system_id',
      'y.name as system_name',
      'r.incident_ids',
      'r.first_at',
      'r.last_at',
    ])
    .executeTakeFirst();

/** What happened to a problem, newest first: its own audit entries and those of its links to incidents. */
export const problemTimeline = (db: Conn, organisationId: number, problemId: number) =>
  db
    .selectFrom('audit_events')
    .where('organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'problem'), eb('entity_id', '=', String(problemId))]),
        eb.and([eb('entity_type', '=', 'problem_incident'), eb('entity_id', 'like', `${problemId}:%`)]),
      ]),
    )
    .select(['id', 'actor', 'action', 'summary', 'at'])
    .orderBy('id', 'desc')
    .limit(200)
    .execute();

export const serviceNamed = (db: Conn, organisationId: number, id: number | null) =>
  id === null
    ? Promise.resolve(undefined)
    : db.selectFrom('services').where('organisation_id', '=', organisationId).where('id', '=', id).select('name').executeTakeFirst();

/** The services of the organisation, for the filters and forms. */
export const serviceChoices = (db: Conn, organisationId: number) =>
  db.selectFrom('services').where('organisation_id', '=', organisationId).select(['id', 'name']).orderBy('name').limit(500).execute();

export const teamChoices = (db: Conn, organisationId: number) =>
  db.selectFrom('teams').where('organisation_id', '=', organisationId).select(['id', 'name']).orderBy('name').limit(500).execute();

/** People who work problems: agents, managers and admins of the organisation. */
export const ownerChoices = (db: Conn, organisationId: number) =>
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

/** A service's incidents raised since a time, the newest first (the demo links some to its problems). */
export const incidentsOfServiceSince = (db: Conn, organisationId: number, serviceId: number, since: string, limit: number) =>
  db
    .selectFrom('tickets')
    .where('organisation_id', '=', organisationId)
    .where('service_id', '=', serviceId)
    .where('kind', '=', 'incident')
    .where('created_at', '>=', since)
    .select(['id', 'reference'])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();

export const systemNamed = (db: Conn, organisationId: number, name: string) =>
  db.selectFrom('systems').where('organisation_id', '=', organisationId).where('name', '=', name).select('id').executeTakeFirst();

/** How many problems are open, and how many of them are known errors. */
export async function openCounts(db: Conn, organisationId: number) {
  const rows = await db
    .selectFrom('problems')
    .where('organisation_id', '=', organisationId)
    .where('status', 'in', ['logged', 'investigating', 'known_error'])
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { open: count('logged') + count('investigating') + count('known_error'), knownErrors: count('known_error') };
}

/** When the problems resolved in a span were resolved. */
export const resolvedBetween = (db: Conn, organisationId: number, from: string, to: string) =>
  db
    .selectFrom('problems')
    .where('organisation_id', '=', organisationId)
    .where('resolved_at', '>=', from)
    .where('resolved_at', '<', to)
    .select('resolved_at')
    .limit(100_000)
    .execute();

/** The organisation's latest major incidents, for the new-problem form. */
export const majorIncidentChoices = (db: Conn, organisationId: number) =>
  db
    .selectFrom('major_incidents')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'title', 'declared_at', 'service_id'])
    .orderBy('declared_at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();

export const majorIncidentById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('major_incidents').where('organisation_id', '=', organisationId).where('id', '=', id).select(['id', 'title', 'service_id']).executeTakeFirst();

/** The incidents a major incident gathered. */
export const incidentsOfMajorIncident = async (db: Conn, organisationId: number, majorIncidentId: number) =>
  (
    await db
      .selectFrom('tickets')
      .where('organisation_id', '=', organisationId)
      .where('major_incident_id', '=', majorIncidentId)
      .where('kind', '=', 'incident')
      .select('id')
      .orderBy('id')
      .limit(500)
      .execute()
  ).map((r) => Number(r.id));
