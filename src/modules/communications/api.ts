import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, can, identityOf, pageSize, problemResponses } from '../../platform/index.js';
import { communications } from './abilities.js';
import { postsForReader, writePost } from './posts.js';
import * as q from './queries.js';
import { incidentParams } from './references.js';
import { postState, statuses } from './rules.js';
import { componentInput, incidentInput, maintenanceInput, postInput, updateInput } from './schemas.js';
import { addIncidentUpdate, reportIncident, saveComponent, scheduleMaintenance, statusOf } from './status.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Telling people'];
const created = { 201: z.object({ id: z.number().int() }), ...problemResponses };

const component = z
  .object({
    id: z.number().int(),
    name: z.string(),
    nameCy: z.string(),
    description: z.string(),
    group: z.string(),
    serviceId: z.number().int().nullable(),
    systemId: z.number().int().nullable(),
    public: z.boolean(),
    status: z.enum(statuses as [string, ...string[]]),
    uptime90Days: z.number().describe('Per cent of the last 90 days without a partial or major outage'),
  })
  .meta({ id: 'StatusComponent' });
const update = z.object({ state: z.string(), body: z.string(), bodyCy: z.string(), internalNote: z.string(), at: z.string() });
const incident = z
  .object({
    id: z.number().int(),
    title: z.string(),
    titleCy: z.string(),
    impact: z.string(),
    state: z.string(),
    public: z.boolean(),
    fromMajorIncident: z.number().int().nullable(),
    startedAt: z.string(),
    resolvedAt: z.string().nullable(),
    componentIds: z.array(z.number().int()),
    updates: z.array(update),
  })
  .meta({ id: 'StatusIncident' });
const maintenance = z
  .object({
    key: z.string(),
    title: z.string(),
    titleCy: z.string(),
    body: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    componentIds: z.array(z.number().int()),
    source: z.string().describe('Steward for work announced here, or the module that planned it'),
  })
  .meta({ id: 'PlannedWork' });
const post = z
  .object({
    id: z.number().int(),
    title: z.string(),
    titleCy: z.string(),
    body: z.string().describe('Markdown'),
    bodyCy: z.string(),
    audience: z.enum(['all', 'it', 'area']),
    serviceAreaId: z.number().int().nullable(),
    public: z.boolean(),
    state: z.enum(['draft', 'scheduled', 'published']),
    publishAt: z.string().nullable(),
  })
  .meta({ id: 'Post' });

