import { z } from 'zod';
import {
  can,
  activeMember,
  anyOf,
  cursor,
  dateFilter,
  encodeCursor as encode,
  line,
  pageSize,
  ref,
  serviceAreaRecord,
  type Db,
  type Identity,
} from '../../../platform/index.js';
import { team, teamsOfPerson } from '../../teams/index.js';
import { serviceIdsInArea } from '../catalogue/service.js';
import { deskRecords } from '../references.js';
import { desk } from '../abilities.js';
import type { Cursor, TicketFilter, TicketSort } from './queries.js';
import { statuses } from './rules.js';

export const queues = ['mine', 'team', 'unassigned', 'breaching', 'breached', 'open', 'all'] as const;
export type Queue = (typeof queues)[number];
export const queueNames: Record<Queue, string> = {
  mine: 'Assigned to me',
  team: 'My teams',
  unassigned: 'Unassigned',
  breaching: 'Breaching soon',
  breached: 'Breached',
  open: 'All open',
  all: 'All tickets',
};

/**
 * Where a person lands: an agent on what is assigned to them; someone who oversees the desk (who
 * reads its dashboard) or only reads it, on everything open, which always has something in it.
 */
export const defaultQueue = (identity: Identity): Queue => (can(identity, desk.workTickets) && !can(identity, desk.readDashboard) ? 'mine' : 'open');

/** A page link into a list of tickets, for any page that lists them (the queue, a requester's own). */
export const ticketCursor = () => cursor(ticketKey);

/** Where the next page starts; its shape follows the sort. */
const ticketKey = z.object({
  p: z.number().int().min(1).max(4).optional(),
  c: z.string().max(40).optional(),
  d: z.string().max(40).nullable().optional(),
  id: z.number().int().positive(),
});

/** The agent workspace's query string, shared by the queue page, the CSV export and the API. */
export const queueQuery = z.object({
  queue: anyOf(z.enum(queues, { message: 'Choose one of the queues' })),
  kind: anyOf(z.enum(['incident', 'request'], { message: 'Choose incidents or service requests' })),
  status: anyOf(z.enum(statuses as [string, ...string[]], { message: 'Choose one of the statuses' })),
  priority: anyOf(
    z.coerce
      .number({ message: 'Choose a priority from 1 to 4' })
      .int('Choose a priority from 1 to 4')
      .min(1, 'Choose a priority from 1 to 4')
      .max(4, 'Choose a priority from 1 to 4'),
  ),
  team: anyOf(ref(team)),
  assignee: anyOf(ref(activeMember, 'Choose someone in one of the teams')),
  service: anyOf(ref(deskRecords.service)),
  area: anyOf(ref(serviceAreaRecord)),
  sla: anyOf(z.enum(['on-track', 'warning', 'breached', 'paused', 'met'], { message: 'Choose one of the SLA states' })),
  from: dateFilter,
  to: dateFilter,
  q: line(200, { tooLong: 'Search for 200 characters or fewer' })
    .optional()
    .transform((v) => v || undefined),
  sort: anyOf(z.enum(['priority', 'newest', 'oldest', 'due'], { message: 'Choose one of the orders' })),
  after: ticketCursor(),
  limit: pageSize(50, 200),
});
export type QueueQuery = z.infer<typeof queueQuery>;

export const encodeCursor = (key: Cursor) => encode(key);

function nextDay(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/**
 * Turns a queue and its filters into the filter and order the query layer understands. The
 * person's teams and a service area's services are looked up only when the queue needs them.
 */
export async function toFilter(db: Db, query: QueueQuery, identity: Identity): Promise<{ filter: TicketFilter; sort: TicketSort; empty: boolean }> {
  const organisationId = identity.organisation.id;
  const filter: TicketFilter = {
    kind: query.kind as TicketFilter['kind'],
    status: query.status as TicketFilter['status'],
    priority: query.priority,
    serviceId: query.service,
    slaState: query.sla,
    createdFrom: query.from ? `${query.from}T00:00:00.000Z` : undefined,
    createdTo: query.to ? nextDay(query.to) : undefined,
    text: query.q,
  };
  if (query.team) filter.teamId = query.team;
  if (query.assignee) filter.assigneeId = query.assignee;
  if (query.area) filter.serviceIds = await serviceIdsInArea(db, organisationId, query.area);
  let sort: TicketSort = query.sort ?? 'priority';
  let empty = false;
  const queue = query.queue ?? defaultQueue(identity);
  switch (queue) {
    case 'mine':
      filter.assigneeId = identity.person.id;
      filter.open = true;
      break;
    case 'team':
      filter.open = true;
      if (!query.team) {
        const teams = await teamsOfPerson(db, organisationId, identity.person.id);
        if (teams.length === 0) empty = true;
        else filter.teamIds = teams;
      }
      break;
    case 'unassigned':
      filter.assigneeId = null;
      filter.open = true;
      break;
    case 'breaching':
      filter.open = true;
      if (!query.sla) filter.slaState = 'warning';
      if (!query.sort) sort = 'due';
      break;
    // The ticket's own SLA state decides both: a ticket past either target is breached, one near either is breaching soon.
    case 'breached':
      filter.open = true;
      if (!query.sla) filter.slaState = 'breached';
      if (!query.sort) sort = 'due';
      break;
    case 'open':
      filter.open = true;
      break;
    case 'all':
      break;
  }
  return { filter, sort, empty };
}
