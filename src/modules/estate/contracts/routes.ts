import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, identityOf, idParam, NotFoundError, readers, submitForm, type Role } from '../../../platform/index.js';
import { listSystems } from '../queries.js';
import { daysBetween } from './notice.js';
import { procurementNames } from '../names.js';
import { contractInput, contractsOf, createContract, createSupplier, findContract, supplierInput, suppliersOf, systemsOfContract } from './service.js';

const editors: readonly Role[] = ['manager', 'admin'];
const view = (name: string) => `modules/estate/contracts/views/${name}.njk`;
const crumbs = [{ text: 'Home', href: '/' }, { text: 'Tech estate', href: '/estate' }];
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

export async function contractRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/estate/contracts', { config: { access: readers } }, async (request, reply) => {
    const identity = identityOf(request);
    const today = new Date().toISOString().slice(0, 10);
    const contracts = await contractsOf(db, identity.organisation.id);
    return reply.render(view('contracts'), {
      title: 'Contracts',
      breadcrumbs: crumbs,
      canEdit: editors.includes(identity.role),
      contracts: contracts.map((c) => {
        const days = daysBetween(today, c.notice_deadline);
        return { ...c, value: c.annual_value !== null ? money.format(c.annual_value) : '', days, state: days < 0 ? 'passed' : days <= 90 ? 'soon' : days <= 365 ? 'within a year' : '' };
      }),
    });
  });

  app.get('/estate/suppliers', { config: { access: readers } }, async (request, reply) =>
    reply.render(view('suppliers'), { title: 'Suppliers', breadcrumbs: crumbs, suppliers: await suppliersOf(db, identityOf(request).organisation.id), canEdit: editors.includes(identityOf(request).role) }),
  );

  app.post('/estate/suppliers', { config: { access: editors } }, async (request, reply) =>
    submitForm(reply, {
      schema: supplierInput,
      body: request.body,
      view: view('suppliers'),
      context: async () => ({ title: 'Suppliers', breadcrumbs: crumbs, suppliers: await suppliersOf(db, identityOf(request).organisation.id), canEdit: true }),
      action: async (v) => {
        await createSupplier(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: '/estate/suppliers', flash: `Added ${v.name}` };
      },
    }),
  );

  const newContext = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const [suppliers, systems] = await Promise.all([suppliersOf(db, orgId), listSystems(db, orgId, {}, 'name', null, 500)]);
    return {
      title: 'Add a contract',
      breadcrumbs: [...crumbs, { text: 'Contracts', href: '/estate/contracts' }],
      supplierOptions: [{ value: '', text: 'Choose a supplier' }, ...suppliers.map((s) => ({ value: String(s.id), text: s.name }))],
      routeOptions: [{ value: '', text: 'Choose a route' }, ...Object.entries(procurementNames).map(([value, text]) => ({ value, text }))],
      systemItems: systems.systems.map((s) => ({ value: String(s.id), text: s.name })),
    };
  };

  app.get('/estate/contracts/new', { config: { access: editors } }, async (request, reply) => reply.render(view('contract-form'), await newContext(request)));

  app.post('/estate/contracts', { config: { access: editors } }, async (request, reply) =>
    submitForm(reply, {
      schema: contractInput.and(z.object({ systemIds: z.union([z.string(), z.array(z.string())]).optional() })),
      body: request.body,
      view: view('contract-form'),
      context: () => newContext(request),
      action: async (v) => {
        const systemIds = [v.systemIds ?? []].flat().map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
        const id = await createContract(db, actorFor(request), identityOf(request).organisation.id, v, systemIds);
        return { redirect: `/estate/contracts/${id}`, flash: `Added contract ${v.reference}` };
      },
    }),
  );

  app.get('/estate/contracts/:id', { config: { access: readers } }, async (request, reply) => {
    const identity = identityOf(request);
    const contract = await findContract(db, identity.organisation.id, idParam((request.params as { id: string }).id));
    if (!contract) throw new NotFoundError();
    const today = new Date().toISOString().slice(0, 10);
    return reply.render(view('contract'), {
      title: `${contract.reference}: ${contract.title}`,
      breadcrumbs: [...crumbs, { text: 'Contracts', href: '/estate/contracts' }],
      contract: {
        ...contract,
        annual: contract.annual_value !== null ? money.format(contract.annual_value) : 'Not known',
        wholeLife: contract.whole_life_value !== null ? money.format(contract.whole_life_value) : 'Not known',
        routeName: procurementNames[contract.procurement_route] ?? contract.procurement_route,
        days: daysBetween(today, contract.notice_deadline),
      },
      systems: await systemsOfContract(db, contract.id),
    });
  });
}
