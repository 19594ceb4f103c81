import { sql, type Insertable, type Updateable } from 'kysely';
import { insertMany, type Db, type Tx } from '../../platform/index.js';
import type { BudgetLinesTable } from './tables.js';

type Conn = Db | Tx;

/** A year's lines with what has been spent against each: one grouped read of the actuals. */
export async function linesOf(db: Conn, organisationId: number, financialYear: number) {
  const spent = db
    .selectFrom('budget_actuals')
    .where('organisation_id', '=', organisationId)
    .groupBy('line_id')
    .select(['line_id', (eb) => eb.fn.sum<number>('amount').as('actual'), (eb) => eb.fn.countAll<number>().as('transactions')]);
  return db
    .selectFrom('budget_lines as l')
    .leftJoin(spent.as('a'), 'a.line_id', 'l.id')
    .where('l.organisation_id', '=', organisationId)
    .where('l.financial_year', '=', financialYear)
    .selectAll('l')
    .select([sql<number>`coalesce(a.actual, 0)`.as('actual'), sql<number>`coalesce(a.transactions, 0)`.as('transactions')])
    .orderBy('l.kind', 'desc')
    .orderBy('l.category')
    .orderBy('l.name')
    .limit(2000)
    .execute();
}

export const lineById = (db: Conn, organisationId: number, id: number) =>
  db.selectFrom('budget_lines').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export const lineWithCode = (db: Conn, organisationId: number, financialYear: number, costCentre: string, account: string) =>
  db
    .selectFrom('budget_lines')
    .where('organisation_id', '=', organisationId)
    .where('financial_year', '=', financialYear)
    .where(sql<string>`lower(cost_centre)`, '=', costCentre.toLowerCase())
    .where(sql<string>`lower(account)`, '=', account.toLowerCase())
    .select('id')
    .executeTakeFirst();

export async function insertLine(tx: Tx, row: Insertable<BudgetLinesTable>) {
  const r = await tx.insertInto('budget_lines').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateLine(tx: Tx, organisationId: number, id: number, set: Updateable<BudgetLinesTable>) {
  await tx.updateTable('budget_lines').set(set).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Every line's codes across the years, for matching the finance system's rows. */
export const lineCodes = (db: Conn, organisationId: number) =>
  db.selectFrom('budget_lines').where('organisation_id', '=', organisationId).select(['id', 'financial_year', 'cost_centre', 'account']).limit(20000).execute();

export const actualsOf = (db: Conn, organisationId: number, lineId: number) =>
  db
    .selectFrom('budget_actuals')
    .where('organisation_id', '=', organisationId)
    .where('line_id', '=', lineId)
    .select(['id', 'posted_on', 'amount', 'supplier', 'description', 'reference'])
    .orderBy('posted_on', 'desc')
    .orderBy('id', 'desc')
    .limit(1000)
    .execute();

export async function insertActuals(
  tx: Tx,
  rows: {
    organisation_id: number;
    line_id: number;
    posted_on: string;
    amount: number;
    supplier: string;
    description: string;
    reference: string;
    import_id: number | null;
    created_at: string;
  }[],
) {
  await insertMany(tx, 'budget_actuals', rows, { batch: 500 });
}

export const closedYears = async (db: Conn, organisationId: number) =>
  new Set(
    (await db.selectFrom('budget_closed_years').where('organisation_id', '=', organisationId).select('financial_year').execute()).map((r) =>
      Number(r.financial_year),
    ),
  );

export async function closeYear(tx: Tx, organisationId: number, financialYear: number, at: string) {
  await tx.insertInto('budget_closed_years').values({ organisation_id: organisationId, financial_year: financialYear, closed_at: at }).execute();
}

export const costSettings = async (db: Conn, organisationId: number) =>
  (await db.selectFrom('cost_settings').where('organisation_id', '=', organisationId).select('shared_rule').executeTakeFirst())?.shared_rule ?? 'equal';

export async function saveCostSettings(tx: Tx, organisationId: number, rule: 'equal' | 'headcount') {
  await tx
    .insertInto('cost_settings')
    .values({ organisation_id: organisationId, shared_rule: rule })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ shared_rule: rule }))
    .execute();
}

export const headcounts = async (db: Conn, organisationId: number) =>
  new Map(
    (await db.selectFrom('service_area_headcounts').where('organisation_id', '=', organisationId).select(['service_area_id', 'headcount']).execute()).map(
      (r) => [Number(r.service_area_id), Number(r.headcount)] as const,
    ),
  );

