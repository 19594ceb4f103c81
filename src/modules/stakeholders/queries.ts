import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../platform/index.js';
import type { StakeholderKind } from './rules.js';
import type {
  CommunicationFeedbackTable,
  CommunicationSendsTable,
  CommunicationsTable,
  EngagementFollowUpsTable,
  EngagementsTable,
  StakeholdersTable,
} from './tables.js';

type Conn = Db | Tx;
/** The most stakeholders a page lists: a council has tens, a shared service a few hundred. */
export const registerLimit = 2000;

/**
 * The organisation's IT people (agents, managers, admins) for a select of who owns a relationship,
 * a follow-up or a message, with anyone already chosen (`alsoId`) whatever their role.
 */
export const itPeopleOf = (db: Conn, organisationId: number, alsoId: number | null = null) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.active', '=', 1)
    .where((eb) =>
      alsoId === null ? eb('m.role', 'in', ['agent', 'manager', 'admin']) : eb.or([eb('m.role', 'in', ['agent', 'manager', 'admin']), eb('p.id', '=', alsoId)]),
    )
    .select(['p.id', 'p.display_name', 'p.email'])
    .orderBy('p.display_name')
    .orderBy('p.id')
    .limit(2000)
    .execute();

/** A person's email, for a form that names their Steward account by it. */
export const emailOfPerson = (db: Conn, personId: number) => db.selectFrom('people').where('id', '=', personId).select('email').executeTakeFirst();

/** The last day each stakeholder was engaged, as a subquery to join. */
const lastEngaged = (db: Conn, organisationId: number) =>
  db
    .selectFrom('engagement_stakeholders as es')
    .innerJoin('engagements as e', 'e.id', 'es.engagement_id')
    .where('es.organisation_id', '=', organisationId)
    .groupBy('es.stakeholder_id')
    .select(['es.stakeholder_id', (eb) => eb.fn.max('e.held_on').as('last_on')]);

const stakeholderColumns = [
  's.id',
  's.name',
  's.kind',
  's.role',
  's.influence',
  's.interest',
  's.owner_person_id',
  's.person_id',
  's.view',
  's.sentiment',
  's.email',
  's.phone',
  'o.display_name as owner_name',
  'l.last_on',
] as const;

/**
 * The register by name (with each one's last engagement), keyset after a name and id. `notSince`
 * keeps those never engaged or last engaged before that day: "not met in 90 days".
 */
export function stakeholdersOf(
  db: Conn,
  organisationId: number,
  filter: { kind?: StakeholderKind; ownerId?: number; notSince?: string },
  after: { name: string; id: number } | null,
  limit: number,
) {
  let query = db
    .selectFrom('stakeholders as s')
    .leftJoin('people as o', 'o.id', 's.owner_person_id')
    .leftJoin(lastEngaged(db, organisationId).as('l'), 'l.stakeholder_id', 's.id')
    .where('s.organisation_id', '=', organisationId);
  if (filter.kind) query = query.where('s.kind', '=', filter.kind);
  if (filter.ownerId !== undefined) query = query.where('s.owner_person_id', '=', filter.ownerId);
  if (filter.notSince) {
    const since = filter.notSince;
    query = query.where((eb) => eb.or([eb('l.last_on', 'is', null), eb('l.last_on', '<', since)]));
  }
  if (after) query = query.where((eb) => eb(eb.refTuple('s.name', 's.id'), '>', eb.tuple(after.name, after.id)));
  return query.select(stakeholderColumns).orderBy('s.name').orderBy('s.id').limit(limit).execute();
}

export const stakeholderById = (db: Conn, organisationId: number, id: number) =>
  db
    .selectFrom('stakeholders as s')
    .leftJoin('people as o', 'o.id', 's.owner_person_id')
    .leftJoin(lastEngaged(db, organisationId).as('l'), 'l.stakeholder_id', 's.id')
    .where('s.organisation_id', '=', organisationId)
    .where('s.id', '=', id)
    .select(stakeholderColumns)
    .executeTakeFirst();

export const stakeholderNamed = (db: Conn, organisationId: number, name: string) =>
  db
    .selectFrom('stakeholders')
    .where('organisation_id', '=', organisationId)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .select('id')
    .executeTakeFirst();

/** The stakeholder whose own Steward account this is (the oldest, should there be two). */
export const stakeholderOfPerson = (db: Conn, organisationId: number, personId: number) =>
  db
    .selectFrom('stakeholders')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .select(['id', 'name'])
    .orderBy('id')
    .executeTakeFirst();

export const stakeholderNames = (db: Conn, organisationId: number, ids: number[]) =>
  ids.length
    ? db.selectFrom('stakeholders').where('organisation_id', '=', organisationId).where('id', 'in', ids).select(['id', 'name']).execute()
    : Promise.resolve([]);

