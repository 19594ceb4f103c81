import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, identityOf, optionalRef, pageOf, pageSize, problemResponses } from '../../platform/index.js';
import { deskRecords } from '../service-desk/index.js';
import { problems } from './abilities.js';
import * as q from './queries.js';
import { problemParams } from './references.js';
import { problemPriorities, problemStatuses } from './rules.js';
import { problemInput, problemsQuery, ticketReference } from './schemas.js';
import { patchProblem, problemIdOf, raiseProblem } from './service.js';
import { problemRow } from './pages.js';
import { filterOf } from './routes.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Service desk'];

const problem = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(problemStatuses),
    priority: z.enum(problemPriorities),
    serviceId: z.number().int().nullable(),
    systemId: z.number().int().nullable(),
    ownerId: z.number().int().nullable(),
    teamId: z.number().int().nullable(),
    rootCause: z.string(),
    workaround: z.string(),
    fix: z.string(),
    articleId: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'ProblemRecord' });
const problemDetail = problem.extend({ incidents: z.array(z.object({ reference: z.string(), title: z.string() })) }).meta({ id: 'ProblemRecordDetail' });
const listQuery = problemsQuery.extend({ limit: pageSize(50, 200) });

const out = (p: q.ProblemRow): z.output<typeof problem> => {
  const r = problemRow(p);
  return {
    id: r.id,
    reference: r.reference,
    title: r.title,
    description: r.description,
    status: r.status,
    priority: r.priority,
    serviceId: r.serviceId,
    systemId: r.systemId,
    ownerId: r.ownerId,
    teamId: r.teamId,
    rootCause: r.rootCause,
    workaround: r.workaround,
    fix: r.fix,
    articleId: r.articleId,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    resolvedAt: r.resolvedAt,
  };
};

export async function problemsApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;
  const detail = async (organisationId: number, reference: string) => {
    const p = (await q.problemByReference(db, organisationId, reference))!;
    const incidents = await q.incidentsOfProblem(db, organisationId, Number(p.id));
    return { ...out(p), incidents: incidents.map((i) => ({ reference: i.reference, title: i.title })) };
  };

  const list = (path: string, summary: string, knownErrors: boolean) =>
    app.get(
      path,
      {
        config: { access: problems.read },
        schema: {
          tags,
          security,
          summary,
          querystring: listQuery,
          response: { 200: z.object({ items: z.array(problem), next: z.string().nullable() }), ...problemResponses },
        },
      },
      async (request) => {
        const v = request.query;
        const filter: q.ProblemFilter = knownErrors ? { ...filterOf(v), statuses: ['known_error'] } : filterOf(v);
        const rows = await q.problemsOf(db, orgOf(request), filter, v.after, v.limit + 1);
        const page = pageOf(rows, v.limit, (p) => ({ id: Number(p.id) }));
        return { items: page.items.map(out), next: page.next };
      },
    );
  list('/api/v1/problems', 'Problems, the newest first, filtered by status, priority and service', false);
  list('/api/v1/known-errors', 'Known errors: problems whose cause is known and whose workaround is published, the newest first', true);

  app.get(
    '/api/v1/problems/:reference',
    {
      config: { access: problems.read },
      schema: { tags, security, summary: 'One problem, with its incidents', params: problemParams, response: { 200: problemDetail, ...problemResponses } },
    },
    async (request) => detail(orgOf(request), request.params.reference),
  );
  app.post(
    '/api/v1/problems',
    {
      config: { access: problems.work },
      schema: {
        tags,
        security,
        summary: 'Log a problem, linked to the incidents it was raised from',
        body: problemInput.extend({
          incidents: z.array(ticketReference('Give the incident’s reference')).max(100, 'Link up to 100 incidents at once').optional(),
          majorIncidentId: optionalRef(deskRecords.majorIncident),
        }),
        response: { 201: problemDetail, ...problemResponses },
      },
    },
    async (request, reply) => {
      const orgId = orgOf(request);
      const { incidents, majorIncidentId, ...v } = request.body;
      const ids = [];
      for (const reference of incidents ?? []) {
        const t = await q.ticketByReference(db, orgId, reference);
        if (t) ids.push(Number(t.id));
      }
      const made = await raiseProblem(db, actorFor(request), orgId, v, ids, new Date(), majorIncidentId);
      return reply.code(201).send(await detail(orgId, made.reference));
    },
  );
  app.patch(
    '/api/v1/problems/:reference',
    {
      config: { access: problems.work },
      schema: {
        tags,
        security,
        summary: 'Change a problem, or move it along its workflow; the workflow’s rules apply, and a known error publishes its workaround',
        params: problemParams,
        body: problemInput.partial().extend({ status: z.enum(problemStatuses).optional() }),
        response: { 200: problemDetail, ...problemResponses },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const id = await problemIdOf(db, orgId, request.params.reference);
      await patchProblem(db, actorFor(request), orgId, id, request.body);
      return detail(orgId, request.params.reference);
    },
  );
}
