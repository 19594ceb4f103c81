import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, cursor, encodeCursor, identityOf, NotFoundError, pageSize, problemResponses, ref } from '../../platform/index.js';
import { estate } from './abilities.js';
import { estateRecords, systemParams } from './references.js';
import {
  addDataFlow,
  addRelationship,
  createSystem,
  dataFlowInput,
  dataFlowsOf,
  findSystem,
  listSystems,
  relationshipInput,
  relationshipsOf,
  registerQuery,
  systemInput,
  updateSystem,
} from './service.js';

const readers = estate.read;
const editors = estate.edit;
const idParams = systemParams;
const ofSystem = z.object({ systemId: ref(estateRecords.system, 'There is no such system') });
const impactQuery = z.object({ after: cursor(z.object({ offset: z.number().int().min(0).max(10_000_000) })), limit: pageSize(50, 500) });
const chainStep = z.object({ id: z.number().int(), name: z.string(), step: z.enum(steps).nullable() });
const affectedSystem = z.object({
  id: z.number().int(),
  identifier: z.string(),
  name: z.string(),
  criticality: z.number().int().nullable(),
  chain: z.array(chainStep).describe('From the system that fails to this one; each step says how a system relates to the one before it'),
});
const affectedService = z.object({ id: z.number().int(), name: z.string(), tier: z.number().int().nullable(), systems: z.number().int() });
import { relationshipKinds } from './tables.js';
import { neighbourhood } from './queries.js';
import { impactOf } from './impact/service.js';
import { steps } from './impact/graph.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Tech estate'];

const systemSchema = z
  .object({
    id: z.number().int(),
    identifier: z.string(),
    name: z.string(),
    kind: z.string(),
    layer: z.string().nullable(),
    area: z.string().nullable(),
    hosting: z.string().nullable(),
    lifecycle: z.string().nullable(),
    endOfSupport: z.string().nullable(),
    annualCost: z.number().nullable(),
    criticality: z.number().int().nullable(),
    users: z.number().int().nullable(),
  })
  .meta({ id: 'System' });

const person = z.object({ name: z.string(), email: z.string() }).nullable();
const systemDetailSchema = systemSchema
  .extend({
    sourcing: z.string().nullable(),
    product: z.string().nullable(),
    vendor: z.string().nullable(),
    version: z.string().nullable(),
    lifecycleReason: z.string().nullable(),
    recoveryPlan: z.boolean().nullable().describe('null when nobody has recorded whether there is one'),
    description: z.string(),
    hosts: z.array(z.string()).describe('Host names and addresses, as a scanner reports them'),
    businessOwner: person,
    technicalOwner: person,
    serviceManager: person,
    resolverTeam: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  })
  .meta({ id: 'SystemDetail' });

type Row = {
  id: number;
  identifier: string;
  name: string;
  kind: string;
  layer: string | null;
  area: string | null;
  hosting: string | null;
  lifecycle: string | null;
  end_of_support: string | null;
  annual_cost: number | null;
  criticality: number | null;
  users: number | null;
};
const toApi = (s: Row) => ({
  id: s.id,
  identifier: s.identifier,
  name: s.name,
  kind: s.kind,
  layer: s.layer,
  area: s.area,
  hosting: s.hosting,
  lifecycle: s.lifecycle,
  endOfSupport: s.end_of_support,
  annualCost: s.annual_cost === null ? null : Number(s.annual_cost),
  criticality: s.criticality,
  users: s.users,
});

