import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  actorFor,
  date,
  exportLimit,
  filtersOf,
  formErrors,
  identityOf,
  nextPageHref,
  pageOf,
  pageQuery,
  sendSpreadsheet,
  submitForm,
  UserError,
  writeSpreadsheet,
} from '../../platform/index.js';
import { problems } from './abilities.js';
import * as q from './queries.js';
import { problemParams, proposalParams } from './references.js';
import { linkInput, moveInput, newProblemInput, noFieldsForm, problemInput, problemsQuery, unlinkParams, type ProblemsQuery } from './schemas.js';
import {
  changeProblem,
  dismissProposal,
  linkProblemIncident,
  moveProblem,
  problemIdOf,
  proposeFor,
  raiseFromProposal,
  raiseProblem,
  unlinkProblemIncident,
} from './service.js';
import { crumbs, formChoices, formValuesOf, priorityFilterItems, problemPage, problemRow, problemsCrumbs, statusFilterItems, view } from './pages.js';
import { proposalsPage } from './proposals.js';
import { statusLabels } from './rules.js';

const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;
const referenceOf = (request: FastifyRequest) => (request.params as { reference: string }).reference;

/** The list's filters as the query reads them. */
export const filterOf = (v: ProblemsQuery): q.ProblemFilter => ({
  ...(v.status === 'open' ? { statuses: ['logged', 'investigating', 'known_error'] } : v.status ? { statuses: [v.status] } : {}),
  ...(v.priority ? { priority: v.priority } : {}),
  ...(v.service !== undefined ? { serviceId: v.service } : {}),
});