export async function insertStakeholder(tx: Tx, row: Insertable<StakeholdersTable>) {
  const r = await tx.insertInto('stakeholders').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateStakeholder(tx: Tx, organisationId: number, id: number, set: Updateable<StakeholdersTable>) {
  await tx.updateTable('stakeholders').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

const engagementColumns = [
  'e.id',
  'e.kind',
  'e.held_on',
  'e.title',
  'e.heard',
  'e.feedback',
  'e.from_name',
  'e.from_person_id',
  'e.source_href',
  'e.reply',
  'e.replied_on',
  'r.display_name as replied_by_name',
] as const;

/** The engagement log, newest first, keyset after a day and id; optionally of one kind or with one stakeholder. */
export function engagementsOf(
  db: Conn,
  organisationId: number,
  filter: { kind?: string; stakeholderId?: number; awaitingReply?: boolean },
  after: { on: string; id: number } | null,
  limit: number,
) {
  let query = db.selectFrom('engagements as e').leftJoin('people as r', 'r.id', 'e.replied_by').where('e.organisation_id', '=', organisationId);
  if (filter.kind) query = query.where('e.kind', '=', filter.kind as EngagementsTable['kind']);
  if (filter.stakeholderId !== undefined) {
    const id = filter.stakeholderId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('engagement_stakeholders as es')
          .where('es.organisation_id', '=', organisationId)
          .where('es.stakeholder_id', '=', id)
          .whereRef('es.engagement_id', '=', 'e.id')
          .select('es.engagement_id'),
      ),
    );
  }
  if (filter.awaitingReply) query = query.where('e.feedback', '=', 1).where('e.replied_on', 'is', null);
  if (after) query = query.where((eb) => eb(eb.refTuple('e.held_on', 'e.id'), '<', eb.tuple(after.on, after.id)));
  return query.select(engagementColumns).orderBy('e.held_on', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
}

/** Feedback with no reply, the oldest first: the index on (organisation, feedback, replied_on, held_on). */
export const awaitingReply = (db: Conn, organisationId: number, limit: number) =>
  db
    .selectFrom('engagements as e')
    .leftJoin('people as r', 'r.id', 'e.replied_by')
    .where('e.organisation_id', '=', organisationId)
    .where('e.feedback', '=', 1)
    .where('e.replied_on', 'is', null)
    .select(engagementColumns)
    .orderBy('e.held_on')
    .orderBy('e.id')
    .limit(limit)
    .execute();

export const engagementById = (db: Conn, organisationId: number, id: number) =>
  db
    .selectFrom('engagements as e')
    .leftJoin('people as r', 'r.id', 'e.replied_by')
    .where('e.organisation_id', '=', organisationId)
    .where('e.id', '=', id)
    .select(engagementColumns)
    .executeTakeFirst();

/** The stakeholders met at each of the engagements given. */
export const engagementStakeholdersOf = (db: Conn, organisationId: number, engagementIds: number[]) =>
  engagementIds.length
    ? db
        .selectFrom('engagement_stakeholders as es')
        .innerJoin('stakeholders as s', 's.id', 'es.stakeholder_id')
        .where('es.organisation_id', '=', organisationId)
        .where('es.engagement_id', 'in', engagementIds)
        .select(['es.engagement_id', 's.id', 's.name'])
        .orderBy('s.name')
        .execute()
    : Promise.resolve([]);

export async function insertEngagement(tx: Tx, row: Insertable<EngagementsTable>, stakeholderIds: number[]) {
  const r = await tx.insertInto('engagements').values(row).returning('id').executeTakeFirstOrThrow();
  const id = Number(r.id);
  if (stakeholderIds.length)
    await tx
      .insertInto('engagement_stakeholders')
      .values(stakeholderIds.map((s) => ({ organisation_id: row.organisation_id, engagement_id: id, stakeholder_id: s })))
      .execute();
  return id;
}

export async function saveReply(
  tx: Tx,
  organisationId: number,
  id: number,
  set: { reply: string; replied_on: string; replied_by: number | null; updated_at: string },
) {
  await tx.updateTable('engagements').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

const followUpColumns = [
  'f.id',
  'f.engagement_id',
  'f.title',
  'f.owner_person_id',
  'o.display_name as owner_name',
  'f.due_on',
  'f.done_on',
  'e.title as engagement_title',
] as const;

export const followUpsOf = (db: Conn, organisationId: number, engagementIds: number[]) =>
  engagementIds.length
    ? db
        .selectFrom('engagement_follow_ups as f')
        .innerJoin('engagements as e', 'e.id', 'f.engagement_id')
        .leftJoin('people as o', 'o.id', 'f.owner_person_id')
        .where('f.organisation_id', '=', organisationId)
        .where('f.engagement_id', 'in', engagementIds)
        .select(followUpColumns)
        .orderBy('f.id')
        .execute()
    : Promise.resolve([]);

/** Follow-ups not done, the soonest due first (those with no day last). */
export const openFollowUps = (db: Conn, organisationId: number, limit: number) =>
  db
    .selectFrom('engagement_follow_ups as f')
    .innerJoin('engagements as e', 'e.id', 'f.engagement_id')
    .leftJoin('people as o', 'o.id', 'f.owner_person_id')
    .where('f.organisation_id', '=', organisationId)
    .where('f.done_on', 'is', null)
    .select(followUpColumns)
    .orderBy(sql`case when f.due_on is null then 1 else 0 end`)
    .orderBy('f.due_on')
    .orderBy('f.id')
    .limit(limit)
    .execute();

export const followUpById = (db: Conn, organisationId: number, engagementId: number, id: number) =>
  db
    .selectFrom('engagement_follow_ups')
    .where('organisation_id', '=', organisationId)
    .where('engagement_id', '=', engagementId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export async function insertFollowUp(tx: Tx, row: Insertable<EngagementFollowUpsTable>) {
  const r = await tx.insertInto('engagement_follow_ups').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function markFollowUpDone(tx: Tx, organisationId: number, id: number, on: string) {
  await tx.updateTable('engagement_follow_ups').set({ done_on: on }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

const communicationColumns = [
  'c.id',
  'c.message',
  'c.detail',
  'c.audience',
  'c.channel',
  'c.owner_person_id',
  'o.display_name as owner_name',
  'c.frequency',
  'c.starts_on',
  'c.ends_on',
] as const;

/** The plan's messages by first day, keyset after a day and id. */
export function communicationsOf(db: Conn, organisationId: number, after: { on: string; id: number } | null, limit: number) {
  let query = db.selectFrom('comms_plan_messages as c').leftJoin('people as o', 'o.id', 'c.owner_person_id').where('c.organisation_id', '=', organisationId);
  if (after) query = query.where((eb) => eb(eb.refTuple('c.starts_on', 'c.id'), '>', eb.tuple(after.on, after.id)));
  return query.select(communicationColumns).orderBy('c.starts_on').orderBy('c.id').limit(limit).execute();
}

/** Messages that may go out in a span of days: started by its end, and not ended before its start. */
export const communicationsDuring = (db: Conn, organisationId: number, from: string, to: string) =>
  db
    .selectFrom('comms_plan_messages as c')
    .leftJoin('people as o', 'o.id', 'c.owner_person_id')
    .where('c.organisation_id', '=', organisationId)
    .where('c.starts_on', '<=', to)
    .where((eb) => eb.or([eb('c.ends_on', 'is', null), eb('c.ends_on', '>=', from)]))
    .select(communicationColumns)
    .orderBy('c.starts_on')
    .orderBy('c.id')
    .limit(registerLimit)
    .execute();

export const communicationById = (db: Conn, organisationId: number, id: number) =>
  db
    .selectFrom('comms_plan_messages as c')
    .leftJoin('people as o', 'o.id', 'c.owner_person_id')
    .where('c.organisation_id', '=', organisationId)
    .where('c.id', '=', id)
    .select(communicationColumns)
    .executeTakeFirst();

export async function insertCommunication(tx: Tx, row: Insertable<CommunicationsTable>) {
  const r = await tx.insertInto('comms_plan_messages').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateCommunication(tx: Tx, organisationId: number, id: number, set: Updateable<CommunicationsTable>) {
  await tx.updateTable('comms_plan_messages').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** What was sent of the messages given, the latest first. */
export const sendsOf = (db: Conn, organisationId: number, communicationIds: number[]) =>
  communicationIds.length
    ? db
        .selectFrom('comms_plan_sends')
        .where('organisation_id', '=', organisationId)
        .where('communication_id', 'in', communicationIds)
        .select(['id', 'communication_id', 'sent_on', 'channel', 'note', 'reach'])
        .orderBy('sent_on', 'desc')
        .orderBy('id', 'desc')
        .limit(20000)
        .execute()
    : Promise.resolve([]);

/** Everything sent in a span of days (the calendar's month). */
export const sendsDuring = (db: Conn, organisationId: number, from: string, to: string) =>
  db
    .selectFrom('comms_plan_sends as s')
    .innerJoin('comms_plan_messages as c', 'c.id', 's.communication_id')
    .where('s.organisation_id', '=', organisationId)
    .where('s.sent_on', '>=', from)
    .where('s.sent_on', '<=', to)
    .select(['s.id', 's.communication_id', 's.sent_on', 's.channel', 's.reach', 'c.message'])
    .orderBy('s.sent_on')
    .orderBy('s.id')
    .limit(registerLimit)
    .execute();

export const sendById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('comms_plan_sends').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertSend(tx: Tx, row: Insertable<CommunicationSendsTable>) {
  const r = await tx.insertInto('comms_plan_sends').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export const commsFeedbackOf = (db: Conn, organisationId: number, communicationIds: number[]) =>
  communicationIds.length
    ? db
        .selectFrom('comms_plan_feedback')
        .where('organisation_id', '=', organisationId)
        .where('communication_id', 'in', communicationIds)
        .select(['id', 'communication_id', 'send_id', 'received_on', 'from_name', 'text'])
        .orderBy('received_on', 'desc')
        .orderBy('id', 'desc')
        .limit(20000)
        .execute()
    : Promise.resolve([]);

export async function insertCommsFeedback(tx: Tx, row: Insertable<CommunicationFeedbackTable>) {
  const r = await tx.insertInto('comms_plan_feedback').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}
