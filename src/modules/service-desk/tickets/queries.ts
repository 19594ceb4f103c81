import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type Expression, type Insertable as NewRow, type SqlBool, type Updateable } from 'kysely';
import { dialectOf, fullTextIndex, prepared, slotsFor, type Db, type Slots, type Tx } from '../../../platform/index.js';
import type { TicketKind, TicketsTable, TicketStatus } from '../tables.js';

type Insertable = NewRow<TicketsTable>;

/**
 * The next number for INC-/REQ- references. PostgreSQL: a sequence per organisation and kind (made
 * on first use), so concurrent creations never queue behind a counter row locked until commit; a
 * rolled-back creation leaves a gap. SQLite has one writer, so the counter row costs nothing.
 */
export async function nextNumber(tx: Tx, organisationId: number, kind: TicketKind): Promise<number> {
  if (dialectOf(tx) === 'postgres') {
    const n = await sql<{ n: number }>`select steward_ticket_number(${organisationId}, ${kind}) as n`.execute(tx);
    return Number(n.rows[0]!.n);
  }
  const r = await tx
    .insertInto('ticket_counters')
    .values({ organisation_id: organisationId, kind, last_number: 1 })
    .onConflict((oc) => oc.columns(['organisation_id', 'kind']).doUpdateSet({ last_number: sql`ticket_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(r.last_number);
}

/** Every column a new ticket is written with; one statement shape, so it is built once (`prepared`). */
const newTicketColumns = [
  'organisation_id',
  'kind',
  'reference',
  'title',
  'description',
  'requester_id',
  'on_behalf_of_id',
  'service_id',
  'request_type_id',
  'category_id',
  'impact',
  'urgency',
  'priority',
  'status',
  'open',
  'team_id',
  'assignee_id',
  'resolution_code',
  'resolution_notes',
  'form_json',
  'created_at',
  'updated_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'sla_policy_id',
  'response_due_at',
  'resolution_due_at',
  'sla_state',
  'paused_since',
  'response_breached',
  'resolution_breached',
  'major_incident_id',
] as const satisfies readonly (keyof Insertable)[];
type NewTicketRow = Required<Pick<Insertable, (typeof newTicketColumns)[number]>>;
const insertTicketRow = prepared((db, p: Slots<NewTicketRow>) => db.insertInto('tickets').values(slotsFor(p, newTicketColumns)).returning('id'));

export async function insertTicket(tx: Tx, row: NewTicketRow): Promise<number> {
  const [r] = await insertTicketRow(tx, row);
  return Number(r!.id);
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
  await insertEventRow(tx, row);
}
const insertEventRow = prepared((db, p: Slots<Parameters<typeof insertEvent>[1]>) =>
  db.insertInto('ticket_events').values(slotsFor(p, ['organisation_id', 'ticket_id', 'kind', 'author_id', 'body', 'changes_json', 'at'])),
);

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

export async function insertTimeEntry(tx: Tx, row: { organisation_id: number; ticket_id: number; person_id: number | null; minutes: number; at: string }) {
  await tx.insertInto('ticket_time_entries').values(row).execute();
}

/** Minutes spent on a ticket, per person, most first. */
export async function timeSpentOn(db: Db | Tx, ticketId: number) {
  const rows = await db
    .selectFrom('ticket_time_entries as e')
    .leftJoin('people as p', 'p.id', 'e.person_id')
    .where('e.ticket_id', '=', ticketId)
    .groupBy(['e.person_id', 'p.display_name'])
    .select(['p.display_name', (e) => e.fn.sum<number>('e.minutes').as('minutes')])
    .execute();
  return rows.map((r) => ({ name: r.display_name ?? 'Steward', minutes: Number(r.minutes) })).sort((a, b) => b.minutes - a.minutes);
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

type WatcherRow = { ticket_id: number; person_id: number; organisation_id: number };
const insertWatcher = prepared((db, p: Slots<WatcherRow>) =>
  db
    .insertInto('ticket_watchers')
    .values(slotsFor(p, ['ticket_id', 'person_id', 'organisation_id']))
    .onConflict((oc) => oc.columns(['ticket_id', 'person_id']).doNothing()),
);
export async function addWatcher(tx: Tx, row: WatcherRow) {
  await insertWatcher(tx, row);
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
  /** Any of these services (a service area's); an empty list matches nothing. */
  serviceIds?: number[] | undefined;
  requesterId?: number | undefined;
  slaState?: string | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  /** Words to search for: the list keeps to the newest `searchCandidates` matches. */
  text?: string | undefined;
  /** Only these ids (from a full-text search); takes the place of `text` when both are given. */
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

/** Tickets' full-text index: references, titles, descriptions and replies. */
export const ticketSearch = fullTextIndex({ table: 'tickets', sqlite: { fts: 'ticket_search' }, postgres: { column: 'search' } });

/** How many index entries one page may read past its filters before it stops and says so (`truncated`). */
export const defaultScanLimit = 2000;
/** How many of the newest matches a list searching for words keeps to. */
export const searchCandidates = 500;
/** Beyond this many teams, a "my teams" queue filters one scan instead of merging one per team. */
const mergeLimit = 12;

type Key = 'priority' | 'created_at' | 'due';
type Order = 'priority' | 'age' | 'due';
const sorts: Record<TicketSort, { order: Order; keys: Key[]; desc: boolean }> = {
  priority: { order: 'priority', keys: ['priority', 'created_at'], desc: false },
  oldest: { order: 'age', keys: ['created_at'], desc: false },
  newest: { order: 'age', keys: ['created_at'], desc: true },
  due: { order: 'due', keys: ['due'], desc: false },
};

/** The sort orders a list offers: each has an index for every queue tab (see the migrations). */
export const ticketSorts = Object.keys(sorts) as TicketSort[];

type EqColumn = 'assignee_id' | 'team_id' | 'sla_state' | 'status' | 'requester_id' | 'service_id' | 'open' | 'priority';
type Value = number | string | null;

/**
 * The indexes lists read, by what they hold: open tickets only or all, the columns compared for
 * equality, then the order. A page reads one of them from its cursor in order and stops after a
 * page, or after `scanLimit` entries when other filters must be checked row by row.
 */
const indexes: { open: boolean; eq: EqColumn[]; order: Order }[] = [
  ...(['priority', 'age', 'due'] as const).flatMap((order) => [
    { open: true, eq: [], order },
    { open: true, eq: ['assignee_id' as const], order },
    { open: true, eq: ['team_id' as const], order },
    { open: true, eq: ['sla_state' as const], order },
    { open: false, eq: [], order },
  ]),
  { open: false, eq: ['team_id', 'status'], order: 'priority' },
  { open: false, eq: ['status'], order: 'priority' },
  { open: false, eq: ['requester_id'], order: 'age' },
  { open: false, eq: ['service_id', 'open'], order: 'age' },
];

const listColumns = [
  't.id',
  't.kind',
  't.status',
  't.priority',
  't.open',
  't.team_id',
  't.assignee_id',
  't.requester_id',
  't.service_id',
  't.sla_state',
  't.created_at',
  't.resolution_due_at',
  't.reference',
  't.title',
  't.updated_at',
] as const;

interface ScanRow {
  id: number;
  priority: number;
  created_at: string;
  resolution_due_at: string | null;
  /** Present when the rows were read with the names a list shows (`withNames`). */
  requester_name?: string | null;
}
type NamedRow = Awaited<ReturnType<typeof namedRows>>[number];

/**
 * One page of tickets by keyset, never counting every match; asks for one more row to know if there
 * is a next page. Every tab in every sort order reads an index in that order (`indexes`); filters
 * the index does not hold are checked on at most `defaultScanLimit` entries, and when those run out before
 * the page is full the page says `truncated` and `next` carries on from where the scan stopped.
 */
export async function listTickets(
  db: Db,
  organisationId: number,
  filter: TicketFilter,
  sort: TicketSort,
  after: Cursor | null,
  pageSize: number,
  limits: { scan?: number; search?: number } = {},
) {
  const scanLimit = limits.scan ?? defaultScanLimit;
  const pg = dialectOf(db) === 'postgres';
  // SQLite answers on this thread: let waiting requests in before each page (a CSV export reads page after page).
  if (!pg) await nextTurn();
  const spec = sorts[sort];
  const want = pageSize + 1;
  const yes = sql.lit(pg ? true : 1);
  const no = sql.lit(pg ? false : 0);
  const ref = (a: string, column: string) => sql.ref(`${a}.${column}`);
  const keyOf = (a: string, key: Key) =>
    key === 'due' ? (pg ? sql`coalesce(${ref(a, 'resolution_due_at')}, 'infinity'::timestamptz)` : ref(a, 'due_key')) : ref(a, key);
  const valueOf = (key: Key, c: Cursor) =>
    key === 'priority'
      ? sql`${c.p ?? 0}`
      : key === 'created_at'
        ? sql`${c.c ?? ''}`
        : pg
          ? sql`cast(${c.d ?? 'infinity'} as timestamptz)`
          : sql`${c.d ?? '9999'}`;
  const jsKey = (r: ScanRow, key: Key) => (key === 'priority' ? r.priority : key === 'created_at' ? r.created_at : (r.resolution_due_at ?? '9999'));
  const cursorOf = (r: ScanRow): Cursor => ({ p: r.priority, c: r.created_at, d: r.resolution_due_at, id: r.id });
  const compare = (x: ScanRow, y: ScanRow) => {
    for (const key of spec.keys) {
      const a = jsKey(x, key);
      const b = jsKey(y, key);
      if (a !== b) return (a < b ? -1 : 1) * (spec.desc ? -1 : 1);
    }
    return (x.id - y.id) * (spec.desc ? -1 : 1);
  };

  // Every condition, by column, so the chosen index can take those it holds.
  const eq = new Map<EqColumn, Value>();
  if (filter.status) eq.set('status', filter.status);
  if (filter.priority) eq.set('priority', filter.priority);
  if (filter.teamId !== undefined) eq.set('team_id', filter.teamId);
  if (filter.assigneeId !== undefined) eq.set('assignee_id', filter.assigneeId);
  if (filter.serviceId) eq.set('service_id', filter.serviceId);
  if (filter.requesterId) eq.set('requester_id', filter.requesterId);
  if (filter.slaState) eq.set('sla_state', filter.slaState);
  if (filter.open !== undefined) eq.set('open', filter.open ? 1 : 0);
  const equals = (a: string, column: EqColumn, v: Value): Expression<SqlBool> =>
    v === null
      ? sql<SqlBool>`${ref(a, column)} is null`
      : column === 'open'
        ? sql<SqlBool>`${ref(a, column)} = ${v ? yes : no}`
        : sql<SqlBool>`${ref(a, column)} = ${v}`;
  let teams = filter.teamIds && filter.teamId === undefined ? [...new Set(filter.teamIds)] : undefined;
  if (teams && !teams.length) return { tickets: [], next: null, truncated: false };
  let services = filter.serviceIds ? [...new Set(filter.serviceIds)] : undefined;
  if (services && filter.serviceId) services = services.includes(filter.serviceId) ? undefined : [];
  if (services && !services.length) return { tickets: [], next: null, truncated: false };
  if (services?.length === 1) {
    eq.set('service_id', services[0]!);
    services = undefined;
  }

  // Where the candidates come from: a search's ids, or an index read in order.
  let ids = filter.ids;
  let searchTruncated = false;
  if (!ids && filter.text) {
    const found = await ticketSearch.newest(db, organisationId, filter.text, limits.search ?? searchCandidates);
    ids = found.ids;
    searchTruncated = found.more;
  }
  if (ids && !ids.length) return { tickets: [], next: null, truncated: false };

  let index: (typeof indexes)[number] | undefined;
  let absorbed = new Set<string>();
  if (!ids) {
    let best = -1;
    for (const shape of indexes) {
      if (shape.order !== spec.order || (shape.open && filter.open !== true)) continue;
      if (!shape.eq.every((c) => eq.has(c) || (c === 'team_id' && teams && teams.length <= mergeLimit))) continue;
      const took = new Set<string>(shape.eq);
      if (shape.open) took.add('open');
      // After the equalities, an index also narrows on its order's leading columns.
      for (const key of spec.keys) {
        if (key === 'priority' && eq.has('priority')) took.add('priority');
        else {
          if (key === 'created_at' && (filter.createdFrom || filter.createdTo)) took.add('created');
          break;
        }
      }
      const score = took.size + (shape.open ? 0.5 : 0);
      if (score > best) [best, index, absorbed] = [score, shape, took];
    }
  }
  if (!index || !absorbed.has('team_id')) teams = teams && teams.length ? teams : undefined;
  // Conditions checked row by row (on what a scan read, never past its limit).
  const residual = (a: string) => {
    const out: Expression<SqlBool>[] = [];
    for (const [column, v] of eq) if (!absorbed.has(column)) out.push(equals(a, column, v));
    if (teams && !absorbed.has('team_id')) out.push(sql<SqlBool>`${ref(a, 'team_id')} in (${sql.join(teams)})`);
    if (services) out.push(sql<SqlBool>`${ref(a, 'service_id')} in (${sql.join(services)})`);
    if (filter.kind) out.push(sql<SqlBool>`${ref(a, 'kind')} = ${filter.kind}`);
    if (!absorbed.has('created')) {
      if (filter.createdFrom) out.push(sql<SqlBool>`${ref(a, 'created_at')} >= ${filter.createdFrom}`);
      if (filter.createdTo) out.push(sql<SqlBool>`${ref(a, 'created_at')} < ${filter.createdTo}`);
    }
    return out;
  };
  const keysAfter = spec.keys.filter((k) => !(k === 'priority' && absorbed.has('priority')));
  const orderBy = (a: string, leading: EqColumn[]) =>
    sql.join([...leading.map((c) => ref(a, c)), ...spec.keys.map((k) => keyOf(a, k)), ref(a, 'id')].map((e) => (spec.desc ? sql`${e} desc` : e)));
  const beyond = spec.desc ? sql.raw('<') : sql.raw('>');
  const rowAfter = (a: string, c: Cursor, keys: Key[], withId: boolean) =>
    sql<SqlBool>`(${sql.join([...keys.map((k) => keyOf(a, k)), ...(withId ? [ref(a, 'id')] : [])])}) ${beyond} (${sql.join([
      ...keys.map((k) => valueOf(k, c)),
      ...(withId ? [sql`${c.id}`] : []),
    ])})`;
  const select = () =>
    db
      .selectFrom('tickets as t')
      .select(listColumns)
      .$if(!pg, (q) => q.select(sql<string>`t.due_key`.as('due_key')));
  // A page read in the same statement as the names it shows: one round trip fewer than `namedRows`.
  const withNames = (rows: ReturnType<typeof select>) =>
    db
      .selectFrom(rows.as('c'))
      .leftJoin('people as r', 'r.id', 'c.requester_id')
      .leftJoin('people as a', 'a.id', 'c.assignee_id')
      .leftJoin('teams as tm', 'tm.id', 'c.team_id')
      .selectAll('c')
      .select(['r.display_name as requester_name', 'a.display_name as assignee_name', 'tm.name as team_name']);

  let rows: ScanRow[];
  let boundary: ScanRow | null = null;
  if (ids) {
    // A search's ids: every filter and the cursor are checked on those rows, at most a search's worth.
    // The organisation is checked outside, so that the ids, not an index on the organisation, drive the lookups.
    const candidates = select().select('t.organisation_id').where('t.id', 'in', ids).limit(ids.length);
    let q = db.selectFrom(candidates.as('c')).selectAll().where('c.organisation_id', '=', organisationId);
    for (const w of residual('c')) q = q.where(w);
    if (after) q = q.where(rowAfter('c', after, spec.keys, true));
    rows = (await q.orderBy(orderBy('c', [])).limit(want).execute()) as ScanRow[];
  } else {
    const shape = index!;
    // The keyset, as the index can take it: PostgreSQL compares the whole row value; SQLite's index
    // ranges stop short of the id, so rows tying on the sort keys are read as a range of their own.
    const parts: (Expression<SqlBool> | null)[] = !after
      ? [null]
      : pg
        ? [rowAfter('t', after, keysAfter, true)]
        : [
            sql<SqlBool>`${sql.join(
              [...keysAfter.map((k) => sql`${keyOf('t', k)} = ${valueOf(k, after)}`), sql`${ref('t', 'id')} ${beyond} ${after.id}`],
              sql` and `,
            )}`,
            keysAfter.length ? rowAfter('t', after, keysAfter, false) : null,
          ].filter((p, i) => i === 0 || p !== null);
    const variants: (number | null | undefined)[] = teams && absorbed.has('team_id') ? teams : [undefined];
    const hasResidual = residual('c').length > 0;
    const scan = async (team: number | null | undefined, part: Expression<SqlBool> | null, n: number) => {
      let inner = select().where('t.organisation_id', '=', organisationId);
      if (shape.open) inner = inner.where(sql<SqlBool>`t.open = ${yes}`);
      for (const column of shape.eq) inner = inner.where(equals('t', column, column === 'team_id' && team !== undefined ? team : eq.get(column)!));
      if (absorbed.has('priority')) inner = inner.where(equals('t', 'priority', filter.priority!));
      if (absorbed.has('created')) {
        if (filter.createdFrom) inner = inner.where('t.created_at', '>=', filter.createdFrom);
        if (filter.createdTo) inner = inner.where('t.created_at', '<', filter.createdTo);
      }
      if (part) inner = inner.where(part);
      inner = inner.orderBy(orderBy('t', shape.eq));
      if (!hasResidual) return { rows: (await withNames(inner.limit(n)).execute()) as ScanRow[], stop: null };
      let q = db.selectFrom(inner.limit(scanLimit).as('c')).selectAll();
      for (const w of residual('c')) q = q.where(w);
      const found = (await q.orderBy(orderBy('c', [])).limit(n).execute()) as ScanRow[];
      if (found.length >= n) return { rows: found, stop: null };
      // Fewer than asked for: did the scan stop at its limit? Then the page ends where it stopped.
      const last = (await inner
        .offset(scanLimit - 1)
        .limit(1)
        .execute()) as ScanRow[];
      return { rows: found, stop: last[0] ?? null };
    };
    rows = [];
    for (const team of variants) {
      const got: ScanRow[] = [];
      for (const part of parts) {
        const r = await scan(team, part, want - got.length);
        got.push(...r.rows);
        if (r.stop) {
          if (!boundary || compare(r.stop, boundary) < 0) boundary = r.stop;
          break;
        }
        if (got.length >= want) break;
      }
      rows.push(...got);
    }
    rows.sort(compare);
    if (boundary) rows = rows.filter((r) => compare(r, boundary!) <= 0);
    rows = rows.slice(0, want);
  }

  const more = rows.length > pageSize;
  const pageRows = rows.slice(0, pageSize);
  const last = pageRows[pageRows.length - 1];
  const next: Cursor | null = more && last ? cursorOf(last) : boundary ? cursorOf(boundary) : null;
  const named = pageRows.every((r) => r.requester_name !== undefined);
  return {
    tickets: named
      ? (pageRows as unknown as (NamedRow & { organisation_id?: number; open?: number; due_key?: string })[]).map(
          ({ organisation_id: _o, open: _open, due_key: _d, ...r }) => r as NamedRow,
        )
      : await namedRows(
          db,
          organisationId,
          pageRows.map((r) => r.id),
        ),
    next,
    truncated: !more && (!!boundary || searchTruncated),
  };
}

/** The page's tickets with the names a list shows, in the order given. */
async function namedRows(db: Db, organisationId: number, ids: number[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('tickets as t')
    .leftJoin('people as r', 'r.id', 't.requester_id')
    .leftJoin('people as a', 'a.id', 't.assignee_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .where('t.id', 'in', ids)
    .select([
      't.organisation_id',
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
    .execute();
  // The organisation is checked here rather than in SQL, so the planner looks the ids up whatever its statistics say.
  const byId = new Map(rows.filter((r) => r.organisation_id === organisationId).map(({ organisation_id: _, ...r }) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

/**
 * Ids of the organisation's newest tickets matching words (at most `limit`), newest first. Kept for
 * callers that filter a list by ids; a list searches itself when given `filter.text`.
 */
export async function searchTicketIds(db: Db, organisationId: number, text: string, limit = 1000): Promise<number[]> {
  return (await ticketSearch.newest(db, organisationId, text, limit)).ids;
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
