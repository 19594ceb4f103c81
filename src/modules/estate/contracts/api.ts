import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, dateFilter, identityOf, NotFoundError, pageOf, pageSize, problemResponses } from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { contractParams, supplierParams } from '../references.js';
import {
  contractApiInput,
  contractsQuery,
  filterOf,
  listSuppliers,
  suppliersQuery,
  contractsOf,
  createContract,
  createSupplier,
  findContract,
  ownerFromEmail,
  servicesOfContract,
  supplierInput,
  systemsOfContract,
  updateContract,
  updateSupplier,
} from './service.js';

const readers = estate.read;
const editors = estate.editContracts;
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
    datesKnownTo: z
      .object({ start: z.enum(['day', 'month', 'quarter', 'year']), end: z.enum(['day', 'month', 'quarter', 'year']) })
      .meta({ description: 'How much of each date the source gave: a month or year is stored as its first (start) or last (end) day' }),
    noticeMonths: z.number().int(),
    noticeDeadline: z.string(),
    extensionMonths: z.number().int(),
    procurementRoute: z.string(),
    framework: z.string().nullable(),
  })
  .meta({ id: 'Contract' });

type ContractRow = Awaited<ReturnType<typeof contractsOf>>[number];
const knownTo = (p: string | null | undefined): 'day' | 'month' | 'quarter' | 'year' => (p === 'month' || p === 'quarter' || p === 'year' ? p : 'day');
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
  datesKnownTo: { start: knownTo(c.start_date_precision), end: knownTo(c.end_date_precision) },
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
      schema: {
        tags,
        security,
        summary: 'Suppliers by name; `q` finds them by name; pass `next` back as `after` for the next page',
        querystring: suppliersQuery.extend({ limit: pageSize(100, 500) }),
        response: { 200: z.object({ items: z.array(supplierSchema), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const { q, after, limit } = request.query;
      const rows = await listSuppliers(db, identityOf(request).organisation.id, { search: q || undefined }, after, limit);
      const page = pageOf(rows, limit, (s) => ({ n: s.name, id: s.id }));
      return { items: page.items.map((s) => ({ id: s.id, name: s.name, companyNumber: s.company_number, contact: s.contact })), next: page.next };
    },
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
        querystring: contractsQuery.extend({ deadlineBefore: dateFilter, limit: pageSize(100, 500) }),
        response: { 200: z.object({ items: z.array(contractSchema), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const { deadlineBefore, limit, ...query } = request.query;
      const filter = { ...filterOf(query), ...(deadlineBefore ? { deadlineBefore } : {}) };
      const rows = await contractsOf(db, identityOf(request).organisation.id, filter, query.after, limit + 1);
      const page = pageOf(rows, limit, (c) => ({ d: c.notice_deadline, id: c.id }));
      return { items: page.items.map(toContract), next: page.next };
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
        body: contractApiInput,
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
        params: contractParams,
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
      schema: { tags, security, summary: 'Change a supplier', params: supplierParams, body: supplierInput, response: { 204: z.null(), ...problemResponses } },
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
        params: contractParams,
        body: contractApiInput,
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
