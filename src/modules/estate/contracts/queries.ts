import { sql } from 'kysely';
import { containsPattern } from '../../../db/like.js';
import type { Insertable, Updateable } from 'kysely';
import { insertMany, type Db, type Tx } from '../../../platform/index.js';
import type { ContractsTable } from '../tables.js';

/** Suppliers for a list of choices (a select on the contract form), by name, at most `limit`. */
export async function suppliersOf(db: Db | Tx, organisationId: number, limit = 5000) {
  return db
    .selectFrom('suppliers')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'name', 'company_number', 'contact'])
    .orderBy('name')
    .limit(limit)
    .execute();
}

export interface SupplierFilter {
  search?: string | undefined;
}

/** One page of suppliers by name, keyset on (name, id) so every page costs the same. */
export async function listSuppliers(db: Db, organisationId: number, filter: SupplierFilter, after: { n: string; id: number } | null, size: number) {
  let q = db
    .selectFrom('suppliers as s')
    .where('s.organisation_id', '=', organisationId)
    .select(['s.id', 's.name', 's.company_number', 's.contact'])
    .select((eb) =>
      eb
        .selectFrom('contracts as c')
        .whereRef('c.supplier_id', '=', 's.id')
        .select(sql<number>`count(*)`.as('n'))
        .as('contracts'),
    )
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(size + 1);
  if (filter.search) q = q.where(sql<boolean>`lower(s.name) like ${containsPattern(filter.search)} escape '\\'`);
  if (after) q = q.where((eb) => eb(eb.refTuple('s.name', 's.id'), '>', eb.tuple(after.n, after.id)));
  return q.execute();
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
  'c.start_date_precision',
  'c.end_date_precision',
  'c.notice_months',
  'c.notice_deadline',
  'c.extension_months',
  'c.procurement_route',
  'c.framework',
  'c.owner_id',
  'c.notes',
] as const;

export interface ContractFilter {
  deadlineBefore?: string | undefined;
  from?: string | undefined;
  supplierId?: number | undefined;
  search?: string | undefined;
  procurementRoute?: string | undefined;
}

/**
 * Contracts by notice deadline, keyset on (notice_deadline, id) along contracts_by_deadline: one
 * page at a time, `size` at most, whatever the register holds.
 */
export async function contractsOf(db: Db, organisationId: number, options: ContractFilter = {}, after: { d: string; id: number } | null = null, size = 1000) {
  let q = db
    .selectFrom('contracts as c')
    .innerJoin('suppliers as s', 's.id', 'c.supplier_id')
    .leftJoin('people as o', 'o.id', 'c.owner_id')
    .where('c.organisation_id', '=', organisationId)
    .select(contractColumns)
    .select(['s.name as supplier_name', 'o.display_name as owner_name'])
    .orderBy('c.notice_deadline')
    .orderBy('c.id')
    .limit(size);
  if (options.deadlineBefore) q = q.where('c.notice_deadline', '<=', options.deadlineBefore);
  if (options.from) q = q.where('c.notice_deadline', '>=', options.from);
  if (options.supplierId !== undefined) q = q.where('c.supplier_id', '=', options.supplierId);
  if (options.procurementRoute) q = q.where('c.procurement_route', '=', options.procurementRoute as never);
  if (options.search) {
    const like = containsPattern(options.search);
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`lower(c.reference) like ${like} escape '\\'`,
        sql<boolean>`lower(c.title) like ${like} escape '\\'`,
        sql<boolean>`lower(s.name) like ${like} escape '\\'`,
      ]),
    );
  }
  if (after) q = q.where((eb) => eb(eb.refTuple('c.notice_deadline', 'c.id'), '>', eb.tuple(after.d, after.id)));
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

/** What an import may change of each contract, by lower-case reference, so only what differs is written. */
export async function contractsToCompare(db: Db | Tx, organisationId: number) {
  const rows = await db
    .selectFrom('contracts')
    .where('organisation_id', '=', organisationId)
    .select([
      'id',
      'reference',
      'title',
      'supplier_id',
      'start_date',
      'end_date',
      'start_date_precision',
      'end_date_precision',
      'notice_months',
      'notice_deadline',
      'annual_value',
    ])
    .execute();
  return new Map(rows.map((r) => [r.reference.toLowerCase(), r]));
}

/** Many contracts in a few statements (an import); every row names the same columns. */
export async function insertContracts(tx: Tx, rows: Insertable<ContractsTable>[]) {
  await insertMany(tx, 'contracts', rows, { batch: 200 });
}

export async function linkContractSystems(tx: Tx, rows: { contract_id: number; system_id: number; organisation_id: number }[]) {
  await insertMany(tx, 'contract_systems', rows, { batch: 500, ignoreConflictOn: ['contract_id', 'system_id'] });
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

/** Contracts whose reference or title is these words, ignoring case. */
export const contractsCalled = (db: Db, organisationId: number, words: string) =>
  db
    .selectFrom('contracts')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb(eb.fn('lower', ['reference']), '=', words.toLowerCase()), eb(eb.fn('lower', ['title']), '=', words.toLowerCase())]))
    .select(['id', 'title', 'reference'])
    .orderBy('id')
    .execute();

export const contractNamesByIds = (db: Db, organisationId: number, ids: number[]) =>
  db.selectFrom('contracts').where('organisation_id', '=', organisationId).where('id', 'in', ids).select(['id', 'title', 'reference']).execute();
