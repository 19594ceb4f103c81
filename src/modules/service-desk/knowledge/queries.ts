import { sql } from 'kysely';
import { fullTextIndex, type Db, type Tx } from '../../../platform/index.js';
import type { Audience } from '../tables.js';

const columns = [
  'a.id',
  'a.title',
  'a.body',
  'a.audience',
  'a.owner_id',
  'a.service_id',
  'a.review_on',
  'a.helpful',
  'a.not_helpful',
  'a.created_at',
  'a.updated_at',
] as const;

export async function listArticles(db: Db, organisationId: number, audiences: Audience[], ids?: number[]) {
  let q = db
    .selectFrom('articles as a')
    .leftJoin('people as p', 'p.id', 'a.owner_id')
    .leftJoin('services as s', 's.id', 'a.service_id')
    .where('a.organisation_id', '=', organisationId)
    .where('a.audience', 'in', audiences)
    .select(columns)
    .select(['p.display_name as owner_name', 's.name as service_name'])
    .limit(200);
  if (ids) {
    if (!ids.length) return [];
    q = q.where('a.id', 'in', ids);
  } else q = q.orderBy('a.title');
  const rows = await q.execute();
  return ids ? ids.map((id) => rows.find((r) => r.id === id)).filter((r) => r !== undefined) : rows;
}

export async function findArticle(db: Db | Tx, organisationId: number, id: number) {
  return db
    .selectFrom('articles as a')
    .leftJoin('people as p', 'p.id', 'a.owner_id')
    .leftJoin('services as s', 's.id', 'a.service_id')
    .where('a.organisation_id', '=', organisationId)
    .where('a.id', '=', id)
    .select(columns)
    .select(['p.display_name as owner_name', 's.name as service_name'])
    .executeTakeFirst();
}

/** The knowledge base's full-text index: any of the words, so a question in a person's own words still finds the article. */
export const articleSearch = fullTextIndex({ table: 'articles', sqlite: { fts: 'article_search' }, postgres: { column: 'search' }, words: 'any' });

/** Article ids matching the words, best first, ranked among the newest matches. */
export async function searchArticleIds(db: Db, organisationId: number, text: string, limit = 20): Promise<number[]> {
  return articleSearch.search(db, organisationId, text, { limit });
}

export async function insertArticle(
  tx: Tx,
  row: {
    organisation_id: number;
    title: string;
    body: string;
    audience: Audience;
    owner_id: number | null;
    service_id: number | null;
    review_on: string | null;
    now: string;
  },
) {
  const { now, ...rest } = row;
  const r = await tx
    .insertInto('articles')
    .values({ ...rest, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateArticle(
  tx: Tx,
  id: number,
  set: { title: string; body: string; audience: Audience; service_id: number | null; review_on: string | null; updated_at: string },
) {
  await tx.updateTable('articles').set(set).where('id', '=', id).execute();
}

export async function countFeedback(tx: Tx, id: number, helpful: boolean) {
  await tx
    .updateTable('articles')
    .set(helpful ? { helpful: sql`helpful + 1` } : { not_helpful: sql`not_helpful + 1` })
    .where('id', '=', id)
    .execute();
}

export async function linkArticle(tx: Tx, row: { ticket_id: number; article_id: number; organisation_id: number; linked_by: number | null; at: string }) {
  await tx
    .insertInto('ticket_articles')
    .values(row)
    .onConflict((oc) => oc.columns(['ticket_id', 'article_id']).doNothing())
    .execute();
}

export async function articlesOfTicket(db: Db | Tx, ticketId: number) {
  return db
    .selectFrom('ticket_articles as ta')
    .innerJoin('articles as a', 'a.id', 'ta.article_id')
    .where('ta.ticket_id', '=', ticketId)
    .select(['a.id', 'a.title', 'a.audience'])
    .execute();
}
