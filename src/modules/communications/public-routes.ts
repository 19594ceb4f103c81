import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Feed } from 'feed';
import { absoluteLink, escapeHtml, keptPageSecurity, NotFoundError, renderHtml, submitForm, UserError } from '../../platform/index.js';
import { keptPublicPage, publicMaxAgeSeconds } from './public-cache.js';
import * as q from './queries.js';
import { inLanguage } from './rules.js';
import { langCookie, langOf, translator, when, type Lang } from './i18n.js';
import { confirmSubscription, endSubscription, statusOf, subscribe } from './status.js';
import { statusPage } from './status-view.js';
import { statusSummary } from './summary.js';
import { progressPage, progressFeedItems } from './progress.js';

export const view = (name: string) => `modules/communications/views/${name}.njk`;
type Page = NonNullable<Awaited<ReturnType<typeof q.pageOf>>>;
/** Stands in for a page that does not exist, so a form posted to it still has its errors shown. */
const nowhere: Page = {
  organisation_id: 0,
  short_name: 'unknown',
  name: 'Service status',
  name_cy: '',
  about: '',
  about_cy: '',
  colour: '#1d70b8',
  logo_type: null,
  welsh: 0,
  updated_at: '',
};

// The short name is looked up as it is; the demo council's is the example.
const shortName = z.string().max(60).meta({ example: 'eastwold' });
const orgParams = z.object({ organisation: shortName });
const tokenParams = z.object({ organisation: shortName, token: z.string().max(100) });
// A language the pages do not have is read as English rather than refused: a reader is never stopped by it.
const lang = z.string().max(10).meta({ forgiving: true }).optional();
const langQuery = z.object({ lang });
// Messages are keys of the catalogue: the page shows them in the reader's language.
const subscribeForm = z.object({
  email: z
    .string({ message: 'subscribe.errorEmail' })
    .trim()
    .max(254, 'subscribe.errorEmail')
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'subscribe.errorEmail')
    .meta({ example: 'resident@example.com' }),
  components: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.coerce.number({ message: 'subscribe.errorComponents' }).int('subscribe.errorComponents').min(1, 'subscribe.errorComponents')).max(200),
  ),
  lang,
});
const confirmForm = z.object({ lang });

/** The reader's language: as the address asks, else as they chose before, else English; only where the council offers Welsh. */
function languageOf(request: FastifyRequest, page: Pick<Page, 'welsh'> | null): Lang {
  const asked = langOf((request.query as { lang?: string }).lang) ?? langOf((request.body as { lang?: string } | undefined)?.lang);
  // Pages never kept (the subscription forms) may follow the reader's remembered choice.
  const lang = asked ?? langOf(request.cookies[langCookie]) ?? 'en';
  return page && !page.welsh ? 'en' : lang;
}

export function publicContext(page: Page, lang: Lang, path: string) {
  const other: Lang = lang === 'cy' ? 'en' : 'cy';
  const query = lang === 'cy' ? '?lang=cy' : '';
  return {
    page,
    lang,
    t: translator(lang),
    council: inLanguage(lang, page.name, page.name_cy),
    about: page.about ? inLanguage(lang, page.about, page.about_cy) : null,
    langQuery: query,
    homeHref: `/status/${page.short_name}${query}`,
    switchHref: page.welsh ? `${path}?lang=${other}` : null,
    otherLang: other,
    alternates: page.welsh
      ? [
          { lang: 'en', href: absoluteLink(`${path}?lang=en`) },
          { lang: 'cy', href: absoluteLink(`${path}?lang=cy`) },
        ]
      : [],
  };
}

/**
 * Sends a kept public page: 304 when the reader has it already, otherwise the page with its ETag
 * and a short max-age. A reader who chose Welsh before and asks without a language is sent to it.
 */
