import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, identityOf, problemResponses } from '../../platform/index.js';
import { strategy } from './abilities.js';
import * as q from './queries.js';
import { horizonOf, ragKeys, stageKeys } from './rules.js';
import { projectInput, roadmapQuery } from './schemas.js';
import { addProject, today } from './service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Strategy and governance'];
const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const priority = z.object({ id: z.number().int(), title: z.string(), description: z.string(), position: z.number().int() }).meta({ id: 'Priority' });
const measure = z
  .object({
    id: z.number().int(),
    name: z.string(),
    unit: z.string(),
    direction: z.enum(['up', 'down']),
    baseline: z.number().nullable(),
    baselineOn: z.string().nullable(),
    target: z.number().nullable(),
    targetOn: z.string().nullable(),
    current: z.number().nullable(),
    currentOn: z.string().nullable(),
  })
  .meta({ id: 'ObjectiveMeasure' });
const objective = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string(),
    owner: z.string(),
    priorityIds: z.array(z.number().int()),
    measures: z.array(measure),
  })
  .meta({ id: 'Objective' });
const project = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    kind: z.enum(['programme', 'project']),
    programmeId: z.number().int().nullable(),
    title: z.string(),
    objectiveId: z.number().int().nullable(),
    sponsor: z.string(),
    manager: z.string().nullable().describe('The manager’s email, when they are one of the organisation’s people'),
    stage: z.enum(stageKeys),
    rag: z.enum(ragKeys),
    ragReason: z.string(),
    horizon: z.enum(['now', 'next', 'later', 'done']),
    startOn: z.string().nullable(),
    endOn: z.string().nullable(),
    budget: z.number().nullable(),
    spend: z.number().nullable(),
  })
  .meta({ id: 'Project' });

export async function strategyApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  app.get(
    '/api/v1/priorities',
    {
      config: { access: strategy.read },
      schema: {
        tags,
        security,
        summary: 'The corporate plan’s priorities, in order',
        response: { 200: z.object({ items: z.array(priority) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: (await q.prioritiesOf(db, identityOf(request).organisation.id)).map((p) => ({
        id: Number(p.id),
        title: p.title,
        description: p.description,
        position: Number(p.position),
      })),
    }),
  );
  app.get(
    '/api/v1/objectives',
    {
      config: { access: strategy.read },
      schema: {
        tags,
        security,
        summary: 'The digital strategy’s objectives, each with the priorities it serves and its measures',
        response: { 200: z.object({ items: z.array(objective) }), ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      const [objectives, links, measures] = await Promise.all([q.objectivesOf(db, orgId), q.objectivePriorities(db, orgId), q.measuresOf(db, orgId)]);
      return {
        items: objectives.map((o) => ({
          id: Number(o.id),
          title: o.title,
          description: o.description,
          owner: o.owner,
          priorityIds: links.filter((l) => Number(l.objective_id) === Number(o.id)).map((l) => Number(l.priority_id)),
          measures: measures
            .filter((m) => Number(m.objective_id) === Number(o.id))
            .map((m) => ({
              id: Number(m.id),
              name: m.name,
              unit: m.unit,
              direction: m.direction,
              baseline: num(m.baseline),
              baselineOn: day(m.baseline_on),
              target: num(m.target),
              targetOn: day(m.target_on),
              current: num(m.current),
              currentOn: day(m.current_on),
            })),
        })),
      };
    },
  );
  app.get(
    '/api/v1/projects',
    {
      config: { access: strategy.read },
      schema: {
        tags,
        security,
        summary: 'The roadmap’s programmes and projects by when they start, filtered by stage, RAG status or objective',
        querystring: roadmapQuery,
        response: { 200: z.object({ items: z.array(project) }), ...problemResponses },
      },
    },
    async (request) => {
      const on = today();
      const rows = await q.projectsOf(db, identityOf(request).organisation.id, {
        stage: request.query.stage,
        rag: request.query.rag,
        objectiveId: request.query.objective,
      });
      return {
        items: rows.map((p) => ({
          id: Number(p.id),
          reference: p.reference,
          kind: p.kind,
          programmeId: num(p.programme_id),
          title: p.title,
          objectiveId: num(p.objective_id),
          sponsor: p.sponsor,
          manager: p.manager_email ?? null,
          stage: p.stage as (typeof stageKeys)[number],
          rag: p.rag,
          ragReason: p.rag_reason,
          horizon: horizonOf(p, on),
          startOn: day(p.start_on),
          endOn: day(p.end_on),
          budget: num(p.budget),
          spend: num(p.spend),
        })),
      };
    },
  );
  app.post(
    '/api/v1/projects',
    {
      config: { access: strategy.edit },
      schema: {
        tags,
        security,
        summary: 'Add a programme or project to the roadmap',
        body: projectInput,
        response: { 201: z.object({ id: z.number().int(), reference: z.string() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await addProject(db, actorFor(request), identityOf(request).organisation.id, request.body)),
  );
}
