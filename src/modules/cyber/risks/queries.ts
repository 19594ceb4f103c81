import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../../platform/index.js';
import type { RisksTable } from '../tables.js';

export interface RiskFilter {
  category?: string;
  ownerId?: number;
  status: 'open' | 'closed';
}

/** A register is hundreds of risks, not thousands; the page shows them all, highest current score first. */
export const riskLimit = 1000;

export function risksOf(db: Db, organisationId: number, filter: RiskFilter) {
  let q = db
    .selectFrom('risks as r')
    .leftJoin('people as p', 'p.id', 'r.owner_id')
    .where('r.organisation_id', '=', organisationId)
    .where('r.status', '=', filter.status);
  if (filter.category) q = q.where('r.category', '=', filter.category);
  if (filter.ownerId) q = q.where('r.owner_id', '=', filter.ownerId);
  return q
    .select([
      'r.id',
      'r.reference',
      'r.title',
      'r.category',
      'r.owner_id',
      'p.display_name as owner_name',
      'r.inherent_likelihood',
      'r.inherent_impact',
      'r.current_likelihood',
      'r.current_impact',
      'r.current_score',
      'r.target_likelihood',
      'r.target_impact',
      'r.treatment',
      'r.review_due',
    ])
    .orderBy('r.current_score', 'desc')
    .orderBy('r.id')
    .limit(riskLimit)
    .execute();
}

export const riskById = (db: Db | Tx, organisationId: number, id: number) =>
  db
    .selectFrom('risks as r')
    .leftJoin('people as p', 'p.id', 'r.owner_id')
    .where('r.organisation_id', '=', organisationId)
    .where('r.id', '=', id)
    .selectAll('r')
    .select(['p.display_name as owner_name', 'p.email as owner_email'])
    .executeTakeFirst();