async function sendKept(
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  make: () => Promise<{ organisationId: number; body: string | Buffer; type: string } | null>,
) {
  const kept = await keptPublicPage(key, make);
  if (!kept) return notFound(reply);
  reply.header('etag', kept.etag).header('cache-control', `public, max-age=${publicMaxAgeSeconds}`).header('vary', 'Cookie, Accept-Encoding');
  if (request.headers['if-none-match'] === kept.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.type(kept.type).header('content-encoding', 'gzip').send(kept.gzipped);
  return reply.type(kept.type).send(kept.body);
}

/** A public address that leads nowhere: the page layout, saying so, in both languages. */
function notFound(reply: FastifyReply) {
  return reply
    .code(404)
    .header('cache-control', 'no-store')
    .render(view('public-message'), {
      ...publicContext(nowhere, 'en', '/status'),
      title: 'Page not found',
      heading: 'Page not found',
      text: 'There is no status or progress page at this address. Check the address, or go to your council’s website. / Nid oes tudalen statws na chynnydd yn y cyfeiriad hwn.',
      noBack: true,
    });
}

/** Remembers the language chosen with the switcher; a page asked for without one goes to the remembered one. */
function rememberLanguage(request: FastifyRequest, reply: FastifyReply, path: string) {
  const asked = langOf((request.query as { lang?: string }).lang);
  const remembered = langOf(request.cookies[langCookie]);
  if (asked && asked !== remembered) reply.setCookie(langCookie, asked, { path: '/', maxAge: 365 * 86400, sameSite: 'lax', httpOnly: true });
  if (!asked && remembered === 'cy') {
    reply.header('cache-control', 'private, no-store').redirect(`${path}?lang=cy`, 302);
    return true;
  }
  return false;
}

export async function publicRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const pageFor = (name: string) => q.pageByShortName(db, name.toLowerCase());

  // Kept pages carry no nonce: their policy allows GOV.UK's one inline script by its hash.
  const kept = keptPageSecurity(app.steward.config.secureCookies);
  app.get(
    '/status/:organisation',
    { config: { access: 'public', query: langQuery }, schema: { params: orgParams }, helmet: kept } as object,
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { organisation } = request.params as { organisation: string };
      if (rememberLanguage(request, reply, `/status/${organisation}`)) return reply;
      const asked = langOf((request.query as { lang?: string }).lang) ?? 'en';
      return sendKept(request, reply, `status:${organisation}:${asked}`, async () => {
        const page = await pageFor(organisation);
        if (!page) return null;
        const lang = page.welsh ? asked : 'en';
        const s = await statusOf(db, Number(page.organisation_id), { publicOnly: true });
        const body = renderHtml(view('public-status'), {
          ...publicContext(page, lang, `/status/${page.short_name}`),
          title: translator(lang)('status.title'),
          s: statusPage(s, lang, { internal: false }),
          internal: false,
          manage: false,
          feedHref: `/status/${page.short_name}/feed.atom`,
          feedTitle: translator(lang)('status.feed'),
        });
        return { organisationId: Number(page.organisation_id), body, type: 'text/html; charset=utf-8' };
      });
    },
  );

  app.get('/status/:organisation/summary.json', { config: { access: 'public' }, schema: { params: orgParams } }, async (request, reply) => {
    const { organisation } = request.params as { organisation: string };
    return sendKept(request, reply, `summary:${organisation}`, async () => {
      const page = await pageFor(organisation);
      if (!page) return null;
      const s = await statusOf(db, Number(page.organisation_id), { publicOnly: true });
      return { organisationId: Number(page.organisation_id), body: JSON.stringify(statusSummary(page, s)), type: 'application/json; charset=utf-8' };
    });
  });

  app.get('/status/:organisation/feed.atom', { config: { access: 'public', query: langQuery }, schema: { params: orgParams } }, async (request, reply) => {
    const { organisation } = request.params as { organisation: string };
    const asked = langOf((request.query as { lang?: string }).lang) ?? 'en';
    return sendKept(request, reply, `status-feed:${organisation}:${asked}`, async () => {
      const page = await pageFor(organisation);
      if (!page) return null;
      const lang = page.welsh ? asked : 'en';
      const t = translator(lang);
      const s = await statusOf(db, Number(page.organisation_id), { publicOnly: true });
      const link = absoluteLink(`/status/${page.short_name}${lang === 'cy' ? '?lang=cy' : ''}`);
      const council = inLanguage(lang, page.name, page.name_cy).text;
      const feed = new Feed({
        title: escapeHtml(`${council}: ${t('status.title')}`),
        id: link,
        link,
        language: lang,
        updated: new Date(s.updates[0]?.at ?? s.now),
        copyright: council,
        feedLinks: { atom: absoluteLink(`/status/${page.short_name}/feed.atom${lang === 'cy' ? '?lang=cy' : ''}`) },
      });
      for (const i of s.incidents.slice(0, 50)) {
        const latest = s.updates.find((u) => Number(u.incident_id) === i.id);
        // The feed's text is HTML: what staff typed is escaped, so a feed reader shows it as written.
        feed.addItem({
          title: escapeHtml(`${t(`states.${i.state}`)}: ${inLanguage(lang, i.title, i.title_cy).text}`),
          id: absoluteLink(`/status/${page.short_name}#incident-${i.id}`),
          link,
          date: new Date(latest?.at ?? i.updated_at),
          description: latest ? escapeHtml(inLanguage(lang, latest.body, latest.body_cy).text) : '',
        });
      }
      for (const m of s.maintenance.slice(0, 50))
        feed.addItem({
          title: escapeHtml(`${t('status.maintenance')}: ${inLanguage(lang, m.title, m.title_cy).text}`),
          id: absoluteLink(`/status/${page.short_name}#planned-${m.key}`),
          link,
          date: new Date(m.starts_at),
          description: escapeHtml(
            `${t('status.window', { from: when(m.starts_at, lang), to: when(m.ends_at, lang) })}. ${inLanguage(lang, m.body, m.body_cy).text}`,
          ),
        });
      return { organisationId: Number(page.organisation_id), body: feed.atom1(), type: 'application/atom+xml; charset=utf-8' };
    });
  });

  app.get('/status/:organisation/theme.css', { config: { access: 'public' }, schema: { params: orgParams } }, async (request, reply) => {
    const { organisation } = request.params as { organisation: string };
    return sendKept(request, reply, `theme:${organisation}`, async () => {
      const page = await pageFor(organisation);
      if (!page) return null;
      // The colour was checked as #rrggbb when saved; it is checked again here, as it goes into CSS.
      const colour = /^#[0-9a-f]{6}$/i.test(page.colour) ? page.colour : '#1d70b8';
      return { organisationId: Number(page.organisation_id), body: `.council-header{background-color:${colour}}`, type: 'text/css; charset=utf-8' };
    });
  });

  app.get('/status/:organisation/logo', { config: { access: 'public' }, schema: { params: orgParams } }, async (request, reply) => {
    const { organisation } = request.params as { organisation: string };
    return sendKept(request, reply, `logo:${organisation}`, async () => {
      const logo = await q.logoOf(db, organisation.toLowerCase());
      const page = logo?.logo ? await pageFor(organisation) : null;
      if (!logo?.logo || !logo.logo_type || !page) return null;
      return { organisationId: Number(page.organisation_id), body: Buffer.from(logo.logo), type: logo.logo_type };
    });
  });

  // Subscriptions: forms carry a CSRF token, so they are never kept.
  const subscribePage = async (request: FastifyRequest) => {
    const { organisation } = request.params as { organisation: string };
    const page = await pageFor(organisation);
    if (!page) return null;
    const lang = languageOf(request, page);
    const components = await q.componentsOf(db, Number(page.organisation_id), true);
    return {
      ...publicContext(page, lang, `/status/${page.short_name}/subscribe`),
      title: translator(lang)('subscribe.title'),
      components: components.map((c) => ({ value: String(c.id), ...inLanguage(lang, c.name, c.name_cy) })),
    };
  };
  app.get('/status/:organisation/subscribe', { config: { access: 'public', query: langQuery }, schema: { params: orgParams } }, async (request, reply) => {
    const context = await subscribePage(request);
    if (!context) return notFound(reply);
    return reply.header('cache-control', 'private, no-store').render(view('public-subscribe'), { ...context, values: {} });
  });
  app.post('/status/:organisation/subscribe', { config: { access: 'public', form: subscribeForm }, schema: { params: orgParams } }, async (request, reply) => {
    // The form is checked before the page is looked for, so bad input is named on its field either way.
    const context = (await subscribePage(request)) ?? {
      ...publicContext(nowhere, 'en', '/status'),
      title: translator('en')('subscribe.title'),
      components: [],
    };
    return submitForm(request, reply, {
      schema: subscribeForm,
      view: view('public-subscribe'),
      context: () => context,
      action: async (v) => {
        if (context.page === nowhere) throw new NotFoundError('There is no such page');
        const offered = new Set(context.components.map((c) => Number(c.value)));
        if (v.components.some((c) => !offered.has(c))) throw new UserError('subscribe.errorComponents', { field: 'components' });
        await subscribe(db, Number(context.page.organisation_id), { email: v.email, lang: context.lang, componentIds: [...new Set(v.components)] });
        return {
          page: view('public-message'),
          context: {
            ...context,
            title: context.t('subscribe.checkEmail'),
            heading: context.t('subscribe.checkEmail'),
            text: context.t('subscribe.sent', { email: v.email }),
          },
        };
      },
    });
  });

  const tokenPage = (kind: 'confirm' | 'unsubscribe') => async (request: FastifyRequest, reply: FastifyReply) => {
    const { organisation } = request.params as { organisation: string };
    const page = await pageFor(organisation);
    if (!page) return notFound(reply);
    const lang = languageOf(request, page);
    const context = publicContext(page, lang, `/status/${page.short_name}`);
    const t = context.t;
    return reply
      .header('cache-control', 'private, no-store')
      .header('referrer-policy', 'no-referrer')
      .render(view('public-confirm'), {
        ...context,
        title: t(kind === 'confirm' ? 'subscribe.confirmTitle' : 'subscribe.unsubscribeTitle'),
        button: t(kind === 'confirm' ? 'subscribe.confirmButton' : 'subscribe.unsubscribeButton'),
        action: request.url.split('?')[0],
      });
  };
  const useToken = (kind: 'confirm' | 'unsubscribe') => async (request: FastifyRequest, reply: FastifyReply) => {
    const { organisation, token } = request.params as { organisation: string; token: string };
    const page = await pageFor(organisation);
    if (!page) return notFound(reply);
    const lang = languageOf(request, page);
    const context = publicContext(page, lang, `/status/${page.short_name}`);
    const t = context.t;
    const organisationId = Number(page.organisation_id);
    const done = kind === 'confirm' ? await confirmSubscription(db, organisationId, token) : await endSubscription(db, organisationId, token);
    const [heading, text] = !done
      ? [t('subscribe.badLink'), t('subscribe.badLinkText')]
      : kind === 'confirm'
        ? [t('subscribe.confirmed'), t('subscribe.confirmedText')]
        : [t('subscribe.unsubscribed'), t('subscribe.unsubscribedText')];
    return reply
      .code(done ? 200 : 410)
      .header('cache-control', 'private, no-store')
      .render(view('public-message'), { ...context, title: heading, heading, text });
  };
  for (const kind of ['confirm', 'unsubscribe'] as const) {
    app.get(`/status/:organisation/${kind}/:token`, { config: { access: 'public', query: langQuery }, schema: { params: tokenParams } }, tokenPage(kind));
    app.post(`/status/:organisation/${kind}/:token`, { config: { access: 'public', form: confirmForm }, schema: { params: tokenParams } }, useToken(kind));
  }

  app.get(
    '/progress/:organisation',
    { config: { access: 'public', query: langQuery }, schema: { params: orgParams }, helmet: kept } as object,
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { organisation } = request.params as { organisation: string };
      if (rememberLanguage(request, reply, `/progress/${organisation}`)) return reply;
      const asked = langOf((request.query as { lang?: string }).lang) ?? 'en';
      return sendKept(request, reply, `progress:${organisation}:${asked}`, async () => {
        const page = await pageFor(organisation);
        if (!page) return null;
        const lang = page.welsh ? asked : 'en';
        const body = renderHtml(view('public-progress'), {
          ...publicContext(page, lang, `/progress/${page.short_name}`),
          title: translator(lang)('progress.title'),
          ...(await progressPage(db, Number(page.organisation_id), lang)),
          feedHref: `/progress/${page.short_name}/feed.atom`,
          feedTitle: translator(lang)('progress.feed'),
        });
        return { organisationId: Number(page.organisation_id), body, type: 'text/html; charset=utf-8' };
      });
    },
  );

  app.get('/progress/:organisation/feed.atom', { config: { access: 'public', query: langQuery }, schema: { params: orgParams } }, async (request, reply) => {
    const { organisation } = request.params as { organisation: string };
    const asked = langOf((request.query as { lang?: string }).lang) ?? 'en';
    return sendKept(request, reply, `progress-feed:${organisation}:${asked}`, async () => {
      const page = await pageFor(organisation);
      if (!page) return null;
      const lang = page.welsh ? asked : 'en';
      const t = translator(lang);
      const link = absoluteLink(`/progress/${page.short_name}${lang === 'cy' ? '?lang=cy' : ''}`);
      const council = inLanguage(lang, page.name, page.name_cy).text;
      const items = await progressFeedItems(db, Number(page.organisation_id), lang);
      const feed = new Feed({
        title: escapeHtml(`${council}: ${t('progress.title')}`),
        id: link,
        link,
        language: lang,
        updated: new Date(items[0]?.date ?? page.updated_at),
        copyright: council,
        feedLinks: { atom: absoluteLink(`/progress/${page.short_name}/feed.atom${lang === 'cy' ? '?lang=cy' : ''}`) },
      });
      for (const item of items)
        feed.addItem({
          title: escapeHtml(item.title),
          id: absoluteLink(item.id),
          link: absoluteLink(item.link),
          date: new Date(item.date),
          description: item.html,
        });
      return { organisationId: Number(page.organisation_id), body: feed.atom1(), type: 'application/atom+xml; charset=utf-8' };
    });
  });
}
