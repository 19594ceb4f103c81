import { z } from 'zod';
import {
  activeMemberByEmail,
  anyOf,
  blankToNull,
  cursor,
  auditedWrite,
  line,
  NotFoundError,
  optionalRef,
  paragraphs,
  ref,
  serviceAreaRecord,
  dict,
  own,
  resolveDataQualityNotes,
  UserError,
  type Actor,
  type AuditRecorder,
  type Db,
  type Tx,
} from '../../platform/index.js';
import { fieldOfColumn } from './import/systems.js';
import { findSupplier } from './contracts/queries.js';
import { estateRecords, personEmail } from './references.js';
import { nowIso } from '../../db/columns.js';
import * as q from './queries.js';
import { maxHosts, readHosts } from './hosts.js';
import { findTeam, team } from '../teams/index.js';
import { areas, flowMethods, hostings, layers, lifecycles, personalData, relationshipKinds, systemKinds, type Lifecycle } from './tables.js';

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(blankToNull, z.enum(values, { message }).nullable());
const optionalText = (max: number) => z.preprocess(blankToNull, line(max).nullable());

export const systemInput = z.object({
  identifier: line(60, { required: 'Enter the system’s identifier, as in your register', tooLong: 'Identifier must be 60 characters or fewer' }),
  name: line(200, { required: 'Enter the system’s name', tooLong: 'Name must be 200 characters or fewer' }),
  kind: z.enum(systemKinds, { message: 'Choose what kind of system it is' }),
  layer: optionalEnum(layers, 'Choose an architecture layer'),
  area: optionalEnum(areas, 'Choose an area of government technology'),
  sourcing: optionalEnum(['commodity', 'bespoke'] as const, 'Choose commodity or bespoke'),
  hosting: optionalEnum(hostings, 'Choose how it is hosted'),
  product: optionalText(200),
  vendor: optionalText(200),
  version: optionalText(60),
  endOfSupport: z.preprocess(
    blankToNull,
    z
      .string()
      .max(10, 'Enter the end of support as YYYY-MM-DD')
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the end of support as YYYY-MM-DD')
      .meta({ example: '2028-03-31' })
      .nullable(),
  ),
  lifecycle: optionalEnum(lifecycles, 'Choose tolerate, invest, migrate or eliminate'),
  lifecycleReason: z.preprocess(blankToNull, paragraphs(2000).nullable()),
  criticality: z.preprocess(
    blankToNull,
    z.coerce.number({ message: 'Choose a criticality tier' }).int().min(1, 'Choose a criticality tier').max(4, 'Choose a criticality tier').nullable(),
  ),
  users: z.preprocess(
    blankToNull,
    z.coerce
      .number({ message: 'Enter the number of users as a number' })
      .int('Enter a whole number of users')
      .min(0, 'The number of users cannot be negative')
      .max(10_000_000, 'Enter a number of users up to 10,000,000')
      .nullable(),
  ),
  annualCost: z.preprocess(
    blankToNull,
    z.coerce.number({ message: 'Enter the annual cost in pounds, like 12500' }).min(0, 'The annual cost cannot be negative').max(1e10).nullable(),
  ),
  recoveryPlan: z.preprocess((v) => (v === 'yes' || v === true ? true : v === 'no' || v === false ? false : null), z.boolean().nullable()),
  description: z.preprocess((v) => v ?? '', paragraphs(5000, { tooLong: 'Description must be 5,000 characters or fewer' })),
  hosts: paragraphs(5000, { tooLong: 'Host names and addresses must be 5,000 characters or fewer' })
    .optional()
    .describe('The host names and addresses a vulnerability scanner reports for it, one per line')
    .transform((v, ctx) => {
      const read = readHosts(v ?? '');
      if (read.bad.length) ctx.addIssue({ code: 'custom', message: `“${read.bad[0]}” is not a host name or address` });
      else if (read.hosts.length > maxHosts) ctx.addIssue({ code: 'custom', message: `Record up to ${maxHosts} host names and addresses` });
      return read.hosts.join('\n');
    }),
});
export type SystemInput = z.infer<typeof systemInput>;

