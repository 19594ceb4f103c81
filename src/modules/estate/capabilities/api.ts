import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, identityOf, NotFoundError, problemResponses, ref } from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { estateRecords, systemParams } from '../references.js';
import { deskRecords, servicesOf } from '../../service-desk/index.js';
import { findSystem, servicesOfSystems } from '../queries.js';
const readers = estate.read;
const editors = estate.edit;
const idParams = systemParams;
import { capabilitiesOf, capabilitiesOfSystem, capabilityInput, createCapability, setSupports } from './service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Tech estate'];
const capabilitySchema = z.object({ id: z.number().int(), name: z.string(), description: z.string(), systems: z.number().int() }).meta({ id: 'Capability' });
const supportsSchema = z
  .object({ serviceIds: z.array(z.number().int().positive()).max(500), capabilityIds: z.array(z.number().int().positive()).max(500) })
  .meta({ id: 'SystemSupports' });
const supportsInput = z.object({
  serviceIds: z.array(ref(deskRecords.service, 'Choose services from your catalogue')).max(500),
  capabilityIds: z.array(ref(estateRecords.capability)).max(500),
});

export async function capabilityApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;

  app.get(
    '/api/v1/capabilities',
    {
      config: { access: readers },
      schema: {
        tags,
        security,
        summary: 'Business capabilities, with how many systems support each',
        response: { 200: z.object({ items: z.array(capabilitySchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await capabilitiesOf(db, identityOf(request).organisation.id)).map((c) => ({ ...c, systems: Number(c.systems) })) }),
  );

  app.post(
    '/api/v1/capabilities',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Add a business capability',
        body: capabilityInput,
        response: { 201: z.object({ id: z.number().int() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await createCapability(db, actorFor(request), identityOf(request).organisation.id, request.body) }),
  );

  const supportsOf = async (organisationId: number, systemId: number) => {
    if (!(await findSystem(db, organisationId, systemId))) throw new NotFoundError('There is no such system');
    const [services, capabilities] = await Promise.all([servicesOfSystems(db, organisationId, [systemId]), capabilitiesOfSystem(db, systemId)]);
    return { serviceIds: services.map((s) => s.id), capabilityIds: capabilities.map((c) => c.id) };
  };

  app.get(
    '/api/v1/systems/:id/supports',
    {
      config: { access: readers },
      schema: {
        tags,
        security,
        summary: 'The council services and business capabilities a system supports',
        params: idParams,
        response: { 200: supportsSchema, ...problemResponses },
      },
    },
    async (request) => supportsOf(identityOf(request).organisation.id, request.params.id),
  );

  app.put(
    '/api/v1/systems/:id/supports',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Set the council services and business capabilities a system supports',
        params: idParams,
        body: supportsInput,
        response: { 200: supportsSchema, ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      const known = new Set((await servicesOf(db, orgId)).map((s) => s.id));
      await setSupports(db, actorFor(request), orgId, request.params.id, request.body.serviceIds, request.body.capabilityIds, known);
      return supportsOf(orgId, request.params.id);
    },
  );
}
