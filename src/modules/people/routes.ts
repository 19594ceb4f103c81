import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  actorFor,
  can,
  date,
  exportLimit,
  filtersOf,
  formErrors,
  identityOf,
  linkableRecords,
  money,
  nextPageHref,
  pageOf,
  pageQuery,
  sendSpreadsheet,
  submitForm,
  UserError,
  writeSpreadsheet,
} from '../../platform/index.js';
import { describeTeam, teamFocuses, teamsOf } from '../teams/index.js';
import { people } from './abilities.js';
import { staffParams, vacancyParams } from './references.js';
import * as q from './queries.js';
import { budgetInput, contractTypes, fillInput, leaverInput, staffInput, staffQuery, supportRemovalInput, supportsInput, vacancyInput } from './schemas.js';
import {
  addSupport,
  changeStaff,
  changeVacancy,
  departmentFigures,
  fillVacancy,
  orgChart,
  certificationsDue,
  setBudget,
  recordLeaver,
  recordStaff,
  recordVacancy,
  removeSupport,
  teamOf,
  teamsWithPeople,
  today,
} from './service.js';
import { timeOpen } from './rules.js';
import { crumbs, view } from './pages.js';
import { personPageOf } from './person-page.js';
import { teamIdParams, teamInput } from './team-schema.js';

const pageSize = 50;

const contractItems = (selected?: string, any?: string) => [
  ...(any !== undefined ? [{ value: '', text: any }] : []),
  ...Object.entries(contractTypes).map(([value, text]) => ({ value, text, ...(selected !== undefined ? { selected: value === selected } : {}) })),
];