/** The register's filters and order, shared by the page, its exports and the API. */
export const registerQuery = z.object({
  q: line(100, { tooLong: 'Search for 100 characters or fewer' }).optional(),
  kind: anyOf(z.enum(systemKinds, { message: 'Choose one of the kinds' })),
  layer: anyOf(z.enum(layers, { message: 'Choose one of the layers' })),
  area: anyOf(z.enum(areas, { message: 'Choose one of the areas' })),
  hosting: anyOf(z.enum(hostings, { message: 'Choose one of the kinds of hosting' })),
  lifecycle: anyOf(z.enum(lifecycles, { message: 'Choose one of the decisions' })),
  serviceArea: anyOf(ref(serviceAreaRecord, 'Choose one of the council’s service areas')),
  sort: anyOf(z.enum(['name', 'cost', 'end-of-support'], { message: 'Choose one of the orders' })),
  after: cursor(z.object({ k: z.union([z.string().max(300), z.number(), z.null()]), id: z.number().int().positive() })),
});

/** The register's filters from its query: the same for the page, the export and the API. */
export const registerFilter = (v: z.output<typeof registerQuery>) => ({
  search: v.q || undefined,
  kind: v.kind,
  layer: v.layer,
  area: v.area,
  hosting: v.hosting,
  lifecycle: v.lifecycle,
  serviceArea: v.serviceArea,
});

/** The system form: the record, its resolver team and the people accountable for it, named by email. */
export const systemForm = systemInput.extend({
  teamId: optionalRef(team),
  businessOwnerEmail: personEmail(),
  technicalOwnerEmail: personEmail(),
  serviceManagerEmail: personEmail(),
});
export type SystemForm = z.infer<typeof systemForm>;

/** A system with nothing known beyond its identifier, name and kind: the start of a new record. */
export const nothingKnown: Omit<SystemInput, 'identifier' | 'name' | 'kind'> = {
  layer: null,
  area: null,
  sourcing: null,
  hosting: null,
  product: null,
  vendor: null,
  version: null,
  endOfSupport: null,
  lifecycle: null,
  lifecycleReason: null,
  criticality: null,
  users: null,
  annualCost: null,
  recoveryPlan: null,
  description: '',
  hosts: '',
};

function toRow(input: SystemInput) {
  return {
    identifier: input.identifier,
    name: input.name,
    kind: input.kind,
    layer: input.layer,
    area: input.area,
    sourcing: input.sourcing,
    hosting: input.hosting,
    product: input.product,
    vendor: input.vendor,
    version: input.version,
    end_of_support: input.endOfSupport,
    // A date typed in the form is a whole date.
    end_of_support_precision: null as string | null,
    lifecycle: input.lifecycle,
    lifecycle_reason: input.lifecycleReason,
    criticality: input.criticality,
    users: input.users,
    annual_cost: input.annualCost,
    recovery_plan: input.recoveryPlan === null ? null : input.recoveryPlan ? 1 : 0,
    description: input.description,
    hosts: input.hosts,
  };
}

export interface Owners {
  business_owner_id: number | null;
  technical_owner_id: number | null;
  service_manager_id: number | null;
  team_id?: number | null;
}

/** Someone named by email on a form, who must be in the organisation; blank means no one. */
export async function memberIdByEmail(db: Db, organisationId: number, email: string | undefined, field: string): Promise<number | null> {
  if (!email?.trim()) return null;
  const person = await activeMemberByEmail(db, organisationId, email.trim());
  if (!person) throw new UserError('There is no one with that email address in this organisation', { field });
  return person.id;
}

/**
 * The people accountable for a system, named by email on forms, and its resolver team; each must
 * belong to the organisation.
 */
