import { z } from 'zod';
import {
  auditedWrite,
  can,
  NotFoundError,
  UserError,
  type Actor,
  type AuditRecorder,
  type Db,
  type Identity,
  type Tx,
  line,
  optionalRef,
  paragraphs,
} from '../../../platform/index.js';
import { deskRecords } from '../references.js';
import { desk } from '../abilities.js';
import { findService } from '../catalogue/service.js';
import type { Audience } from '../tables.js';
import * as q from './queries.js';
import { rankArticles, searchText } from './ranking.js';

export const audiences: Audience[] = ['staff', 'agents', 'public'];
export const audienceNames: Record<Audience, string> = { staff: 'All staff', agents: 'Service desk only', public: 'Public' };

export const articleInput = z.object({
  title: line(200, { required: 'Enter a title that says what the article answers', tooLong: 'Title must be 200 characters or fewer' }),
  body: paragraphs(50000, { required: 'Write the article', tooLong: 'Article must be 50,000 characters or fewer' }),
  audience: z.enum(['staff', 'agents', 'public'], { message: 'Choose who can read it' }),
  serviceId: optionalRef(deskRecords.service).transform((v) => v ?? undefined),
  reviewOn: z
    .union([
      z.literal(''),
      z
        .string()
        .max(10, 'Enter the review date as YYYY-MM-DD')
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the review date as YYYY-MM-DD')
        .meta({ example: '2027-06-30' }),
    ])
    .optional()
    .transform((v) => v || undefined),
});
export type ArticleInput = z.infer<typeof articleInput>;

/** Who reads what: the service desk reads everything; staff read staff and public articles. */
export function audiencesFor(identity: Identity): Audience[] {
  return can(identity, desk.readTickets) ? audiences : ['staff', 'public'];
}

async function checkService(db: Db | Tx, organisationId: number, serviceId: number | undefined) {
  if (serviceId && !(await findService(db, organisationId, serviceId))) throw new UserError('Choose one of the services', { field: 'serviceId' });
}

export async function createArticle(db: Db, actor: Actor, organisationId: number, input: ArticleInput, now = new Date()) {
  return auditedWrite(db, actor, (tx, audit) => writeArticle(tx, audit, organisationId, actor.personId, input, now));
}

export async function updateArticle(db: Db, actor: Actor, organisationId: number, id: number, input: ArticleInput, now = new Date()) {
  await auditedWrite(db, actor, (tx, audit) => rewriteArticle(tx, audit, organisationId, id, input, now));
}

/**
 * Writes an article inside the caller's transaction, audited there: for a module whose own change
 * publishes one (a known error's workaround), so the two commit together or not at all.
 */
export async function writeArticle(tx: Tx, audit: AuditRecorder, organisationId: number, ownerId: number | null, input: ArticleInput, now = new Date()) {
  await checkService(tx, organisationId, input.serviceId);
  const id = await q.insertArticle(tx, {
    organisation_id: organisationId,
    title: input.title,
    body: input.body,
    audience: input.audience,
    owner_id: ownerId,
    service_id: input.serviceId ?? null,
    review_on: input.reviewOn ?? null,
    now: now.toISOString(),
  });
  await audit.created('article', id, { title: input.title, audience: input.audience }, `Wrote article “${input.title}”`, organisationId);
  return id;
}

/** Changes an article inside the caller's transaction, audited there (see `writeArticle`). */
export async function rewriteArticle(tx: Tx, audit: AuditRecorder, organisationId: number, id: number, input: ArticleInput, now = new Date()) {
  const before = await q.findArticle(tx, organisationId, id);
  if (!before) throw new NotFoundError('There is no such article');
  await checkService(tx, organisationId, input.serviceId);
  const set = { title: input.title, body: input.body, audience: input.audience, service_id: input.serviceId ?? null, review_on: input.reviewOn ?? null };
  await q.updateArticle(tx, id, { ...set, updated_at: now.toISOString() });
  await audit.updated(
    'article',
    id,
    { title: before.title, body: before.body, audience: before.audience, service_id: before.service_id, review_on: before.review_on },
    set,
    `Edited article “${input.title}”`,
    organisationId,
  );
}

export async function articleFor(db: Db, identity: Identity, id: number) {
  const article = await q.findArticle(db, identity.organisation.id, id);
  if (!article || !audiencesFor(identity).includes(article.audience)) throw new NotFoundError('There is no such article');
  return article;
}

export async function recordFeedback(db: Db, actor: Actor, identity: Identity, id: number, helpful: boolean) {
  const article = await articleFor(db, identity, id);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.countFeedback(tx, article.id, helpful);
    await audit.created('article_feedback', article.id, { helpful }, `“${article.title}” was ${helpful ? '' : 'not '}helpful`, identity.organisation.id);
  });
}

/**
 * Articles for the words a person typed, best first: the full-text index finds candidates (the
 * meaningful words and their synonyms), then `rankArticles` orders them the same way on both
 * databases (title over body, rare words over common ones) and leaves out those below the minimum
 * relevance.
 */
export async function searchArticles(db: Db, identity: Identity, text: string, limit = 10) {
  const words = searchText(text);
  if (!words) return [];
  const ids = await q.searchArticleIds(db, identity.organisation.id, words, Math.max(50, limit * 4));
  const found = await q.listArticles(db, identity.organisation.id, audiencesFor(identity), ids);
  return rankArticles(text, found).slice(0, limit);
}

/** Marks a ticket as resolved with the help of an article. */
export async function linkArticleToTicket(
  db: Db,
  actor: Actor,
  organisationId: number,
  ticket: { id: number; reference: string },
  articleId: number,
  now = new Date(),
) {
  const article = await q.findArticle(db, organisationId, articleId);
  if (!article) throw new UserError('Choose one of the articles', { field: 'articleId' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.linkArticle(tx, { ticket_id: ticket.id, article_id: articleId, organisation_id: organisationId, linked_by: actor.personId, at: now.toISOString() });
    await audit.created(
      'ticket_article',
      `${ticket.id}:${articleId}`,
      { article: article.title },
      `${ticket.reference}: resolved with “${article.title}”`,
      organisationId,
    );
  });
}

export { listArticles, articlesOfTicket } from './queries.js';
