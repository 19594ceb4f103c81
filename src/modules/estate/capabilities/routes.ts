import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, can, identityOf, NotFoundError, refs, serviceAreaRecord, serviceAreasOf, submitForm, money } from '../../../platform/index.js';
import { deskRecords } from '../../service-desk/index.js';
import { estate } from '../abilities.js';
import { capabilityParams, estateRecords, systemParams } from '../references.js';
import { servicesOf } from '../../service-desk/index.js';
import { hostingNames, lifecycleNames } from '../names.js';
const readers = estate.read;
const editors = estate.edit;
const supportsForm = z.object({
  serviceIds: refs(deskRecords.service, 'Choose services from your catalogue'),
  capabilityIds: refs(estateRecords.capability),
  serviceAreaIds: refs(serviceAreaRecord, 'Choose the council’s service areas'),
});
import { findSystem, serviceAreasOfSystem, servicesOfSystems } from '../queries.js';
import {
  capabilitiesOf,
  capabilitiesOfSystem,
  capabilityInput,
  createCapability,
  findCapability,
  setSupports,
  systemsOfCapability,
  updateCapability,
} from './service.js';

const view = (name: string) => `modules/estate/capabilities/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Tech estate', href: '/estate' },
];

/** Business capabilities (what the council does, like ‘Council tax collection’) and what each system supports. */
export async function capabilityRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const listPage = async (request: FastifyRequest) => ({
    title: 'Business capabilities',
    breadcrumbs: crumbs,
    capabilities: await capabilitiesOf(db, identityOf(request).organisation.id),
    canEdit: can(identityOf(request), editors),
  });

  app.get('/estate/capabilities', { config: { access: readers } }, async (request, reply) => reply.render(view('capabilities'), await listPage(request)));

  app.post('/estate/capabilities', { config: { access: editors, form: capabilityInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: capabilityInput,
      view: view('capabilities'),
      context: () => listPage(request),
      action: async (v) => {
        const id = await createCapability(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: `/estate/capabilities/${id}`, flash: `Added ${v.name}` };
      },
    }),
  );

  const capabilityPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const capability = await findCapability(db, identity.organisation.id, (request.params as z.output<typeof capabilityParams>).id);
    if (!capability) throw new NotFoundError('There is no such capability');
    const systems = await systemsOfCapability(db, capability.id);
    return {
      title: capability.name,
      breadcrumbs: [...crumbs, { text: 'Business capabilities', href: '/estate/capabilities' }],
      capability,
      systems: systems.map((s) => ({
        ...s,
        lifecycleName: s.lifecycle ? lifecycleNames[s.lifecycle] : 'Not decided',
        hostingName: s.hosting ? hostingNames[s.hosting] : 'Not known',
        cost: money(s.annual_cost),
      })),
      applications: systems.filter((s) => ['application', 'cloud-service', 'productivity-suite'].includes(s.kind)).length,
      canEdit: can(identity, editors),
      values: { name: capability.name, description: capability.description },
    };
  };

  app.get('/estate/capabilities/:id', { config: { access: readers }, schema: { params: capabilityParams } }, async (request, reply) =>
    reply.render(view('capability'), await capabilityPage(request)),
  );

  app.post('/estate/capabilities/:id', { config: { access: editors, form: capabilityInput }, schema: { params: capabilityParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: capabilityInput,
      view: view('capability'),
      context: () => capabilityPage(request),
      action: async (v) => {
        const { id } = request.params as z.output<typeof capabilityParams>;
        await updateCapability(db, actorFor(request), identityOf(request).organisation.id, id, v);
        return { redirect: `/estate/capabilities/${id}`, flash: `Saved ${v.name}` };
      },
    }),
  );

  const supportsPage = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const system = await findSystem(db, orgId, (request.params as z.output<typeof systemParams>).id);
    if (!system) throw new NotFoundError('There is no such system');
    const [services, capabilities, current, currentCaps, areas, currentAreas] = await Promise.all([
      servicesOf(db, orgId),
      capabilitiesOf(db, orgId),
      servicesOfSystems(db, orgId, [system.id]),
      capabilitiesOfSystem(db, system.id),
      serviceAreasOf(db, orgId),
      serviceAreasOfSystem(db, orgId, system.id),
    ]);
    return {
      title: `What ${system.name} supports`,
      breadcrumbs: [...crumbs, { text: system.name, href: `/estate/systems/${system.id}` }],
      system,
      serviceItems: services.map((s) => ({ value: String(s.id), text: s.name })),
      capabilityItems: capabilities.map((c) => ({ value: String(c.id), text: c.name })),
      areaItems: areas
        .filter((a) => a.kind === 'service-area')
        .map((a) => ({ value: String(a.id), text: a.name, hint: a.directorate_name ? { text: a.directorate_name } : undefined })),
      knownServiceIds: new Set(services.map((s) => s.id)),
      values: {
        serviceIds: current.map((s) => String(s.id)),
        capabilityIds: currentCaps.map((c) => String(c.id)),
        serviceAreaIds: currentAreas.map((a) => String(a.id)),
      },
    };
  };

  app.get('/estate/systems/:id/supports', { config: { access: editors }, schema: { params: systemParams } }, async (request, reply) =>
    reply.render(view('supports'), await supportsPage(request)),
  );

  app.post('/estate/systems/:id/supports', { config: { access: editors, form: supportsForm }, schema: { params: systemParams } }, async (request, reply) => {
    const page = await supportsPage(request);
    return submitForm(request, reply, {
      schema: supportsForm,
      view: view('supports'),
      context: () => page,
      action: async (v) => {
        await setSupports(
          db,
          actorFor(request),
          identityOf(request).organisation.id,
          page.system.id,
          v.serviceIds,
          v.capabilityIds,
          page.knownServiceIds,
          v.serviceAreaIds,
        );
        return { redirect: `/estate/systems/${page.system.id}#supports`, flash: 'Saved what the system supports' };
      },
    });
  });
}
