import { sql, type Insertable as NewRow, type Updateable } from 'kysely';
import type { Db, Tx } from '../../../platform/index.js';
import type { TicketKind, TicketsTable, TicketStatus } from '../tables.js';

type Insertable = NewRow<TicketsTable>;

/** The next number for INC-/REQ- references; the row lock keeps numbers unique across instances. */
export async function nextNumber(tx: Tx, organisationId: number, kind: TicketKind): Promise<number> {
  const r = await tx
    .insertInto('ticket_counters')
    .values({ organisation_id: organisationId, kind, last_number: 1 })
    .onConflict((oc) => oc.columns(['organisation_id', 'kind']).doUpdateSet({ last_number: sql`ticket_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(r.last_number);
}

export async function insertTicket(tx: Tx, row: Insertable): Promise<number> {
  const r = await tx.insertInto('tickets').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateTicket(tx: Tx, id: number, set: Updateable<TicketsTable>) {
  await tx.updateTable('tickets').set(set).where('id', '=', id).execute();
}

export async function insertEvent(
  tx: Tx,
  row: {
    organisation_id: number;
    ticket_id: number;
    kind: 'created' | 'reply' | 'note' | 'change';
    author_id: number | null;
    body: string;
    changes_json: string | null;
    at: string;
  },
) {
  await tx.insertInto('ticket_events').values(row).execute();
}

const ticketColumns = [
  't.id',
  't.organisation_id',
  't.kind',
  't.reference',
  't.title',
  't.description',
  't.requester_id',
  't.on_behalf_of_id',
  't.service_id',
  't.request_type_id',
  't.category_id',
  't.impact',
  't.urgency',
  't.priority',
  't.status',
  't.open',
  't.team_id',
  't.assignee_id',
  't.resolution_code',
  't.resolution_notes',
  't.form_json',
  't.created_at',
  't.updated_at',
  't.first_response_at',
  't.resolved_at',
  't.closed_at',
  't.sla_policy_id',
  't.response_due_at',
  't.resolution_due_at',
  't.sla_state',
  't.paused_since',
  't.response_breached',
  't.resolution_breached',
  't.major_incident_id',
  't.assignment_changes',
  't.asked_requester',
] as const;

function ticketWithNames(db: Db | Tx) {
  return db
    .selectFrom('tickets as t')
    .innerJoin('people as r', 'r.id', 't.requester_id')
    .leftJoin('people as a', 'a.id', 't.assignee_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .leftJoin('services as s', 's.id', 't.service_id')
    .leftJoin('incident_categories as c', 'c.id', 't.category_id')
    .leftJoin('request_types as rt', 'rt.id', 't.request_type_id')
    .leftJoin('people as ob', 'ob.id', 't.on_behalf_of_id')
    .select(ticketColumns)
    .select([
      'r.display_name as requester_name',
      'r.email as requester_email',
      'a.display_name as assignee_name',
      'tm.name as team_name',
      's.name as service_name',
      'c.name as category_name',
      'rt.name as request_type_name',
      'ob.display_name as on_behalf_of_name',
    ]);
}

export type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicket>>>;

export async function findTicket(db: Db | Tx, organisationId: number, id: number) {
  return ticketWithNames(db).where('t.organisation_id', '=', organisationId).where('t.id', '=', id).executeTakeFirst();
}

export async function findTicketByReference(db: Db | Tx, organisationId: number, reference: string) {
  return ticketWithNames(db).where('t.organisation_id', '=', organisationId).where('t.reference', '=', reference).executeTakeFirst();
}

export async function eventsOf(db: Db | Tx, ticketId: number, options: { includeNotes: boolean }) {
  let q = db
    .selectFrom('ticket_events as e')
    .leftJoin('people as p', 'p.id', 'e.author_id')
    .where('e.ticket_id', '=', ticketId)
    .select(['e.id', 'e.kind', 'e.body', 'e.changes_json', 'e.at', 'e.author_id', 'p.display_name as author_name'])
    .orderBy('e.id');
  if (!options.includeNotes) q = q.where('e.kind', '!=', 'note');
  return q.execute();
}

export async function pausesOf(db: Db | Tx, ticketId: number) {
  return db.selectFrom('ticket_pauses').where('ticket_id', '=', ticketId).select(['id', 'started_at', 'ended_at']).orderBy('id').execute();
}

export async function openPause(tx: Tx, organisationId: number, ticketId: number, at: string) {
  await tx.insertInto('ticket_pauses').values({ organisation_id: organisationId, ticket_id: ticketId, started_at: at, ended_at: null }).execute();
}

export async function insertPause(tx: Tx, row: { organisation_id: number; ticket_id: number; started_at: string; ended_at: string | null }) {
  await tx.insertInto('ticket_pauses').values(row).execute();
}

export async function closePauses(tx: Tx, ticketId: number, at: string) {
  await tx.updateTable('ticket_pauses').set({ ended_at: at }).where('ticket_id', '=', ticketId).where('ended_at', 'is', null).execute();
}

export async function addWatcher(tx: Tx, row: { ticket_id: number; person_id: number; organisation_id: number }) {
  await tx
    .insertInto('ticket_watchers')
    .values(row)
    .onConflict((oc) => oc.columns(['ticket_id', 'person_id']).doNothing())
    .execute();
}

export async function isWatcher(db: Db | Tx, ticketId: number, personId: number) {
  return !!(await db.selectFrom('ticket_watchers').where('ticket_id', '=', ticketId).where('person_id', '=', personId).select('person_id').executeTakeFirst());
}

export interface TicketFilter {
  kind?: TicketKind | undefined;
  status?: TicketStatus | undefined;
  open?: boolean | undefined;
  priority?: number | undefined;
  teamId?: number | null | undefined;
  teamIds?: number[] | undefined;
  assigneeId?: number | null | undefined;
  serviceId?: number | undefined;
  requesterId?: number | undefined;
  slaState?: string | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  /** Only these ids (from a full-text search). */
  ids?: number[] | undefined;
}

export type TicketSort = 'priority' | 'newest' | 'oldest' | 'due';

/** Position after which the next page starts; its shape follows the sort. */
export interface Cursor {
  p?: number;
  c?: string;
  d?: string | null;
  id: number;
}

/** One page of tickets by keyset, never counting every match; asks for one more row to know if there is a next page. */
export async function listTickets(db: Db, organisationId: number, filter: TicketFilter, sort: TicketSort, after: Cursor | null, pageSize: number) {
  let q = db
    .selectFrom('tickets as t')
    .leftJoin('people as r', 'r.id', 't.requester_id')
    .leftJoin('people as a', 'a.id', 't.assignee_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .where('t.organisation_id', '=', organisationId)
    .select([
      't.id',
      't.reference',
      't.kind',
      't.title',
      't.status',
      't.priority',
      't.created_at',
      't.updated_at',
      't.resolution_due_at',
      't.sla_state',
      't.team_id',
      't.assignee_id',
      't.requester_id',
      't.service_id',
    ])
    .select(['r.display_name as requester_name', 'a.display_name as assignee_name', 'tm.name as team_name'])
    .limit(pageSize + 1);
  if (filter.kind) q = q.where('t.kind', '=', filter.kind);
  if (filter.status) q = q.where('t.status', '=', filter.status);
  if (filter.open !== undefined) q = q.where('t.open', '=', filter.open ? 1 : 0);
  if (filter.priority) q = q.where('t.priority', '=', filter.priority);
  if (filter.teamId !== undefined) q = filter.teamId === null ? q.where('t.team_id', 'is', null) : q.where('t.team_id', '=', filter.teamId);
  if (filter.teamIds) q = q.where('t.team_id', 'in', filter.teamIds.length ? filter.teamIds : [0]);
  if (filter.assigneeId !== undefined) q = filter.assigneeId === null ? q.where('t.assignee_id', 'is', null) : q.where('t.assignee_id', '=', filter.assigneeId);
  if (filter.serviceId) q = q.where('t.service_id', '=', filter.serviceId);
  if (filter.requesterId) q = q.where('t.requester_id', '=', filter.requesterId);
  if (filter.slaState) q = q.where('t.sla_state', '=', filter.slaState as never);
  if (filter.createdFrom) q = q.where('t.created_at', '>=', filter.createdFrom);
  if (filter.createdTo) q = q.where('t.created_at', '<', filter.createdTo);
  if (filter.ids) q = filter.ids.length ? q.where('t.id', 'in', filter.ids) : q.where(sql<boolean>`1 = 0`);

  switch (sort) {
    case 'priority':
      q = q.orderBy('t.priority').orderBy('t.created_at').orderBy('t.id');
      // Row-value comparison, so the database can start the index scan at the cursor.
      if (after) q = q.where((eb) => eb(eb.refTuple('t.priority', 't.created_at', 't.id'), '>', eb.tuple(after.p ?? 0, after.c ?? '', after.id)));
      break;
    case 'oldest':
      q = q.orderBy('t.created_at').orderBy('t.id');
      if (after) q = q.where((eb) => eb(eb.refTuple('t.created_at', 't.id'), '>', eb.tuple(after.c ?? '', after.id)));
      break;
    case 'newest':
      q = q.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc');
      if (after) q = q.where((eb) => eb(eb.refTuple('t.created_at', 't.id'), '<', eb.tuple(after.c ?? '', after.id)));
      break;
    case 'due':
      // Tickets with no due time (no SLA) come last; '9999' sorts after every ISO timestamp.
      q = q.orderBy(sql`coalesce(t.resolution_due_at, '9999')`).orderBy('t.id');
      if (after) {
        const d = after.d ?? '9999';
        q = q.where((eb) =>
          eb.or([
            eb(sql`coalesce(t.resolution_due_at, '9999')`, '>', d),
            eb.and([eb(sql`coalesce(t.resolution_due_at, '9999')`, '=', d), eb('t.id', '>', after.id)]),
          ]),
        );
      }
      break;
  }
  const rows = await q.execute();
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  const next: Cursor | null = more && last ? { p: last.priority, c: last.created_at, d: last.resolution_due_at, id: last.id } : null;
  return { tickets: page, next };
}

/** Ids of the organisation's tickets matching words, best first; capped, so a common word costs no more than a rare one. */
export async function searchTicketIds(db: Db, dialect: 'sqlite' | 'postgres', organisationId: number, text: string, limit = 1000): Promise<number[]> {
  const words = text.match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  if (!words.length) return [];
  if (dialect === 'postgres') {
    const query = words.map((w) => `${w}:*`).join(' & ');
    const r = await sql<{ id: number }>`select id from tickets where organisation_id = ${organisationId} and search @@ to_tsquery('english', ${query})
      order by ts_rank(search, to_tsquery('english', ${query})) desc, id desc limit ${limit}`.execute(db);
    return r.rows.map((x) => Number(x.id));
  }
  const match = words.map((w) => `"${w.replace(/"/g, '')}"*`).join(' ');
  const r = await sql<{ id: number }>`select t.id from ticket_search s join tickets t on t.id = s.rowid
    where ticket_search match ${match} and t.organisation_id = ${organisationId} order by bm25(ticket_search), t.id desc limit ${limit}`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

export async function findPersonInOrganisation(db: Db | Tx, organisationId: number, email: string) {
  return db
    .selectFrom('people as p')
    .innerJoin('memberships as m', 'm.person_id', 'p.id')
    .where('m.organisation_id', '=', organisationId)
    .where('p.email', '=', email.trim().toLowerCase())
    .select(['p.id', 'p.display_name', 'p.email'])
    .executeTakeFirst();
}

/** Names of the given people in the organisation, for a timeline's field changes. */
export async function namesOf(db: Db | Tx, organisationId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('people as p')
    .innerJoin('memberships as m', 'm.person_id', 'p.id')
    .where('m.organisation_id', '=', organisationId)
    .where('p.id', 'in', ids)
    .select(['p.id', 'p.display_name'])
    .execute();
}

export async function findRating(db: Db | Tx, ticketId: number) {
  return db.selectFrom('ticket_ratings').where('ticket_id', '=', ticketId).select(['score', 'comment', 'at']).executeTakeFirst();
}

export async function insertRating(tx: Tx, row: { ticket_id: number; organisation_id: number; person_id: number; score: number; comment: string; at: string }) {
  await tx.insertInto('ticket_ratings').values(row).execute();
}

/** Open, running tickets whose resolution target falls before `horizon`, oldest due first. */
export async function comingDue(db: Db, horizon: string, limit: number) {
  return db
    .selectFrom('tickets')
    .where('open', '=', 1)
    .where('sla_state', 'in', ['on-track', 'warning'])
    .where('resolution_due_at', '<=', horizon)
    .where('paused_since', 'is', null)
    .select(['id', 'organisation_id', 'reference', 'title', 'sla_state', 'assignee_id'])
    .orderBy('resolution_due_at')
    .limit(limit)
    .execute();
}

export async function savedViewsOf(db: Db, organisationId: number, personId: number) {
  return db
    .selectFrom('saved_views')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .select(['id', 'name', 'query'])
    .orderBy('name')
    .execute();
}

export async function insertSavedView(tx: Tx, row: { organisation_id: number; person_id: number; name: string; query: string; created_at: string }) {
  const r = await tx.insertInto('saved_views').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function deleteSavedView(tx: Tx, organisationId: number, personId: number, id: number) {
  const r = await tx
    .deleteFrom('saved_views')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function insertAttachment(
  tx: Tx,
  row: {
    organisation_id: number;
    ticket_id: number;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
    data: Buffer;
    uploaded_by: number | null;
    internal: number;
    at: string;
  },
) {
  const r = await tx.insertInto('ticket_attachments').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function attachmentsOf(db: Db | Tx, ticketId: number, options: { includeInternal: boolean }) {
  let q = db
    .selectFrom('ticket_attachments')
    .where('ticket_id', '=', ticketId)
    .select(['id', 'filename', 'content_type', 'size', 'internal', 'at'])
    .orderBy('id');
  if (!options.includeInternal) q = q.where('internal', '=', 0);
  return q.execute();
}

export async function findAttachment(db: Db | Tx, ticketId: number, id: number) {
  return db
    .selectFrom('ticket_attachments')
    .where('ticket_id', '=', ticketId)
    .where('id', '=', id)
    .select(['id', 'filename', 'content_type', 'size', 'internal', 'data'])
    .executeTakeFirst();
}

export async function watchersOf(db: Db | Tx, ticketId: number) {
  return db
    .selectFrom('ticket_watchers as w')
    .innerJoin('people as p', 'p.id', 'w.person_id')
    .where('w.ticket_id', '=', ticketId)
    .select(['p.id', 'p.display_name', 'p.email'])
    .orderBy('p.display_name')
    .execute();
}

/** The open tickets raised against any of the given services, newest first. */
export async function openTicketsOfServices(db: Db, organisationId: number, serviceIds: number[], limit: number) {
  if (!serviceIds.length) return [];
  return db
    .selectFrom('tickets as t')
    .leftJoin('services as s', 's.id', 't.service_id')
    .where('t.organisation_id', '=', organisationId)
    .where('t.service_id', 'in', serviceIds.slice(0, 500))
    .where('t.open', '=', 1)
    .select(['t.reference', 't.kind', 't.title', 't.status', 't.priority', 't.created_at', 's.name as service_name'])
    .orderBy('t.created_at', 'desc')
    .limit(limit)
    .execute();
}
