import { updateTicket } from './update.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  blankToNull,
  dict,
  activeMember,
  activeMemberByEmail,
  activeMemberEmail,
  actorFor,
  can,
  filtersOf,
  formErrors,
  dateTime,
  identityOf,
  line,
  nextPageHref,
  NotFoundError,
  optionalRef,
  own,
  pageQuery,
  paragraphs,
  ref,
  refText,
  renderMarkdown,
  serviceAreaItems,
  serviceAreasOf,
  submitForm,
  ticketPanels,
  UserError,
} from '../../../platform/index.js';
import { team } from '../../teams/index.js';
import { desk } from '../abilities.js';
import { assignment, deskRecords, ticketParams } from '../references.js';
import { allTeamMembers, membersOf, teamsOf } from '../../teams/index.js';
import { categoriesOf, servicesOf } from '../catalogue/service.js';
import { namesOf } from './people.js';
import { defaultQueue, encodeCursor, queueNames, queueQuery, queues, toFilter } from './queue.js';
import { levelNames, normaliseReference, priorityNames, resolutionCodes, statusNames, allowedNext } from './rules.js';
import { openMajorIncidents } from '../major/service.js';
import { articlesOfTicket, linkArticleToTicket, searchArticles } from '../knowledge/service.js';
import { bulkUpdate, deleteView, saveView, savedViewsOf } from './bulk.js';
import { attachmentsFor } from './attachments.js';
import { addWatcherByEmail, watchersOf } from './watchers.js';
import { timeSpentOn } from './queries.js';
import { filledReply, cannedRepliesFor } from '../replies/service.js';
import { addComment, assignTicket, changePriority, changeStatus, createTicket, eventsOf, listTickets, slaNow, takeTicket, ticketForViewer } from './service.js';

const agents = desk.workTickets;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Service desk', href: '/service-desk' },
];
const view = (name: string) => `modules/service-desk/tickets/views/${name}.njk`;
const byName = new Intl.Collator('en-GB').compare;

const slaNames: Record<string, string> = { 'on-track': 'On track', warning: 'Warning', breached: 'Breached', paused: 'Paused', met: 'Met' };
const slaTag: Record<string, string> = {
  'on-track': 'govuk-tag--green',
  warning: 'govuk-tag--yellow',
  breached: 'govuk-tag--red',
  paused: 'govuk-tag--grey',
  met: 'govuk-tag--blue',
};

/** Someone in the organisation, typed as their email address. */
function personByEmail(required?: string) {
  return refText(activeMemberEmail, { max: 254, normalise: (s) => s.toLowerCase(), ...(required ? { required } : {}) });
}

export const newTicketForm = z.object({
  kind: z.enum(['incident', 'request'], { message: 'Choose incident or service request' }),
  title: line(200, { required: 'Enter a short summary', tooLong: 'Summary must be 200 characters or fewer' }),
  description: paragraphs(20000, { required: 'Describe the problem or request', tooLong: 'Description must be 20,000 characters or fewer' }),
  requesterEmail: personByEmail('Enter the requester’s email address'),
  onBehalfOfEmail: z.union([z.literal(''), personByEmail()]).optional(),
  serviceId: optionalRef(deskRecords.service).transform((v) => v ?? undefined),
  categoryId: optionalRef(deskRecords.category).transform((v) => v ?? undefined),
  impact: z.coerce.number({ message: 'Choose the impact' }).int().min(1, 'Choose the impact').max(3, 'Choose the impact'),
  urgency: z.coerce.number({ message: 'Choose the urgency' }).int().min(1, 'Choose the urgency').max(3, 'Choose the urgency'),
});

