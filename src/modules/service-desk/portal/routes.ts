import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  can,
  formErrors,
  own,
  dict,
  actorFor,
  identityOf,
  line,
  NotFoundError,
  optionalRef,
  pageQuery,
  paragraphs,
  ref,
  renderMarkdown,
  submitForm,
  portalPanels,
  serviceAreasOf,
} from '../../../platform/index.js';
import { desk } from '../abilities.js';
import { deskRecords, ticketParams } from '../references.js';
import { findRequestType, findService, parseFields, requestTypesOf, servicesOf } from '../catalogue/service.js';
import { addComment, changeStatus, createTicket, eventsOf, listTickets, ticketForViewer } from '../tickets/service.js';
import { levelNames, statusNames } from '../tickets/rules.js';
import { openMajorIncidents } from '../major/service.js';
import { rateTicket, ratingOf } from '../tickets/ratings.js';
import { searchArticles } from '../knowledge/service.js';
import { attachmentsFor } from '../tickets/attachments.js';
import { encodeCursor, ticketCursor } from '../tickets/queue.js';

const view = (name: string) => `modules/service-desk/portal/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Get IT help', href: '/portal' },
];

/** Plain questions for staff, mapped to impact and urgency. */
const reportForm = z.object({
  title: line(200, { required: 'Say in a few words what is wrong', tooLong: 'Keep the summary to 200 characters or fewer' }),
  description: paragraphs(20000, {
    required: 'Describe what happened and what you were trying to do',
    tooLong: 'Description must be 20,000 characters or fewer',
  }),
  serviceId: optionalRef(deskRecords.service).transform((v) => v ?? undefined),
  impact: z.coerce.number({ message: 'Say who is affected' }).int().min(1, 'Say who is affected').max(3, 'Say who is affected'),
  urgency: z.coerce.number({ message: 'Say whether you can work' }).int().min(1, 'Say whether you can work').max(3, 'Say whether you can work'),
});

const reportQuery = z.object({
  q: line(200, { tooLong: 'Search for 200 characters or fewer' }).optional(),
  service: optionalRef(deskRecords.service, 'There is no such service'),
});
const portalQuery = z.object({ find: line(100, { tooLong: 'Search for 100 characters or fewer' }).optional() });

/** Whether every word someone typed is in one of the texts (case and accents aside). */
function matchesWords(typed: string, texts: (string | null | undefined)[]) {
  const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const haystack = fold(texts.filter(Boolean).join(' '));
  return fold(typed)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => haystack.includes(w));
}

/** Services under the part of the council they belong to, the largest groups first and the rest together. */
function groupByArea<T extends { service_area_id: number | null }>(services: T[], areas: { id: number; name: string }[]) {
  const names = new Map(areas.map((a) => [Number(a.id), a.name]));
  const groups = new Map<string, T[]>();
  for (const s of services) {
    const name = (s.service_area_id !== null && names.get(Number(s.service_area_id))) || 'Other services';
    groups.set(name, [...(groups.get(name) ?? []), s]);
  }
  // A part of the council with one service is not worth a heading of its own: those share one.
  const others = 'Other services';
  for (const [name, list] of [...groups]) {
    if (name === others || list.length > 1 || groups.size <= 2) continue;
    groups.delete(name);
    groups.set(others, [...(groups.get(others) ?? []), ...list]);
  }
  return [...groups.entries()]
    .map(([name, list]) => ({ name, services: list }))
    .sort((a, b) =>
      a.name === 'Other services' ? 1 : b.name === 'Other services' ? -1 : b.services.length - a.services.length || a.name.localeCompare(b.name, 'en-GB'),
    );
}
const requestParams = z.object({ id: ref(deskRecords.requestType, 'There is no such request') });
const requestForm = z.object({ details: paragraphs(20000, { tooLong: 'Keep it to 20,000 characters or fewer' }).optional() }).passthrough();
const replyForm = z.object({ body: paragraphs(20000, { required: 'Enter your reply', tooLong: 'Reply must be 20,000 characters or fewer' }) });
const ratingForm = z.object({
  score: z.coerce
    .number({ message: 'Choose a rating from 1 to 5' })
    .int('Choose a rating from 1 to 5')
    .min(1, 'Choose a rating from 1 to 5')
    .max(5, 'Choose a rating from 1 to 5'),
  comment: paragraphs(2000, { tooLong: 'Keep your comment to 2,000 characters or fewer' }).optional(),
});
const outcomeForm = z.object({ outcome: z.enum(['confirm', 'reopen'], { message: 'Say whether the problem is fixed' }) });
const myTicketsQuery = z.object({ after: ticketCursor() });
const referenceOf = (request: FastifyRequest) => (request.params as z.output<typeof ticketParams>).reference;

export async function portalRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/portal', { config: { access: 'signed-in', query: portalQuery } }, async (request, reply) => {
    const identity = identityOf(request);
    const asked = await pageQuery(request, portalQuery);
    const find = asked.ok ? (asked.value.find ?? '') : '';
    const [majorIncidents, services, types, mine, areas] = await Promise.all([
      openMajorIncidents(db, identity.organisation.id),
      servicesOf(db, identity.organisation.id, { visibleOnly: true }),
      requestTypesOf(db, identity.organisation.id),
      listTickets(db, identity.organisation.id, { requesterId: identity.person.id, open: true }, 'newest', null, 5),
      serviceAreasOf(db, identity.organisation.id),
    ]);
    const withTypes = services.map((s) => ({ ...s, types: types.filter((t) => t.service_id === s.id) }));
    const found = withTypes.filter((s) => matchesWords(find, [s.name, s.description, ...s.types.map((t) => t.name)]));
    return reply.code(asked.ok ? 200 : 400).render(view('portal'), {
      title: 'Get IT help',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      panels: await portalPanels(app, { identity }),
      majorIncidents,
      find,
      serviceCount: services.length,
      groups: groupByArea(found, areas),
      mine: mine.tickets.map((t) => ({ ...t, statusName: statusNames[t.status] })),
      ...(asked.ok ? {} : { errors: formErrors(asked.errors) }),
    });
  });

  const reportContext = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const services = await servicesOf(db, identity.organisation.id, { visibleOnly: true });
    // The search step: staff look for an answer before they report, with or without JavaScript.
    const searched = request.method === 'GET' ? await pageQuery(request, reportQuery) : null;
    const typed = (request.body as { title?: unknown } | undefined)?.title;
    const q = (searched?.ok ? searched.value.q : typeof typed === 'string' ? typed.trim().slice(0, 200) : '') ?? '';
    return {
      q,
      ...(searched && !searched.ok ? { errors: formErrors(searched.errors) } : {}),
      suggestions: q ? await searchArticles(db, identity, q, 5) : [],
      title: 'Report a problem',
      breadcrumbs: crumbs,
      majorIncidents: await openMajorIncidents(db, identityOf(request).organisation.id),
      serviceOptions: [
        { value: '', text: 'Not sure' },
        ...services.map((s) => ({ value: String(s.id), text: s.name, ...(searched?.ok && searched.value.service === s.id ? { selected: true } : {}) })),
      ],
      impactItems: [
        { value: '3', text: 'Just me' },
        { value: '2', text: 'My team or several people' },
        { value: '1', text: 'A whole service, or the public' },
      ],
      urgencyItems: [
        { value: '3', text: 'I can carry on working' },
        { value: '2', text: 'My work is slowed down' },
        { value: '1', text: 'I cannot work, or residents are affected now' },
      ],
    };
  };

  app.get('/portal/report', { config: { access: 'signed-in', query: reportQuery } }, async (request, reply) => {
    const context = await reportContext(request);
    return reply.code(context.errors ? 400 : 200).render(view('report'), context);
  });

  app.post('/portal/report', { config: { access: desk.useThePortal, form: reportForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: reportForm,
      view: view('report'),
      context: () => reportContext(request),
      action: async (v) => {
        const identity = identityOf(request);
        const { reference } = await createTicket(db, actorFor(request), identity.organisation.id, {
          kind: 'incident',
          title: v.title,
          description: v.description,
          requesterId: identity.person.id,
          serviceId: v.serviceId,
          impact: v.impact,
          urgency: v.urgency,
        });
        return { redirect: `/portal/tickets/${reference}`, flash: `Thank you. Your reference is ${reference}: what to expect is below.` };
      },
    }),
  );

  const requestContext = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const { id } = request.params as z.output<typeof requestParams>;
    const type = await findRequestType(db, identity.organisation.id, id);
    const service = type ? await findService(db, identity.organisation.id, type.service_id) : undefined;
    if (!type || !service || (!service.visible_to_staff && !can(identity, desk.readCatalogue))) throw new NotFoundError();
    return {
      title: type.name,
      breadcrumbs: crumbs,
      type,
      service,
      fields: parseFields(type.fields_json).map((f) => ({ ...f, items: f.options?.map((o) => ({ value: o, text: o })) })),
    };
  };

  app.get('/portal/request/:id', { config: { access: 'signed-in' }, schema: { params: requestParams } }, async (request, reply) =>
    reply.render(view('request'), await requestContext(request)),
  );

  app.post('/portal/request/:id', { config: { access: desk.useThePortal, form: requestForm }, schema: { params: requestParams } }, async (request, reply) => {
    const context = await requestContext(request);
    return submitForm(request, reply, {
      schema: requestForm,
      view: view('request'),
      context: () => context,
      action: async (v) => {
        const identity = identityOf(request);
        const answers = dict<unknown>();
        for (const f of context.fields) answers[f.key] = own(v as Record<string, unknown>, `field-${f.key}`);
        const { reference } = await createTicket(db, actorFor(request), identity.organisation.id, {
          kind: 'request',
          title: context.type.name,
          description: v.details || context.type.name,
          requesterId: identity.person.id,
          serviceId: context.service.id,
          requestTypeId: context.type.id,
          impact: 3,
          urgency: 3,
          answers,
        });
        return { redirect: `/portal/tickets/${reference}`, flash: `Thank you. Your reference is ${reference}: what to expect is below.` };
      },
    });
  });

  // Open tickets first, all of them; the closed ones after, a page at a time.
  app.get('/portal/tickets', { config: { access: 'signed-in', query: myTicketsQuery } }, async (request, reply) => {
    const identity = identityOf(request);
    const asked = await pageQuery(request, myTicketsQuery);
    const after = asked.ok ? asked.value.after : null;
    const [open, done] = await Promise.all([
      after ? { tickets: [] } : listTickets(db, identity.organisation.id, { requesterId: identity.person.id, open: true }, 'newest', null, 200),
      listTickets(db, identity.organisation.id, { requesterId: identity.person.id, open: false }, 'newest', after, 25),
    ]);
    const row = (t: (typeof done.tickets)[number]) => ({ ...t, statusName: statusNames[t.status] });
    if (!asked.ok) reply.code(400);
    return reply.render(view('my-tickets'), {
      title: 'Your tickets',
      breadcrumbs: crumbs,
      open: open.tickets.map(row),
      done: done.tickets.map(row),
      later: Boolean(after),
      nextHref: done.next ? `/portal/tickets?after=${encodeURIComponent(encodeCursor(done.next))}` : null,
      ...(asked.ok ? {} : { errors: formErrors(asked.errors) }),
    });
  });

  const myTicketContext = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const ticket = await ticketForViewer(db, identity, referenceOf(request));
    // The portal shows a requester's view to everyone: never internal notes.
    const events = await eventsOf(db, ticket.id, { includeNotes: false });
    return {
      title: `${ticket.reference}: ${ticket.title}`,
      breadcrumbs: [...crumbs, { text: 'Your tickets', href: '/portal/tickets' }],
      ticket: { ...ticket, statusName: statusNames[ticket.status], descriptionHtml: renderMarkdown(ticket.description), impactName: levelNames[ticket.impact] },
      events: events
        .map((e) => ({
          ...e,
          html: e.body ? renderMarkdown(e.body) : '',
          status: e.changes_json ? (JSON.parse(e.changes_json) as { status?: [string, string] }).status : undefined,
        }))
        .map((e) => ({ ...e, statusTo: e.status ? statusNames[e.status[1] as 'new'] : undefined })),
      canReply: ticket.status !== 'closed' && ticket.status !== 'cancelled' && can(identity, desk.useThePortal),
      rating: await ratingOf(db, ticket.id),
      attachments: await attachmentsFor(db, identity, ticket.id),
      base: '/portal/tickets',
      canAttach: ticket.status !== 'closed' && ticket.status !== 'cancelled' && can(identity, desk.useThePortal),
      canInternal: false,
      canRate: (ticket.status === 'resolved' || ticket.status === 'closed') && ticket.requester_id === identity.person.id,
      resolved: ticket.status === 'resolved',
    };
  };

  app.get('/portal/tickets/:reference', { config: { access: 'signed-in' }, schema: { params: ticketParams } }, async (request, reply) =>
    reply.render(view('my-ticket'), await myTicketContext(request)),
  );

  app.post(
    '/portal/tickets/:reference/reply',
    { config: { access: desk.useThePortal, form: replyForm }, schema: { params: ticketParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: replyForm,
        view: view('my-ticket'),
        context: () => myTicketContext(request),
        action: async (v) => {
          const reference = referenceOf(request);
          await addComment(db, actorFor(request), identityOf(request), reference, { body: v.body, internal: false });
          return { redirect: `/portal/tickets/${reference}`, flash: 'Your reply has been sent' };
        },
      }),
  );

  app.post(
    '/portal/tickets/:reference/rating',
    { config: { access: desk.useThePortal, form: ratingForm }, schema: { params: ticketParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: ratingForm,
        view: view('my-ticket'),
        context: () => myTicketContext(request),
        action: async (v) => {
          const reference = referenceOf(request);
          await rateTicket(db, actorFor(request), identityOf(request), reference, v.score, v.comment ?? '');
          return { redirect: `/portal/tickets/${reference}`, flash: 'Thank you for your feedback' };
        },
      }),
  );

  app.post(
    '/portal/tickets/:reference/outcome',
    { config: { access: desk.useThePortal, form: outcomeForm }, schema: { params: ticketParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: outcomeForm,
        view: view('my-ticket'),
        context: () => myTicketContext(request),
        action: async (v) => {
          const reference = referenceOf(request);
          const identity = identityOf(request);
          await changeStatus(db, actorFor(request), identity, reference, { status: v.outcome === 'confirm' ? 'closed' : 'in-progress' });
          return {
            redirect: `/portal/tickets/${reference}`,
            flash: v.outcome === 'confirm' ? 'Thank you: the ticket is closed' : 'The ticket has been reopened',
          };
        },
      }),
  );
}
