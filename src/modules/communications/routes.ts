import { DateTime } from 'luxon';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  actorFor,
  can,
  checkFile,
  identityOf,
  NotFoundError,
  renderMarkdown,
  serviceAreasOf,
  serviceAreaItems,
  submitForm,
  upload,
  UserError,
} from '../../platform/index.js';
import { z } from 'zod';
import { servicesOf } from '../service-desk/index.js';
import { systemChoices } from '../estate/index.js';
import { communications } from './abilities.js';
import { translator, when } from './i18n.js';
import { isForReader, postsForReader, ukTime, writePost } from './posts.js';
import { progressChoices, publishProgressItem, withdrawProgressItem } from './progress.js';
import { logoMaxBytes, saveLogo, savePublicPage } from './public-pages.js';
import * as q from './queries.js';
import { componentParams, incidentParams, maintenanceParams, postParams, progressItemParams } from './references.js';
import { impacts, incidentStates, postState } from './rules.js';
import { componentInput, feedbackInput, incidentInput, maintenanceInput, postInput, progressInput, publicPageInput, updateInput } from './schemas.js';
import { addIncidentUpdate, cancelPlannedWork, reportIncident, saveComponent, scheduleMaintenance, statusOf } from './status.js';
import { statusPage } from './status-view.js';
import { view } from './public-routes.js';
import { sendPostFeedback } from './feedback.js';

const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;
const idOf = (request: FastifyRequest) => (request.params as { id: number }).id;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Telling people', href: '/communications' },
];
const statusCrumbs = [...crumbs, { text: 'Service status', href: '/communications/status' }];
const t = translator('en');
const stateItems = (selected?: string) => incidentStates.map((s) => ({ value: s, text: t(`states.${s}`), checked: s === selected }));
const impactItems = (selected?: string) => impacts.map((s) => ({ value: s, text: t(`statuses.${s}`), checked: s === selected }));
const stateNames = { draft: 'Draft', scheduled: 'Scheduled', published: 'Published' } as const;
/** A stored instant as the UK local time a datetime-local field shows. */
const ukLocal = (iso: string) => DateTime.fromISO(iso).setZone('Europe/London').toFormat("yyyy-MM-dd'T'HH:mm");