const assignForm = z.object({ teamId: optionalRef(team), assigneeId: optionalRef(activeMember, 'Choose someone in the team') });
const ticketQuery = z.object({ reply: optionalRef(deskRecords.cannedReply) });
// Assign to me needs nothing but the button.
const takeForm = z.object({});
const priorityForm = z.object({
  priority: z.coerce
    .number({ message: 'Choose the priority' })
    .int('Choose the priority')
    .min(1, 'Choose the priority')
    .max(4, 'Choose the priority')
    .meta({ example: 2 }),
  reason: paragraphs(500, { required: 'Say why the priority changes, for the timeline' }),
});
const statusForm = z.object({
  status: z.enum(['new', 'assigned', 'in-progress', 'awaiting-requester', 'on-hold', 'resolved', 'closed', 'cancelled'], { message: 'Choose the new status' }),
  resolutionCode: z
    .union([z.literal(''), z.enum(resolutionCodes as unknown as [string, ...string[]], { message: 'Choose how the ticket was resolved' })])
    .optional(),
  resolutionNotes: paragraphs(20000).optional(),
});
// The one form at the top of the ticket: what is unchanged is sent as it is and left alone.
const updateForm = z.object({
  status: statusForm.shape.status,
  priority: priorityForm.shape.priority,
  reason: paragraphs(500).optional(),
  teamId: optionalRef(team),
  assigneeId: optionalRef(activeMember, 'Choose someone in the team'),
  resolutionCode: statusForm.shape.resolutionCode,
  resolutionNotes: statusForm.shape.resolutionNotes,
});
const commentForm = z.object({
  body: paragraphs(20000, { required: 'Enter a reply or note', tooLong: 'Must be 20,000 characters or fewer' }),
  visibility: z.enum(['public', 'internal'], { message: 'Choose who can see it' }),
  minutes: z
    .preprocess(
      blankToNull,
      z.coerce
        .number({ message: 'Enter the time spent in minutes, like 20' })
        .int('Enter whole minutes, like 20')
        .min(1, 'Enter at least a minute')
        .max(1440, 'Enter at most 1,440 minutes (a day)')
        .nullable(),
    )
    .optional()
    .meta({ example: 20 }),
});
const watcherForm = z.object({ watcherEmail: personByEmail('Enter the email address of the person to add') });
const articleForm = z.object({ articleId: ref(deskRecords.article, 'Choose an article') });
const bulkStatuses = ['assigned', 'in-progress', 'awaiting-requester', 'on-hold', 'closed', 'cancelled'] as const;
const bulkForm = z.object({
  references: z
    .union([ticketParams.shape.reference, z.array(ticketParams.shape.reference).max(200, 'Change at most 200 tickets at once')])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat())),
  status: z.union([z.literal(''), z.enum(bulkStatuses, { message: 'Choose a status from the list' })]).optional(),
  assignment: z.union([z.literal(''), refText(assignment, { max: 40 })]).optional(),
  returnTo: line(1000)
    .regex(/^\/service-desk(\?.*)?$/, 'Go back to the queue')
    .optional()
    .meta({ example: '/service-desk?queue=open' }),
});
const viewForm = z.object({
  name: line(80, { required: 'Give the view a name', tooLong: 'Give the view a name of up to 80 characters' }),
  query: line(1000, { tooLong: 'The view has too many filters to save' }),
});
const viewParams = z.object({ id: ref(deskRecords.savedView) });
const nothing = z.object({});
const findQuery = z.object({ ref: line(30, { tooLong: 'Enter a ticket reference, like INC-000123' }).optional() });
const referenceOf = (request: FastifyRequest) => (request.params as z.output<typeof ticketParams>).reference;

/** Time as people say it: 50 min, 1 h 20 min. */
function duration(m: number) {
  const h = Math.floor(m / 60);
  return h ? `${h} h${m % 60 ? ` ${m % 60} min` : ''}` : `${m} min`;
}

function minutesText(m: number) {
  const abs = Math.abs(Math.round(m));
  const h = Math.floor(abs / 60);
  const text = h ? `${h} h ${abs % 60} min` : `${abs} min`;
  return m < 0 ? `${text} over` : `${text} left`;
}

