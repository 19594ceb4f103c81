import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../../platform/index.js';
import type { ContractsTable } from '../tables.js';

export async function suppliersOf(db: Db | Tx, organisationId: number) {
  return db.selectFrom('suppliers').where('organisation_id', '=', organisationId).select(['id', 'name', 'company_number', 'contact']).orderBy('name').execute();
}

export async function findSupplier(db: Db | Tx, organisationId: number, id: number) {
  return db
    .selectFrom('suppliers')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(['id', 'name', 'company_number', 'contact'])
    .executeTakeFirst();
}

export async function insertSupplier(tx: Tx, row: { organisation_id: number; name: string; company_number: string | null; contact: string; now: string }) {
  const { now, ...rest } = row;
  const r = await tx
    .insertInto('suppliers')
    .values({ ...rest, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

const contractColumns = [
  'c.id',
  'c.reference',
  'c.title',
  'c.supplier_id',
  'c.annual_value',
  'c.whole_life_value',
  'c.start_date',
  'c.end_date',
  'c.notice_months',
  'c.notice_deadline',
  'c.extension_months',
  'c.procurement_route',
  'c.framework',
  'c.owner_id',
  'c.notes',
] as const;

export async function contractsOf(db: Db, organisationId: number, options: { deadlineBefore?: string; from?: string; supplierId?: number } = {}) {
  let q = db
    .selectFrom('contracts as c')
    .innerJoin('suppliers as s', 's.id', 'c.supplier_id')
    .leftJoin('people as o', 'o.id', 'c.owner_id')
    .where('c.organisation_id', '=', organisationId)
    .select(contractColumns)
    .select(['s.name as supplier_name', 'o.display_name as owner_name'])
    .orderBy('c.notice_deadline')
    .orderBy('c.id')
    .limit(1000);
  if (options.deadlineBefore) q = q.where('c.notice_deadline', '<=', options.deadlineBefore);
  if (options.from) q = q.where('c.notice_deadline', '>=', options.from);
  if (options.supplierId !== undefined) q = q.where('c.supplier_id', '=', options.supplierId);
  return q.execute();
}

export async function findContract(db: Db | Tx, organisationId: number, id: number) {
  return db
    .selectFrom('contracts as c')
    .innerJoin('suppliers as s', 's.id', 'c.supplier_id')
    .leftJoin('people as o', 'o.id', 'c.owner_id')
    .where('c.organisation_id', '=', organisationId)
    .where('c.id', '=', id)
    .select(contractColumns)
    .select(['s.name as supplier_name', 'o.display_name as owner_name', 'o.email as owner_email', 'c.organisation_id'])
    .executeTakeFirst();
}

export async function findContractByReference(db: Db | Tx, organisationId: number, reference: string) {
  return db.selectFrom('contracts').where('organisation_id', '=', organisationId).where('reference', '=', reference).select('id').executeTakeFirst();
}

export async function insertContract(tx: Tx, row: Insertable<ContractsTable>) {
  const r = await tx.insertInto('contracts').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function linkContractSystem(tx: Tx, row: { contract_id: number; system_id: number; organisation_id: number }) {
  await tx
    .insertInto('contract_systems')
    .values(row)
    .onConflict((oc) => oc.columns(['contract_id', 'system_id']).doNothing())
    .execute();
}

export async function systemsOfContract(db: Db | Tx, contractId: number) {
  return db
    .selectFrom('contract_systems as cs')
    .innerJoin('systems as s', 's.id', 'cs.system_id')
    .where('cs.contract_id', '=', contractId)
    .select(['s.id', 's.name'])
    .orderBy('s.name')
    .execute();
}

export async function contractsOfSystems(db: Db | Tx, organisationId: number, systemIds: number[]) {
  if (!systemIds.length) return [];
  return db
    .selectFrom('contract_systems as cs')
    .innerJoin('contracts as c', 'c.id', 'cs.contract_id')
    .innerJoin('suppliers as s', 's.id', 'c.supplier_id')
    .where('cs.organisation_id', '=', organisationId)
    .where('cs.system_id', 'in', systemIds.slice(0, 5000))
    .select(['c.id', 'c.reference', 'c.title', 'c.notice_deadline', 's.name as supplier_name'])
    .distinct()
    .orderBy('c.notice_deadline')
    .execute();
}

/** Contracts across all organisations whose deadline is on or after today and within the horizon. */
export async function contractsComingUp(db: Db, today: string, horizon: string) {
  return db
    .selectFrom('contracts')
    .where('notice_deadline', '>=', today)
    .where('notice_deadline', '<=', horizon)
    .select(['id', 'organisation_id', 'reference', 'title', 'notice_deadline', 'owner_id', 'end_date'])
    .execute();
}

export async function recordAlert(tx: Tx, row: { contract_id: number; lead_months: number; deadline: string; at: string }) {
  const r = await tx
    .insertInto('contract_alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['contract_id', 'lead_months', 'deadline']).doNothing())
    .returning('contract_id')
    .executeTakeFirst();
  return !!r;
}

export async function updateSupplier(tx: Tx, id: number, set: { name?: string; company_number?: string | null; contact?: string; updated_at: string }) {
  await tx.updateTable('suppliers').set(set).where('id', '=', id).execute();
}

export async function updateContract(tx: Tx, id: number, set: Updateable<ContractsTable>) {
  await tx.updateTable('contracts').set(set).where('id', '=', id).execute();
}

export async function unlinkContractSystems(tx: Tx, contractId: number) {
  await tx.deleteFrom('contract_systems').where('contract_id', '=', contractId).execute();
}

export async function supplierIdsByName(db: Db | Tx, organisationId: number) {
  const rows = await db.selectFrom('suppliers').where('organisation_id', '=', organisationId).select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
}

export async function contractIdsByReference(db: Db | Tx, organisationId: number) {
  const rows = await db.selectFrom('contracts').where('organisation_id', '=', organisationId).select(['id', 'reference']).execute();
  return new Map(rows.map((r) => [r.reference.toLowerCase(), r.id]));
}

export async function alertLeadMonths(db: Db | Tx, organisationId: number): Promise<number[] | null> {
  const r = await db.selectFrom('estate_settings').where('organisation_id', '=', organisationId).select('alert_lead_months').executeTakeFirst();
  return r ? (JSON.parse(r.alert_lead_months) as number[]) : null;
}

export async function allAlertLeadMonths(db: Db | Tx): Promise<Map<number, number[]>> {
  const rows = await db.selectFrom('estate_settings').select(['organisation_id', 'alert_lead_months']).execute();
  return new Map(rows.map((r) => [Number(r.organisation_id), JSON.parse(r.alert_lead_months) as number[]]));
}

export async function setAlertLeadMonths(tx: Tx, organisationId: number, leadMonths: number[]) {
  const value = JSON.stringify(leadMonths);
  await tx
    .insertInto('estate_settings')
    .values({ organisation_id: organisationId, alert_lead_months: value })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ alert_lead_months: value }))
    .execute();
}

export async function servicesOfContract(db: Db | Tx, contractId: number) {
  return db
    .selectFrom('contract_services as cs')
    .innerJoin('services as s', 's.id', 'cs.service_id')
    .where('cs.contract_id', '=', contractId)
    .select(['s.id', 's.name'])
    .orderBy('s.name')
    .execute();
}

export async function linkContractService(tx: Tx, row: { contract_id: number; service_id: number; organisation_id: number }) {
  await tx
    .insertInto('contract_services')
    .values(row)
    .onConflict((oc) => oc.columns(['contract_id', 'service_id']).doNothing())
    .execute();
}

export async function unlinkContractServices(tx: Tx, contractId: number) {
  await tx.deleteFrom('contract_services').where('contract_id', '=', contractId).execute();
}