export async function ownersFromEmails(
  db: Db,
  organisationId: number,
  emails: Pick<SystemForm, 'businessOwnerEmail' | 'technicalOwnerEmail' | 'serviceManagerEmail' | 'teamId'>,
): Promise<Owners> {
  const one = (field: 'businessOwnerEmail' | 'technicalOwnerEmail' | 'serviceManagerEmail') => memberIdByEmail(db, organisationId, emails[field], field);
  let team_id: number | null = null;
  if (emails.teamId) {
    const found = await findTeam(db, organisationId, emails.teamId);
    if (!found) throw new UserError('Choose one of your teams', { field: 'teamId' });
    team_id = found.id;
  }
  return {
    business_owner_id: await one('businessOwnerEmail'),
    technical_owner_id: await one('technicalOwnerEmail'),
    service_manager_id: await one('serviceManagerEmail'),
    team_id,
  };
}

/** A host name or address belongs to one system: a scanner's finding on it must have one home. */
async function refuseHostsOfOthers(db: Db, organisationId: number, id: number | null, hosts: string) {
  if (!hosts) return;
  const mine = hosts.split('\n').filter((h) => h && !h.endsWith('*') && !h.includes('/'));
  if (!mine.length) return;
  for (const other of await q.systemsWithHosts(db, organisationId)) {
    if (other.id === id) continue;
    const shared = mine.find((h) => other.hosts.includes(h));
    if (shared) throw new UserError(`${shared} is already recorded on ${other.name}: a host belongs to one system`, { field: 'hosts', status: 409 });
  }
}

export async function createSystem(db: Db, actor: Actor, organisationId: number, input: SystemInput, owners?: Owners) {
  if (await q.findSystemByIdentifier(db, organisationId, input.identifier)) {
    throw new UserError(`There is already a system with the identifier ${input.identifier}`, { field: 'identifier', status: 409 });
  }
  await refuseHostsOfOthers(db, organisationId, null, input.hosts);
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const row = { ...toRow(input), ...(owners ?? {}) };
    const id = await q.insertSystem(tx, { ...row, organisation_id: organisationId, created_at: now, updated_at: now });
    await audit.created('system', id, row, `Added ${input.name} to the estate`, organisationId);
    return id;
  });
}

