import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorFor, can, formErrors, identityOf, pageQuery, serviceAreasOf, submitForm } from '../../platform/index.js';
import { budget } from './abilities.js';
import * as q from './queries.js';
import { actualParams, lineParams } from './references.js';
import { categories, financialYearOf, yearName } from './rules.js';
import { actualInput, closeYearInput, costRuleInput, headcountInput, lineInput, noFieldsForm, yearQuery } from './schemas.js';
import { addLine, budgetOf, changeLine, closeYear, costPerService, recordActual, removeActual, setCostRule, setHeadcount, today } from './service.js';

export const view = (name: string) => `modules/budget/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Strategy and governance', href: '/strategy' },
];
const budgetCrumbs = [...crumbs, { text: 'Budget', href: '/budget' }];
const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;
const idOf = (request: FastifyRequest) => (request.params as { id: number }).id;
const categoryItems = categories.map((c) => ({ value: c, text: c }));

export async function budgetRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const budgetPage = async (request: FastifyRequest, fy?: number) => {
    const identity = identityOf(request);
    const year = fy ?? financialYearOf(today());
    const b = await budgetOf(db, identity.organisation.id, year);
    return {
      title: `Budget ${yearName(year)}`,
      breadcrumbs: crumbs,
      b,
      yearName: yearName(year),
      previous: { year: year - 1, name: yearName(year - 1) },
      next: { year: year + 1, name: yearName(year + 1) },
      canManage: can(identity, budget.manage),
      mayClose: can(identity, budget.manage) && !b.closed && year < financialYearOf(today()),
      categoryItems,
      values: { financialYear: String(year), kind: 'revenue' },
    };
  };
  app.get('/budget', { config: { access: budget.read, query: yearQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, yearQuery);
    const page = await budgetPage(request, parsed.ok ? parsed.value.year : undefined);
    return reply.code(parsed.ok ? 200 : 400).render(view('budget'), { ...page, errors: parsed.ok ? undefined : formErrors(parsed.errors) });
  });
  app.post('/budget/lines', { config: { access: budget.manage, form: lineInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: lineInput,
      view: view('budget'),
      context: () => budgetPage(request),
      action: async (v) => {
        const id = await addLine(db, actorFor(request), orgOf(request), v);
        return { redirect: `/budget/lines/${id}`, flash: `Added ${v.name} to the budget for ${yearName(v.financialYear)}` };
      },
    }),
  );
  app.post('/budget/close', { config: { access: budget.manage, form: closeYearInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: closeYearInput,
      view: view('budget'),
      context: () => budgetPage(request),
      action: async (v) => {
        await closeYear(db, actorFor(request), orgOf(request), v.financialYear);
        return { redirect: `/budget?year=${v.financialYear}`, flash: `Closed the financial year ${yearName(v.financialYear)}` };
      },
    }),
  );

  const linePage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const l = (await q.lineById(db, identity.organisation.id, idOf(request)))!;
    const fy = Number(l.financial_year);
    const [b, actuals] = await Promise.all([budgetOf(db, identity.organisation.id, fy), q.actualsOf(db, identity.organisation.id, idOf(request))]);
    const row = b.lines.find((x) => x.id === idOf(request))!;
    return {
      title: l.name,
      breadcrumbs: [...budgetCrumbs.slice(0, -1), { text: `Budget ${yearName(fy)}`, href: `/budget?year=${fy}` }],
      l: row,
      yearName: yearName(fy),
      closed: b.closed,
      actuals: actuals.map((a) => ({ ...a, id: Number(a.id), posted_on: String(a.posted_on).slice(0, 10), amount: Number(a.amount) })),
      canManage: can(identity, budget.manage) && !b.closed,
      categoryItems,
      values: {
        financialYear: String(fy),
        kind: l.kind,
        costCentre: l.cost_centre,
        account: l.account,
        category: l.category,
        name: l.name,
        budget: String(Number(l.budget)),
        forecast: l.forecast === null ? '' : String(Number(l.forecast)),
        savingsPlanned: String(Number(l.savings_planned)),
        savingsAchieved: String(Number(l.savings_achieved)),
      },
    };
  };
  app.get('/budget/lines/:id', { config: { access: budget.read }, schema: { params: lineParams } }, async (request, reply) =>
    reply.render(view('line'), await linePage(request)),
  );
  app.post('/budget/lines/:id', { config: { access: budget.manage, form: lineInput }, schema: { params: lineParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: lineInput,
      view: view('line'),
      context: () => linePage(request),
      action: async (v) => {
        await changeLine(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/budget/lines/${idOf(request)}`, flash: `Saved ${v.name}` };
      },
    }),
  );
  app.post('/budget/lines/:id/actuals', { config: { access: budget.manage, form: actualInput }, schema: { params: lineParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: actualInput,
      view: view('line'),
      context: () => linePage(request),
      action: async (v) => {
        await recordActual(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/budget/lines/${idOf(request)}#actuals`, flash: 'Recorded the actual' };
      },
    }),
  );

  app.post(
    '/budget/lines/:id/actuals/:actual/remove',
    { config: { access: budget.manage, form: noFieldsForm }, schema: { params: actualParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: noFieldsForm,
        view: view('line'),
        context: () => linePage(request),
        action: async () => {
          const { actual } = request.params as { actual: number };
          await removeActual(db, actorFor(request), orgOf(request), idOf(request), actual);
          return { redirect: `/budget/lines/${idOf(request)}#actuals`, flash: 'Removed the actual' };
        },
      }),
  );

  const costPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const [c, areas] = await Promise.all([costPerService(db, identity.organisation.id), serviceAreasOf(db, identity.organisation.id)]);
    return {
      title: 'Cost of each council service',
      breadcrumbs: budgetCrumbs,
      c,
      canManage: can(identity, budget.manage),
      areaItems: [
        { value: '', text: 'Choose a service area' },
        ...areas.filter((a) => a.kind === 'service-area').map((a) => ({ value: String(a.id), text: a.name })),
      ],
      values: { rule: c.rule },
    };
  };
  app.get('/budget/cost-per-service', { config: { access: budget.read } }, async (request, reply) =>
    reply.render(view('cost-per-service'), await costPage(request)),
  );
  app.post('/budget/cost-per-service', { config: { access: budget.manage, form: costRuleInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: costRuleInput,
      view: view('cost-per-service'),
      context: () => costPage(request),
      action: async (v) => {
        await setCostRule(db, actorFor(request), orgOf(request), v.rule);
        return {
          redirect: '/budget/cost-per-service',
          flash: v.rule === 'equal' ? 'Shared costs are now split equally' : 'Shared costs are now split by headcount',
        };
      },
    }),
  );
  app.post('/budget/headcounts', { config: { access: budget.manage, form: headcountInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: headcountInput,
      view: view('cost-per-service'),
      context: () => costPage(request),
      action: async (v) => {
        await setHeadcount(db, actorFor(request), orgOf(request), v.serviceArea, v.headcount);
        return { redirect: '/budget/cost-per-service#headcount', flash: 'Saved the headcount' };
      },
    }),
  );
}