export async function communicationRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  // The area's front page ---------------------------------------------------------------------------
  app.get('/communications', { config: { access: communications.readPosts } }, async (request, reply) => {
    const identity = identityOf(request);
    const [s, page, posts, counts] = await Promise.all([
      statusOf(db, identity.organisation.id, { publicOnly: false }),
      q.pageOf(db, identity.organisation.id),
      q.postsOf(db, identity.organisation.id, 5),
      q.subscriberCounts(db, identity.organisation.id),
    ]);
    const now = new Date().toISOString();
    return reply.render(view('communications'), {
      title: 'Telling people',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      s: statusPage(s, 'en', { internal: true }),
      page,
      posts: posts.map((p) => ({ ...p, stateName: stateNames[postState(p.publish_at, now)] })),
      subscribers: { confirmed: Number(counts.confirmed) - Number(counts.unsubscribed), waiting: Number(counts.all) - Number(counts.confirmed) },
      canManage: can(identity, communications.manage),
      canUpdate: can(identity, communications.updateStatus),
      canWrite: can(identity, communications.write),
    });
  });

  // The status page for staff ------------------------------------------------------------------------
  app.get('/communications/status', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = identityOf(request);
    const manage = can(identity, communications.updateStatus);
    const s = await statusOf(db, identity.organisation.id, { publicOnly: false });
    const page = await q.pageOf(db, identity.organisation.id);
    return reply.render(view('status'), {
      title: 'Service status',
      breadcrumbs: manage ? crumbs : [{ text: 'Home', href: '/' }],
      lang: 'en',
      t,
      s: statusPage(s, 'en', { internal: manage }),
      internal: true,
      manage,
      canManage: can(identity, communications.manage),
      publicHref: page ? `/status/${page.short_name}` : null,
    });
  });

  // Components ---------------------------------------------------------------------------------------
  app.get('/communications/status/components', { config: { access: communications.manage } }, async (request, reply) => {
    const components = await q.componentsOf(db, orgOf(request));
    return reply.render(view('components'), { title: 'What the status page shows', breadcrumbs: statusCrumbs, components });
  });
  const componentForm = async (request: FastifyRequest, id: number | null) => {
    const organisationId = orgOf(request);
    const [c, services, systems] = await Promise.all([
      id === null ? null : q.componentById(db, organisationId, id),
      servicesOf(db, organisationId),
      systemChoices(db, organisationId),
    ]);
    if (id !== null && !c) throw new NotFoundError('There is no such component');
    return {
      title: c ? `Change ${c.name}` : 'Add a service to the status page',
      breadcrumbs: [...statusCrumbs, { text: 'What it shows', href: '/communications/status/components' }],
      action: c ? `/communications/status/components/${id}/edit` : '/communications/status/components/new',
      serviceItems: [{ value: '', text: 'None' }, ...services.map((s) => ({ value: String(s.id), text: s.name }))],
      systemItems: [
        { value: '', text: 'None' },
        ...systems.map((s) => ({ value: String(s.id), text: s.criticality ? `${s.name} (tier ${s.criticality})` : s.name })),
      ],
      values: c
        ? {
            name: c.name,
            nameCy: c.name_cy,
            description: c.description,
            descriptionCy: c.description_cy,
            group: c.group_name,
            groupCy: c.group_name_cy,
            serviceId: c.service_id === null ? '' : String(c.service_id),
            systemId: c.system_id === null ? '' : String(c.system_id),
            public: c.public ? 'yes' : '',
          }
        : {},
    };
  };
  app.get('/communications/status/components/new', { config: { access: communications.manage } }, async (request, reply) =>
    reply.render(view('component-form'), await componentForm(request, null)),
  );
  app.post('/communications/status/components/new', { config: { access: communications.manage, form: componentInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: componentInput,
      view: view('component-form'),
      context: () => componentForm(request, null),
      action: async (v) => {
        await saveComponent(db, actorFor(request), orgOf(request), v);
        return { redirect: '/communications/status/components', flash: `Added ${v.name} to the status page` };
      },
    }),
  );
  app.get(
    '/communications/status/components/:id/edit',
    { config: { access: communications.manage }, schema: { params: componentParams } },
    async (request, reply) => reply.render(view('component-form'), await componentForm(request, idOf(request))),
  );
  app.post(
    '/communications/status/components/:id/edit',
    { config: { access: communications.manage, form: componentInput }, schema: { params: componentParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: componentInput,
        view: view('component-form'),
        context: () => componentForm(request, idOf(request)),
        action: async (v) => {
          await saveComponent(db, actorFor(request), orgOf(request), v, idOf(request));
          return { redirect: '/communications/status/components', flash: `Saved ${v.name}` };
        },
      }),
  );

  // Problems -------------------------------------------------------------------------------------------
  const componentItems = async (request: FastifyRequest) =>
    (await q.componentsOf(db, orgOf(request))).map((c) => ({ value: String(c.id), text: c.public ? c.name : `${c.name} (staff only)` }));
  const incidentForm = async (request: FastifyRequest) => ({
    title: 'Tell people about a problem',
    breadcrumbs: statusCrumbs,
    componentItems: await componentItems(request),
    stateItems: stateItems('investigating'),
    impactItems: impactItems(),
    values: { state: 'investigating', public: 'yes' },
  });
  app.get('/communications/status/incidents/new', { config: { access: communications.updateStatus } }, async (request, reply) =>
    reply.render(view('incident-form'), await incidentForm(request)),
  );
  app.post('/communications/status/incidents/new', { config: { access: communications.updateStatus, form: incidentInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: incidentInput,
      view: view('incident-form'),
      context: () => incidentForm(request),
      action: async (v) => {
        const id = await reportIncident(db, actorFor(request), orgOf(request), v);
        return {
          redirect: `/communications/status/incidents/${id}`,
          flash: v.public ? 'Told people about the problem, and emailed its subscribers' : 'Told staff about the problem',
        };
      },
    }),
  );
  const incidentPage = async (request: FastifyRequest) => {
    const organisationId = orgOf(request);
    const incident = await q.incidentById(db, organisationId, idOf(request));
    if (!incident) throw new NotFoundError('There is no such problem');
    const [links, updates, components] = await Promise.all([
      q.componentsOfIncidents(db, organisationId, [idOf(request)]),
      q.updatesOf(db, organisationId, [idOf(request)]),
      q.componentsOf(db, organisationId),
    ]);
    const ids = new Set(links.map((l) => Number(l.component_id)));
    return {
      title: incident.title,
      breadcrumbs: statusCrumbs,
      incident: {
        ...incident,
        impactText: t(`statuses.${incident.impact}`),
        stateText: t(`states.${incident.state}`),
        started: when(incident.started_at, 'en'),
        resolved: incident.resolved_at ? when(incident.resolved_at, 'en') : null,
      },
      affects: components.filter((c) => ids.has(Number(c.id))).map((c) => c.name),
      updates: updates.map((u) => ({ ...u, stateText: t(`states.${u.state}`), at: when(u.at, 'en') })),
      stateItems: stateItems(),
      impactItems: impactItems(incident.impact),
      values: { impact: incident.impact },
    };
  };
  app.get(
    '/communications/status/incidents/:id',
    { config: { access: communications.updateStatus }, schema: { params: incidentParams } },
    async (request, reply) => reply.render(view('incident'), await incidentPage(request)),
  );
  app.post(
    '/communications/status/incidents/:id',
    { config: { access: communications.updateStatus, form: updateInput }, schema: { params: incidentParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: updateInput,
        view: view('incident'),
        context: () => incidentPage(request),
        action: async (v) => {
          await addIncidentUpdate(db, actorFor(request), orgOf(request), idOf(request), v);
          return {
            redirect: `/communications/status/incidents/${idOf(request)}`,
            flash: v.state === 'resolved' ? 'Resolved the problem and told its subscribers' : 'Added the update',
          };
        },
      }),
  );

  // Planned work ----------------------------------------------------------------------------------------
  const maintenanceForm = async (request: FastifyRequest) => ({
    title: 'Announce planned work',
    breadcrumbs: statusCrumbs,
    componentItems: await componentItems(request),
    values: { public: 'yes' },
  });
  app.get('/communications/status/maintenance/new', { config: { access: communications.updateStatus } }, async (request, reply) =>
    reply.render(view('maintenance-form'), await maintenanceForm(request)),
  );
  app.post('/communications/status/maintenance/new', { config: { access: communications.updateStatus, form: maintenanceInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: maintenanceInput,
      view: view('maintenance-form'),
      context: () => maintenanceForm(request),
      action: async (v) => {
        await scheduleMaintenance(db, actorFor(request), orgOf(request), { ...v, startsAt: ukTime(v.startsAt), endsAt: ukTime(v.endsAt) });
        return { redirect: '/communications/status#planned', flash: `Announced the planned work: ${v.title}` };
      },
    }),
  );
  app.post(
    '/communications/status/maintenance/:id/cancel',
    { config: { access: communications.updateStatus, form: z.object({}) }, schema: { params: maintenanceParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: z.object({}),
        view: view('status'),
        context: async () => ({
          title: 'Service status',
          t,
          lang: 'en',
          s: statusPage(await statusOf(db, orgOf(request), { publicOnly: false }), 'en', { internal: true }),
          internal: true,
          manage: true,
        }),
        action: async () => {
          await cancelPlannedWork(db, actorFor(request), orgOf(request), idOf(request));
          return { redirect: '/communications/status#planned', flash: 'Cancelled the planned work' };
        },
      }),
  );

  // Posts -----------------------------------------------------------------------------------------------
  app.get('/communications/posts', { config: { access: communications.readPosts } }, async (request, reply) => {
    const identity = identityOf(request);
    const [posts, areas] = await Promise.all([q.postsOf(db, identity.organisation.id), serviceAreasOf(db, identity.organisation.id)]);
    const now = new Date().toISOString();
    return reply.render(view('posts'), {
      title: 'Posts for staff',
      breadcrumbs: crumbs,
      canWrite: can(identity, communications.write),
      posts: posts.map((p) => ({
        ...p,
        state: postState(p.publish_at, now),
        stateName: stateNames[postState(p.publish_at, now)],
        when: p.publish_at ? when(p.publish_at, 'en') : '',
        audienceText:
          p.audience === 'all'
            ? 'All staff'
            : p.audience === 'it'
              ? 'The IT department'
              : (areas.find((a) => Number(a.id) === Number(p.service_area_id))?.name ?? 'A directorate'),
      })),
    });
  });
  const postForm = async (request: FastifyRequest, id: number | null) => {
    const organisationId = orgOf(request);
    const [p, areas] = await Promise.all([id === null ? null : q.postById(db, organisationId, id), serviceAreasOf(db, organisationId)]);
    if (id !== null && !p) throw new NotFoundError('There is no such post');
    const now = new Date().toISOString();
    return {
      title: p ? `Change ${p.title}` : 'Write a post',
      breadcrumbs: [...crumbs, { text: 'Posts', href: '/communications/posts' }],
      action: p ? `/communications/posts/${id}/edit` : '/communications/posts/new',
      areaItems: serviceAreaItems(areas, { none: 'Choose the directorate', directorates: true }),
      values: p
        ? {
            title: p.title,
            titleCy: p.title_cy,
            body: p.body,
            bodyCy: p.body_cy,
            audience: p.audience,
            serviceAreaId: p.service_area_id === null ? '' : String(p.service_area_id),
            public: p.public ? 'yes' : '',
            publish: postState(p.publish_at, now) === 'draft' ? 'draft' : postState(p.publish_at, now) === 'scheduled' ? 'later' : 'now',
            publishAt: p.publish_at ? ukLocal(p.publish_at) : '',
          }
        : { audience: 'all', publish: 'draft' },
    };
  };
  app.get('/communications/posts/new', { config: { access: communications.write } }, async (request, reply) =>
    reply.render(view('post-form'), await postForm(request, null)),
  );
  const savePost = (id: (request: FastifyRequest) => number | null) => async (request: FastifyRequest, reply: FastifyReply) =>
    submitForm(request, reply, {
      schema: postInput,
      view: view('post-form'),
      context: () => postForm(request, id(request)),
      action: async (v) => {
        const saved = await writePost(db, actorFor(request), orgOf(request), v, id(request));
        const flash = saved.movedToNow
          ? 'The time you chose has passed, so the post is published now'
          : saved.state === 'draft'
            ? 'Saved the draft'
            : saved.state === 'scheduled'
              ? 'Scheduled the post'
              : 'Published the post';
        return { redirect: `/posts/${saved.id}`, flash };
      },
    });
  app.post(
    '/communications/posts/new',
    { config: { access: communications.write, form: postInput } },
    savePost(() => null),
  );
  app.get('/communications/posts/:id/edit', { config: { access: communications.write }, schema: { params: postParams } }, async (request, reply) =>
    reply.render(view('post-form'), await postForm(request, idOf(request))),
  );
  app.post('/communications/posts/:id/edit', { config: { access: communications.write, form: postInput }, schema: { params: postParams } }, savePost(idOf));

  // Reading posts: every member of staff ---------------------------------------------------------------
  app.get('/posts', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = identityOf(request);
    const posts = await postsForReader(db, identity, 50);
    return reply.render(view('reader-posts'), {
      title: 'News from IT',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      posts: posts.map((p) => ({ ...p, when: when(p.publish_at!, 'en') })),
    });
  });
  const postPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const p = await q.postById(db, identity.organisation.id, idOf(request));
    const now = new Date().toISOString();
    const mayReadAll = can(identity, communications.readPosts);
    if (!p || (!mayReadAll && (postState(p.publish_at, now) !== 'published' || !isForReader(p, identity)))) throw new NotFoundError('There is no such post');
    return {
      title: p.title,
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'News from IT', href: '/posts' },
      ],
      post: {
        ...p,
        bodyHtml: renderMarkdown(p.body),
        state: postState(p.publish_at, now),
        stateName: stateNames[postState(p.publish_at, now)],
        when: p.publish_at ? when(p.publish_at, 'en') : null,
      },
      canEdit: can(identity, communications.write),
      canFeedback: can(identity, communications.feedback) && postState(p.publish_at, now) === 'published',
      values: {},
    };
  };
  app.get('/posts/:id', { config: { access: 'signed-in' }, schema: { params: postParams } }, async (request, reply) =>
    reply.render(view('post'), await postPage(request)),
  );
  app.post(
    '/posts/:id/feedback',
    { config: { access: communications.feedback, form: feedbackInput }, schema: { params: postParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: feedbackInput,
        view: view('post'),
        context: () => postPage(request),
        action: async (v) => {
          const page = await postPage(request);
          if (!page.canFeedback) throw new NotFoundError('There is no such post');
          await sendPostFeedback(db, actorFor(request), identityOf(request), { id: idOf(request), title: page.post.title }, v.feedback);
          return { redirect: `/posts/${idOf(request)}#tell-it`, flash: 'Thank you: IT has your feedback' };
        },
      }),
  );

  // The public pages' settings ---------------------------------------------------------------------------
  const settingsPage = async (request: FastifyRequest) => {
    const page = await q.pageOf(db, orgOf(request));
    return {
      title: 'Public pages',
      breadcrumbs: crumbs,
      page,
      values: page
        ? {
            shortName: page.short_name,
            name: page.name,
            nameCy: page.name_cy,
            about: page.about,
            aboutCy: page.about_cy,
            colour: page.colour,
            welsh: page.welsh ? 'yes' : '',
          }
        : { name: identityOf(request).organisation.name, colour: '#1d70b8' },
    };
  };
  app.get('/communications/public-pages', { config: { access: communications.manage } }, async (request, reply) =>
    reply.render(view('public-pages'), await settingsPage(request)),
  );
  app.post('/communications/public-pages', { config: { access: communications.manage, form: publicPageInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: publicPageInput,
      view: view('public-pages'),
      context: () => settingsPage(request),
      action: async (v) => {
        await savePublicPage(db, actorFor(request), orgOf(request), v);
        return { redirect: '/communications/public-pages', flash: 'Saved the public pages' };
      },
    }),
  );
  const logoInput = z.object({ logo: upload('Choose the logo, a PNG or JPEG picture') });
  app.post('/communications/public-pages/logo', { config: { access: communications.manage, form: logoInput, multipart: true } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: logoInput,
      view: view('public-pages'),
      context: () => settingsPage(request),
      action: async (v) => {
        // The logo's own limits, in its own words, before the checks every kept file has.
        if (v.logo.data.length > logoMaxBytes) throw new UserError('The logo must be smaller than 200 KB', { field: 'logo', status: 413 });
        const file = await checkFile({ filename: v.logo.filename, data: v.logo.data }, logoMaxBytes).catch(() => {
          throw new UserError('The logo must be a PNG or JPEG picture', { field: 'logo' });
        });
        await saveLogo(db, actorFor(request), orgOf(request), file);
        return { redirect: '/communications/public-pages', flash: 'Saved the logo' };
      },
    }),
  );

  // What the progress page publishes ---------------------------------------------------------------------
  const progressChoicesPage = async (request: FastifyRequest) => {
    const organisationId = orgOf(request);
    const [sections, page] = await Promise.all([progressChoices(db, organisationId), q.pageOf(db, organisationId)]);
    return { title: 'What the progress page publishes', breadcrumbs: crumbs, sections, page };
  };
  app.get('/communications/progress', { config: { access: communications.manage } }, async (request, reply) =>
    reply.render(view('progress-choices'), await progressChoicesPage(request)),
  );
  const itemPage = async (request: FastifyRequest) => {
    const { kind } = request.params as z.output<typeof progressItemParams>;
    const recordId = Number((request.params as z.output<typeof progressItemParams>).recordId);
    const section = (await progressChoices(db, orgOf(request))).find((s) => s.kind === kind);
    const item = section?.items.find((i) => i.id === recordId);
    if (!section || !item) throw new NotFoundError('There is nothing of that kind to publish');
    return {
      title: item.published ? `On the progress page: ${item.title}` : `Publish ${item.title}`,
      breadcrumbs: [...crumbs, { text: 'The progress page', href: '/communications/progress' }],
      section,
      item,
      action: `/communications/progress/${kind}/${recordId}`,
      values: { titleCy: item.published?.title_cy ?? '', summaryCy: item.published?.summary_cy ?? '' },
    };
  };
  app.get(
    '/communications/progress/:kind/:recordId',
    { config: { access: communications.manage }, schema: { params: progressItemParams } },
    async (request, reply) => reply.render(view('progress-item'), await itemPage(request)),
  );
  app.post(
    '/communications/progress/:kind/:recordId',
    { config: { access: communications.manage, form: progressInput }, schema: { params: progressItemParams } },
    async (request, reply) => {
      const { kind } = request.params as z.output<typeof progressItemParams>;
      const recordId = Number((request.params as z.output<typeof progressItemParams>).recordId);
      return submitForm(request, reply, {
        schema: progressInput,
        view: view('progress-item'),
        context: () => itemPage(request),
        action: async (v) => {
          if (v.withdraw) await withdrawProgressItem(db, actorFor(request), orgOf(request), kind, recordId);
          else await publishProgressItem(db, actorFor(request), orgOf(request), { kind, recordId, titleCy: v.titleCy, summaryCy: v.summaryCy });
          return {
            redirect: `/communications/progress#${kind}-${recordId}`,
            flash: v.withdraw ? 'Took it off the progress page' : 'Published it on the progress page',
          };
        },
      });
    },
  );
}
