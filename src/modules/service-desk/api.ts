import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import {
  activeMember,
  activeMemberByEmail,
  activeMemberEmail,
  actorFor,
  can,
  identityOf,
  line,
  paragraphs,
  problemResponses,
  ref,
  refText,
  UserError,
} from '../../platform/index.js';
import { team } from '../teams/index.js';
import { desk } from './abilities.js';
import { deskRecords, ticketParams } from './references.js';
import { parseFields, requestTypesOf, servicesOf } from './catalogue/service.js';
import { encodeCursor, queueQuery, toFilter } from './tickets/queue.js';
import { statuses } from './tickets/rules.js';
import { addComment, assignTicket, changeStatus, createTicket, eventsOf, listTickets, ticketForViewer } from './tickets/service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Service desk'];

const ticketSummary = z
  .object({
    reference: z.string(),
    kind: z.enum(['incident', 'request']),
    title: z.string(),
    status: z.enum(statuses as [string, ...string[]]),
    priority: z.number().int(),
    slaState: z.string(),
    resolutionDueAt: z.string().nullable(),
    teamId: z.number().int().nullable(),
    assigneeId: z.number().int().nullable(),
    requesterId: z.number().int(),
    serviceId: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TicketSummary' });

const ticketDetail = ticketSummary
  .extend({
    description: z.string(),
    impact: z.number().int(),
    urgency: z.number().int(),
    categoryId: z.number().int().nullable(),
    requestTypeId: z.number().int().nullable(),
    answers: z.record(z.string(), z.string()).nullable(),
    resolutionCode: z.string().nullable(),
    resolutionNotes: z.string().nullable(),
    firstResponseAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    responseDueAt: z.string().nullable(),
  })
  .meta({ id: 'Ticket' });

const comment = z
  .object({
    kind: z.enum(['created', 'reply', 'note', 'change']),
    author: z.string().nullable(),
    body: z.string(),
    changes: z.record(z.string(), z.array(z.unknown())).nullable(),
    at: z.string(),
  })
  .meta({ id: 'TicketEvent' });

type Row = {
  reference: string;
  kind: 'incident' | 'request';
  title: string;
  status: string;
  priority: number;
  sla_state: string;
  resolution_due_at: string | null;
  team_id: number | null;
  assignee_id: number | null;
  requester_id: number;
  service_id: number | null;
  created_at: string;
  updated_at: string;
};
const summary = (t: Row) => ({
  reference: t.reference,
  kind: t.kind,
  title: t.title,
  status: t.status,
  priority: t.priority,
  slaState: t.sla_state,
  resolutionDueAt: t.resolution_due_at,
  teamId: t.team_id,
  assigneeId: t.assignee_id,
  requesterId: t.requester_id,
  serviceId: t.service_id,
  createdAt: t.created_at,
  updatedAt: t.updated_at,
});

const agents = desk.workTickets;

export async function serviceDeskApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;

  app.get(
    '/api/v1/tickets',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        security,
        summary:
          'Tickets, with the agent workspace’s queues and filters and full-text search (`q`); requesters see only their own. Pass `next` back as `after` for the next page.',
        querystring: queueQuery,
        response: {
          200: z.object({
            items: z.array(ticketSummary),
            next: z.string().nullable(),
            truncated: z
              .boolean()
              .describe('The filters could not all be answered from an index: these are the first matches found; narrow the filters, or follow next'),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      const query = { ...request.query, queue: request.query.queue ?? 'all' };
      const { filter, sort, empty } = await toFilter(db, query, identity);
      if (!can(identity, desk.readTickets)) filter.requesterId = identity.person.id;
      const page = empty
        ? { tickets: [], next: null, truncated: false }
        : await listTickets(db, identity.organisation.id, filter, sort, query.after, query.limit);
      return { items: page.tickets.map(summary), next: page.next ? encodeCursor(page.next) : null, truncated: page.truncated };
    },
  );

  app.post(
    '/api/v1/tickets',
    {
      config: { access: desk.useThePortal },
      schema: {
        tags,
        security,
        summary: 'Raise an incident or a service request. Agents may raise one for someone else with `requesterEmail`.',
        body: z.object({
          kind: z.enum(['incident', 'request']),
          title: line(200, { required: 'Enter a short summary' }),
          description: paragraphs(20000, { required: 'Describe the problem or request' }),
          requesterEmail: refText(activeMemberEmail, { max: 254, normalise: (s) => s.toLowerCase() }).optional(),
          serviceId: ref(deskRecords.service).optional(),
          requestTypeId: ref(deskRecords.requestType).optional(),
          categoryId: ref(deskRecords.category).optional(),
          impact: z.number().int().min(1).max(3).default(3),
          urgency: z.number().int().min(1).max(3).default(3),
          answers: z
            .record(line(60), paragraphs(5000))
            .optional()
            .meta({ example: { 'cost-centre': 'ASC-104' } }),
        }),
        response: { 201: ticketSummary, ...problemResponses },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request);
      let requesterId = identity.person.id;
      if (request.body.requesterEmail) {
        if (!can(identity, agents)) throw new UserError('Only the service desk can raise a ticket for someone else', { status: 403, field: 'requesterEmail' });
        const person = await activeMemberByEmail(db, identity.organisation.id, request.body.requesterEmail);
        if (!person) throw new UserError('There is no one with that email address in this organisation', { field: 'requesterEmail' });
        requesterId = person.id;
      }
      const { row } = await createTicket(db, actorFor(request), identity.organisation.id, { ...request.body, requesterId });
      return reply.code(201).send(summary(row));
    },
  );

  const refParams = ticketParams;

  app.get(
    '/api/v1/tickets/:reference',
    {
      config: { access: 'signed-in' },
      schema: { tags, security, summary: 'One ticket', params: refParams, response: { 200: ticketDetail, ...problemResponses } },
    },
    async (request) => {
      const t = await ticketForViewer(db, identityOf(request), request.params.reference);
      return {
        ...summary(t),
        description: t.description,
        impact: t.impact,
        urgency: t.urgency,
        categoryId: t.category_id,
        requestTypeId: t.request_type_id,
        answers: t.form_json ? (JSON.parse(t.form_json) as Record<string, string>) : null,
        resolutionCode: t.resolution_code,
        resolutionNotes: t.resolution_notes,
        firstResponseAt: t.first_response_at,
        resolvedAt: t.resolved_at,
        responseDueAt: t.response_due_at,
      };
    },
  );

  app.patch(
    '/api/v1/tickets/:reference',
    {
      config: { access: agents },
      schema: {
        tags,
        security,
        summary: 'Move a ticket through the workflow, or assign it; the workflow’s rules apply',
        params: refParams,
        body: z.object({
          status: z.enum(statuses as [string, ...string[]]).optional(),
          resolutionCode: line(60).optional(),
          resolutionNotes: paragraphs(20000).optional(),
          teamId: ref(team).nullable().optional(),
          assigneeId: ref(activeMember, 'Choose someone in the team').nullable().optional(),
        }),
        response: { 200: ticketSummary, ...problemResponses },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      const actor = actorFor(request);
      const { reference } = request.params;
      const before = await ticketForViewer(db, identity, reference);
      const b = request.body;
      if (b.teamId !== undefined || b.assigneeId !== undefined) {
        await assignTicket(db, actor, identity, reference, {
          teamId: b.teamId === undefined ? before.team_id : b.teamId,
          assigneeId: b.assigneeId === undefined ? before.assignee_id : b.assigneeId,
        });
      }
      if (b.status)
        await changeStatus(db, actor, identity, reference, { status: b.status as never, resolutionCode: b.resolutionCode, resolutionNotes: b.resolutionNotes });
      return summary(await ticketForViewer(db, identity, reference));
    },
  );

  app.get(
    '/api/v1/tickets/:reference/comments',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        security,
        summary: 'The ticket’s timeline; internal notes only for the service desk',
        params: refParams,
        response: { 200: z.object({ items: z.array(comment) }), ...problemResponses },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      const t = await ticketForViewer(db, identity, request.params.reference);
      const events = await eventsOf(db, t.id, { includeNotes: can(identity, desk.readTickets) });
      return {
        items: events.map((e) => ({
          kind: e.kind,
          author: e.author_name,
          body: e.body,
          changes: e.changes_json ? (JSON.parse(e.changes_json) as Record<string, unknown[]>) : null,
          at: e.at,
        })),
      };
    },
  );

  app.post(
    '/api/v1/tickets/:reference/comments',
    {
      config: { access: desk.useThePortal },
      schema: {
        tags,
        security,
        summary: 'Reply on a ticket, or (service desk only) add an internal note',
        params: refParams,
        body: z.object({ body: paragraphs(20000, { required: 'Enter a reply or note' }), internal: z.boolean().default(false) }),
        response: { 201: z.object({ ok: z.literal(true) }), ...problemResponses },
      },
    },
    async (request, reply) => {
      await addComment(db, actorFor(request), identityOf(request), request.params.reference, request.body);
      return reply.code(201).send({ ok: true as const });
    },
  );

  app.get(
    '/api/v1/services',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        security,
        summary: 'The service catalogue (staff see the services visible to them)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                name: z.string(),
                description: z.string(),
                hours: z.string(),
                teamId: z.number().int().nullable(),
                visibleToStaff: z.boolean(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      const rows = await servicesOf(db, identity.organisation.id, { visibleOnly: !can(identity, desk.readCatalogue) });
      return {
        items: rows.map((s) => ({
          id: s.id,
          name: s.name,
          description: s.description,
          hours: s.hours,
          teamId: s.team_id,
          visibleToStaff: s.visible_to_staff === 1,
        })),
      };
    },
  );

  app.get(
    '/api/v1/request-types',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        security,
        summary: 'Request types and their form fields',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                serviceId: z.number().int(),
                name: z.string(),
                description: z.string(),
                fields: z.array(z.record(z.string(), z.unknown())),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const rows = await requestTypesOf(db, identityOf(request).organisation.id);
      return {
        items: rows.map((r) => ({
          id: r.id,
          serviceId: r.service_id,
          name: r.name,
          description: r.description,
          fields: parseFields(r.fields_json) as unknown as Record<string, unknown>[],
        })),
      };
    },
  );
}