export async function ticketRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/service-desk', { config: { access: desk.readTickets, query: queueQuery } }, async (request, reply) => {
    const identity = identityOf(request);
    const raw = (request.query ?? {}) as Record<string, string>;
    const parsed = await pageQuery(request, queueQuery);
    if (!parsed.ok) reply.code(400);
    const query = parsed.ok ? parsed.value : queueQuery.parse({});
    if (query.q) {
      const ref = normaliseReference(query.q);
      if (ref) return reply.redirect(`/service-desk/tickets/${ref}`, 303);
    }
    // What the page shows beside the list does not depend on it: on PostgreSQL these go together.
    const beside = Promise.all([
      teamsOf(db, identity.organisation.id),
      servicesOf(db, identity.organisation.id),
      openMajorIncidents(db, identity.organisation.id),
      savedViewsOf(db, identity.organisation.id, identity.person.id),
      allTeamMembers(db, identity.organisation.id),
      serviceAreasOf(db, identity.organisation.id),
    ]);
    // Handled where it is awaited below; this keeps a failure meanwhile from counting as unhandled.
    beside.catch(() => undefined);
    const { filter, sort, empty } = await toFilter(db, query, identity);
    const [page, [teams, services, majorIncidents, views, everyMember, areas]] = await Promise.all([
      empty ? { tickets: [], next: null, truncated: false } : listTickets(db, identity.organisation.id, filter, sort, query.after, query.limit),
      beside,
    ]);
    const queue = query.queue ?? defaultQueue(identity);
    // An empty list says which filters are on, so nobody wonders where the tickets went.
    const filterNames: Record<string, string> = {
      q: 'words',
      status: 'status',
      priority: 'priority',
      kind: 'kind',
      team: 'team',
      assignee: 'assignee',
      service: 'service',
      area: 'service area',
      sla: 'SLA',
      from: 'raised from',
      to: 'raised to',
    };
    const filtersOn = Object.keys(filterNames)
      .filter((k) => own(raw, k))
      .map((k) => own(filterNames, k)!);
    const base = filtersOf(raw);
    // A link that keeps every filter but one (or with one changed): the tags that take a filter off, and the sortable headers.
    const hrefWith = (change: Record<string, string | null>) => {
      const params = new URLSearchParams(base);
      params.delete('after');
      for (const [k, v] of Object.entries(change)) {
        if (v === null) params.delete(k);
        else params.set(k, v);
      }
      if (!params.has('queue')) params.set('queue', query.queue ?? defaultQueue(identity));
      return `/service-desk?${params.toString()}`;
    };
    const teamMembers = teams.map((t) => ({ team: t, members: everyMember.filter((m) => m.team_id === t.id) }));
    const context = {
      title: `Service desk: ${queueNames[queue]}`,
      breadcrumbs: [{ text: 'Home', href: '/' }],
      queue,
      queueName: queueNames[queue],
      filtersOn,
      majorIncidents,
      queueTabs: queues.map((q) => ({ q, text: queueNames[q], href: `/service-desk?queue=${q}`, current: q === queue })),
      tickets: page.tickets.map((t) => ({
        ...t,
        statusName: statusNames[t.status],
        priorityName: priorityNames[t.priority],
        slaName: slaNames[t.sla_state],
        slaClass: slaTag[t.sla_state],
      })),
      csvHref: `/service-desk/tickets.csv?${base}`,
      currentQuery: base,
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      savedViews: views.map((v) => ({ ...v, href: `/service-desk?${v.query}` })),
      bulkStatusOptions: [
        { value: '', text: 'Keep the status' },
        ...(['assigned', 'in-progress', 'awaiting-requester', 'on-hold', 'closed', 'cancelled'] as const).map((st) => ({ value: st, text: statusNames[st] })),
      ],
      bulkAssignOptions: [
        { value: '', text: 'Keep the assignment' },
        ...teamMembers.flatMap(({ team, members }) => [
          { value: `${team.id}:`, text: `${team.name} (nobody in particular)` },
          ...members.map((m) => ({ value: `${team.id}:${m.id}`, text: `${team.name}: ${m.display_name}` })),
        ]),
      ],
      nextHref: nextPageHref('/service-desk', raw, page.next ? encodeCursor(page.next) : null),
      truncated: page.truncated,
      values: raw,
      canRaise: can(identity, agents),
      statusOptions: [
        { value: '', text: 'Any status' },
        ...Object.entries(statusNames).map(([value, text]) => ({ value, text, selected: raw.status === value })),
      ],
      priorityOptions: [
        { value: '', text: 'Any priority' },
        ...Object.entries(priorityNames).map(([value, text]) => ({ value, text, selected: raw.priority === value })),
      ],
      kindOptions: [
        { value: '', text: 'Incidents and requests' },
        { value: 'incident', text: 'Incidents', selected: raw.kind === 'incident' },
        { value: 'request', text: 'Service requests', selected: raw.kind === 'request' },
      ],
      teamOptions: [{ value: '', text: 'Any team' }, ...teams.map((t) => ({ value: String(t.id), text: t.name, selected: raw.team === String(t.id) }))],
      assigneeOptions: [
        { value: '', text: 'Anyone' },
        ...[...new Map(teamMembers.flatMap(({ members }) => members.map((m) => [m.id, m.display_name] as const))).entries()]
          .sort((a, b) => byName(a[1], b[1]))
          .map(([id, name]) => ({ value: String(id), text: name, selected: raw.assignee === String(id) })),
      ],
      serviceOptions: [
        { value: '', text: 'Any service' },
        ...services.map((s) => ({ value: String(s.id), text: s.name, selected: raw.service === String(s.id) })),
      ],
      areaOptions: serviceAreaItems(areas, { none: 'Any service area', selected: raw.area ?? '', directorates: true }),
      slaOptions: [{ value: '', text: 'Any SLA state' }, ...Object.entries(slaNames).map(([value, text]) => ({ value, text, selected: raw.sla === value }))],
      sort,
      sortLinks: {
        priority: hrefWith({ sort: 'priority' }),
        due: hrefWith({ sort: 'due' }),
        raised: hrefWith({ sort: sort === 'newest' ? 'oldest' : 'newest' }),
      },
      hiddenFilters: Object.keys(filterNames)
        .filter((k) => k !== 'q' && own(raw, k))
        .map((k) => ({ name: k, value: own(raw, k)! }))
        .concat(raw.sort ? [{ name: 'sort', value: raw.sort }] : []),
      sortOptions: [
        { value: 'priority', text: 'Priority, then oldest', selected: sort === 'priority' },
        { value: 'due', text: 'Due soonest', selected: sort === 'due' },
        { value: 'newest', text: 'Newest', selected: sort === 'newest' },
        { value: 'oldest', text: 'Oldest', selected: sort === 'oldest' },
      ],
    };
    // A filter that is on reads as its select shows it ("team: Infrastructure"), and takes itself off.
    const optionsOf = dict<{ value: string; text: string }[]>({
      kind: context.kindOptions,
      status: context.statusOptions,
      priority: context.priorityOptions,
      team: context.teamOptions,
      assignee: context.assigneeOptions,
      service: context.serviceOptions,
      area: context.areaOptions,
      sla: context.slaOptions,
    });
    const filterTags = Object.keys(filterNames)
      .filter((k) => k !== 'q' && own(raw, k))
      .map((k) => {
        const value = own(raw, k)!;
        const shown = own(optionsOf, k)?.find((o) => o.value === value)?.text ?? value;
        return { text: `${own(filterNames, k)!}: ${shown}`, href: hrefWith({ [k]: null }), key: k };
      });
    return reply.render(view('queue'), { ...context, filterTags });
  });

  const newContext = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const [services, categories] = await Promise.all([servicesOf(db, orgId), categoriesOf(db, orgId)]);
    return {
      title: 'Raise a ticket',
      breadcrumbs: crumbs,
      serviceOptions: [{ value: '', text: 'Choose a service' }, ...services.map((s) => ({ value: String(s.id), text: s.name }))],
      categoryOptions: [{ value: '', text: 'No category' }, ...categories.map((c) => ({ value: String(c.id), text: c.name }))],
      levelItems: [1, 2, 3].map((l) => ({ value: String(l), text: levelNames[l] })),
    };
  };

  app.get('/service-desk/tickets/new', { config: { access: agents } }, async (request, reply) => reply.render(view('new'), await newContext(request)));

  app.post('/service-desk/tickets', { config: { access: agents, form: newTicketForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: newTicketForm,
      view: view('new'),
      context: () => newContext(request),
      action: async (v) => {
        const identity = identityOf(request);
        const requester = await activeMemberByEmail(db, identity.organisation.id, v.requesterEmail);
        if (!requester) throw new UserError('There is no one with that email address in this organisation', { field: 'requesterEmail' });
        const onBehalfOf = v.onBehalfOfEmail ? await activeMemberByEmail(db, identity.organisation.id, v.onBehalfOfEmail) : undefined;
        if (v.onBehalfOfEmail && !onBehalfOf) throw new UserError('There is no one with that email address in this organisation', { field: 'onBehalfOfEmail' });
        const { reference } = await createTicket(db, actorFor(request), identity.organisation.id, {
          kind: v.kind,
          title: v.title,
          description: v.description,
          requesterId: requester.id,
          onBehalfOfId: onBehalfOf?.id,
          serviceId: v.serviceId,
          categoryId: v.categoryId,
          impact: v.impact,
          urgency: v.urgency,
        });
        return { redirect: `/service-desk/tickets/${reference}`, flash: `${reference} has been raised` };
      },
    }),
  );

  const ticketContext = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const ticket = await ticketForViewer(db, identity, referenceOf(request));
    // Everything else on the page depends only on the ticket: on PostgreSQL it is asked for at once.
    const [events, sla, teams, members, linkedArticles, suggestedArticles, attachments, panels] = await Promise.all([
      eventsOf(db, ticket.id, { includeNotes: true }),
      slaNow(db, ticket),
      teamsOf(db, identity.organisation.id),
      ticket.team_id ? membersOf(db, identity.organisation.id, ticket.team_id) : Promise.resolve([]),
      articlesOfTicket(db, ticket.id),
      searchArticles(db, identity, ticket.title, 5),
      attachmentsFor(db, identity, ticket.id),
      ticketPanels(app, {
        organisationId: identity.organisation.id,
        kind: ticket.kind,
        serviceId: ticket.service_id,
        open: !!ticket.open,
        ticketId: ticket.id,
      }),
    ]);
    const assigneeIds = new Set<number>();
    for (const e of events) {
      const a = e.changes_json ? (JSON.parse(e.changes_json) as Record<string, unknown[]>).assignee_id : undefined;
      for (const id of a ?? []) if (typeof id === 'number') assigneeIds.add(id);
    }
    const people = new Map((await namesOf(db, identity.organisation.id, [...assigneeIds])).map((p) => [p.id, p.display_name]));
    const teamNames = new Map(teams.map((t) => [t.id, t.name]));
    const describe = (field: string, value: unknown) => {
      if (value === null || value === undefined) return field === 'assignee_id' ? 'nobody' : field === 'team_id' ? 'no team' : 'none';
      if (field === 'status') return statusNames[value as 'new'] ?? String(value);
      if (field === 'assignee_id') return people.get(Number(value)) ?? `person ${String(value)}`;
      if (field === 'team_id') return teamNames.get(Number(value)) ?? `team ${String(value)}`;
      if (field === 'priority') return priorityNames[Number(value)] ?? String(value);
      return String(value);
    };
    const fieldNames: Record<string, string> = {
      status: 'Status',
      assignee_id: 'Assignee',
      team_id: 'Team',
      resolution_code: 'Resolution',
      priority: 'Priority',
    };
    return {
      priorityItems: [1, 2, 3, 4].map((p) => ({ value: String(p), text: priorityNames[p]!, selected: p === ticket.priority })),
      title: `${ticket.reference}: ${ticket.title}`,
      breadcrumbs: crumbs,
      panels,
      ticket: {
        ...ticket,
        statusName: statusNames[ticket.status],
        priorityName: priorityNames[ticket.priority],
        impactName: levelNames[ticket.impact],
        urgencyName: levelNames[ticket.urgency],
        descriptionHtml: renderMarkdown(ticket.description),
        answers: ticket.form_json ? Object.entries(JSON.parse(ticket.form_json) as Record<string, string>) : [],
      },
      sla: sla && {
        policy: sla.policy,
        state: slaNames[sla.state],
        stateClass: slaTag[sla.state],
        response: { state: slaNames[sla.response.state], left: minutesText(sla.response.remaining), due: sla.response.dueAt?.toISOString() },
        resolution: { state: slaNames[sla.resolution.state], left: minutesText(sla.resolution.remaining), due: sla.resolution.dueAt?.toISOString() },
      },
      events: events.map((e) => ({
        ...e,
        html: e.body ? renderMarkdown(e.body) : '',
        changes: e.changes_json
          ? Object.entries(JSON.parse(e.changes_json) as Record<string, [unknown, unknown]>).map(([field, [from, to]]) => ({
              field: own(fieldNames, field) ?? field,
              from: describe(field, from),
              to: describe(field, to),
              // A resolution given for the first time reads "Resolution: Fixed", not "none → Fixed".
              set: (from === null || from === undefined) && field !== 'assignee_id' && field !== 'team_id',
            }))
          : [],
      })),
      canWork: can(identity, agents),
      cannedReplyItems: can(identity, agents)
        ? [
            { value: '', text: 'Choose a reply' },
            ...(await cannedRepliesFor(db, identity)).map((r) => ({ value: String(r.id), text: r.team_name ? `${r.title} (${r.team_name})` : r.title })),
          ]
        : [],
      attachments,
      watchers: await watchersOf(db, ticket.id),
      timeSpent: await timeSpentOn(db, ticket.id).then((people) =>
        people.length
          ? { total: duration(people.reduce((n, p) => n + p.minutes, 0)), people: people.map((p) => ({ name: p.name, text: duration(p.minutes) })) }
          : null,
      ),
      base: '/service-desk/tickets',
      canAttach: can(identity, agents) && ticket.status !== 'closed' && ticket.status !== 'cancelled',
      canInternal: true,
      linkedArticles,
      articleOptions: [
        { value: '', text: 'Choose an article' },
        ...suggestedArticles.filter((a) => !linkedArticles.some((l) => l.id === a.id)).map((a) => ({ value: String(a.id), text: a.title })),
      ],
      statusItems: allowedNext(ticket.status).map((s) => ({ value: s, text: statusNames[s] })),
      statusSelect: [
        { value: ticket.status, text: `${statusNames[ticket.status]} (now)`, selected: true },
        ...allowedNext(ticket.status).map((s) => ({ value: s, text: statusNames[s] })),
      ],
      resolutionItems: [{ value: '', text: 'Choose a resolution' }, ...resolutionCodes.map((c) => ({ value: c, text: c }))],
      teamOptions: [{ value: '', text: 'No team' }, ...teams.map((t) => ({ value: String(t.id), text: t.name, selected: t.id === ticket.team_id }))],
      assigneeOptions: [
        { value: '', text: 'Nobody' },
        ...members.map((m) => ({ value: String(m.id), text: m.display_name, selected: m.id === ticket.assignee_id })),
      ],
    };
  };

  // ?reply= starts the reply box from a canned reply, filled in for this ticket: it works without JavaScript.
  app.get(
    '/service-desk/tickets/:reference',
    { config: { access: desk.readTickets, query: ticketQuery }, schema: { params: ticketParams } },
    async (request, reply) => {
      const context = await ticketContext(request);
      const asked = await pageQuery(request, ticketQuery);
      if (!asked.ok) return reply.code(400).render(view('ticket'), { ...context, errors: formErrors(asked.errors) });
      if (asked.value.reply && context.canWork) {
        const filled = await filledReply(db, identityOf(request), asked.value.reply, context.ticket, (iso) => dateTime(iso));
        if (filled) return reply.render(view('ticket'), { ...context, values: { body: filled, visibility: 'public' } });
      }
      return reply.render(view('ticket'), context);
    },
  );

  app.post(
    '/service-desk/tickets/:reference/assign',
    { config: { access: agents, form: assignForm }, schema: { params: ticketParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: assignForm,
        view: view('ticket'),
        context: () => ticketContext(request),
        action: async (v) => {
          const reference = referenceOf(request);
          await assignTicket(db, actorFor(request), identityOf(request), reference, v);
          return { redirect: `/service-desk/tickets/${reference}`, flash: 'Assignment saved' };
        },
      }),
  );

  app.post('/service-desk/tickets/:reference/take', { config: { access: agents, form: takeForm }, schema: { params: ticketParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: takeForm,
      view: view('ticket'),
      context: () => ticketContext(request),
      action: async () => {
        const reference = referenceOf(request);
        await takeTicket(db, actorFor(request), identityOf(request), reference);
        return { redirect: `/service-desk/tickets/${reference}`, flash: 'The ticket is yours' };
      },
    }),
  );

  app.post(
    '/service-desk/tickets/:reference/update',
    { config: { access: agents, form: updateForm }, schema: { params: ticketParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: updateForm,
        view: view('ticket'),
        context: () => ticketContext(request),
        action: async (v) => {
          const reference = referenceOf(request);
          const changed = await updateTicket(db, actorFor(request), identityOf(request), reference, {
            ...v,
            teamId: v.teamId ?? null,
            assigneeId: v.assigneeId ?? null,
            resolutionCode: v.resolutionCode || undefined,
          });
          const flash = changed.length ? `Saved: ${changed.join(', ')} changed` : 'Nothing was changed';
          return { redirect: `/service-desk/tickets/${reference}`, flash };
        },
      }),
  );

  app.post(
    '/service-desk/tickets/:reference/priority',
    { config: { access: agents, form: priorityForm }, schema: { params: ticketParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: priorityForm,
        view: view('ticket'),
        context: () => ticketContext(request),
        action: async (v) => {
          const reference = referenceOf(request);
          await changePriority(db, actorFor(request), identityOf(request), reference, v);
          return { redirect: `/service-desk/tickets/${reference}`, flash: `Priority changed to ${priorityNames[v.priority]}` };
        },
      }),
  );

  app.post(
    '/service-desk/tickets/:reference/status',
    { config: { access: agents, form: statusForm }, schema: { params: ticketParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: statusForm,
        view: view('ticket'),
        context: () => ticketContext(request),
        action: async (v) => {
          const reference = referenceOf(request);
          await changeStatus(db, actorFor(request), identityOf(request), reference, {
            status: v.status,
            resolutionCode: v.resolutionCode || undefined,
            resolutionNotes: v.resolutionNotes,
          });
          return { redirect: `/service-desk/tickets/${reference}`, flash: `Status changed to ${statusNames[v.status].toLowerCase()}` };
        },
      }),
  );

  app.post(
    '/service-desk/tickets/:reference/comments',
    { config: { access: agents, form: commentForm }, schema: { params: ticketParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: commentForm,
        view: view('ticket'),
        context: () => ticketContext(request),
        action: async (v) => {
          const reference = referenceOf(request);
          await addComment(db, actorFor(request), identityOf(request), reference, {
            body: v.body,
            internal: v.visibility === 'internal',
            minutes: typeof v.minutes === 'number' ? v.minutes : undefined,
          });
          return {
            redirect: `/service-desk/tickets/${reference}#timeline`,
            flash: v.visibility === 'internal' ? 'Internal note added' : 'Reply sent to the requester',
          };
        },
      }),
  );

  app.post(
    '/service-desk/tickets/:reference/watchers',
    { config: { access: agents, form: watcherForm }, schema: { params: ticketParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: watcherForm,
        view: view('ticket'),
        context: () => ticketContext(request),
        action: async (v) => {
          const reference = referenceOf(request);
          await addWatcherByEmail(db, actorFor(request), identityOf(request), reference, v.watcherEmail);
          return { redirect: `/service-desk/tickets/${reference}`, flash: `${v.watcherEmail} is now watching this ticket` };
        },
      }),
  );

  app.post(
    '/service-desk/tickets/:reference/articles',
    { config: { access: agents, form: articleForm }, schema: { params: ticketParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: articleForm,
        view: view('ticket'),
        context: () => ticketContext(request),
        action: async (v) => {
          const identity = identityOf(request);
          const ticket = await ticketForViewer(db, identity, referenceOf(request));
          await linkArticleToTicket(db, actorFor(request), identity.organisation.id, ticket, v.articleId);
          return { redirect: `/service-desk/tickets/${ticket.reference}`, flash: 'Article linked to the ticket' };
        },
      }),
  );

  app.post('/service-desk/bulk', { config: { access: agents, form: bulkForm } }, async (request, reply) => {
    const typedBack = (request.body as { returnTo?: unknown } | undefined)?.returnTo;
    const back = typeof typedBack === 'string' && /^\/service-desk(\?[^\r\n]*)?$/.test(typedBack) ? typedBack : '/service-desk';
    return submitForm(request, reply, {
      schema: bulkForm,
      view: view('bulk-refused'),
      context: () => ({ title: 'Nothing was changed', breadcrumbs: crumbs, back }),
      action: async (v) => {
        const [teamId, personId] = (v.assignment ?? '').split(':');
        const n = await bulkUpdate(db, actorFor(request), identityOf(request), v.references, {
          status: v.status || undefined,
          ...(teamId ? { teamId: Number(teamId), assigneeId: personId ? Number(personId) : null } : {}),
        });
        return { redirect: v.returnTo ?? '/service-desk', flash: `${n} ${n === 1 ? 'ticket' : 'tickets'} changed` };
      },
    });
  });

  app.post('/service-desk/views', { config: { access: desk.saveViews, form: viewForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: viewForm,
      view: view('bulk-refused'),
      context: () => ({ title: 'The view was not saved', breadcrumbs: crumbs, back: '/service-desk' }),
      action: async (v) => {
        await saveView(db, actorFor(request), identityOf(request), v.name, v.query);
        return { redirect: `/service-desk?${v.query}`, flash: `Saved the view “${v.name}”` };
      },
    }),
  );

  app.post('/service-desk/views/:id/delete', { config: { access: desk.saveViews, form: nothing }, schema: { params: viewParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: nothing,
      view: view('bulk-refused'),
      context: () => ({ title: 'The view was not deleted', breadcrumbs: crumbs, back: '/service-desk' }),
      action: async () => {
        await deleteView(db, actorFor(request), identityOf(request), (request.params as z.output<typeof viewParams>).id);
        return { redirect: '/service-desk', flash: 'The saved view has been deleted' };
      },
    }),
  );

  // Unknown references in the URL answer 404 rather than a form error.
  app.get('/service-desk/find', { config: { access: desk.readTickets, query: findQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, findQuery);
    if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
    const ref = normaliseReference(parsed.value.ref ?? '');
    if (!ref) throw new NotFoundError();
    return reply.redirect(`/service-desk/tickets/${ref}`, 303);
  });
}
