import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { seedOrganisation, startTestApp, type SeededOrganisation, type TestApp } from '../../../../test/support/app.js';
import { createTeam } from '../../teams/index.js';
import { systemActor } from '../../../platform/index.js';
import { listTickets, searchTicketIds, ticketSearch, ticketSorts, type Cursor, type TicketFilter, type TicketSort } from './queries.js';
import type { TicketStatus } from '../tables.js';

const statuses: TicketStatus[] = ['new', 'assigned', 'in-progress', 'awaiting-requester', 'closed', 'resolved', 'cancelled'];
const isOpen = (s: TicketStatus) => !['resolved', 'closed', 'cancelled'].includes(s);

interface Made {
  id: number;
  kind: 'incident' | 'request';
  status: TicketStatus;
  priority: number;
  team_id: number | null;
  assignee_id: number | null;
  sla_state: 'on-track' | 'warning' | 'met';
  created_at: string;
  resolution_due_at: string | null;
  title: string;
}

describe.each(testDatabases())('ticket lists: every tab and order by keyset, bounded (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let teams: number[];
  const made: Made[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await seedOrganisation(t, 'List Council');
    const other = await seedOrganisation(t, 'Other Council');
    const actor = systemActor('test', org.id);
    teams = [
      await createTeam(t.database.db, actor, org.id, 'A'),
      await createTeam(t.database.db, actor, org.id, 'B'),
      await createTeam(t.database.db, actor, org.id, 'C'),
    ];
    const people = [org.people.agent.id, org.people.manager.id, org.people.admin.id];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const rows = [];
    for (let i = 0; i < 240; i++) {
      const status = statuses[rand(statuses.length)]!;
      // Ties on purpose: many tickets share a creation time, and a quarter have no due time.
      const created = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 6) * 3_600_000).toISOString();
      const due = rand(4) === 0 ? null : new Date(Date.UTC(2026, 0, 2) + rand(20) * 3_600_000).toISOString();
      const row = {
        organisation_id: i % 11 === 0 ? other.id : org.id,
        kind: rand(3) === 0 ? ('request' as const) : ('incident' as const),
        reference: `INC-${String(i + 1).padStart(6, '0')}`,
        title: `${i % 10 === 3 ? 'Toner ' : ''}${rand(2) ? 'Printer' : 'Laptop'} fault ${i}`,
        description: 'Generated for the list test',
        requester_id: org.people.requester.id,
        impact: 2,
        urgency: 2,
        priority: 1 + rand(4),
        status,
        open: isOpen(status) ? 1 : 0,
        team_id: rand(5) === 0 ? null : teams[rand(3)]!,
        assignee_id: rand(3) === 0 ? null : people[rand(3)]!,
        created_at: created,
        updated_at: created,
        resolution_due_at: due,
        sla_state: rand(5) === 0 ? ('warning' as const) : isOpen(status) ? ('on-track' as const) : ('met' as const),
        response_breached: 0,
        resolution_breached: 0,
      };
      rows.push(row);
    }
    for (const row of rows) {
      const r = await t.database.db.insertInto('tickets').values(row).returning('id').executeTakeFirstOrThrow();
      if (row.organisation_id === org.id) made.push({ ...row, id: Number(r.id) });
    }
  });
  afterAll(() => t.close());

  function expected(filter: TicketFilter, sort: TicketSort) {
    const key = (m: Made): (string | number)[] =>
      sort === 'priority' ? [m.priority, m.created_at, m.id] : sort === 'due' ? [m.resolution_due_at ?? '9999', m.id] : [m.created_at, m.id];
    const rows = made.filter(
      (m) =>
        (filter.open === undefined || isOpen(m.status) === filter.open) &&
        (filter.status === undefined || m.status === filter.status) &&
        (filter.kind === undefined || m.kind === filter.kind) &&
        (filter.priority === undefined || m.priority === filter.priority) &&
        (filter.teamId === undefined || m.team_id === filter.teamId) &&
        (filter.teamIds === undefined || (m.team_id !== null && filter.teamIds.includes(m.team_id))) &&
        (filter.assigneeId === undefined || m.assignee_id === filter.assigneeId) &&
        (filter.slaState === undefined || m.sla_state === filter.slaState) &&
        (filter.createdFrom === undefined || m.created_at >= filter.createdFrom) &&
        (filter.createdTo === undefined || m.created_at < filter.createdTo) &&
        (filter.ids === undefined || filter.ids.includes(m.id)),
    );
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i]! < y[i]! ? -1 : 1) * (sort === 'newest' ? -1 : 1);
      return 0;
    });
    return rows.map((m) => m.id);
  }

  async function everyPage(filter: TicketFilter, sort: TicketSort, scan: number) {
    const seen: number[] = [];
    let after: Cursor | null = null;
    let truncatedPages = 0;
    for (let n = 0; n < 500; n++) {
      const page: Awaited<ReturnType<typeof listTickets>> = await listTickets(t.database.db, org.id, filter, sort, after, 7, { scan });
      seen.push(...page.tickets.map((x) => x.id));
      if (page.truncated) truncatedPages++;
      if (!page.next) break;
      after = page.next;
    }
    return { seen, truncatedPages };
  }

  const me = () => org.people.agent.id;
  const filters: [string, () => TicketFilter][] = [
    ['all', () => ({})],
    ['open', () => ({ open: true })],
    ['mine', () => ({ open: true, assigneeId: me() })],
    ['unassigned', () => ({ open: true, assigneeId: null })],
    ['my teams', () => ({ open: true, teamIds: [teams[0]!, teams[2]!] })],
    ['one team', () => ({ open: true, teamIds: [teams[1]!] })],
    ['breaching', () => ({ open: true, slaState: 'warning' })],
    ['breached', () => ({ open: true, slaState: 'breached' })],
    ['all, team and status', () => ({ teamId: teams[0]!, status: 'closed' })],
    ['all, no team', () => ({ teamId: null })],
    ['open, kind and priority', () => ({ open: true, kind: 'request', priority: 2 })],
    ['my teams, requests', () => ({ open: true, teamIds: [teams[0]!, teams[1]!], kind: 'request' })],
    ['all, dates', () => ({ createdFrom: '2026-01-03T00:00:00.000Z', createdTo: '2026-01-05T00:00:00.000Z' })],
    ['all, priority and dates', () => ({ priority: 3, createdFrom: '2026-01-03T00:00:00.000Z' })],
    ['open, assignee and sla', () => ({ open: true, assigneeId: me(), slaState: 'warning' })],
  ];

  it.each(filters)('pages through %s in every order without repeating or missing a ticket', async (_name, make) => {
    for (const sort of ticketSorts) {
      const filter = make();
      const want = expected(filter, sort);
      for (const scan of [2000, 9]) {
        const { seen } = await everyPage(filter, sort, scan);
        expect(seen, `${sort}, scanning ${scan}`).toEqual(want);
      }
    }
  });

  it('says a page is truncated when its filters had to be checked on more rows than a page may read', async () => {
    const { seen, truncatedPages } = await everyPage({ open: true, kind: 'request', priority: 2 }, 'newest', 9);
    expect(seen).toEqual(expected({ open: true, kind: 'request', priority: 2 }, 'newest'));
    expect(truncatedPages).toBeGreaterThan(0);
    const whole = await listTickets(t.database.db, org.id, { open: true, assigneeId: me() }, 'priority', null, 500);
    expect(whole.truncated).toBe(false);
  });

  it('searches among the newest matches only, and says so when older ones were left out', async () => {
    const toner = made.filter((m) => m.title.startsWith('Toner')).map((m) => m.id);
    expect(toner.length).toBeGreaterThan(10);
    const all = await listTickets(t.database.db, org.id, { text: 'toner' }, 'oldest', null, 100);
    expect(all.tickets.map((x) => x.id)).toEqual(expected({ ids: toner }, 'oldest'));
    expect(all.truncated).toBe(false);
    const newest = [...toner].sort((a, b) => b - a).slice(0, 5);
    const capped = await listTickets(t.database.db, org.id, { text: 'toner' }, 'oldest', null, 100, { search: 5 });
    expect(capped.tickets.map((x) => x.id)).toEqual(expected({ ids: newest }, 'oldest'));
    expect(capped.truncated).toBe(true);
    expect(await searchTicketIds(t.database.db, org.id, 'toner', 5)).toEqual(newest);
    // Whole words, and prefixes when asked for with a `*`, from three letters.
    expect((await ticketSearch.newest(t.database.db, org.id, 'ton')).ids).toEqual([]);
    expect((await ticketSearch.newest(t.database.db, org.id, 'ton*')).ids.sort()).toEqual([...toner].sort());
    expect((await ticketSearch.newest(t.database.db, org.id, 'to*')).ids).toEqual([]);
    // Ranked: every word must match, and only the organisation's own tickets come back.
    const ranked = await ticketSearch.search(t.database.db, org.id, 'toner fault', { limit: 50 });
    expect([...ranked].sort()).toEqual([...toner].sort());
    expect(await ticketSearch.search(t.database.db, org.id, 'toner nothing')).toEqual([]);
    expect(await ticketSearch.search(t.database.db, org.id, '  ')).toEqual([]);
  });
});
