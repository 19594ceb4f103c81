import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import {
  actorFor,
  allowingStyleAttributes,
  can,
  encodeCursor,
  filtersOf,
  formErrors,
  identityOf,
  nextPageHref,
  NotFoundError,
  pageQuery,
  submitForm,
  money,
  systemPanels,
  line,
  dataQualityNotesOf,
  serviceAreasOf,
} from '../../platform/index.js';
import { estate } from './abilities.js';
import { systemParams } from './references.js';
import { openTicketsOfServices, ticketStatusNames } from '../service-desk/index.js';
import { teamsOf } from '../teams/index.js';
import { capabilitiesOfSystem } from './capabilities/service.js';
import { impactOf } from './impact/service.js';
import { chainText } from './impact/graph.js';
import { areaNames, flowMethodNames, hostingNames, kindNames, layerNames, lifecycleNames, options, personalNames, relationshipNames } from './names.js';
import {
  servicesOfSystems,
  addDataFlow,
  addRelationship,
  createSystem,
  ownersFromEmails,
  dataFlowInput,
  dataFlowsOf,
  findSystem,
  listSystems,
  relationshipInput,
  relationshipsOf,
  registerFilter,
  registerQuery,
  systemForm,
  updateSystem,
  bulkChangeInput,
  bulkChangeSystems,
  type SystemSort,
} from './service.js';
import { suppliersOf } from './contracts/queries.js';
import { serviceAreasOfSystem } from './queries.js';

