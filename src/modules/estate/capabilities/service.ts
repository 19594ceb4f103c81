import { z } from 'zod';
import { auditedWrite, NotFoundError, UserError, type Actor, type Db, line, paragraphs } from '../../../platform/index.js';
import { nowIso } from '../../../db/columns.js';
import { findSystem, servicesOfSystems } from '../queries.js';
import * as q from './queries.js';

export const capabilityInput = z.object({
  name: line(200, { required: 'Enter the capability, like ‘Council tax collection’', tooLong: 'Name must be 200 characters or fewer' }),
  description: z.preprocess((v) => v ?? '', paragraphs(2000, { tooLong: 'Description must be 2,000 characters or fewer' })),
});

export async function createCapability(db: Db, actor: Actor, organisationId: number, input: z.infer<typeof capabilityInput>) {
  if ((await q.capabilityIdsByName(db, organisationId)).has(input.name.toLowerCase()))
    throw new UserError(`There is already a capability called ${input.name}`, { field: 'name', status: 409 });
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertCapability(tx, { organisation_id: organisationId, name: input.name, description: input.description, created_at: nowIso() });
    await audit.created('capability', id, input, `Added the business capability ${input.name}`, organisationId);
    return id;
  });
}

export async function updateCapability(db: Db, actor: Actor, organisationId: number, id: number, input: z.infer<typeof capabilityInput>) {
  const before = await q.findCapability(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such capability');
  const clash = (await q.capabilityIdsByName(db, organisationId)).get(input.name.toLowerCase());
  if (clash !== undefined && clash !== id) throw new UserError(`There is already a capability called ${input.name}`, { field: 'name', status: 409 });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateCapability(tx, id, input);
    await audit.updated(
      'capability',
      id,
      { name: before.name, description: before.description },
      input,
      `Updated the business capability ${input.name}`,
      organisationId,
    );
  });
}

/** Sets the council services and business capabilities a system supports; each must be the organisation's own. */
export async function setSupports(
  db: Db,
  actor: Actor,
  organisationId: number,
  systemId: number,
  serviceIds: number[],
  capabilityIds: number[],
  knownServiceIds: Set<number>,
  /** The service areas that use it; left as they are when not given. */
  serviceAreaIds?: number[],
) {
  const system = await findSystem(db, organisationId, systemId);
  if (!system) throw new NotFoundError('There is no such system');
  if (serviceIds.some((id) => !knownServiceIds.has(id))) throw new UserError('Choose services from your catalogue', { field: 'serviceIds' });
  const capabilities = new Set((await q.capabilitiesOf(db, organisationId)).map((c) => c.id));
  if (capabilityIds.some((id) => !capabilities.has(id))) throw new UserError('Choose capabilities from your list', { field: 'capabilityIds' });
  const [services, caps] = [[...new Set(serviceIds)], [...new Set(capabilityIds)]];
  await auditedWrite(db, actor, async (tx, audit) => {
    const before = {
      services: (await servicesOfSystems(tx, organisationId, [systemId])).map((s) => s.id),
      capabilities: (await q.capabilitiesOfSystem(tx, systemId)).map((c) => c.id),
    };
    await q.replaceSupports(tx, organisationId, systemId, services, caps);
    const areas = serviceAreaIds ? [...new Set(serviceAreaIds)] : undefined;
    if (areas) await q.replaceServiceAreas(tx, organisationId, systemId, areas);
    await audit.updated(
      'system',
      systemId,
      before,
      { services, capabilities: caps, ...(areas ? { serviceAreas: areas } : {}) },
      `Changed what ${system.name} supports`,
      organisationId,
    );
  });
}

/** Adds one capability to what a system supports, keeping the rest. */
export async function linkSystemToCapability(db: Db, actor: Actor, organisationId: number, systemId: number, capabilityId: number) {
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.linkCapability(tx, { system_id: systemId, capability_id: capabilityId, organisation_id: organisationId });
    await audit.created(
      'system_capability',
      `${systemId}:${capabilityId}`,
      { system_id: systemId, capability_id: capabilityId },
      'Linked a system to a business capability',
      organisationId,
    );
  });
}

export { capabilitiesOf, findCapability, systemsOfCapability, capabilitiesOfSystem, sharedCapabilities } from './queries.js';
