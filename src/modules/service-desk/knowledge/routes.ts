import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, can, formErrors, identityOf, line, pageQuery, problemResponses, ref, renderMarkdown, submitForm } from '../../../platform/index.js';
import { desk } from '../abilities.js';
import { deskRecords } from '../references.js';
import { servicesOf } from '../catalogue/service.js';
import {
  articleFor,
  articleInput,
  audienceNames,
  audiences,
  audiencesFor,
  createArticle,
  listArticles,
  recordFeedback,
  searchArticles,
  updateArticle,
} from './service.js';

const writers = desk.writeArticles;
const searchQuery = z.object({ q: line(200, { tooLong: 'Search for 200 characters or fewer' }).optional() });
const articleParams = z.object({ id: ref(deskRecords.article, 'There is no such article') });
const feedbackForm = z.object({ helpful: z.enum(['yes', 'no'], { message: 'Say whether this helped' }) });
const view = (name: string) => `modules/service-desk/knowledge/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Knowledge base', href: '/knowledge' },
];

export async function knowledgeRoutes(base: FastifyInstance) {
  const { db } = base.steward;

  base.get('/knowledge', { config: { access: 'signed-in', query: searchQuery } }, async (request, reply) => {
    const identity = identityOf(request);
    const parsed = await pageQuery(request, searchQuery);
    const text = parsed.ok ? (parsed.value.q ?? '') : '';
    const articles = text ? await searchArticles(db, identity, text, 50) : await listArticles(db, identity.organisation.id, audiencesFor(identity));
    const today = new Date().toISOString().slice(0, 10);
    return reply.code(parsed.ok ? 200 : 400).render(view('list'), {
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      title: 'Knowledge base',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      q: text,
      articles: articles.map((a) => ({ ...a, audienceName: audienceNames[a.audience], overdue: !!a.review_on && a.review_on < today })),
      canWrite: can(identity, writers),
    });
  });

  const formContext = async (request: FastifyRequest, title: string) => ({
    title,
    breadcrumbs: crumbs,
    audienceItems: audiences.map((a) => ({ value: a, text: audienceNames[a] })),
    serviceOptions: [
      { value: '', text: 'No particular service' },
      ...(await servicesOf(db, identityOf(request).organisation.id)).map((s) => ({ value: String(s.id), text: s.name })),
    ],
  });

  base.get('/knowledge/new', { config: { access: writers } }, async (request, reply) =>
    reply.render(view('form'), { ...(await formContext(request, 'Write an article')), action: '/knowledge', values: { audience: 'staff' } }),
  );

  base.post('/knowledge', { config: { access: writers, form: articleInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: articleInput,
      view: view('form'),
      context: async () => ({ ...(await formContext(request, 'Write an article')), action: '/knowledge' }),
      action: async (v) => {
        const id = await createArticle(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: `/knowledge/${id}`, flash: 'Article published' };
      },
    }),
  );

  const articleContext = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const article = await articleFor(db, identity, (request.params as z.output<typeof articleParams>).id);
    return {
      title: article.title,
      breadcrumbs: crumbs,
      article: { ...article, html: renderMarkdown(article.body), audienceName: audienceNames[article.audience] },
      canWrite: can(identity, writers),
    };
  };

  base.get('/knowledge/:id', { config: { access: 'signed-in' }, schema: { params: articleParams } }, async (request, reply) =>
    reply.render(view('article'), await articleContext(request)),
  );

  base.post(
    '/knowledge/:id/feedback',
    { config: { access: desk.rateArticles, form: feedbackForm }, schema: { params: articleParams } },
    async (request, reply) => {
      const context = await articleContext(request);
      return submitForm(request, reply, {
        schema: feedbackForm,
        view: view('article'),
        context: () => context,
        action: async (v) => {
          await recordFeedback(db, actorFor(request), identityOf(request), context.article.id, v.helpful === 'yes');
          return {
            redirect: `/knowledge/${context.article.id}`,
            flash: v.helpful === 'yes' ? 'Thank you: glad it helped' : 'Thank you: we will improve it. You can also report a problem.',
          };
        },
      });
    },
  );

  base.get('/knowledge/:id/edit', { config: { access: writers }, schema: { params: articleParams } }, async (request, reply) => {
    const { article } = await articleContext(request);
    return reply.render(view('form'), {
      ...(await formContext(request, `Edit “${article.title}”`)),
      action: `/knowledge/${article.id}`,
      values: {
        title: article.title,
        body: article.body,
        audience: article.audience,
        serviceId: article.service_id ? String(article.service_id) : '',
        reviewOn: article.review_on ?? '',
      },
    });
  });

  base.post('/knowledge/:id', { config: { access: writers, form: articleInput }, schema: { params: articleParams } }, async (request, reply) => {
    const { id } = request.params as z.output<typeof articleParams>;
    return submitForm(request, reply, {
      schema: articleInput,
      view: view('form'),
      context: async () => ({ ...(await formContext(request, 'Edit article')), action: `/knowledge/${id}` }),
      action: async (v) => {
        await updateArticle(db, actorFor(request), identityOf(request).organisation.id, id, v);
        return { redirect: `/knowledge/${id}`, flash: 'Article saved' };
      },
    });
  });

  const app = base.withTypeProvider<ZodTypeProvider>();
  const articleSchema = z
    .object({
      id: z.number().int(),
      title: z.string(),
      body: z.string(),
      audience: z.enum(['staff', 'agents', 'public']),
      serviceId: z.number().int().nullable(),
      reviewOn: z.string().nullable(),
      helpful: z.number().int(),
      notHelpful: z.number().int(),
      updatedAt: z.string(),
    })
    .meta({ id: 'Article' });
  const toApi = (a: Awaited<ReturnType<typeof listArticles>>[number]) => ({
    id: a.id,
    title: a.title,
    body: a.body,
    audience: a.audience,
    serviceId: a.service_id,
    reviewOn: a.review_on,
    helpful: a.helpful,
    notHelpful: a.not_helpful,
    updatedAt: a.updated_at,
  });
  const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

  app.get(
    '/api/v1/articles',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['Service desk'],
        security,
        summary: 'Knowledge articles the caller may read; `q` searches them',
        querystring: searchQuery,
        response: { 200: z.object({ items: z.array(articleSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const identity = identityOf(request);
      const rows = request.query.q
        ? await searchArticles(db, identity, request.query.q, 50)
        : await listArticles(db, identity.organisation.id, audiencesFor(identity));
      return { items: rows.map(toApi) };
    },
  );

  app.post(
    '/api/v1/articles',
    {
      config: { access: writers },
      schema: {
        tags: ['Service desk'],
        security,
        summary: 'Publish a knowledge article',
        body: articleInput,
        response: { 201: z.object({ id: z.number().int() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await createArticle(db, actorFor(request), identityOf(request).organisation.id, request.body) }),
  );
}