const editors = estate.edit;
const relationshipForm = relationshipInput.omit({ fromSystemId: true });
const dataFlowForm = dataFlowInput.omit({ fromSystemId: true });
const idOf = (request: FastifyRequest) => (request.params as z.output<typeof systemParams>).id;
const view = (name: string) => `modules/estate/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Tech estate', href: '/estate' },
];

export async function estateRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/estate', { config: { access: estate.read, query: registerQuery } }, async (request, reply) => {
    const identity = identityOf(request);
    const raw = (request.query ?? {}) as Record<string, string>;
    const parsed = await pageQuery(request, registerQuery);
    const v = parsed.ok ? parsed.value : registerQuery.parse({});
    const filter = registerFilter(v);
    const sort: SystemSort = v.sort ?? 'name';
    const page = parsed.ok ? await listSystems(db, identity.organisation.id, filter, sort, v.after, 50) : { systems: [], next: null };
    if (!parsed.ok) reply.code(400);
    return reply.render(view('register'), {
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      title: 'Tech estate',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      systems: page.systems.map((s) => ({
        ...s,
        kindName: kindNames[s.kind],
        layerName: s.layer ? layerNames[s.layer] : '',
        hostingName: s.hosting ? hostingNames[s.hosting] : '',
        lifecycleName: s.lifecycle ? lifecycleNames[s.lifecycle] : '',
        cost: money(s.annual_cost),
      })),
      nextHref: nextPageHref('/estate', raw, page.next ? encodeCursor(page.next) : null),
      values: raw,
      csvQuery: filtersOf(raw),
      canEdit: can(identity, editors),
      returnTo: `/estate${filtersOf(raw) ? `?${filtersOf(raw)}` : ''}`,
      bulk: can(identity, editors)
        ? {
            layers: options(layerNames, null, 'Keep as it is'),
            areas: options(areaNames, null, 'Keep as it is'),
            lifecycles: options(lifecycleNames, null, 'Keep as it is'),
            suppliers: [
              { value: '', text: 'Keep as it is' },
              ...(await suppliersOf(db, identity.organisation.id, 500)).map((s) => ({ value: String(s.id), text: s.name })),
            ],
          }
        : null,
      kindOptions: options(kindNames, raw.kind, 'Any kind'),
      layerOptions: options(layerNames, raw.layer, 'Any layer'),
      areaOptions: options(areaNames, raw.area, 'Any area'),
      hostingOptions: options(hostingNames, raw.hosting, 'Any hosting'),
      lifecycleOptions: options(lifecycleNames, raw.lifecycle, 'Any decision'),
      serviceAreaOptions: [
        { value: '', text: 'Any service area' },
        ...(await serviceAreasOf(db, identity.organisation.id))
          .filter((a) => a.kind === 'service-area')
          .map((a) => ({ value: String(a.id), text: a.name, selected: String(a.id) === raw.serviceArea })),
      ],
      sortOptions: [
        { value: 'name', text: 'Name', selected: sort === 'name' },
        { value: 'cost', text: 'Annual cost, highest first', selected: sort === 'cost' },
        { value: 'end-of-support', text: 'End of support, soonest first', selected: sort === 'end-of-support' },
      ],
    });
  });

  const bulkForm = bulkChangeInput.extend({
    returnTo: line(1000)
      .regex(/^\/estate(\?[^\r\n]*)?$/, 'Go back to the register')
      .optional()
      .meta({ example: '/estate?layer=line-of-business' }),
  });
  app.post('/estate/systems/bulk', { config: { access: editors, form: bulkForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: bulkForm,
      view: view('bulk-refused'),
      context: () => ({ title: 'Nothing was changed', breadcrumbs: crumbs }),
      action: async (v) => {
        const n = await bulkChangeSystems(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: v.returnTo ?? '/estate', flash: `${n} ${n === 1 ? 'system' : 'systems'} changed` };
      },
    }),
  );

  const formContext = async (request: FastifyRequest, title: string, action: string, v: Record<string, unknown> = {}) => ({
    title,
    action,
    breadcrumbs: crumbs,
    teamOptions: [
      { value: '', text: 'None' },
      ...(await teamsOf(db, identityOf(request).organisation.id)).map((t) => ({
        value: String(t.id),
        text: t.name,
        selected: String(t.id) === String(v.teamId ?? ''),
      })),
    ],
    kindOptions: options(kindNames, v.kind as string, 'Choose a kind'),
    layerOptions: options(layerNames, v.layer as string, 'Not known'),
    areaOptions: options(areaNames, v.area as string, 'Not known'),
    hostingOptions: options(hostingNames, v.hosting as string, 'Not known'),
    lifecycleOptions: options(lifecycleNames, v.lifecycle as string, 'Not decided'),
  });

  // The import moved to the platform with every other kind of import; old links still arrive.
  app.get('/estate/import', { config: { access: editors } }, async (_request, reply) => reply.redirect('/imports?kind=systems', 301));

  app.get('/estate/systems/new', { config: { access: editors } }, async (request, reply) =>
    reply.render(view('system-form'), await formContext(request, 'Add a system', '/estate/systems')),
  );

  app.post('/estate/systems', { config: { access: editors, form: systemForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: systemForm,
      view: view('system-form'),
      context: () => formContext(request, 'Add a system', '/estate/systems', request.body as Record<string, unknown>),
      action: async (v) => {
        const orgId = identityOf(request).organisation.id;
        const id = await createSystem(db, actorFor(request), orgId, v, await ownersFromEmails(db, orgId, v));
        return { redirect: `/estate/systems/${id}`, flash: `Added ${v.name}` };
      },
    }),
  );

  const systemContext = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const id = idOf(request);
    const system = await findSystem(db, identity.organisation.id, id);
    if (!system) throw new NotFoundError();
    const [relationships, flows, impact, all, services, capabilities, quality, usedBy, panels] = await Promise.all([
      relationshipsOf(db, identity.organisation.id, id),
      dataFlowsOf(db, identity.organisation.id, id),
      impactOf(db, identity.organisation.id, id, { limit: 10, degradedLimit: 5 }),
      listSystems(db, identity.organisation.id, {}, 'name', null, 500),
      servicesOfSystems(db, identity.organisation.id, [id]),
      capabilitiesOfSystem(db, id),
      dataQualityNotesOf(db, identity.organisation.id, 'system', id),
      serviceAreasOfSystem(db, identity.organisation.id, id),
      systemPanels(app, { organisationId: identity.organisation.id, systemId: id, identity }),
    ]);
    const tickets = await openTicketsOfServices(
      db,
      identity.organisation.id,
      services.map((s) => s.id),
      20,
    );
    const others = all.systems.filter((s) => s.id !== id).map((s) => ({ value: String(s.id), text: s.name }));
    return {
      title: system.name,
      breadcrumbs: crumbs,
      system: {
        ...system,
        kindName: kindNames[system.kind],
        layerName: system.layer ? layerNames[system.layer] : 'Not known',
        areaName: system.area ? areaNames[system.area] : 'Not known',
        hostingName: system.hosting ? hostingNames[system.hosting] : 'Not known',
        lifecycleName: system.lifecycle ? lifecycleNames[system.lifecycle] : 'Not decided',
        cost: money(system.annual_cost, { unknown: 'Not known' }),
      },
      outgoing: relationships.outgoing.map((r) => ({ ...r, kindName: relationshipNames[r.kind] })),
      incoming: relationships.incoming.map((r) => ({ ...r, kindName: relationshipNames[r.kind] })),
      flows: flows.map((f) => ({ ...f, methodName: flowMethodNames[f.method], personalName: personalNames[f.personal] })),
      quality,
      usedBy,
      panels,
      hosts: system.hosts.split('\n').filter(Boolean),
      impact: { ...impact, fails: impact.fails.map((s) => ({ ...s, how: chainText(s.chain) })) },
      services,
      capabilities,
      tickets: tickets.map((t) => ({ ...t, statusName: ticketStatusNames[t.status] })),
      canEdit: can(identity, editors),
      systemOptions: [{ value: '', text: 'Choose a system' }, ...others],
      relationshipOptions: options(relationshipNames, null, 'Choose a relationship'),
      methodOptions: options(flowMethodNames, null, 'Choose how'),
      personalItems: Object.entries(personalNames).map(([value, text]) => ({ value, text })),
    };
  };

  // The graph library positions its canvas with inline styles; the page allows those, and only those.
  app.get(
    '/estate/systems/:id',
    { config: { access: estate.read }, schema: { params: systemParams }, helmet: allowingStyleAttributes(app.steward.config.secureCookies) } as object,
    async (request, reply) => reply.render(view('system'), await systemContext(request)),
  );

  app.get('/estate/systems/:id/edit', { config: { access: editors }, schema: { params: systemParams } }, async (request, reply) => {
    const identity = identityOf(request);
    const s = await findSystem(db, identity.organisation.id, idOf(request));
    if (!s) throw new NotFoundError();
    const values = {
      identifier: s.identifier,
      name: s.name,
      kind: s.kind,
      layer: s.layer ?? '',
      area: s.area ?? '',
      sourcing: s.sourcing ?? '',
      hosting: s.hosting ?? '',
      product: s.product ?? '',
      vendor: s.vendor ?? '',
      version: s.version ?? '',
      endOfSupport: s.end_of_support ?? '',
      lifecycle: s.lifecycle ?? '',
      teamId: s.team_id ? String(s.team_id) : '',
      businessOwnerEmail: s.business_owner_email ?? '',
      technicalOwnerEmail: s.technical_owner_email ?? '',
      serviceManagerEmail: s.service_manager_email ?? '',
      lifecycleReason: s.lifecycle_reason ?? '',
      criticality: s.criticality ? String(s.criticality) : '',
      users: s.users ?? '',
      annualCost: s.annual_cost ?? '',
      recoveryPlan: s.recovery_plan === null ? '' : s.recovery_plan ? 'yes' : 'no',
      description: s.description,
      hosts: s.hosts,
    };
    return reply.render(view('system-form'), { ...(await formContext(request, `Edit ${s.name}`, `/estate/systems/${s.id}`, values)), values });
  });

  app.post('/estate/systems/:id', { config: { access: editors, form: systemForm }, schema: { params: systemParams } }, async (request, reply) => {
    const id = idOf(request);
    return submitForm(request, reply, {
      schema: systemForm,
      view: view('system-form'),
      context: () => formContext(request, 'Edit system', `/estate/systems/${id}`, request.body as Record<string, unknown>),
      action: async (v) => {
        const orgId = identityOf(request).organisation.id;
        await updateSystem(db, actorFor(request), orgId, id, v, await ownersFromEmails(db, orgId, v));
        return { redirect: `/estate/systems/${id}`, flash: 'System saved' };
      },
    });
  });

  app.post(
    '/estate/systems/:id/relationships',
    { config: { access: editors, form: relationshipForm }, schema: { params: systemParams } },
    async (request, reply) => {
      const id = idOf(request);
      return submitForm(request, reply, {
        schema: relationshipForm,
        view: view('system'),
        context: () => systemContext(request),
        action: async (v) => {
          await addRelationship(db, actorFor(request), identityOf(request).organisation.id, { ...v, fromSystemId: id });
          return { redirect: `/estate/systems/${id}#relationships`, flash: 'Relationship recorded' };
        },
      });
    },
  );

  app.post('/estate/systems/:id/data-flows', { config: { access: editors, form: dataFlowForm }, schema: { params: systemParams } }, async (request, reply) => {
    const id = idOf(request);
    return submitForm(request, reply, {
      schema: dataFlowForm,
      view: view('system'),
      context: () => systemContext(request),
      action: async (v) => {
        await addDataFlow(db, actorFor(request), identityOf(request).organisation.id, { ...v, fromSystemId: id });
        return { redirect: `/estate/systems/${id}#data-flows`, flash: 'Data flow recorded' };
      },
    });
  });
}
