import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { roles } from '../access/roles.js';
import { platformAbilities } from '../access/abilities.js';
import { ref } from '../inputs/references.js';
import { member } from '../people/references.js';
import { listAuditEvents } from '../audit/queries.js';
import { auditFilterInput } from '../audit/schemas.js';
import { NotFoundError } from '../http/errors.js';
import { actorFor, identityOf } from '../http/request.js';
import { organisationInput } from '../organisations/schemas.js';
import { findOrganisation, updateOrganisation } from '../organisations/service.js';
import { newPersonInput, roleField } from '../people/schemas.js';
import { addPerson, changeRole, findMember, listMembers, setActive } from '../people/service.js';
import { auditEventSchema, meSchema, organisationSchema, personSchema, problemResponses } from './schemas.js';

const personParams = z.object({ id: ref(member, 'There is no such person in this organisation') });

const toPerson = (m: { id: number; email: string; display_name: string; role: (typeof roles)[number]; active: number; created_at: string }) => ({
  id: m.id,
  email: m.email,
  displayName: m.display_name,
  role: m.role,
  active: m.active === 1,
  createdAt: m.created_at,
});

/** The platform's part of the JSON API: who am I, the organisation, its people and its audit log. */
export async function platformApiRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => base.swagger());

  app.get(
    '/api/v1/me',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['Platform'], summary: 'Who the token or session belongs to', security, response: { 200: meSchema, ...problemResponses } },
    },
    async (request) => {
      const { person, organisation, role, via } = identityOf(request);
      return { person, organisation, role, via };
    },
  );

  app.get(
    '/api/v1/organisation',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['Platform'], summary: 'The current organisation', security, response: { 200: organisationSchema, ...problemResponses } },
    },
    async (request) => identityOf(request).organisation,
  );

  app.put(
    '/api/v1/organisation',
    {
      config: { access: platformAbilities.administer },
      schema: {
        tags: ['Platform'],
        summary: 'Set the organisation’s name and type',
        security,
        body: organisationInput,
        response: { 200: organisationSchema, ...problemResponses },
      },
    },
    async (request) => {
      const id = identityOf(request).organisation.id;
      await updateOrganisation(db, actorFor(request), id, request.body);
      const o = await findOrganisation(db, id);
      if (!o) throw new NotFoundError();
      return { id: o.id, name: o.name, type: o.type, isDemo: o.is_demo === 1 };
    },
  );

  app.get(
    '/api/v1/people',
    {
      config: { access: platformAbilities.administer },
      schema: {
        tags: ['Platform'],
        summary: 'People in the current organisation',
        security,
        querystring: z.object({
          q: z.string().max(100).optional(),
          role: z.enum(roles).optional(),
          status: z.enum(['active', 'disabled']).optional(),
        }),
        response: { 200: z.object({ items: z.array(personSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const { q, role, status } = request.query;
      const rows = await listMembers(db, identityOf(request).organisation.id, { search: q, role, status });
      return { items: rows.map(toPerson) };
    },
  );

  app.post(
    '/api/v1/people',
    {
      config: { access: platformAbilities.administer },
      schema: {
        tags: ['Platform'],
        summary: 'Add a person to the current organisation',
        security,
        body: newPersonInput,
        response: { 201: personSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const orgId = identityOf(request).organisation.id;
      const { personId } = await addPerson(db, actorFor(request), orgId, request.body, base.steward.auth.passwordCost);
      const member = await findMember(db, orgId, personId);
      if (!member) throw new NotFoundError();
      return reply.code(201).send(toPerson(member));
    },
  );

  app.get(
    '/api/v1/people/:id',
    {
      config: { access: platformAbilities.administer },
      schema: {
        tags: ['Platform'],
        summary: 'One person in the current organisation',
        security,
        params: personParams,
        response: { 200: personSchema, ...problemResponses },
      },
    },
    async (request) => {
      const member = await findMember(db, identityOf(request).organisation.id, request.params.id);
      if (!member) throw new NotFoundError('There is no such person in this organisation');
      return toPerson(member);
    },
  );

  app.patch(
    '/api/v1/people/:id',
    {
      config: { access: platformAbilities.administer },
      schema: {
        tags: ['Platform'],
        summary: 'Change a person’s role or disable or enable them',
        security,
        params: personParams,
        body: z.object({ role: roleField.optional(), active: z.boolean({ message: 'must be true or false' }).optional() }),
        response: { 200: personSchema, ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      const actor = actorFor(request);
      if (!(await findMember(db, orgId, request.params.id))) throw new NotFoundError('There is no such person in this organisation');
      if (request.body.role) await changeRole(db, actor, orgId, request.params.id, request.body.role);
      if (request.body.active !== undefined) await setActive(db, actor, orgId, request.params.id, request.body.active);
      const member = await findMember(db, orgId, request.params.id);
      if (!member) throw new NotFoundError();
      return toPerson(member);
    },
  );

  app.get(
    '/api/v1/audit-events',
    {
      config: { access: platformAbilities.readAudit },
      schema: {
        tags: ['Platform'],
        summary: 'The audit log of the current organisation, newest first; pass `before` from `nextBefore` for the next page',
        security,
        querystring: auditFilterInput,
        response: { 200: z.object({ items: z.array(auditEventSchema), nextBefore: z.number().int().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const page = await listAuditEvents(db, identityOf(request).organisation.id, request.query);
      return {
        items: page.events.map((e) => ({
          id: e.id,
          at: e.at,
          actor: e.actor,
          action: e.action,
          entityType: e.entity_type,
          entityId: e.entity_id,
          summary: e.summary,
          before: e.before,
          after: e.after,
        })),
        nextBefore: page.nextBefore,
      };
    },
  );
}