export async function problemRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const { read, work } = problems;

  const listPage = async (request: FastifyRequest, path: string, knownErrors: boolean) => {
    const raw = (request.query ?? {}) as Record<string, string>;
    const parsed = await pageQuery(request, problemsQuery);
    const orgId = orgOf(request);
    const size = 50;
    const v = parsed.ok ? parsed.value : problemsQuery.parse({});
    const filter: q.ProblemFilter = knownErrors ? { ...filterOf(v), statuses: ['known_error'] } : filterOf(v);
    const [rows, services] = await Promise.all([parsed.ok ? q.problemsOf(db, orgId, filter, v.after, size + 1) : [], q.serviceChoices(db, orgId)]);
    const page = pageOf(rows, size, (p) => ({ id: Number(p.id) }));
    return {
      status: parsed.ok ? 200 : 400,
      context: {
        title: knownErrors ? 'Known errors' : 'Problems',
        breadcrumbs: knownErrors ? problemsCrumbs : crumbs,
        knownErrors,
        path,
        problems: page.items.map(problemRow),
        values: raw,
        filters: filtersOf(raw),
        nextHref: nextPageHref(path, raw, page.next),
        statusItems: statusFilterItems(raw.status),
        priorityItems: priorityFilterItems(raw.priority),
        serviceItems: [
          { value: '', text: 'Any service' },
          ...services.map((s) => ({ value: String(s.id), text: s.name, selected: String(s.id) === raw.service })),
        ],
        errors: parsed.ok ? undefined : formErrors(parsed.errors),
      },
    };
  };
  app.get('/problems', { config: { access: read, query: problemsQuery } }, async (request, reply) => {
    const { status, context } = await listPage(request, '/problems', false);
    return reply.code(status).render(view('problems'), context);
  });
  app.get('/problems/known-errors', { config: { access: read, query: problemsQuery } }, async (request, reply) => {
    const { status, context } = await listPage(request, '/problems/known-errors', true);
    return reply.code(status).render(view('problems'), context);
  });
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/problems.${format}`, { config: { access: read, query: problemsQuery } }, async (request, reply) => {
      const parsed = await pageQuery(request, problemsQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const rows = (await q.problemsOf(db, orgOf(request), filterOf(parsed.value), parsed.value.after, exportLimit)).map(problemRow);
      return sendSpreadsheet(
        reply,
        await writeSpreadsheet(
          format,
          'problems',
          ['Reference', 'Title', 'Status', 'Priority', 'Service', 'System', 'Owner', 'Team', 'Root cause', 'Workaround', 'Fix', 'Logged', 'Resolved'],
          rows.map((p) => [
            p.reference,
            p.title,
            statusLabels[p.status],
            p.priorityName,
            p.serviceName ?? '',
            p.systemName ?? '',
            p.ownerName ?? '',
            p.teamName ?? '',
            p.rootCause,
            p.workaround,
            p.fix,
            p.createdAt.slice(0, 10),
            p.resolvedAt?.slice(0, 10) ?? '',
          ]),
        ),
      );
    });

  const newPage = async (request: FastifyRequest) => {
    const raw = (request.query ?? {}) as Record<string, string>;
    const values = { priority: 'p3', incident: typeof raw.incident === 'string' ? raw.incident.slice(0, 20) : '' };
    const majors = await q.majorIncidentChoices(db, orgOf(request));
    return {
      title: 'Log a problem',
      breadcrumbs: problemsCrumbs,
      action: '/problems/new',
      isNew: true,
      values,
      majorItems: [
        { value: '', text: 'None' },
        ...majors.map((m) => ({ value: String(m.id), text: `${m.title} (${date(new Date(String(m.declared_at)).toISOString().slice(0, 10))})` })),
      ],
      ...(await formChoices(app, orgOf(request), values)),
    };
  };
  app.get('/problems/new', { config: { access: work } }, async (request, reply) => reply.render(view('problem-form'), await newPage(request)));
  app.post('/problems/new', { config: { access: work, form: newProblemInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: newProblemInput,
      view: view('problem-form'),
      context: async () => ({ ...(await newPage(request)), ...(await formChoices(app, orgOf(request), (request.body ?? {}) as Record<string, unknown>)) }),
      action: async ({ incident, majorIncidentId, ...v }) => {
        const orgId = orgOf(request);
        const ticket = incident ? await q.ticketByReference(db, orgId, incident) : undefined;
        const made = await raiseProblem(db, actorFor(request), orgId, v, ticket ? [Number(ticket.id)] : [], new Date(), majorIncidentId);
        return { redirect: `/problems/${made.reference}`, flash: `Logged ${made.reference}` };
      },
    }),
  );

  app.get('/problems/proposals', { config: { access: read } }, async (request, reply) => reply.render(view('proposals'), await proposalsPage(request, db)));
  app.post('/problems/proposals/look', { config: { access: work, form: noFieldsForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: noFieldsForm,
      view: view('proposals'),
      context: () => proposalsPage(request, db),
      action: async () => {
        const made = await proposeFor(db, orgOf(request));
        return {
          redirect: '/problems/proposals',
          flash: made ? `Found ${made} new ${made === 1 ? 'cluster' : 'clusters'} of incidents` : 'No new clusters of incidents',
        };
      },
    }),
  );
  app.post('/problems/proposals/:id/raise', { config: { access: work, form: noFieldsForm }, schema: { params: proposalParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: noFieldsForm,
      view: view('proposals'),
      context: () => proposalsPage(request, db),
      action: async () => {
        const made = await raiseFromProposal(db, actorFor(request), orgOf(request), (request.params as z.output<typeof proposalParams>).id);
        return { redirect: `/problems/${made.reference}`, flash: `Raised ${made.reference} for the incidents` };
      },
    }),
  );
  app.post('/problems/proposals/:id/dismiss', { config: { access: work, form: noFieldsForm }, schema: { params: proposalParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: noFieldsForm,
      view: view('proposals'),
      context: () => proposalsPage(request, db),
      action: async () => {
        await dismissProposal(db, actorFor(request), orgOf(request), (request.params as z.output<typeof proposalParams>).id);
        return { redirect: '/problems/proposals', flash: 'Dismissed: Steward will not propose a problem for these incidents again' };
      },
    }),
  );

  const onProblem = (request: FastifyRequest) => ({ view: view('problem'), context: () => problemPage(request, db, referenceOf(request)) });
  app.get('/problems/:reference', { config: { access: read }, schema: { params: problemParams } }, async (request, reply) =>
    reply.render(view('problem'), await problemPage(request, db, referenceOf(request))),
  );
  const editPage = async (request: FastifyRequest) => {
    const p = problemRow((await q.problemByReference(db, orgOf(request), referenceOf(request)))!);
    const values = formValuesOf(p);
    return {
      title: `Change ${p.reference}`,
      breadcrumbs: [...problemsCrumbs, { text: p.reference, href: p.href }],
      action: `${p.href}/edit`,
      back: p.href,
      isNew: false,
      values,
      ...(await formChoices(app, orgOf(request), values)),
    };
  };
  app.get('/problems/:reference/edit', { config: { access: work }, schema: { params: problemParams } }, async (request, reply) =>
    reply.render(view('problem-form'), await editPage(request)),
  );
  app.post('/problems/:reference/edit', { config: { access: work, form: problemInput }, schema: { params: problemParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: problemInput,
      view: view('problem-form'),
      context: async () => ({ ...(await editPage(request)), ...(await formChoices(app, orgOf(request), (request.body ?? {}) as Record<string, unknown>)) }),
      action: async (v) => {
        const id = await problemIdOf(db, orgOf(request), referenceOf(request));
        await changeProblem(db, actorFor(request), orgOf(request), id, v);
        return { redirect: `/problems/${referenceOf(request)}`, flash: `Saved ${referenceOf(request)}` };
      },
    }),
  );
  app.post('/problems/:reference/status', { config: { access: work, form: moveInput }, schema: { params: problemParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: moveInput,
      ...onProblem(request),
      action: async (v) => {
        const id = await problemIdOf(db, orgOf(request), referenceOf(request));
        await moveProblem(db, actorFor(request), orgOf(request), id, v);
        return { redirect: `/problems/${referenceOf(request)}`, flash: `${referenceOf(request)} is now ${statusLabels[v.status].toLowerCase()}` };
      },
    }),
  );
  app.post('/problems/:reference/incidents', { config: { access: work, form: linkInput }, schema: { params: problemParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: linkInput,
      ...onProblem(request),
      action: async (v) => {
        const id = await problemIdOf(db, orgOf(request), referenceOf(request));
        const linked = await linkProblemIncident(db, actorFor(request), orgOf(request), id, v.ticket);
        return { redirect: `/problems/${referenceOf(request)}#incidents-heading`, flash: `Linked ${linked}` };
      },
    }),
  );
  app.post(
    '/problems/:reference/incidents/:ticket/unlink',
    { config: { access: work, form: noFieldsForm }, schema: { params: unlinkParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: noFieldsForm,
        ...onProblem(request),
        action: async () => {
          const { ticket } = request.params as z.output<typeof unlinkParams>;
          const id = await problemIdOf(db, orgOf(request), referenceOf(request));
          await unlinkProblemIncident(db, actorFor(request), orgOf(request), id, ticket);
          return { redirect: `/problems/${referenceOf(request)}#incidents-heading`, flash: `Unlinked ${ticket}` };
        },
      }),
  );
}
