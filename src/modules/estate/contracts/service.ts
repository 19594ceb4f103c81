import { z } from 'zod';
import {
  isoDate,
  blankToNull,
  moneyInput,
  absoluteLink,
  activeMemberEmail,
  anyOf,
  auditedWrite,
  cursor,
  dateFilter,
  refText,
  line,
  NotFoundError,
  notify,
  paragraphs,
  ref,
  refs,
  systemActor,
  UserError,
  type Actor,
  type Db,
} from '../../../platform/index.js';
import { estateRecords, personEmail } from '../references.js';
import { nowIso } from '../../../db/columns.js';
import { findSystem } from '../queries.js';
import { memberIdByEmail } from '../service.js';
import { deskRecords, servicesOf } from '../../service-desk/index.js';
import { procurementRoutes } from '../tables.js';
import { addMonths, dueAlerts, noticeDeadline } from './notice.js';
import * as q from './queries.js';

const money = (label: string) => moneyInput(label, { example: 12500, max: 1e11 });

export const supplierInput = z.object({
  name: line(200, { required: 'Enter the supplier’s name' }),
  companyNumber: z.preprocess(blankToNull, line(20).nullable()),
  contact: z.preprocess((v) => v ?? '', paragraphs(500)),
});

const contractFields = z.object({
  reference: line(60, { required: 'Enter the contract reference' }),
  title: line(200, { required: 'Enter what the contract is for' }),
  supplierId: ref(estateRecords.supplier, 'Choose the supplier'),
  annualValue: money('annual value'),
  wholeLifeValue: money('whole-life value'),
  startDate: isoDate('Enter the start date as YYYY-MM-DD'),
  endDate: isoDate('Enter the end date as YYYY-MM-DD'),
  noticeMonths: z.coerce
    .number({ message: 'Enter the notice period in months' })
    .int('Enter whole months')
    .min(0, 'The notice period cannot be negative')
    .max(60, 'Enter a notice period of 60 months or fewer'),
  extensionMonths: z.preprocess(
    (v) => (v === '' || v === undefined ? 0 : v),
    z.coerce
      .number({ message: 'Enter the extension available in months' })
      .int('Enter whole months')
      .min(0, 'Extensions cannot be negative')
      .max(120, 'Enter an extension of 120 months or fewer'),
  ),
  procurementRoute: z.enum(procurementRoutes, { message: 'Choose how it was procured' }),
  framework: z.preprocess(blankToNull, line(200).nullable()),
  notes: z.preprocess((v) => v ?? '', paragraphs(5000)),
});
const endsAfterItStarts = (c: { startDate: string; endDate: string }) => c.endDate >= c.startDate;
const endsAfterItStartsMessage = { message: 'The end date must be on or after the start date', path: ['endDate'] };
export const contractInput = contractFields.refine(endsAfterItStarts, endsAfterItStartsMessage);
export type ContractInput = z.infer<typeof contractInput>;

/** The contracts list's filters, shared by the page, its exports and the API. */
export const contractsQuery = z.object({
  q: line(100, { tooLong: 'Search for 100 characters or fewer' }).optional(),
  supplier: anyOf(ref(estateRecords.supplier)),
  route: anyOf(z.enum(procurementRoutes, { message: 'Choose one of the procurement routes' })),
  from: dateFilter,
  to: dateFilter,
  after: cursor(z.object({ d: z.string().max(10), id: z.number().int().positive() })),
});
export const suppliersQuery = z.object({
  q: line(100, { tooLong: 'Search for 100 characters or fewer' }).optional(),
  after: cursor(z.object({ n: z.string().max(200), id: z.number().int().positive() })),
});
export const alertsForm = z.object({ leadMonths: line(100, { required: 'Enter the months before the notice deadline, like 12, 6, 3' }) });
export const filterOf = (v: z.output<typeof contractsQuery>) => ({
  search: v.q || undefined,
  supplierId: v.supplier,
  procurementRoute: v.route,
  from: v.from,
  deadlineBefore: v.to,
});

/** The contract form: the contract, the systems and council services it covers, and its owner by email. */
export const contractForm = contractFields
  .extend({
    systemIds: refs(estateRecords.system, 'Choose systems from the register'),
    serviceIds: refs(deskRecords.service, 'Choose services from your catalogue'),
    ownerEmail: personEmail(),
  })
  .refine(endsAfterItStarts, endsAfterItStartsMessage);

/** A contract over the API: the systems and services it covers by id, the owner by email (null for nobody; left out, unchanged). */
export const contractApiInput = contractFields
  .extend({
    systemIds: z.array(ref(estateRecords.system, 'Choose systems from the register')).max(500).optional(),
    serviceIds: z.array(ref(deskRecords.service, 'Choose services from your catalogue')).max(500).optional(),
    ownerEmail: refText(activeMemberEmail, { max: 254, normalise: (s) => s.toLowerCase() })
      .nullable()
      .optional(),
  })
  .refine(endsAfterItStarts, endsAfterItStartsMessage);