export async function estateApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;

  app.get(
    '/api/v1/systems',
    {
      config: { access: readers },
      schema: {
        tags,
        security,
        summary: 'The systems register; pass `next` back as `after` for the next page',
        querystring: registerQuery.extend({ limit: pageSize(100, 500) }),
        response: { 200: z.object({ items: z.array(systemSchema), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const { q, sort, after, limit, ...filter } = request.query;
      const page = await listSystems(db, identityOf(request).organisation.id, { ...filter, search: q }, sort ?? 'name', after, limit);
      return { items: page.systems.map(toApi), next: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.post(
    '/api/v1/systems',
    {
      config: { access: editors },
      schema: { tags, security, summary: 'Add a system to the register', body: systemInput, response: { 201: systemSchema, ...problemResponses } },
    },
    async (request, reply) => {
      const orgId = identityOf(request).organisation.id;
      const id = await createSystem(db, actorFor(request), orgId, request.body);
      return reply.code(201).send(toApi((await findSystem(db, orgId, id))!));
    },
  );

  app.get(
    '/api/v1/systems/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        security,
        summary: 'One system with everything recorded about it (what it supports: /supports; impact: /impact)',
        params: idParams,
        response: { 200: systemDetailSchema, ...problemResponses },
      },
    },
    async (request) => {
      const s = await findSystem(db, identityOf(request).organisation.id, request.params.id);
      if (!s) throw new NotFoundError('There is no such system');
      const named = (name: string | null, email: string | null) => (name && email ? { name, email } : null);
      return {
        ...toApi(s),
        sourcing: s.sourcing,
        product: s.product,
        vendor: s.vendor,
        version: s.version,
        lifecycleReason: s.lifecycle_reason,
        recoveryPlan: s.recovery_plan === null ? null : !!s.recovery_plan,
        description: s.description,
        hosts: s.hosts.split('\n').filter(Boolean),
        businessOwner: named(s.business_owner_name, s.business_owner_email),
        technicalOwner: named(s.technical_owner_name, s.technical_owner_email),
        serviceManager: named(s.service_manager_name, s.service_manager_email),
        resolverTeam: s.team_id && s.team_name ? { id: s.team_id, name: s.team_name } : null,
      };
    },
  );

  app.put(
    '/api/v1/systems/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Replace a system’s details',
        params: idParams,
        body: systemInput,
        response: { 200: systemSchema, ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      await updateSystem(db, actorFor(request), orgId, request.params.id, request.body);
      return toApi((await findSystem(db, orgId, request.params.id))!);
    },
  );

  app.get(
    '/api/v1/systems/:id/impact',
    {
      config: { access: readers },
      schema: {
        tags,
        security,
        summary:
          'What fails if the system fails (along depends on, runs on and hosted by, transitively, each with the shortest chain that reaches it, most critical first, paged), what may be degraded (integration partners, one step), and the council services and users reached',
        params: idParams,
        querystring: impactQuery,
        response: {
          200: z.object({
            system: z.object({ id: z.number().int(), identifier: z.string(), name: z.string(), criticality: z.number().int().nullable() }),
            counts: z.object({
              fails: z.number().int(),
              mayBeDegraded: z.number().int(),
              services: z.number().int(),
              servicesMayBeDegraded: z.number().int(),
            }),
            users: z.number().int().nullable().describe('The largest user base among the systems that fail: the least number of people reached'),
            services: z.array(affectedService),
            servicesMayBeDegraded: z.array(affectedService),
            fails: z.object({ items: z.array(affectedSystem), next: z.string().nullable() }),
            mayBeDegraded: z.array(affectedSystem).describe('The first 50, most critical first; counts.mayBeDegraded has them all'),
            cycle: z.array(chainStep).nullable().describe('When the system depends on itself through others: the chain round'),
            contracts: z.array(
              z.object({ id: z.number().int(), reference: z.string(), title: z.string(), notice_deadline: z.string(), supplier_name: z.string() }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const offset = request.query.after?.offset ?? 0;
      const { nextOffset, fails, ...impact } = await impactOf(db, identityOf(request).organisation.id, request.params.id, {
        offset,
        limit: request.query.limit,
      });
      return { ...impact, fails: { items: fails, next: nextOffset === null ? null : encodeCursor({ offset: nextOffset }) } };
    },
  );

  app.get(
    '/api/v1/systems/:id/graph',
    {
      config: { access: readers },
      schema: {
        tags,
        security,
        summary:
          'The systems within `hops` relationships of this one (1 to 3, default 2), the relationships among them, and the data flows into and out of this one',
        params: idParams,
        querystring: z.object({ hops: z.coerce.number().int().min(1).max(3).optional() }),
        response: {
          200: z.object({
            nodes: z.array(
              z.object({
                id: z.number().int(),
                name: z.string(),
                kind: z.string(),
                criticality: z.number().int().nullable(),
                layer: z.string().nullable(),
                hop: z.number().int().describe('Steps from this system: 0 for itself, 1 for what it relates to directly'),
              }),
            ),
            edges: z.array(z.object({ id: z.number().int(), from: z.number().int(), to: z.number().int(), kind: z.enum(relationshipKinds) })),
            flows: z.array(
              z.object({ id: z.number().int(), from: z.number().int(), to: z.number().int(), data: z.string(), method: z.string(), personal: z.string() }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      if (!(await findSystem(db, orgId, request.params.id))) throw new NotFoundError('There is no such system');
      const g = await neighbourhood(db, orgId, request.params.id, request.query.hops ?? 2);
      return {
        nodes: g.nodes,
        edges: g.edges.map((e) => ({ id: e.id, from: e.from_system_id, to: e.to_system_id, kind: e.kind })),
        flows: g.flows.map((f) => ({ id: f.id, from: f.from_system_id, to: f.to_system_id, data: f.data, method: f.method, personal: f.personal })),
      };
    },
  );

  app.post(
    '/api/v1/relationships',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Record that one system depends on, runs on, hosts or integrates with another',
        body: relationshipInput,
        response: { 201: z.object({ id: z.number().int() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await addRelationship(db, actorFor(request), identityOf(request).organisation.id, request.body) }),
  );

  app.post(
    '/api/v1/data-flows',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Record data flowing from one system to another',
        body: dataFlowInput,
        response: { 201: z.object({ id: z.number().int() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await addDataFlow(db, actorFor(request), identityOf(request).organisation.id, request.body) }),
  );

  app.get(
    '/api/v1/relationships',
    {
      config: { access: readers },
      schema: {
        tags,
        security,
        summary: 'The relationships of one system, both ways',
        querystring: ofSystem,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                fromSystemId: z.number().int(),
                fromName: z.string(),
                kind: z.enum(relationshipKinds),
                toSystemId: z.number().int(),
                toName: z.string(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      const system = await findSystem(db, orgId, request.query.systemId);
      if (!system) throw new NotFoundError('There is no such system');
      const r = await relationshipsOf(db, orgId, system.id);
      return {
        items: [
          ...r.outgoing.map((x) => ({ id: x.id, fromSystemId: system.id, fromName: system.name, kind: x.kind, toSystemId: x.other_id, toName: x.other_name })),
          ...r.incoming.map((x) => ({ id: x.id, fromSystemId: x.other_id, fromName: x.other_name, kind: x.kind, toSystemId: system.id, toName: system.name })),
        ],
      };
    },
  );

  app.get(
    '/api/v1/data-flows',
    {
      config: { access: readers },
      schema: {
        tags,
        security,
        summary: 'The data flows into and out of one system',
        querystring: ofSystem,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                fromSystemId: z.number().int(),
                fromName: z.string(),
                toSystemId: z.number().int(),
                toName: z.string(),
                data: z.string(),
                personal: z.string(),
                method: z.string(),
                frequency: z.string(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      if (!(await findSystem(db, orgId, request.query.systemId))) throw new NotFoundError('There is no such system');
      const flows = await dataFlowsOf(db, orgId, request.query.systemId);
      return {
        items: flows.map((f) => ({
          id: f.id,
          fromSystemId: f.from_id,
          fromName: f.from_name,
          toSystemId: f.to_id,
          toName: f.to_name,
          data: f.data,
          personal: f.personal,
          method: f.method,
          frequency: f.frequency,
        })),
      };
    },
  );
}
