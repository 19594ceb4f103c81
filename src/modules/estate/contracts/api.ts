import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, identityOf, idParams, NotFoundError, problemResponses, readers, type Role } from '../../../platform/index.js';
import {
  contractInput,
  contractsOf,
  createContract,
  createSupplier,
  findContract,
  ownerFromEmail,
  servicesOfContract,
  supplierInput,
  suppliersOf,
  systemsOfContract,
  updateContract,
  updateSupplier,
} from './service.js';

const editors: readonly Role[] = ['manager', 'admin'];
const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Tech estate'];

const supplierSchema = z.object({ id: z.number().int(), name: z.string(), companyNumber: z.string().nullable(), contact: z.string() }).meta({ id: 'Supplier' });
const contractSchema = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    title: z.string(),
    supplierId: z.number().int(),
    supplierName: z.string(),
    annualValue: z.number().nullable(),
    wholeLifeValue: z.number().nullable(),
    startDate: z.string(),
    endDate: z.string(),
    noticeMonths: z.number().int(),
    noticeDeadline: z.string(),
    extensionMonths: z.number().int(),
    procurementRoute: z.string(),
    framework: z.string().nullable(),
  })
  .meta({ id: 'Contract' });

type ContractRow = Awaited<ReturnType<typeof contractsOf>>[number];
const toContract = (c: ContractRow) => ({
  id: c.id,
  reference: c.reference,
  title: c.title,
  supplierId: c.supplier_id,
  supplierName: c.supplier_name,
  annualValue: c.annual_value === null ? null : Number(c.annual_value),
  wholeLifeValue: c.whole_life_value === null ? null : Number(c.whole_life_value),
  startDate: c.start_date,
  endDate: c.end_date,
  noticeMonths: c.notice_months,
  noticeDeadline: c.notice_deadline,
  extensionMonths: c.extension_months,
  procurementRoute: c.procurement_route,
  framework: c.framework,
});

export async function contractApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;

  app.get(
    '/api/v1/suppliers',
    {
      config: { access: readers },
      schema: { tags, security, summary: 'Suppliers', response: { 200: z.object({ items: z.array(supplierSchema) }), ...problemResponses } },
    },
    async (request) => ({
      items: (await suppliersOf(db, identityOf(request).organisation.id)).map((s) => ({
        id: s.id,
        name: s.name,
        companyNumber: s.company_number,
        contact: s.contact,
      })),
    }),
  );

  app.post(
    '/api/v1/suppliers',
    {
      config: { access: editors },
      schema: { tags, security, summary: 'Add a supplier', body: supplierInput, response: { 201: z.object({ id: z.number().int() }), ...problemResponses } },
    },
    async (request, reply) => reply.code(201).send({ id: await createSupplier(db, actorFor(request), identityOf(request).organisation.id, request.body) }),
  );

  app.get(
    '/api/v1/contracts',
    {
      config: { access: readers },
      schema: {
        tags,
        security,
        summary: 'Contracts in order of notice deadline; `deadlineBefore` keeps those due by a date',
        querystring: z.object({
          deadlineBefore: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the date as YYYY-MM-DD')
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(contractSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const rows = await contractsOf(
        db,
        identityOf(request).organisation.id,
        request.query.deadlineBefore ? { deadlineBefore: request.query.deadlineBefore } : {},
      );
      return { items: rows.map(toContract) };
    },
  );

  app.post(
    '/api/v1/contracts',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Add a contract; its notice deadline is worked out from the end date and notice period',
        body: contractInput.and(
          z.object({
            systemIds: z.array(z.number().int().positive()).max(500).optional(),
            serviceIds: z.array(z.number().int().positive()).max(500).optional(),
          }),
        ),
        response: { 201: contractSchema.extend({ systemIds: z.array(z.number().int()), serviceIds: z.array(z.number().int()) }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const orgId = identityOf(request).organisation.id;
      const id = await createContract(
        db,
        actorFor(request),
        orgId,
        request.body,
        request.body.systemIds ?? [],
        actorFor(request).personId,
        request.body.serviceIds ?? [],
      );
      const c = await findContract(db, orgId, id);
      if (!c) throw new NotFoundError();
      return reply.code(201).send({
        ...toContract(c),
        systemIds: (await systemsOfContract(db, id)).map((s) => s.id),
        serviceIds: (await servicesOfContract(db, id)).map((s) => s.id),
      });
    },
  );

  app.get(
    '/api/v1/contracts/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        security,
        summary: 'One contract and the systems it covers',
        params: idParams,
        response: { 200: contractSchema.extend({ systemIds: z.array(z.number().int()), serviceIds: z.array(z.number().int()) }), ...problemResponses },
      },
    },
    async (request) => {
      const c = await findContract(db, identityOf(request).organisation.id, request.params.id);
      if (!c) throw new NotFoundError('There is no such contract');
      return {
        ...toContract(c),
        systemIds: (await systemsOfContract(db, c.id)).map((s) => s.id),
        serviceIds: (await servicesOfContract(db, c.id)).map((s) => s.id),
      };
    },
  );

  app.put(
    '/api/v1/suppliers/:id',
    {
      config: { access: editors },
      schema: { tags, security, summary: 'Change a supplier', params: idParams, body: supplierInput, response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await updateSupplier(db, actorFor(request), identityOf(request).organisation.id, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/contracts/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        security,
        summary: 'Change a contract, replacing the systems it covers; taking an extension is a new end date',
        params: idParams,
        body: contractInput.and(
          z.object({
            systemIds: z.array(z.number().int().positive()).max(500).optional(),
            serviceIds: z.array(z.number().int().positive()).max(500).optional(),
            ownerEmail: z.string().max(254).nullable().optional(),
          }),
        ),
        response: { 200: contractSchema.extend({ systemIds: z.array(z.number().int()), serviceIds: z.array(z.number().int()) }), ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      const before = await findContract(db, orgId, request.params.id);
      if (!before) throw new NotFoundError('There is no such contract');
      // Without ownerEmail the owner stays as it was.
      const ownerId = request.body.ownerEmail === undefined ? before.owner_id : await ownerFromEmail(db, orgId, request.body.ownerEmail ?? undefined);
      await updateContract(db, actorFor(request), orgId, before.id, request.body, request.body.systemIds ?? [], ownerId, request.body.serviceIds ?? []);
      const c = await findContract(db, orgId, before.id);
      return {
        ...toContract(c!),
        systemIds: (await systemsOfContract(db, before.id)).map((s) => s.id),
        serviceIds: (await servicesOfContract(db, before.id)).map((s) => s.id),
      };
    },
  );
}