export async function nextReference(tx: Tx, organisationId: number) {
  const r = await tx
    .insertInto('risk_counters')
    .values({ organisation_id: organisationId, last_number: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ last_number: sql`risk_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `RISK-${String(Number(r.last_number)).padStart(4, '0')}`;
}

/** Open risks with an owner whose review falls due by `by`, with the reminders already sent for that date. */
export const reviewsComing = (db: Db, by: string) =>
  db
    .selectFrom('risks as r')
    .innerJoin('people as p', 'p.id', 'r.owner_id')
    .where('r.status', '=', 'open')
    .where('r.review_due', 'is not', null)
    .where('r.review_due', '<=', by)
    .select(['r.id', 'r.organisation_id', 'r.reference', 'r.title', 'r.review_due', 'r.owner_id'])
    .limit(5000)
    .execute();

/** Records a reminder as sent; false if it had been already. */
export async function recordReminder(tx: Tx, row: { risk_id: number; review_due: string; kind: 'coming' | 'overdue'; sent_at: string }) {
  const r = await tx
    .insertInto('risk_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['risk_id', 'review_due', 'kind']).doNothing())
    .returning('risk_id')
    .executeTakeFirst();
  return !!r;
}

export async function insertRisk(tx: Tx, row: Insertable<RisksTable>) {
  return Number((await tx.insertInto('risks').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export const updateRisk = (tx: Tx, id: number, set: Updateable<RisksTable>) => tx.updateTable('risks').set(set).where('id', '=', id).execute();

export const addScore = (tx: Tx, row: { risk_id: number; organisation_id: number; at: string; likelihood: number; impact: number; person_id: number | null }) =>
  tx.insertInto('risk_scores').values(row).execute();

export const scoresOf = (db: Db, riskId: number) =>
  db.selectFrom('risk_scores').where('risk_id', '=', riskId).select(['at', 'likelihood', 'impact']).orderBy('at').limit(200).execute();

export const appetitesOf = (db: Db, organisationId: number) =>
  db.selectFrom('risk_appetites').where('organisation_id', '=', organisationId).select(['category', 'appetite']).execute();

export async function setAppetite(tx: Tx, organisationId: number, category: string, appetite: number) {
  await tx.deleteFrom('risk_appetites').where('organisation_id', '=', organisationId).where('category', '=', category).execute();
  await tx.insertInto('risk_appetites').values({ organisation_id: organisationId, category, appetite }).execute();
}

export const emailOf = async (db: Db, personId: number) =>
  (await db.selectFrom('people').where('id', '=', personId).select('email').executeTakeFirst())?.email ?? '';

export async function setLinks(
  tx: Tx,
  organisationId: number,
  riskId: number,
  links: { kind: 'system' | 'contract' | 'supplier' | 'outcome'; entity_id: number | null; code: string }[],
) {
  await tx.deleteFrom('risk_links').where('risk_id', '=', riskId).execute();
  if (links.length)
    await tx
      .insertInto('risk_links')
      .values(links.map((l) => ({ ...l, risk_id: riskId, organisation_id: organisationId })))
      .execute();
}

/** A risk's links with the names of what they link to. */
export const linksOf = (db: Db, riskId: number) =>
  db
    .selectFrom('risk_links as l')
    .leftJoin('systems as s', (j) => j.onRef('s.id', '=', 'l.entity_id').on('l.kind', '=', 'system'))
    .leftJoin('contracts as c', (j) => j.onRef('c.id', '=', 'l.entity_id').on('l.kind', '=', 'contract'))
    .leftJoin('suppliers as p', (j) => j.onRef('p.id', '=', 'l.entity_id').on('l.kind', '=', 'supplier'))
    .where('l.risk_id', '=', riskId)
    .select([
      'l.kind',
      'l.entity_id',
      'l.code',
      's.name as system_name',
      's.identifier as system_identifier',
      'c.reference as contract_reference',
      'c.title as contract_title',
      'p.name as supplier_name',
    ])
    .orderBy('l.id')
    .execute();

export const matrixOf = (db: Db | Tx, organisationId: number) =>
  db.selectFrom('risk_settings').where('organisation_id', '=', organisationId).select('matrix_json').executeTakeFirst();

export async function saveMatrix(tx: Tx, organisationId: number, matrixJson: string) {
  await tx.deleteFrom('risk_settings').where('organisation_id', '=', organisationId).execute();
  await tx.insertInto('risk_settings').values({ organisation_id: organisationId, matrix_json: matrixJson }).execute();
}

export const categoriesOf = (db: Db | Tx, organisationId: number) =>
  db.selectFrom('risk_categories').where('organisation_id', '=', organisationId).select(['key', 'name']).orderBy('position').execute();

export async function saveCategories(tx: Tx, organisationId: number, list: { key: string; name: string }[]) {
  await tx.deleteFrom('risk_categories').where('organisation_id', '=', organisationId).execute();
  await tx
    .insertInto('risk_categories')
    .values(list.map((c, position) => ({ organisation_id: organisationId, key: c.key, name: c.name, position })))
    .execute();
}

/** How many risks use each category. */
export const risksByCategory = (db: Db | Tx, organisationId: number) =>
  db
    .selectFrom('risks')
    .where('organisation_id', '=', organisationId)
    .groupBy('category')
    .select((eb) => ['category', eb.fn.countAll<number>().as('n')])
    .execute();

/** The highest likelihood and impact any score of the council's risks uses: what a smaller matrix would leave off. */
export async function largestStepsUsed(db: Db | Tx, organisationId: number) {
  const r = await db
    .selectFrom('risks')
    .where('organisation_id', '=', organisationId)
    .select((eb) => [
      eb.fn.max('inherent_likelihood').as('il'),
      eb.fn.max('current_likelihood').as('cl'),
      eb.fn.max('target_likelihood').as('tl'),
      eb.fn.max('inherent_impact').as('ii'),
      eb.fn.max('current_impact').as('ci'),
      eb.fn.max('target_impact').as('ti'),
    ])
    .executeTakeFirst();
  const n = (v: unknown) => Number(v ?? 0);
  return { likelihood: Math.max(n(r?.il), n(r?.cl), n(r?.tl)), impact: Math.max(n(r?.ii), n(r?.ci), n(r?.ti)) };
}

/** Risks whose reference or title is these words, ignoring case. */
export const risksCalled = (db: Db, organisationId: number, words: string) =>
  db
    .selectFrom('risks')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb(eb.fn('lower', ['reference']), '=', words.toLowerCase()), eb(eb.fn('lower', ['title']), '=', words.toLowerCase())]))
    .select(['id', 'reference', 'title'])
    .orderBy('id')
    .execute();

export const riskNamesByIds = (db: Db, organisationId: number, ids: number[]) =>
  db.selectFrom('risks').where('organisation_id', '=', organisationId).where('id', 'in', ids).select(['id', 'reference', 'title']).execute();
