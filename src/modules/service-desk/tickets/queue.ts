import { z } from 'zod';
import { decodeCursor as decode, encodeCursor as encode, type Identity } from '../../../platform/index.js';
import type { Cursor, TicketFilter, TicketSort } from './queries.js';
import { statuses } from './rules.js';

export const queues = ['mine', 'team', 'unassigned', 'breaching', 'open', 'all'] as const;
export type Queue = (typeof queues)[number];
export const queueNames: Record<Queue, string> = {
  mine: 'Assigned to me',
  team: 'My teams',
  unassigned: 'Unassigned',
  breaching: 'Breaching soon',
  open: 'All open',
  all: 'All tickets',
};

const optionalId = z
  .union([z.literal(''), z.coerce.number().int().positive()])
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const optionalDate = z
  .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')])
  .optional()
  .transform((v) => v || undefined);

/** The agent workspace's query string, shared by the queue page, the CSV export and the API. */
export const queueQuery = z.object({
  queue: z.enum(queues).optional(),
  kind: z
    .union([z.literal(''), z.enum(['incident', 'request'])])
    .optional()
    .transform((v) => v || undefined),
  status: z
    .union([z.literal(''), z.enum(statuses as [string, ...string[]])])
    .optional()
    .transform((v) => v || undefined),
  priority: z
    .union([z.literal(''), z.coerce.number().int().min(1).max(4)])
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  team: optionalId,
  assignee: optionalId,
  service: optionalId,
  sla: z
    .union([z.literal(''), z.enum(['on-track', 'warning', 'breached', 'paused', 'met'])])
    .optional()
    .transform((v) => v || undefined),
  from: optionalDate,
  to: optionalDate,
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  sort: z.enum(['priority', 'newest', 'oldest', 'due']).optional(),
  after: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type QueueQuery = z.infer<typeof queueQuery>;

export const encodeCursor = (cursor: Cursor) => encode(cursor);
export const decodeCursor = (text: string | undefined) => decode<Cursor>(text);

function nextDay(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/** Turns a queue and its filters into the filter and order the query layer understands. */
export function toFilter(query: QueueQuery, identity: Identity, myTeams: number[]): { filter: TicketFilter; sort: TicketSort; empty: boolean } {
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
  let sort: TicketSort = query.sort ?? 'priority';
  let empty = false;
  const queue = query.queue ?? (identity.role === 'viewer' ? 'open' : 'mine');
  switch (queue) {
    case 'mine':
      filter.assigneeId = identity.person.id;
      filter.open = true;
      break;
    case 'team':
      filter.open = true;
      if (!query.team) {
        if (myTeams.length === 0) empty = true;
        else filter.teamIds = myTeams;
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
    case 'open':
      filter.open = true;
      break;
    case 'all':
      break;
  }
  return { filter, sort, empty };
}