export async function updateSystem(db: Db, actor: Actor, organisationId: number, id: number, input: SystemInput, owners?: Owners) {
  const before = await q.findSystem(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such system');
  const clash = await q.findSystemByIdentifier(db, organisationId, input.identifier);
  if (clash && clash.id !== id) throw new UserError(`There is already a system with the identifier ${input.identifier}`, { field: 'identifier', status: 409 });
  await refuseHostsOfOthers(db, organisationId, id, input.hosts);
  await auditedWrite(db, actor, async (tx, audit) => {
    // Choosing an owner by hand replaces the name the register gave.
    const row = {
      ...toRow(input),
      ...(owners ?? {}),
      ...(owners?.business_owner_id ? { business_owner_text: null } : {}),
      ...(owners?.technical_owner_id ? { technical_owner_text: null } : {}),
    };
    // An unchanged date keeps how much of it the register gave (a year, a month).
    if (row.end_of_support === before.end_of_support) row.end_of_support_precision = before.end_of_support_precision;
    const now = nowIso();
    await q.updateSystem(tx, organisationId, id, { ...row, updated_at: now });
    const old = Object.fromEntries(Object.keys(row).map((k) => [k, before[k as keyof typeof before]]));
    // What an import noted of a field no longer holds once a person has changed it.
    const after = dict<unknown>(row);
    const was = dict<unknown>(old);
    const changed = Object.keys(row).filter((k) => String(own(was, k) ?? '') !== String(own(after, k) ?? ''));
    const fields = changed.map(fieldOfColumn).filter((f): f is string => f !== null);
    await resolveDataQualityNotes(tx, organisationId, 'system', id, fields, actor.personId, now);
    await audit.updated('system', id, old, row, `Updated ${input.name}`, organisationId);
  });
}

export const relationshipInput = z.object({
  fromSystemId: ref(estateRecords.system, 'Choose the system the relationship is from'),
  toSystemId: ref(estateRecords.system, 'Choose the system the relationship is to'),
  kind: z.enum(relationshipKinds, { message: 'Choose the kind of relationship' }),
});

/** Both ends must be systems of this organisation, and a system does not depend on itself. */
export async function addRelationship(db: Db, actor: Actor, organisationId: number, input: z.infer<typeof relationshipInput>) {
  const [from, to] = await Promise.all([q.findSystem(db, organisationId, input.fromSystemId), q.findSystem(db, organisationId, input.toSystemId)]);
  if (!from) throw new UserError('There is no such system to relate from', { field: 'fromSystemId' });
  if (!to) throw new UserError('There is no such system to relate to', { field: 'toSystemId' });
  if (from.id === to.id) throw new UserError('A system cannot have a relationship with itself', { field: 'toSystemId' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertRelationship(tx, {
      organisation_id: organisationId,
      from_system_id: from.id,
      to_system_id: to.id,
      kind: input.kind,
      created_at: nowIso(),
    });
    if (id === null) throw new UserError('That relationship is already recorded', { field: 'toSystemId', status: 409 });
    await audit.created(
      'system_relationship',
      id,
      { from: from.name, kind: input.kind, to: to.name },
      `${from.name} ${input.kind.replace('-', ' ')} ${to.name}`,
      organisationId,
    );
    return id;
  });
}

export const dataFlowInput = z.object({
  fromSystemId: ref(estateRecords.system, 'Choose where the data comes from'),
  toSystemId: ref(estateRecords.system, 'Choose where the data goes'),
  data: line(500, { required: 'Say what data flows' }),
  personal: z.enum(personalData, { message: 'Say whether it includes personal data' }),
  method: z.enum(flowMethods, { message: 'Choose how the data moves' }),
  frequency: line(100, { required: 'Say how often, like ‘nightly’' }),
});

export async function addDataFlow(db: Db, actor: Actor, organisationId: number, input: z.infer<typeof dataFlowInput>) {
  const [from, to] = await Promise.all([q.findSystem(db, organisationId, input.fromSystemId), q.findSystem(db, organisationId, input.toSystemId)]);
  if (!from) throw new UserError('There is no such system to send from', { field: 'fromSystemId' });
  if (!to) throw new UserError('There is no such system to send to', { field: 'toSystemId' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertDataFlow(tx, {
      organisation_id: organisationId,
      from_system_id: from.id,
      to_system_id: to.id,
      data: input.data,
      personal: input.personal,
      method: input.method,
      frequency: input.frequency,
      created_at: nowIso(),
    });
    await audit.created(
      'data_flow',
      id,
      { from: from.name, to: to.name, data: input.data, personal: input.personal, method: input.method },
      `Data flow: ${from.name} → ${to.name}`,
      organisationId,
    );
    return id;
  });
}

export async function linkSystemToService(db: Db, actor: Actor, organisationId: number, systemId: number, serviceId: number) {
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.linkService(tx, { system_id: systemId, service_id: serviceId, organisation_id: organisationId });
    await audit.created(
      'system_service',
      `${systemId}:${serviceId}`,
      { system_id: systemId, service_id: serviceId },
      'Linked a system to a service',
      organisationId,
    );
  });
}

export {
  listSystems,
  findSystem,
  relationshipsOf,
  dataFlowsOf,
  systemsOfService,
  servicesOfSystems,
  type SystemFilter,
  type SystemSort,
  type SystemCursor,
} from './queries.js';

export const bulkChangeInput = z.object({
  systemIds: z
    .union([ref(estateRecords.system), z.array(ref(estateRecords.system)).max(200, 'Change at most 200 systems at once')])
    .optional()
    .transform((v) => (v === undefined ? [] : [...new Set([v].flat())])),
  layer: optionalEnum(layers, 'Choose a layer from the list'),
  area: optionalEnum(areas, 'Choose an area from the list'),
  lifecycle: optionalEnum(lifecycles, 'Choose a lifecycle decision from the list'),
  businessOwnerEmail: personEmail(),
  supplierId: z.union([z.literal(''), ref(estateRecords.supplier)]).optional(),
});
export type BulkChange = z.output<typeof bulkChangeInput>;