export async function createSupplier(db: Db, actor: Actor, organisationId: number, input: z.infer<typeof supplierInput>) {
  if ((await q.supplierIdsByName(db, organisationId)).has(input.name.toLowerCase())) {
    throw new UserError(`There is already a supplier called ${input.name}`, { field: 'name', status: 409 });
  }
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertSupplier(tx, {
      organisation_id: organisationId,
      name: input.name,
      company_number: input.companyNumber,
      contact: input.contact,
      now: nowIso(),
    });
    await audit.created('supplier', id, { name: input.name }, `Added supplier ${input.name}`, organisationId);
    return id;
  });
}

/** The supplier, the systems and the reference must be the organisation's own, and the reference not another contract's. */
async function checkContract(db: Db, organisationId: number, input: ContractInput, systemIds: number[], id?: number, serviceIds: number[] = []) {
  if (serviceIds.length) {
    const known = new Set((await servicesOf(db, organisationId)).map((s) => s.id));
    if (serviceIds.some((s) => !known.has(s))) throw new UserError('Choose services from your catalogue', { field: 'serviceIds' });
  }
  if (!(await q.findSupplier(db, organisationId, input.supplierId))) throw new UserError('Choose one of your suppliers', { field: 'supplierId' });
  const clash = await q.findContractByReference(db, organisationId, input.reference);
  if (clash && clash.id !== id) throw new UserError(`There is already a contract ${input.reference}`, { field: 'reference', status: 409 });
  for (const systemId of systemIds)
    if (!(await findSystem(db, organisationId, systemId))) throw new UserError('Choose systems from your register', { field: 'systemIds' });
}

function contractRow(input: ContractInput) {
  return {
    reference: input.reference,
    title: input.title,
    supplier_id: input.supplierId,
    annual_value: input.annualValue,
    whole_life_value: input.wholeLifeValue,
    start_date: input.startDate,
    end_date: input.endDate,
    notice_months: input.noticeMonths,
    notice_deadline: noticeDeadline(input.endDate, input.noticeMonths),
    extension_months: input.extensionMonths,
    procurement_route: input.procurementRoute,
    framework: input.framework,
    notes: input.notes,
  };
}

/** Changes a contract; taking an extension is a change of end date, which moves the notice deadline. */
export async function updateContract(
  db: Db,
  actor: Actor,
  organisationId: number,
  id: number,
  input: ContractInput,
  systemIds: number[],
  ownerId: number | null,
  serviceIds: number[] = [],
) {
  const before = await q.findContract(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such contract');
  await checkContract(db, organisationId, input, systemIds, id, serviceIds);
  await auditedWrite(db, actor, async (tx, audit) => {
    const row = {
      ...contractRow(input),
      owner_id: ownerId,
      // A date typed on the form is a whole day; one left as it was keeps how much of it the register gave.
      start_date_precision: input.startDate === before.start_date ? (before.start_date_precision ?? null) : null,
      end_date_precision: input.endDate === before.end_date ? (before.end_date_precision ?? null) : null,
    };
    await q.updateContract(tx, id, { ...row, updated_at: nowIso() });
    await q.unlinkContractSystems(tx, id);
    for (const systemId of systemIds) await q.linkContractSystem(tx, { contract_id: id, system_id: systemId, organisation_id: organisationId });
    await q.unlinkContractServices(tx, id);
    for (const serviceId of serviceIds) await q.linkContractService(tx, { contract_id: id, service_id: serviceId, organisation_id: organisationId });
    const old = Object.fromEntries(Object.keys(row).map((k) => [k, before[k as keyof typeof before]]));
    await audit.updated('contract', id, old, { ...row, systems: systemIds, services: serviceIds }, `Updated contract ${row.reference}`, organisationId);
  });
}

export async function updateSupplier(db: Db, actor: Actor, organisationId: number, id: number, input: z.infer<typeof supplierInput>) {
  const before = await q.findSupplier(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such supplier');
  const clash = (await q.supplierIdsByName(db, organisationId)).get(input.name.toLowerCase());
  if (clash !== undefined && clash !== id) {
    throw new UserError(`There is already a supplier called ${input.name}`, { field: 'name', status: 409 });
  }
  await auditedWrite(db, actor, async (tx, audit) => {
    const row = { name: input.name, company_number: input.companyNumber, contact: input.contact };
    await q.updateSupplier(tx, id, { ...row, updated_at: nowIso() });
    await audit.updated(
      'supplier',
      id,
      { name: before.name, company_number: before.company_number, contact: before.contact },
      row,
      `Updated supplier ${input.name}`,
      organisationId,
    );
  });
}

/** A contract's owner, named by email on forms; blank means no one. */
export const ownerFromEmail = (db: Db, organisationId: number, email: string | undefined) => memberIdByEmail(db, organisationId, email, 'ownerEmail');

export const defaultLeadMonths = [12, 6, 3];

/** The lead times, in months before a notice deadline, at which the organisation's contract owners are alerted. */
export async function leadMonthsOf(db: Db, organisationId: number): Promise<number[]> {
  return (await q.alertLeadMonths(db, organisationId)) ?? defaultLeadMonths;
}

/** "12, 6, 3" or "18 and 9 months": between one and six whole months from 1 to 36, largest first. */
export function parseLeadMonths(text: string): number[] {
  const parts = text
    .split(/[,;\s]+|\band\b/)
    .map((p) => p.trim().replace(/months?$/i, ''))
    .filter(Boolean);
  const numbers = parts.map(Number);
  if (!parts.length || numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 36))
    throw new UserError('Enter lead times as whole months from 1 to 36, separated by commas, like 12, 6, 3', { field: 'leadMonths' });
  const unique = [...new Set(numbers)].sort((a, b) => b - a);
  if (unique.length > 6) throw new UserError('Enter at most six lead times', { field: 'leadMonths' });
  return unique;
}

/** Contracts whose notice deadline is within the organisation's longest alert lead time: the decisions coming up. */
export async function contractDecisions(db: Db, organisationId: number, today: string) {
  const leadMonths = await leadMonthsOf(db, organisationId);
  const contracts = await q.contractsOf(db, organisationId, { from: today, deadlineBefore: addMonths(today, Math.max(...leadMonths)) });
  return { leadMonths, contracts };
}

export async function setLeadMonths(db: Db, actor: Actor, organisationId: number, leadMonths: number[]) {
  const before = await leadMonthsOf(db, organisationId);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setAlertLeadMonths(tx, organisationId, leadMonths);
    await audit.updated(
      'estate_settings',
      organisationId,
      { alert_lead_months: before },
      { alert_lead_months: leadMonths },
      `Contract alerts now ${leadMonths.join(', ')} months before the notice deadline`,
      organisationId,
    );
  });
}