export async function peopleRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;

  const overview = async (request: FastifyRequest) => {
    const orgId = orgOf(request);
    const [figures, teams, vacancies] = await Promise.all([departmentFigures(db, orgId), teamsWithPeople(db, orgId), q.vacanciesOf(db, orgId)]);
    const certifications = await certificationsDue(db, orgId);
    const training = figures.training;
    return {
      certifications: certifications.map((c) => ({ ...c, expired: String(c.expires_on) < today() })),
      title: 'People and skills',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      figures,
      teams,
      longOpen: vacancies.map((v) => ({ ...v, open: timeOpen(String(v.open_since), today()) })).filter((v) => v.open.overAYear),
      canManage: can(identityOf(request), people.manage),
      training,
      values: { year: String(training.year), amount: training.budget === null ? '' : String(training.budget) },
    };
  };
  app.get('/people', { config: { access: people.read } }, async (request, reply) => reply.render(view('people'), await overview(request)));
  app.post('/people/training-budget', { config: { access: people.manage, form: budgetInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: budgetInput,
      view: view('people'),
      context: () => overview(request),
      action: async (v) => {
        await setBudget(db, actorFor(request), orgOf(request), v);
        return { redirect: '/people#training-budget', flash: `Set the training budget for ${v.year} to ${v.year + 1}` };
      },
    }),
  );

  // The department's people: a list with filters, its exports, and each person's page.
  const selects = async (orgId: number) => {
    const [teams, staff, levels] = await Promise.all([teamsOf(db, orgId), q.staffInPost(db, orgId), q.roleLevelNames(db, orgId)]);
    return {
      teamItems: [{ value: '', text: 'No team' }, ...teams.map((t) => ({ value: String(t.id), text: t.name }))],
      managerItems: [
        { value: '', text: 'Nobody in the department' },
        ...staff.map((s) => ({ value: String(s.id), text: `${s.name}${s.job_title ? `, ${s.job_title}` : ''}` })),
      ],
      levelItems: [
        { value: '', text: 'As their job title is mapped' },
        ...levels.filter((l) => !l.withdrawn_on).map((l) => ({ value: String(l.id), text: `${l.role_name}: ${l.name}` })),
      ],
      contractItems: contractItems(),
    };
  };

  const listPage = async (request: FastifyRequest) => {
    const orgId = orgOf(request);
    const raw = request.query as Record<string, string>;
    const parsed = await pageQuery(request, staffQuery);
    const v = parsed.ok ? parsed.value : staffQuery.parse({});
    const rows = parsed.ok ? await q.staffPage(db, orgId, { text: v.q, teamId: v.team, contract: v.contract }, v.after, pageSize + 1) : [];
    const page = pageOf(rows, pageSize, (s) => ({ n: s.name, id: Number(s.id) }));
    const teams = await teamsOf(db, orgId);
    return {
      title: 'The department’s people',
      breadcrumbs: crumbs,
      staff: page.items.map((s) => ({ ...s, contractName: contractTypes[s.contract] })),
      values: raw,
      filters: filtersOf(raw),
      nextHref: nextPageHref('/people/staff', raw, page.next),
      teamItems: [{ value: '', text: 'Any team' }, ...teams.map((t) => ({ value: String(t.id), text: t.name, selected: String(t.id) === raw.team }))],
      contractItems: contractItems(raw.contract ?? '', 'Any contract'),
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      canManage: can(identityOf(request), people.manage),
    };
  };
  app.get('/people/staff', { config: { access: people.read, query: staffQuery } }, async (request, reply) => {
    const context = await listPage(request);
    return reply.code(context.errors ? 400 : 200).render(view('staff'), context);
  });
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/people/staff.${format}`, { config: { access: people.read, query: staffQuery } }, async (request, reply) => {
      const parsed = await pageQuery(request, staffQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const v = parsed.value;
      const rows = await q.staffPage(db, orgOf(request), { text: v.q, teamId: v.team, contract: v.contract }, undefined, exportLimit);
      // Pay is for those who keep the department's records.
      const pay = can(identityOf(request), people.manage);
      return sendSpreadsheet(
        reply,
        await writeSpreadsheet(
          format,
          'it-department',
          [
            'Name',
            'Email',
            'Job title',
            'Grade',
            'Team',
            'Line manager',
            'Contract',
            'Start date',
            'End date',
            'Location',
            'Working pattern',
            ...(pay ? ['Day rate'] : []),
          ],
          rows.map((s) => [
            s.name,
            s.email,
            s.job_title,
            s.grade,
            s.team_name ?? '',
            s.manager_name ?? '',
            contractTypes[s.contract],
            s.start_date ?? '',
            s.end_date ?? '',
            s.location,
            s.working_pattern,
            ...(pay ? [s.day_rate === null ? '' : String(s.day_rate)] : []),
          ]),
        ),
      );
    });

  const formPage = async (request: FastifyRequest, id: number | null) => {
    const orgId = orgOf(request);
    const s = id === null ? null : await q.staffById(db, orgId, id);
    return {
      title: s ? `Change ${s.name}’s record` : 'Add a person to the department',
      breadcrumbs: [...crumbs, { text: 'The department’s people', href: '/people/staff' }],
      action: s ? `/people/staff/${id}/edit` : '/people/staff/new',
      ...(await selects(orgId)),
      values: s
        ? {
            name: s.name,
            email: s.email,
            jobTitle: s.job_title,
            grade: s.grade,
            teamId: s.team_id === null ? '' : String(s.team_id),
            lineManagerId: s.line_manager_id === null ? '' : String(s.line_manager_id),
            contract: s.contract,
            startDate: s.start_date ?? '',
            endDate: s.end_date ?? '',
            dayRate: s.day_rate === null ? '' : String(s.day_rate),
            annualCost: s.annual_cost === null ? '' : String(s.annual_cost),
            programme: s.programme,
            provider: s.provider,
            location: s.location,
            workingPattern: s.working_pattern,
            roleLevelId: s.role_level_id === null ? '' : String(s.role_level_id),
          }
        : { contract: 'permanent' },
    };
  };
  app.get('/people/staff/new', { config: { access: people.manage } }, async (request, reply) =>
    reply.render(view('staff-form'), await formPage(request, null)),
  );
  app.post('/people/staff/new', { config: { access: people.manage, form: staffInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: staffInput,
      view: view('staff-form'),
      context: () => formPage(request, null),
      action: async (v) => {
        const id = await recordStaff(db, actorFor(request), orgOf(request), v);
        return { redirect: `/people/staff/${id}`, flash: `Added ${v.name}` };
      },
    }),
  );
  app.get('/people/staff/:id/edit', { config: { access: people.manage }, schema: { params: staffParams } }, async (request, reply) =>
    reply.render(view('staff-form'), await formPage(request, (request.params as z.output<typeof staffParams>).id)),
  );
  app.post('/people/staff/:id/edit', { config: { access: people.manage, form: staffInput }, schema: { params: staffParams } }, async (request, reply) => {
    const { id } = request.params as z.output<typeof staffParams>;
    return submitForm(request, reply, {
      schema: staffInput,
      view: view('staff-form'),
      context: () => formPage(request, id),
      action: async (v) => {
        await changeStaff(db, actorFor(request), orgOf(request), id, v);
        return { redirect: `/people/staff/${id}`, flash: `Saved ${v.name}’s record` };
      },
    });
  });

  const personPage = (request: FastifyRequest) => personPageOf(db, request, (request.params as z.output<typeof staffParams>).id);
  app.get('/people/staff/:id', { config: { access: people.read }, schema: { params: staffParams } }, async (request, reply) =>
    reply.render(view('person'), await personPage(request)),
  );
  app.post('/people/staff/:id/leaver', { config: { access: people.manage, form: leaverInput }, schema: { params: staffParams } }, async (request, reply) => {
    const { id } = request.params as z.output<typeof staffParams>;
    return submitForm(request, reply, {
      schema: leaverInput,
      view: view('person'),
      context: () => personPage(request),
      action: async (v) => {
        await recordLeaver(db, actorFor(request), orgOf(request), id, v.leftOn);
        return { redirect: '/people/staff', flash: 'Recorded that they left' };
      },
    });
  });
  app.post(
    '/people/staff/:id/supports',
    { config: { access: people.manage, form: supportsInput }, schema: { params: staffParams } },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof staffParams>;
      return submitForm(request, reply, {
        schema: supportsInput,
        view: view('person'),
        context: () => personPage(request),
        action: async (v) => {
          const found = await linkableRecords(app)
            .find((r) => r.kind === 'system')
            ?.find(db, orgOf(request), v.system);
          if (!found) throw new UserError(`There is no system called ${v.system} in the register`, { field: 'system' });
          await addSupport(db, actorFor(request), orgOf(request), id, found.id);
          return { redirect: `/people/staff/${id}#systems`, flash: `Recorded that they can support ${found.title}` };
        },
      });
    },
  );
  app.post(
    '/people/staff/:id/supports/remove',
    { config: { access: people.manage, form: supportRemovalInput }, schema: { params: staffParams } },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof staffParams>;
      return submitForm(request, reply, {
        schema: supportRemovalInput,
        view: view('person'),
        context: () => personPage(request),
        action: async (v) => {
          await removeSupport(db, actorFor(request), orgOf(request), id, v.systemId);
          return { redirect: `/people/staff/${id}#systems`, flash: 'Removed the system from what they support' };
        },
      });
    },
  );

  // Vacancies: how long each has been open, shown plainly.
  const vacanciesPage = async (request: FastifyRequest) => {
    const orgId = orgOf(request);
    const on = today();
    const vacancies = await q.vacanciesOf(db, orgId);
    return {
      title: 'Vacancies',
      breadcrumbs: crumbs,
      vacancies: vacancies.map((v) => ({
        ...v,
        open: timeOpen(String(v.open_since), on),
        since: date(String(v.open_since)),
        coverRate: v.cover_day_rate !== null ? money(Number(v.cover_day_rate)) : null,
      })),
      canManage: can(identityOf(request), people.manage),
      values: {},
    };
  };
  app.get('/people/vacancies', { config: { access: people.read } }, async (request, reply) => reply.render(view('vacancies'), await vacanciesPage(request)));

  const vacancyFormPage = async (request: FastifyRequest, id: number | null) => {
    const orgId = orgOf(request);
    const v = id === null ? null : await q.vacancyById(db, orgId, id);
    const base = await selects(orgId);
    return {
      title: v ? `Change the vacant post ${v.title}` : 'Record a vacant post',
      breadcrumbs: [...crumbs, { text: 'Vacancies', href: '/people/vacancies' }],
      action: v ? `/people/vacancies/${id}` : '/people/vacancies/new',
      id,
      ...base,
      coverItems: [{ value: '', text: 'Nobody' }, ...base.managerItems.slice(1)],
      values: v
        ? {
            title: v.title,
            grade: v.grade,
            teamId: v.team_id === null ? '' : String(v.team_id),
            reportsToId: v.reports_to_id === null ? '' : String(v.reports_to_id),
            roleLevelId: v.role_level_id === null ? '' : String(v.role_level_id),
            openSince: String(v.open_since),
            timesAdvertised: String(v.times_advertised),
            coverStaffId: v.cover_staff_id === null ? '' : String(v.cover_staff_id),
            notes: v.notes,
          }
        : { openSince: today(), timesAdvertised: '0' },
      filled: v?.filled_on ?? null,
    };
  };
  app.get('/people/vacancies/new', { config: { access: people.manage } }, async (request, reply) =>
    reply.render(view('vacancy-form'), await vacancyFormPage(request, null)),
  );
  app.post('/people/vacancies/new', { config: { access: people.manage, form: vacancyInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: vacancyInput,
      view: view('vacancy-form'),
      context: () => vacancyFormPage(request, null),
      action: async (v) => {
        await recordVacancy(db, actorFor(request), orgOf(request), v);
        return { redirect: '/people/vacancies', flash: `Recorded the vacant post ${v.title}` };
      },
    }),
  );
  app.get('/people/vacancies/:id', { config: { access: people.manage }, schema: { params: vacancyParams } }, async (request, reply) =>
    reply.render(view('vacancy-form'), await vacancyFormPage(request, (request.params as z.output<typeof vacancyParams>).id)),
  );
  app.post('/people/vacancies/:id', { config: { access: people.manage, form: vacancyInput }, schema: { params: vacancyParams } }, async (request, reply) => {
    const { id } = request.params as z.output<typeof vacancyParams>;
    return submitForm(request, reply, {
      schema: vacancyInput,
      view: view('vacancy-form'),
      context: () => vacancyFormPage(request, id),
      action: async (v) => {
        await changeVacancy(db, actorFor(request), orgOf(request), id, v);
        return { redirect: '/people/vacancies', flash: `Saved the vacant post ${v.title}` };
      },
    });
  });
  app.post('/people/vacancies/:id/fill', { config: { access: people.manage, form: fillInput }, schema: { params: vacancyParams } }, async (request, reply) => {
    const { id } = request.params as z.output<typeof vacancyParams>;
    return submitForm(request, reply, {
      schema: fillInput,
      view: view('vacancy-form'),
      context: () => vacancyFormPage(request, id),
      action: async (v) => {
        await fillVacancy(db, actorFor(request), orgOf(request), id, v.filledOn);
        return { redirect: '/people/vacancies', flash: 'Recorded the post as filled' };
      },
    });
  });

  // Teams around layers and functions, with their people and the systems they look after.
  app.get('/people/teams', { config: { access: people.read } }, async (request, reply) => {
    const teams = await teamsWithPeople(db, orgOf(request));
    return reply.render(view('teams'), {
      title: 'Teams',
      breadcrumbs: crumbs,
      layers: teams.filter((t) => t.focusKind === 'layer'),
      functions: teams.filter((t) => t.focusKind === 'function'),
      others: teams.filter((t) => !t.focusKind),
    });
  });
  const teamPage = async (request: FastifyRequest) => {
    const orgId = orgOf(request);
    const { id } = request.params as z.output<typeof teamIdParams>;
    const t = await teamOf(db, orgId, id);
    const base = await selects(orgId);
    return {
      title: t.name,
      breadcrumbs: [...crumbs, { text: 'Teams', href: '/people/teams' }],
      t,
      canManage: can(identityOf(request), people.manage),
      focusItems: [
        { value: '', text: 'Neither' },
        ...Object.entries(teamFocuses).map(([value, f]) => ({ value, text: `${f.name} (${f.kind === 'layer' ? 'architecture layer' : 'function'})` })),
      ],
      leadItems: [{ value: '', text: 'Nobody' }, ...base.managerItems.slice(1)],
      values: { name: t.name, description: t.description, focus: t.focus, leadStaffId: t.lead_staff_id === null ? '' : String(t.lead_staff_id) },
    };
  };
  app.get('/people/teams/:id', { config: { access: people.read }, schema: { params: teamIdParams } }, async (request, reply) =>
    reply.render(view('team'), await teamPage(request)),
  );
  app.post('/people/teams/:id', { config: { access: people.manage, form: teamInput }, schema: { params: teamIdParams } }, async (request, reply) => {
    const { id } = request.params as z.output<typeof teamIdParams>;
    return submitForm(request, reply, {
      schema: teamInput,
      view: view('team'),
      context: () => teamPage(request),
      action: async (v) => {
        await describeTeam(db, actorFor(request), orgOf(request), id, v);
        return { redirect: `/people/teams/${id}`, flash: `Saved ${v.name}` };
      },
    });
  });

  app.get('/people/org-chart', { config: { access: people.read } }, async (request, reply) => {
    const chart = await orgChart(db, orgOf(request));
    return reply.render(view('org-chart'), { title: 'Organisation chart', breadcrumbs: crumbs, chart });
  });
}