/**
 * Sets the same layer, area, lifecycle decision, business owner or supplier on many systems: one
 * transaction, one audit record per system changed, what an import noted of those fields resolved.
 */
export async function bulkChangeSystems(db: Db, actor: Actor, organisationId: number, change: BulkChange) {
  if (!change.systemIds.length) throw new UserError('Select at least one system', { field: 'systemIds' });
  const set: Record<string, unknown> = {};
  if (change.layer) set.layer = change.layer;
  if (change.area) set.area = change.area;
  if (change.lifecycle) set.lifecycle = change.lifecycle;
  if (change.businessOwnerEmail) {
    const owner = await activeMemberByEmail(db, organisationId, change.businessOwnerEmail);
    if (!owner) throw new UserError('There is no one with that email address in this organisation', { field: 'businessOwnerEmail' });
    set.business_owner_id = owner.id;
  }
  if (change.supplierId) {
    const supplier = await findSupplier(db, organisationId, change.supplierId);
    if (!supplier) throw new UserError('Choose one of the suppliers', { field: 'supplierId' });
    set.vendor = supplier.name;
  }
  if (!Object.keys(set).length) throw new UserError('Choose at least one thing to change', { field: 'layer' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    let changed = 0;
    for (const id of change.systemIds) {
      const before = await q.findSystem(tx, organisationId, id);
      if (!before) continue;
      const was = dict<unknown>(before);
      const differs = Object.fromEntries(Object.entries(set).filter(([column, value]) => (own(was, column) ?? null) !== value));
      if (!Object.keys(differs).length) continue;
      await q.updateSystem(tx, organisationId, id, { ...differs, updated_at: now });
      const fields = Object.keys(differs)
        .map(fieldOfColumn)
        .filter((f): f is string => f !== null);
      await resolveDataQualityNotes(tx, organisationId, 'system', id, fields, actor.personId, now);
      await audit.updated(
        'system',
        id,
        Object.fromEntries(Object.keys(differs).map((k) => [k, own(was, k) ?? null])),
        differs,
        `Changed with others from the register: ${before.name}`,
        organisationId,
      );
      changed++;
    }
    return changed;
  });
}

/**
 * Another module's decision about a system's lifecycle, inside that module's transaction (a project
 * that retires it): the decision and its reason move, audited on the system.
 */
export async function decideLifecycle(
  tx: Tx,
  audit: AuditRecorder,
  organisationId: number,
  systemId: number,
  decision: { lifecycle: Lifecycle; reason: string },
) {
  const before = await q.findSystem(tx, organisationId, systemId);
  if (!before || before.lifecycle === decision.lifecycle) return false;
  const now = nowIso();
  await q.updateSystem(tx, organisationId, systemId, { lifecycle: decision.lifecycle, lifecycle_reason: decision.reason, updated_at: now });
  const field = fieldOfColumn('lifecycle');
  if (field) await resolveDataQualityNotes(tx, organisationId, 'system', systemId, [field], null, now);
  await audit.updated(
    'system',
    systemId,
    { lifecycle: before.lifecycle, lifecycle_reason: before.lifecycle_reason },
    { lifecycle: decision.lifecycle, lifecycle_reason: decision.reason },
    `Lifecycle decision for ${before.name}: ${decision.lifecycle}`,
    organisationId,
  );
  return true;
}

/** Records which service areas use a system (for the demo and other writers that know the ids). */
export async function setServiceAreasOf(db: Db, actor: Actor, organisationId: number, systemId: number, serviceAreaIds: number[]) {
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.linkServiceAreas(
      tx,
      serviceAreaIds.map((id) => ({ system_id: systemId, service_area_id: id, organisation_id: organisationId })),
    );
    await audit.created(
      'system_service_area',
      `${systemId}`,
      { system_id: systemId, service_area_ids: serviceAreaIds },
      'Recorded who uses a system',
      organisationId,
    );
  });
}