export async function saveHeadcount(tx: Tx, organisationId: number, serviceAreaId: number, headcount: number) {
  await tx
    .insertInto('service_area_headcounts')
    .values({ organisation_id: organisationId, service_area_id: serviceAreaId, headcount })
    .onConflict((oc) => oc.columns(['organisation_id', 'service_area_id']).doUpdateSet({ headcount }))
    .execute();
}

/**
 * What the cost of each service is worked out from, as a fingerprint: the systems' costs and
 * latest change, which services use which systems, and the contracts and what they cover.
 */
export async function costFingerprint(db: Db, organisationId: number) {
  const [s, u, c, k] = await Promise.all([
    db
      .selectFrom('systems')
      .where('organisation_id', '=', organisationId)
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`coalesce(sum(coalesce(annual_cost, 0) * (id % 9973 + 1)), 0)`.as('w'),
        sql<string>`max(updated_at)`.as('at'),
      ])
      .executeTakeFirst(),
    db
      .selectFrom('system_service_areas')
      .where('organisation_id', '=', organisationId)
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`coalesce(sum(system_id * service_area_id), 0)`.as('w'),
        sql<number>`coalesce(sum(system_id * system_id % 104729 * service_area_id), 0)`.as('v'),
      ])
      .executeTakeFirst(),
    db
      .selectFrom('contracts')
      .where('organisation_id', '=', organisationId)
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`coalesce(sum(coalesce(annual_value, 0) * (id % 9973 + 1)), 0)`.as('w'),
        sql<string>`max(updated_at)`.as('at'),
      ])
      .executeTakeFirst(),
    db
      .selectFrom('contract_systems')
      .where('organisation_id', '=', organisationId)
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`coalesce(sum(contract_id * system_id), 0)`.as('w'),
        sql<number>`coalesce(sum(contract_id * contract_id % 104729 * system_id), 0)`.as('v'),
      ])
      .executeTakeFirst(),
  ]);
  return [s?.n, s?.w, s?.at, u?.n, u?.w, u?.v, c?.n, c?.w, c?.at, k?.n, k?.w, k?.v].map((x) => String(x ?? '')).join('|');
}

/** Each system's own annual cost and its share of the contracts that cover it (a contract's value split across its systems), and who uses it. */
export async function systemCosts(db: Db, organisationId: number) {
  const perContract = db
    .selectFrom('contract_systems')
    .where('organisation_id', '=', organisationId)
    .groupBy('contract_id')
    .select(['contract_id', (eb) => eb.fn.countAll<number>().as('n')]);
  const shares = db
    .selectFrom('contract_systems as cs')
    .innerJoin('contracts as c', 'c.id', 'cs.contract_id')
    .innerJoin(perContract.as('k'), 'k.contract_id', 'cs.contract_id')
    .where('cs.organisation_id', '=', organisationId)
    .groupBy('cs.system_id')
    .select(['cs.system_id', sql<number>`sum(coalesce(c.annual_value, 0) * 1.0 / k.n)`.as('share')]);
  const [costs, areas] = await Promise.all([
    db
      .selectFrom('systems as s')
      .leftJoin(shares.as('x'), 'x.system_id', 's.id')
      .where('s.organisation_id', '=', organisationId)
      .select(['s.id', sql<number>`coalesce(s.annual_cost, 0) + coalesce(x.share, 0)`.as('cost')])
      .execute(),
    db.selectFrom('system_service_areas').where('organisation_id', '=', organisationId).select(['system_id', 'service_area_id']).execute(),
  ]);
  return { costs, areas };
}

export const actualById = (db: Conn, organisationId: number, lineId: number, id: number) =>
  db
    .selectFrom('budget_actuals')
    .where('organisation_id', '=', organisationId)
    .where('line_id', '=', lineId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();

export async function deleteActual(tx: Tx, organisationId: number, id: number) {
  await tx.deleteFrom('budget_actuals').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** What the lines already hold, as transactions are told apart: day, amount, reference and description. */
export async function actualKeys(db: Conn, organisationId: number, lineIds: number[]) {
  if (!lineIds.length) return new Set<string>();
  const rows = await db
    .selectFrom('budget_actuals')
    .where('organisation_id', '=', organisationId)
    .where('line_id', 'in', lineIds)
    .select(['line_id', 'posted_on', 'amount', 'reference', 'description'])
    .execute();
  return new Set(rows.map((r) => actualKey(Number(r.line_id), String(r.posted_on).slice(0, 10), Number(r.amount), r.reference, r.description)));
}
export const actualKey = (lineId: number, postedOn: string, amount: number, reference: string, description: string) =>
  `${lineId}|${postedOn}|${amount.toFixed(2)}|${reference.toLowerCase()}|${description.toLowerCase()}`;
