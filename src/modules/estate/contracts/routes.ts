import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import {
  actorFor,
  can,
  exportLimit,
  filtersOf,
  formErrors,
  identityOf,
  nextPageHref,
  NotFoundError,
  pageOf,
  UserError,
  pageQuery,
  sendSpreadsheet,
  submitForm,
  writeSpreadsheet,
  money,
} from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { contractParams, supplierParams } from '../references.js';

import { listSystems } from '../queries.js';
import { daysBetween } from './notice.js';
import { procurementNames } from '../names.js';
import { servicesOf } from '../../service-desk/index.js';
import {
  contractForm,
  contractsQuery,
  suppliersQuery,
  alertsForm,
  filterOf,
  contractsOf,
  listSuppliers,
  createContract,
  createSupplier,
  findContract,
  findSupplier,
  leadMonthsOf,
  ownerFromEmail,
  parseLeadMonths,
  setLeadMonths,
  supplierInput,
  suppliersOf,
  servicesOfContract,
  systemsOfContract,
  updateContract,
  updateSupplier,
} from './service.js';

const readers = estate.read;
const editors = estate.editContracts;
const view = (name: string) => `modules/estate/contracts/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Tech estate', href: '/estate' },
];
const pageSize = 100;

export async function contractRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/estate/contracts', { config: { access: readers, query: contractsQuery } }, async (request, reply) => {
    const identity = identityOf(request);
    const today = new Date().toISOString().slice(0, 10);
    const raw = (request.query ?? {}) as Record<string, string>;
    const parsed = await pageQuery(request, contractsQuery);
    if (!parsed.ok) reply.code(400);
    const [rows, leadMonths, suppliers] = await Promise.all([
      parsed.ok ? contractsOf(db, identity.organisation.id, filterOf(parsed.value), parsed.value.after, pageSize + 1) : Promise.resolve([]),
      leadMonthsOf(db, identity.organisation.id),
      suppliersOf(db, identity.organisation.id),
    ]);
    const page = pageOf(rows, pageSize, (c) => ({ d: c.notice_deadline, id: c.id }));
    return reply.render(view('contracts'), {
      title: 'Contracts',
      breadcrumbs: crumbs,
      canEdit: can(identity, editors),
      leadMonths,
      values: raw,
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      filters: filtersOf(raw),
      nextHref: nextPageHref('/estate/contracts', raw, page.next),
      supplierOptions: [
        { value: '', text: 'Any supplier' },
        ...suppliers.map((s) => ({ value: String(s.id), text: s.name, selected: raw.supplier === String(s.id) })),
      ],
      routeOptions: [
        { value: '', text: 'Any route' },
        ...Object.entries(procurementNames).map(([value, text]) => ({ value, text, selected: raw.route === value })),
      ],
      contracts: page.items.map((c) => {
        const days = daysBetween(today, c.notice_deadline);
        return {
          ...c,
          value: money(c.annual_value),
          days,
          state: days < 0 ? 'passed' : days <= 90 ? 'soon' : days <= 365 ? 'within a year' : '',
        };
      }),
    });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/estate/contracts.${format}`, { config: { access: readers, query: contractsQuery } }, async (request, reply) => {
      const parsed = await pageQuery(request, contractsQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const contracts = await contractsOf(db, identityOf(request).organisation.id, filterOf(parsed.value), null, exportLimit);
      const header = [
        'Reference',
        'Title',
        'Supplier',
        'Annual value',
        'Whole-life value',
        'Start date',
        'End date',
        'Notice period (months)',
        'Notice deadline',
        'Extension available (months)',
        'Procurement route',
        'Framework and lot',
        'Owner',
      ];
      const rows = contracts.map((c) => [
        c.reference,
        c.title,
        c.supplier_name,
        c.annual_value,
        c.whole_life_value,
        c.start_date,
        c.end_date,
        c.notice_months,
        c.notice_deadline,
        c.extension_months,
        procurementNames[c.procurement_route] ?? c.procurement_route,
        c.framework,
        c.owner_name,
      ]);
      return sendSpreadsheet(reply, await writeSpreadsheet(format, 'contracts', header, rows));
    });
    app.get(`/estate/suppliers.${format}`, { config: { access: readers, query: suppliersQuery } }, async (request, reply) => {
      const parsed = await pageQuery(request, suppliersQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const suppliers = await listSuppliers(db, identityOf(request).organisation.id, { search: parsed.value.q || undefined }, null, exportLimit);
      return sendSpreadsheet(
        reply,
        await writeSpreadsheet(
          format,
          'suppliers',
          ['Supplier', 'Company number', 'Contact'],
          suppliers.map((s) => [s.name, s.company_number, s.contact]),
        ),
      );
    });
  }

  const suppliersPage = async (request: FastifyRequest) => {
    const raw = (request.method === 'GET' ? request.query : {}) as Record<string, string>;
    const parsed = request.method === 'GET' ? await pageQuery(request, suppliersQuery) : { ok: true as const, value: suppliersQuery.parse({}) };
    const rows = parsed.ok
      ? await listSuppliers(db, identityOf(request).organisation.id, { search: parsed.value.q || undefined }, parsed.value.after, pageSize)
      : [];
    const page = pageOf(rows, pageSize, (s) => ({ n: s.name, id: s.id }));
    return {
      title: 'Suppliers',
      breadcrumbs: crumbs,
      suppliers: page.items,
      query: raw,
      filters: filtersOf(raw),
      nextHref: nextPageHref('/estate/suppliers', raw, page.next),
      ...(parsed.ok ? {} : { errors: formErrors(parsed.errors) }),
      canEdit: can(identityOf(request), editors),
    };
  };

  app.get('/estate/suppliers', { config: { access: readers, query: suppliersQuery } }, async (request, reply) => {
    const context = await suppliersPage(request);
    return reply.code(context.errors ? 400 : 200).render(view('suppliers'), context);
  });

  app.post('/estate/suppliers', { config: { access: editors, form: supplierInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: supplierInput,
      view: view('suppliers'),
      context: () => suppliersPage(request),
      action: async (v) => {
        await createSupplier(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: '/estate/suppliers', flash: `Added ${v.name}` };
      },
    }),
  );

  const supplierPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const { id } = request.params as z.output<typeof supplierParams>;
    const supplier = await findSupplier(db, identity.organisation.id, id);
    if (!supplier) throw new NotFoundError('There is no such supplier');
    const contracts = await contractsOf(db, identity.organisation.id, { supplierId: id }, null, 500);
    return {
      title: supplier.name,
      breadcrumbs: [...crumbs, { text: 'Suppliers', href: '/estate/suppliers' }],
      supplier,
      contracts: contracts.map((c) => ({ ...c, value: money(c.annual_value) })),
      canEdit: can(identity, editors),
      values: { name: supplier.name, companyNumber: supplier.company_number ?? '', contact: supplier.contact },
    };
  };

  app.get('/estate/suppliers/:id', { config: { access: readers }, schema: { params: supplierParams } }, async (request, reply) =>
    reply.render(view('supplier'), await supplierPage(request)),
  );

  app.post('/estate/suppliers/:id', { config: { access: editors, form: supplierInput }, schema: { params: supplierParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: supplierInput,
      view: view('supplier'),
      context: () => supplierPage(request),
      action: async (v) => {
        const { id } = request.params as z.output<typeof supplierParams>;
        await updateSupplier(db, actorFor(request), identityOf(request).organisation.id, id, v);
        return { redirect: `/estate/suppliers/${id}`, flash: `Saved ${v.name}` };
      },
    }),
  );

  const formContext = async (request: FastifyRequest, contractId?: number) => {
    const orgId = identityOf(request).organisation.id;
    const [suppliers, systems, covered, services, coveredServices] = await Promise.all([
      suppliersOf(db, orgId),
      listSystems(db, orgId, {}, 'name', null, 500),
      contractId ? systemsOfContract(db, contractId) : Promise.resolve([]),
      servicesOf(db, orgId),
      contractId ? servicesOfContract(db, contractId) : Promise.resolve([]),
    ]);
    const coveredIds = new Set(covered.map((s) => s.id));
    return {
      title: contractId ? 'Change a contract' : 'Add a contract',
      action: contractId ? `/estate/contracts/${contractId}` : '/estate/contracts',
      breadcrumbs: [...crumbs, { text: 'Contracts', href: '/estate/contracts' }],
      supplierOptions: [{ value: '', text: 'Choose a supplier' }, ...suppliers.map((s) => ({ value: String(s.id), text: s.name }))],
      routeOptions: [{ value: '', text: 'Choose a route' }, ...Object.entries(procurementNames).map(([value, text]) => ({ value, text }))],
      systemItems: systems.systems.map((s) => ({ value: String(s.id), text: s.name })),
      coveredIds: [...coveredIds].map(String),
      serviceItems: services.map((s) => ({ value: String(s.id), text: s.name })),
      coveredServiceIds: coveredServices.map((s) => String(s.id)),
    };
  };

  app.get('/estate/contracts/new', { config: { access: editors } }, async (request, reply) =>
    reply.render(view('contract-form'), { ...(await formContext(request)), values: { ownerEmail: identityOf(request).person.email } }),
  );

  app.post('/estate/contracts', { config: { access: editors, form: contractForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: contractForm,
      view: view('contract-form'),
      context: () => formContext(request),
      action: async (v) => {
        const orgId = identityOf(request).organisation.id;
        // A form without the owner field (an older page) makes the person adding it the owner.
        const ownerId = v.ownerEmail === undefined ? identityOf(request).person.id : await ownerFromEmail(db, orgId, v.ownerEmail);
        const id = await createContract(db, actorFor(request), orgId, v, v.systemIds, ownerId, v.serviceIds);
        return { redirect: `/estate/contracts/${id}`, flash: `Added contract ${v.reference}` };
      },
    }),
  );

  const contractOf = async (request: FastifyRequest) => {
    const contract = await findContract(db, identityOf(request).organisation.id, (request.params as z.output<typeof contractParams>).id);
    if (!contract) throw new NotFoundError('There is no such contract');
    return contract;
  };

  app.get('/estate/contracts/:id/edit', { config: { access: editors }, schema: { params: contractParams } }, async (request, reply) => {
    const c = await contractOf(request);
    const values = {
      reference: c.reference,
      title: c.title,
      supplierId: String(c.supplier_id),
      annualValue: c.annual_value ?? '',
      wholeLifeValue: c.whole_life_value ?? '',
      startDate: c.start_date,
      endDate: c.end_date,
      noticeMonths: String(c.notice_months),
      extensionMonths: String(c.extension_months),
      procurementRoute: c.procurement_route,
      framework: c.framework ?? '',
      ownerEmail: c.owner_email ?? '',
      notes: c.notes,
    };
    const context = await formContext(request, c.id);
    return reply.render(view('contract-form'), { ...context, values: { ...values, systemIds: context.coveredIds, serviceIds: context.coveredServiceIds } });
  });

  app.post('/estate/contracts/:id', { config: { access: editors, form: contractForm }, schema: { params: contractParams } }, async (request, reply) => {
    const c = await contractOf(request);
    return submitForm(request, reply, {
      schema: contractForm,
      view: view('contract-form'),
      context: () => formContext(request, c.id),
      action: async (v) => {
        const orgId = identityOf(request).organisation.id;
        await updateContract(db, actorFor(request), orgId, c.id, v, v.systemIds, await ownerFromEmail(db, orgId, v.ownerEmail), v.serviceIds);
        return { redirect: `/estate/contracts/${c.id}`, flash: `Saved contract ${v.reference}` };
      },
    });
  });

  app.get('/estate/contracts/:id', { config: { access: readers }, schema: { params: contractParams } }, async (request, reply) => {
    const identity = identityOf(request);
    const contract = await contractOf(request);
    const today = new Date().toISOString().slice(0, 10);
    return reply.render(view('contract'), {
      title: `${contract.reference}: ${contract.title}`,
      breadcrumbs: [...crumbs, { text: 'Contracts', href: '/estate/contracts' }],
      canEdit: can(identity, editors),
      contract: {
        ...contract,
        annual: money(contract.annual_value, { unknown: 'Not known' }),
        wholeLife: money(contract.whole_life_value, { unknown: 'Not known' }),
        routeName: procurementNames[contract.procurement_route] ?? contract.procurement_route,
        days: daysBetween(today, contract.notice_deadline),
      },
      systems: await systemsOfContract(db, contract.id),
      services: await servicesOfContract(db, contract.id),
    });
  });

  const settingsPage = async (request: FastifyRequest) => ({
    title: 'Contract alerts',
    breadcrumbs: [...crumbs, { text: 'Contracts', href: '/estate/contracts' }],
    values: { leadMonths: (await leadMonthsOf(db, identityOf(request).organisation.id)).join(', ') },
  });

  app.get('/estate/contracts/alerts', { config: { access: editors } }, async (request, reply) => reply.render(view('alerts'), await settingsPage(request)));

  app.post('/estate/contracts/alerts', { config: { access: editors, form: alertsForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: alertsForm,
      view: view('alerts'),
      context: () => settingsPage(request),
      action: async (v) => {
        const leadMonths = parseLeadMonths(v.leadMonths);
        await setLeadMonths(db, actorFor(request), identityOf(request).organisation.id, leadMonths);
        return { redirect: '/estate/contracts', flash: `Contract owners will be alerted ${leadMonths.join(', ')} months before each notice deadline` };
      },
    }),
  );
}