export async function communicationsApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  const orgOf = (request: Parameters<typeof identityOf>[0]) => identityOf(request).organisation.id;

  app.get(
    '/api/v1/status/components',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        security,
        summary: 'The status page’s components with their status now, staff-only ones included',
        response: { 200: z.object({ items: z.array(component) }), ...problemResponses },
      },
    },
    async (request) => {
      const s = await statusOf(db, orgOf(request), { publicOnly: false });
      return {
        items: s.components.map((c) => ({
          id: c.id,
          name: c.name,
          nameCy: c.name_cy,
          description: c.description,
          group: c.group_name,
          serviceId: c.service_id === null ? null : Number(c.service_id),
          systemId: c.system_id === null ? null : Number(c.system_id),
          public: c.public === 1,
          status: c.status,
          uptime90Days: c.uptime,
        })),
      };
    },
  );
  app.post(
    '/api/v1/status/components',
    {
      config: { access: communications.manage },
      schema: { tags, security, summary: 'Add a component to the status page', body: componentInput, response: created },
    },
    async (request, reply) => reply.code(201).send({ id: await saveComponent(db, actorFor(request), orgOf(request), request.body) }),
  );

  app.get(
    '/api/v1/status/incidents',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        security,
        summary: 'Problems open now or resolved in the last 90 days, newest first, with their timelines',
        response: { 200: z.object({ items: z.array(incident) }), ...problemResponses },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      const internal = can(identity, communications.updateStatus);
      const s = await statusOf(db, identity.organisation.id, { publicOnly: false });
      return {
        items: s.incidents.map((i) => ({
          id: i.id,
          title: i.title,
          titleCy: i.title_cy,
          impact: i.impact,
          state: i.state,
          public: i.public === 1,
          fromMajorIncident: i.major_incident_id === null ? null : Number(i.major_incident_id),
          startedAt: i.started_at,
          resolvedAt: i.resolved_at,
          componentIds: i.componentIds,
          updates: s.updates
            .filter((u) => Number(u.incident_id) === i.id)
            .map((u) => ({ state: u.state, body: u.body, bodyCy: u.body_cy, internalNote: internal ? u.internal_note : '', at: u.at })),
        })),
      };
    },
  );
  app.post(
    '/api/v1/status/incidents',
    {
      config: { access: communications.updateStatus },
      schema: { tags, security, summary: 'Tell people about a problem; subscribers are emailed when it is public', body: incidentInput, response: created },
    },
    async (request, reply) => reply.code(201).send({ id: await reportIncident(db, actorFor(request), orgOf(request), request.body) }),
  );
  app.post(
    '/api/v1/status/incidents/:id/updates',
    {
      config: { access: communications.updateStatus },
      schema: {
        tags,
        security,
        summary: 'Add an update to a problem’s timeline (state resolved resolves it)',
        params: incidentParams,
        body: updateInput,
        response: { 201: z.object({ id: z.number().int() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      await addIncidentUpdate(db, actorFor(request), orgOf(request), request.params.id, request.body);
      return reply.code(201).send({ id: request.params.id });
    },
  );

  app.get(
    '/api/v1/status/maintenance',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        security,
        summary: 'Planned work not yet over, soonest first, including work other modules plan',
        response: { 200: z.object({ items: z.array(maintenance) }), ...problemResponses },
      },
    },
    async (request) => {
      const s = await statusOf(db, orgOf(request), { publicOnly: false });
      return {
        items: s.maintenance.map((m) => ({
          key: m.key,
          title: m.title,
          titleCy: m.title_cy,
          body: m.body,
          startsAt: m.starts_at,
          endsAt: m.ends_at,
          componentIds: m.componentIds,
          source: m.source,
        })),
      };
    },
  );
  app.post(
    '/api/v1/status/maintenance',
    {
      config: { access: communications.updateStatus },
      schema: {
        tags,
        security,
        summary: 'Announce planned work (times in ISO 8601; without an offset they are UTC)',
        body: maintenanceInput,
        response: created,
      },
    },
    async (request, reply) => {
      const v = request.body;
      const instant = (s: string) => new Date(/Z|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`).toISOString();
      return reply
        .code(201)
        .send({ id: await scheduleMaintenance(db, actorFor(request), orgOf(request), { ...v, startsAt: instant(v.startsAt), endsAt: instant(v.endsAt) }) });
    },
  );

  app.get(
    '/api/v1/posts',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        security,
        summary: 'Posts for staff: every post for those who may read drafts, otherwise the published posts meant for the caller',
        querystring: z.object({ limit: pageSize(50, 200) }),
        response: { 200: z.object({ items: z.array(post) }), ...problemResponses },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      const limit = request.query.limit ?? 50;
      const rows = can(identity, communications.readPosts) ? await q.postsOf(db, identity.organisation.id, limit) : await postsForReader(db, identity, limit);
      const now = new Date().toISOString();
      return {
        items: rows.map((p) => ({
          id: Number(p.id),
          title: p.title,
          titleCy: p.title_cy,
          body: p.body,
          bodyCy: p.body_cy,
          audience: p.audience,
          serviceAreaId: p.service_area_id === null ? null : Number(p.service_area_id),
          public: p.public === 1,
          state: postState(p.publish_at, now),
          publishAt: p.publish_at,
        })),
      };
    },
  );
  app.post(
    '/api/v1/posts',
    {
      config: { access: communications.write },
      schema: { tags, security, summary: 'Write a post: a draft, published now, or at a time (UK local time)', body: postInput, response: created },
    },
    async (request, reply) => reply.code(201).send({ id: (await writePost(db, actorFor(request), orgOf(request), request.body)).id }),
  );
}
