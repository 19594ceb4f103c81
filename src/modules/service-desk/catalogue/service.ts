import { z } from 'zod';
import {
  activeMember,
  auditedWrite,
  isActiveMember,
  line,
  paragraphs,
  ref,
  serviceAreaRecord,
  UserError,
  type Actor,
  type Db,
} from '../../../platform/index.js';
import { nowIso } from '../../../db/columns.js';
import { findTeam, team } from '../../teams/index.js';
import { deskRecords } from '../references.js';
import { formFieldSchema, type FormField } from './fields.js';
import * as q from './queries.js';

export const serviceInput = z.object({
  name: line(200, { required: 'Enter the service’s name', tooLong: 'Name must be 200 characters or fewer' }),
  description: paragraphs(2000, { required: 'Describe the service for staff', tooLong: 'Description must be 2,000 characters or fewer' }),
  hours: line(200).default('Monday to Friday, 8:30am to 5pm'),
  teamId: ref(team).nullable().optional(),
  ownerId: ref(activeMember, 'Choose someone active in this organisation as the owner').nullable().optional(),
  slaPolicyId: ref(deskRecords.policy).nullable().optional(),
  serviceAreaId: ref(serviceAreaRecord, 'Choose one of the council’s service areas').nullable().optional(),
  visibleToStaff: z.boolean().default(true),
});
export type ServiceInput = z.infer<typeof serviceInput>;

/** The team, owner and SLA policy a service names must be the organisation's own. */
async function checkLinks(db: Db, organisationId: number, input: ServiceInput) {
  if (input.teamId && !(await findTeam(db, organisationId, input.teamId))) throw new UserError('Choose one of your teams', { field: 'teamId' });
  if (input.slaPolicyId && !(await q.policyExists(db, organisationId, input.slaPolicyId)))
    throw new UserError('Choose one of the SLA policies', { field: 'slaPolicyId' });
  if (input.ownerId && !(await isActiveMember(db, organisationId, input.ownerId)))
    throw new UserError('Choose someone active in this organisation as the owner', { field: 'ownerEmail' });
}

export async function createService(db: Db, actor: Actor, organisationId: number, input: ServiceInput) {
  if ((await q.servicesOf(db, organisationId)).some((s) => s.name.toLowerCase() === input.name.toLowerCase())) {
    throw new UserError(`There is already a service called ${input.name}`, { field: 'name', status: 409 });
  }
  await checkLinks(db, organisationId, input);
  return auditedWrite(db, actor, async (tx, audit) => {
    const row = {
      organisation_id: organisationId,
      name: input.name,
      description: input.description,
      owner_id: input.ownerId ?? null,
      team_id: input.teamId ?? null,
      hours: input.hours,
      sla_policy_id: input.slaPolicyId ?? null,
      service_area_id: input.serviceAreaId ?? null,
      visible_to_staff: input.visibleToStaff ? 1 : 0,
      now: nowIso(),
    };
    const id = await q.insertService(tx, row);
    await audit.created(
      'service',
      id,
      { name: input.name, team_id: row.team_id, visible_to_staff: row.visible_to_staff },
      `Added service ${input.name}`,
      organisationId,
    );
    return id;
  });
}

export async function createRequestType(
  db: Db,
  actor: Actor,
  organisationId: number,
  serviceId: number,
  input: { name: string; description: string; fields: FormField[] },
) {
  if (!(await q.findService(db, organisationId, serviceId))) throw new UserError('Choose one of your services', { field: 'serviceId' });
  const fields = z.array(formFieldSchema).max(40).parse(input.fields);
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertRequestType(tx, {
      organisation_id: organisationId,
      service_id: serviceId,
      name: input.name,
      description: input.description,
      fields_json: JSON.stringify(fields),
      now: nowIso(),
    });
    await audit.created(
      'request_type',
      id,
      { name: input.name, service_id: serviceId, fields: fields.length },
      `Added request type ${input.name}`,
      organisationId,
    );
    return id;
  });
}

export async function updateService(db: Db, actor: Actor, organisationId: number, id: number, input: ServiceInput) {
  const before = await q.findService(db, organisationId, id);
  if (!before) throw new UserError('There is no such service', { status: 404 });
  if ((await q.servicesOf(db, organisationId)).some((s) => s.id !== id && s.name.toLowerCase() === input.name.toLowerCase())) {
    throw new UserError(`There is already a service called ${input.name}`, { field: 'name', status: 409 });
  }
  await checkLinks(db, organisationId, input);
  await auditedWrite(db, actor, async (tx, audit) => {
    const set = {
      name: input.name,
      description: input.description,
      hours: input.hours,
      team_id: input.teamId ?? null,
      sla_policy_id: input.slaPolicyId ?? null,
      service_area_id: input.serviceAreaId ?? null,
      visible_to_staff: input.visibleToStaff ? 1 : 0,
    };
    await q.updateService(tx, id, { ...set, updated_at: nowIso() });
    const { name, description, hours, team_id, sla_policy_id, visible_to_staff } = before;
    await audit.updated(
      'service',
      id,
      { name, description, hours, team_id, sla_policy_id, visible_to_staff },
      set,
      `Updated service ${input.name}`,
      organisationId,
    );
  });
}

/** Adds a question to a request type's form, or takes one away. */
export async function changeRequestTypeFields(db: Db, actor: Actor, organisationId: number, typeId: number, change: { add?: FormField; removeKey?: string }) {
  const type = await q.findRequestType(db, organisationId, typeId);
  if (!type) throw new UserError('There is no such request type', { status: 404 });
  const fields = parseFields(type.fields_json);
  let next = fields;
  if (change.add) {
    if (fields.some((f) => f.key === change.add!.key))
      throw new UserError('The form already has a question like that: word it differently', { field: 'label' });
    if (fields.length >= 40) throw new UserError('A form can have at most 40 questions', { field: 'label' });
    next = [...fields, formFieldSchema.parse(change.add)];
  }
  if (change.removeKey) next = fields.filter((f) => f.key !== change.removeKey);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateRequestTypeFields(tx, typeId, JSON.stringify(next), nowIso());
    await audit.updated(
      'request_type',
      typeId,
      { fields: fields.map((f) => f.label) },
      { fields: next.map((f) => f.label) },
      `Changed the form of ${type.name}`,
      organisationId,
    );
  });
}

/** A stable key for a question from its wording. */
export function keyFor(label: string) {
  return (
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^(\d)/, 'q-$1')
      .slice(0, 40) || 'question'
  );
}

export async function createCategory(db: Db, actor: Actor, organisationId: number, name: string) {
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertCategory(tx, organisationId, name);
    await audit.created('incident_category', id, { name }, `Added incident category ${name}`, organisationId);
    return id;
  });
}

export const parseFields = (json: string) => JSON.parse(json) as FormField[];
export { servicesOf, serviceIdsInArea, findService, requestTypesOf, findRequestType, categoriesOf, findCategory } from './queries.js';
