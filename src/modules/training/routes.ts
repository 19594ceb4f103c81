import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  actorFor,
  anyOf,
  can,
  date,
  dict,
  exportLimit,
  filtersOf,
  formErrors,
  money,
  nextPageHref,
  own,
  identityOf,
  line,
  pageQuery,
  sendSpreadsheet,
  submitForm,
  UserError,
  writeSpreadsheet,
} from '../../platform/index.js';
import { training } from './abilities.js';
import * as q from './queries.js';
import { percent, trainingKinds } from './rules.js';
import { courseInput, courseParams, phishingInput, recordPhishing, recordsQuery, setCourse, today, trainingCoverage, trainingRecordsPage } from './service.js';

const view = (name: string) => `modules/training/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Cyber and risk', href: '/cyber' },
];
const trainingQuery = z.object({ directorate: anyOf(line(200, { tooLong: 'A directorate is 200 characters or fewer' })) });
/** The overdue list is for acting on: the first few hundred, narrowed by directorate. */
const overdueShown = 50;

export async function trainingRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  /** The page for a directorate's view; a bad filter is an error on it. */
  const trainingPage = async (request: FastifyRequest, parsed: Awaited<ReturnType<typeof pageQuery<typeof trainingQuery>>> | null) => {
    const identity = identityOf(request);
    const orgId = identity.organisation.id;
    const directorate = parsed?.ok ? parsed.value.directorate : undefined;
    const on = today();
    const [c, phishing] = await Promise.all([trainingCoverage(db, orgId, on), q.phishingOf(db, orgId)]);
    // A directorate nobody in the records is in is a mistake in the link, not an empty list.
    const unknown = !!directorate && !c.directorates.some((d) => d.directorate === directorate);
    const overdue = c.overdue.filter((o) => !directorate || (o.directorate || 'Not recorded') === directorate);
    return {
      ok: (parsed?.ok ?? true) && !unknown,
      context: {
        title: 'Cyber awareness training',
        breadcrumbs: crumbs,
        errors:
          parsed && !parsed.ok
            ? formErrors(parsed.errors)
            : unknown
              ? formErrors([{ field: 'directorate', message: 'Choose one of the directorates in the training records' }])
              : undefined,
        values: { directorate: directorate ?? '' },
        people: c.people,
        required: c.required,
        total: {
          ...c.total,
          allPercent: percent(c.total.allInDate, c.total.people),
          courses: c.required.map((r) => percent(c.total.courses.get(r.id) ?? 0, c.total.people)),
        },
        directorates: c.directorates.map((d) => ({
          ...d,
          allPercent: percent(d.allInDate, d.people),
          courses: c.required.map((r) => ({ inDate: d.courses.get(r.id) ?? 0, percent: percent(d.courses.get(r.id) ?? 0, d.people) })),
        })),
        directorateItems: [
          { value: '', text: 'Every directorate' },
          ...c.directorates.map((d) => ({ value: d.directorate, text: d.directorate, selected: d.directorate === directorate })),
        ],
        overdueCount: overdue.length,
        overdue: overdue
          .slice(0, overdueShown)
          .map((o) => ({ ...o, lastText: o.last ? date(o.last) : 'Never', lapsedText: o.lapsedOn ? date(o.lapsedOn) : '' })),
        overdueShown,
        dueQuery: directorate ? `?directorate=${encodeURIComponent(directorate)}` : '',
        courses: c.courses.map((x) => ({ ...x, completions: Number(x.completions) })),
        phishing: phishing.map((p) => ({
          ...p,
          when: date(String(p.sent_on)),
          clickedPercent: percent(p.clicked, p.sent),
          reportedPercent: percent(p.reported, p.sent),
        })),
        canManage: can(identity, training.manage),
        phishingValues: {},
      },
    };
  };

  app.get('/training', { config: { access: training.read, query: trainingQuery } }, async (request, reply) => {
    const { ok, context } = await trainingPage(request, await pageQuery(request, trainingQuery));
    if (!ok) reply.code(400);
    return reply.render(view('training'), context);
  });

  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/training/due.${format}`, { config: { access: training.read, query: trainingQuery } }, async (request, reply) => {
      const parsed = await pageQuery(request, trainingQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const directorate = parsed.value.directorate;
      const c = await trainingCoverage(db, identityOf(request).organisation.id);
      const due = c.overdue.filter((o) => !directorate || (o.directorate || 'Not recorded') === directorate);
      return sendSpreadsheet(
        reply,
        await writeSpreadsheet(
          format,
          'training-due',
          ['Name', 'Email', 'Directorate', 'Team', 'Course', 'Last completed', 'Lapsed on'],
          due.map((o) => [o.name, o.email, o.directorate, o.team, o.course, o.last ?? '', o.lapsedOn ?? '']),
        ),
      );
    });

  app.post('/training/phishing', { config: { access: training.manage, form: phishingInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: phishingInput,
      view: view('training'),
      context: async () => (await trainingPage(request, null)).context,
      action: async (v) => {
        await recordPhishing(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: '/training#phishing', flash: `Recorded ${v.name}` };
      },
    }),
  );

  const coursePage = async (request: FastifyRequest) => {
    const { id } = request.params as z.output<typeof courseParams>;
    const course = (await q.courseById(db, identityOf(request).organisation.id, id))!;
    return {
      title: course.name,
      breadcrumbs: [...crumbs, { text: 'Cyber awareness training', href: '/training' }],
      course,
      values: { required: course.required ? 'yes' : 'no', refreshMonths: String(course.refresh_months) },
    };
  };
  app.get('/training/courses/:id', { config: { access: training.manage }, schema: { params: courseParams } }, async (request, reply) =>
    reply.render(view('course'), await coursePage(request)),
  );
  app.post('/training/courses/:id', { config: { access: training.manage, form: courseInput }, schema: { params: courseParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: courseInput,
      view: view('course'),
      context: () => coursePage(request),
      action: async (v) => {
        const { id } = request.params as z.output<typeof courseParams>;
        await setCourse(db, actorFor(request), identityOf(request).organisation.id, id, v);
        return { redirect: '/training', flash: 'Saved the course' };
      },
    }),
  );

  // Everyone's training in one list: the learning system's completions and development plans' activities.
  const kindNames = dict<string>(Object.entries(trainingKinds));
  const recordRow = (r: Awaited<ReturnType<typeof trainingRecordsPage>>['items'][number]) => ({
    ...r,
    kindName: own(kindNames, r.kind) ?? r.kind,
    costText: r.cost === null ? '' : money(Number(r.cost)),
    source: r.development_item_id === null ? 'Learning system' : 'Development plan',
  });
  app.get('/training/records', { config: { access: training.read, query: recordsQuery } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const raw = request.query as Record<string, string>;
    const parsed = await pageQuery(request, recordsQuery);
    const v = parsed.ok ? parsed.value : recordsQuery.parse({});
    const [page, courses] = await Promise.all([
      parsed.ok ? trainingRecordsPage(db, orgId, v, { newestFirst: true, limit: 50 }) : { items: [], next: null },
      q.coursesOf(db, orgId),
    ]);
    return reply.code(parsed.ok ? 200 : 400).render(view('records'), {
      title: 'Training records',
      breadcrumbs: [...crumbs, { text: 'Cyber awareness training', href: '/training' }],
      records: page.items.map(recordRow),
      values: raw,
      filters: filtersOf(raw),
      nextHref: nextPageHref('/training/records', raw, page.next),
      courseItems: [{ value: '', text: 'Any course' }, ...courses.map((c) => ({ value: String(c.id), text: c.name, selected: String(c.id) === raw.course }))],
      kindItems: [{ value: '', text: 'Any kind' }, ...Object.entries(trainingKinds).map(([value, text]) => ({ value, text, selected: value === raw.kind }))],
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
    });
  });
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/training/records.${format}`, { config: { access: training.read, query: recordsQuery } }, async (request, reply) => {
      const parsed = await pageQuery(request, recordsQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const page = await trainingRecordsPage(db, identityOf(request).organisation.id, parsed.value, { newestFirst: true, limit: exportLimit });
      return sendSpreadsheet(
        reply,
        await writeSpreadsheet(
          format,
          'training-records',
          ['Name', 'Email', 'Directorate', 'Team', 'Training', 'Kind', 'Completed on', 'Cost (£)', 'Score', 'From'],
          page.items
            .map(recordRow)
            .map((r) => [
              r.name,
              r.email,
              r.directorate,
              r.team,
              r.course,
              r.kindName,
              String(r.completed_on),
              r.cost === null ? '' : String(r.cost),
              r.score === null ? '' : String(r.score),
              r.source,
            ]),
        ),
      );
    });
}