export async function createContract(
  db: Db,
  actor: Actor,
  organisationId: number,
  input: ContractInput,
  systemIds: number[] = [],
  ownerId: number | null = actor.personId,
  serviceIds: number[] = [],
) {
  await checkContract(db, organisationId, input, systemIds, undefined, serviceIds);
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const row = { ...contractRow(input), organisation_id: organisationId, owner_id: ownerId, created_at: now, updated_at: now };
    const id = await q.insertContract(tx, row);
    for (const systemId of systemIds) await q.linkContractSystem(tx, { contract_id: id, system_id: systemId, organisation_id: organisationId });
    for (const serviceId of serviceIds) await q.linkContractService(tx, { contract_id: id, service_id: serviceId, organisation_id: organisationId });
    await audit.created(
      'contract',
      id,
      { reference: row.reference, title: row.title, end_date: row.end_date, notice_deadline: row.notice_deadline },
      `Added contract ${row.reference}`,
      organisationId,
    );
    return id;
  });
}

/** Emails each contract's owner once at every lead time (the organisation's own) before its notice deadline. */
export async function sendContractAlerts(db: Db, now = new Date()) {
  const today = now.toISOString().slice(0, 10);
  const settings = await q.allAlertLeadMonths(db);
  const leadsOf = (organisationId: number) => settings.get(organisationId) ?? defaultLeadMonths;
  const longest = Math.max(...defaultLeadMonths, ...[...settings.values()].flat());
  const coming = await q.contractsComingUp(db, today, addMonths(today, longest));
  let sent = 0;
  for (const c of coming) {
    for (const lead of dueAlerts(c.notice_deadline, leadsOf(c.organisation_id), today)) {
      await auditedWrite(db, systemActor('contract alerts', c.organisation_id), async (tx, audit) => {
        if (!(await q.recordAlert(tx, { contract_id: c.id, lead_months: lead, deadline: c.notice_deadline, at: now.toISOString() }))) return;
        sent++;
        await notify(tx, {
          organisationId: c.organisation_id,
          personId: c.owner_id,
          kind: 'contract-notice',
          subject: `Notice deadline ${c.notice_deadline}: ${c.reference} ${c.title}`,
          body: `The last day to give notice on ${c.reference} (${c.title}) is ${c.notice_deadline}; it ends on ${c.end_date}. Decide whether to renew, extend, re-procure or end it.\n\n${absoluteLink(`/estate/contracts/${c.id}`)}\n`,
          now: now.toISOString(),
        });
        await audit.created(
          'contract_alert',
          `${c.id}:${lead}`,
          { lead_months: lead, deadline: c.notice_deadline },
          `${c.reference}: ${lead}-month notice alert`,
          c.organisation_id,
        );
      });
    }
  }
  return sent;
}

export { suppliersOf, listSuppliers, findSupplier, contractsOf, findContract, systemsOfContract, servicesOfContract, contractsOfSystems } from './queries.js';
