import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, date, describeLinks, dict, identityOf, keptUntilChanged, linkableRecords, money, own, type Db } from '../../platform/index.js';
import { strategy } from './abilities.js';
import * as q from './queries.js';
import { effects, horizonNames, horizonOf, portfolio, progressOf, rags, stages, timeline, type Horizon, type Rag } from './rules.js';
import { today } from './service.js';
import { horizonLists, projectsTable, timelineSvg } from './roadmap-html.js';

export const view = (name: string) => `modules/strategy/views/${name}.njk`;
export const crumbs = [{ text: 'Home', href: '/' }];
const stageNames = dict<string>(Object.entries(stages));
const ragClass: Record<Rag, string> = { red: 'govuk-tag--red', amber: 'govuk-tag--orange', green: 'govuk-tag--green' };
const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;

const measureView = (m: Awaited<ReturnType<typeof q.measuresOf>>[number]) => {
  const numbers = {
    baseline: m.baseline === null ? null : Number(m.baseline),
    target: m.target === null ? null : Number(m.target),
    current: m.current === null ? null : Number(m.current),
  };
  const show = (n: number | null) => (n === null ? 'Not known' : `${n.toLocaleString('en-GB')}${m.unit ? (m.unit === '%' ? '%' : ` ${m.unit}`) : ''}`);
  return {
    ...m,
    id: Number(m.id),
    baselineText: show(numbers.baseline),
    targetText: show(numbers.target),
    currentText: show(numbers.current),
    progress: progressOf(numbers),
    betterWhen: m.direction === 'up' ? 'Higher is better' : 'Lower is better',
    targetBy: m.target_on ? date(String(m.target_on)) : null,
  };
};

/** The overview: the corporate plan, the vision, priorities with their objectives, and the portfolio. */
export async function strategyPage(request: FastifyRequest, db: FastifyInstance['steward']['db']) {
  const orgId = orgOf(request);
  const [plan, priorities, objectives, links, measures, projects] = await Promise.all([
    q.strategyOf(db, orgId),
    q.prioritiesOf(db, orgId),
    q.objectivesOf(db, orgId),
    q.objectivePriorities(db, orgId),
    q.measuresOf(db, orgId),
    q.projectsOf(db, orgId),
  ]);
  const p = portfolio(projects.map((x) => ({ ...x, budget: x.budget === null ? null : Number(x.budget), spend: x.spend === null ? null : Number(x.spend) })));
  const objectiveViews = objectives.map((o) => {
    const id = Number(o.id);
    const row = p.byObjective.get(id);
    return {
      ...o,
      id,
      priorityIds: links.filter((l) => Number(l.objective_id) === id).map((l) => Number(l.priority_id)),
      measures: measures.filter((m) => Number(m.objective_id) === id).map(measureView),
      projects: row ?? { red: 0, amber: 0, green: 0, total: 0, budget: 0, spend: 0 },
    };
  });
  const none = p.byObjective.get(null);
  return {
    title: 'Strategy and governance',
    breadcrumbs: crumbs,
    plan: plan ?? { corporate_plan: '', vision: '', from_year: null, to_year: null },
    priorities: priorities.map((pr) => ({ ...pr, id: Number(pr.id), objectives: objectiveViews.filter((o) => o.priorityIds.includes(Number(pr.id))) })),
    objectives: objectiveViews,
    unaligned: objectiveViews.filter((o) => !o.priorityIds.length),
    portfolio: {
      rows: [
        ...objectiveViews.map((o) => ({
          title: o.title,
          href: `/strategy/objectives/${o.id}`,
          ...o.projects,
          budgetText: money(o.projects.budget),
          spendText: money(o.projects.spend),
        })),
        ...(none ? [{ title: 'Not tied to an objective', href: null, ...none, budgetText: money(none.budget), spendText: money(none.spend) }] : []),
      ],
      total: { ...p.total, budgetText: money(p.total.budget), spendText: money(p.total.spend) },
    },
    priorityItems: priorities.map((pr) => ({ value: String(pr.id), text: pr.title })),
    canEdit: can(identityOf(request), strategy.edit),
    values: {
      corporatePlan: plan?.corporate_plan ?? '',
      vision: plan?.vision ?? '',
      fromYear: plan?.from_year ? String(plan.from_year) : '',
      toYear: plan?.to_year ? String(plan.to_year) : '',
    },
  };
}

const projectView = (x: Awaited<ReturnType<typeof q.projectsOf>>[number], on: string) => ({
  ...x,
  id: Number(x.id),
  stageName: own(stageNames, x.stage) ?? x.stage,
  ragName: rags[x.rag],
  ragClass: ragClass[x.rag],
  horizon: horizonOf(x, on),
  starts: x.start_on ? date(String(x.start_on)) : 'Not dated',
  ends: x.end_on ? date(String(x.end_on)) : 'Not dated',
  budgetText: x.budget === null ? 'Not set' : money(Number(x.budget)),
  spendText: x.spend === null ? 'None recorded' : money(Number(x.spend)),
});

/** The roadmap's drawing, list and horizons for a filter, in HTML written in code. */
async function workOutRoadmap(db: Db, orgId: number, on: string, filter: q.RoadmapFilter) {
  const [projects, objectives] = await Promise.all([q.projectsOf(db, orgId, filter), q.objectivesOf(db, orgId)]);
  const views = projects.map((x) => projectView(x, on));
  const picture = timeline(
    views
      .filter((v) => v.horizon !== 'done')
      .map((v) => ({
        id: v.id,
        reference: v.reference,
        title: v.title,
        rag: v.rag,
        start_on: v.start_on ? String(v.start_on) : null,
        end_on: v.end_on ? String(v.end_on) : null,
      })),
    on,
  );
  const objectiveNames = new Map(objectives.map((o) => [Number(o.id), o.title]));
  const rows = views.map((v) => ({ ...v, objectiveTitle: v.objective_id === null ? null : (objectiveNames.get(Number(v.objective_id)) ?? null) }));
  return {
    objectives: objectives.map((o) => ({ id: Number(o.id), title: o.title })),
    projectCount: rows.length,
    tableHtml: projectsTable(rows),
    pictureRows: picture.rows.length,
    pictureHtml: timelineSvg(picture),
    horizonsHtml: horizonLists(
      (['now', 'next', 'later'] as Horizon[]).map((h) => ({ key: h, name: horizonNames[h], projects: rows.filter((v) => v.horizon === h) })),
    ),
    closed: views.filter((v) => v.horizon === 'done').length,
  };
}
/** The whole roadmap, worked out again only when the strategy changes or the day does. */
const wholeRoadmap = keptUntilChanged(q.strategyVersion, (db, orgId, on) => workOutRoadmap(db, orgId, on, {}));

export async function roadmapPage(request: FastifyRequest, db: Db, filter: q.RoadmapFilter) {
  const orgId = orgOf(request);
  const on = today();
  const filtered = !!(filter.stage || filter.rag || filter.objectiveId);
  const r = filtered ? await workOutRoadmap(db, orgId, on, filter) : await wholeRoadmap(db, orgId, on);
  const raw = request.query as Record<string, string>;
  return {
    title: 'Roadmap',
    breadcrumbs: [...crumbs, { text: 'Strategy and governance', href: '/strategy' }],
    ...r,
    values: raw,
    stageItems: [{ value: '', text: 'Any stage' }, ...Object.entries(stages).map(([value, text]) => ({ value, text, selected: value === raw.stage }))],
    ragItems: [{ value: '', text: 'Any status' }, ...Object.entries(rags).map(([value, text]) => ({ value, text, selected: value === raw.rag }))],
    objectiveItems: [
      { value: '', text: 'Any objective' },
      ...r.objectives.map((o) => ({ value: String(o.id), text: o.title, selected: String(o.id) === raw.objective })),
    ],
    canEdit: can(identityOf(request), strategy.edit),
  };
}

export async function projectPage(request: FastifyRequest, app: FastifyInstance, id: number) {
  const { db } = app.steward;
  const identity = identityOf(request);
  const orgId = identity.organisation.id;
  const on = today();
  const [project, milestones, edges, names, systems, links, objectives, reviews] = await Promise.all([
    q.projectById(db, orgId, id),
    q.milestonesOf(db, orgId, id),
    q.dependenciesOf(db, orgId),
    q.projectNames(db, orgId),
    q.projectSystemsOf(db, orgId, id),
    q.projectLinksOf(db, orgId, id),
    q.objectivesOf(db, orgId),
    q.sprintReviewsOf(db, orgId, id),
  ]);
  const p = project!;
  const byId = new Map(names.map((n) => [Number(n.id), n]));
  const named = (pid: number) => ({
    id: pid,
    reference: byId.get(pid)?.reference ?? '',
    title: byId.get(pid)?.title ?? '',
    stageName: own(stageNames, byId.get(pid)?.stage ?? '') ?? '',
  });
  const describe = await describeLinks(
    app,
    identity,
    links.map((l) => ({ kind: l.kind, id: Number(l.record_id) })),
  );
  const objective = p.objective_id === null ? null : objectives.find((o) => Number(o.id) === Number(p.objective_id));
  const linkKinds = linkableRecords(app).filter((r) => r.kind !== 'system' && r.kind !== 'project');
  return {
    title: `${p.reference} ${p.title}`,
    breadcrumbs: [...crumbs, { text: 'Strategy and governance', href: '/strategy' }, { text: 'Roadmap', href: '/strategy/roadmap' }],
    p: projectView(p, on),
    objective: objective ? { id: Number(objective.id), title: objective.title } : null,
    programme: p.programme_id === null ? null : named(Number(p.programme_id)),
    milestones: milestones.map((m) => ({
      ...m,
      id: Number(m.id),
      due: date(String(m.due_on)),
      done: m.done_on ? date(String(m.done_on)) : null,
      late: !m.done_on && String(m.due_on) < on,
    })),
    dependsOn: edges.filter((e) => Number(e.project_id) === id).map((e) => named(Number(e.depends_on_id))),
    neededBy: edges.filter((e) => Number(e.depends_on_id) === id).map((e) => named(Number(e.project_id))),
    systems: systems.map((s) => ({ ...s, effectName: effects[s.effect], href: `/estate/systems/${s.system_id}` })),
    links: links.map((l) => describe(l.kind, Number(l.record_id))),
    reviews: reviews.map((r) => ({ ...r, held: date(String(r.held_on).slice(0, 10)) })),
    dependencyItems: [
      { value: '', text: 'Choose a project' },
      ...names.filter((n) => Number(n.id) !== id).map((n) => ({ value: String(n.id), text: `${n.reference} ${n.title}` })),
    ],
    effectItems: Object.entries(effects).map(([value, text]) => ({ value, text })),
    linkKindItems: linkKinds.map((k) => ({ value: k.kind, text: k.label.charAt(0).toUpperCase() + k.label.slice(1) })),
    linkHint: linkKinds.map((k) => `${k.label}: ${k.hint.charAt(0).toLowerCase()}${k.hint.slice(1)}`).join('; '),
    canEdit: can(identity, strategy.edit),
    values: {},
  };
}

export async function projectFormPage(request: FastifyRequest, db: FastifyInstance['steward']['db'], id: number | null) {
  const orgId = orgOf(request);
  const [objectives, names, p] = await Promise.all([q.objectivesOf(db, orgId), q.projectNames(db, orgId), id === null ? null : q.projectById(db, orgId, id)]);
  return {
    title: p ? `Change ${p.reference} ${p.title}` : 'Add to the roadmap',
    breadcrumbs: [...crumbs, { text: 'Strategy and governance', href: '/strategy' }, { text: 'Roadmap', href: '/strategy/roadmap' }],
    action: p ? `/strategy/projects/${id}/edit` : '/strategy/projects/new',
    objectiveItems: [{ value: '', text: 'Not tied to an objective' }, ...objectives.map((o) => ({ value: String(o.id), text: o.title }))],
    programmeItems: [
      { value: '', text: 'Not part of a programme' },
      ...names.filter((n) => n.kind === 'programme' && Number(n.id) !== id).map((n) => ({ value: String(n.id), text: `${n.reference} ${n.title}` })),
    ],
    stageItems: Object.entries(stages).map(([value, text]) => ({ value, text })),
    ragItems: Object.entries(rags).map(([value, text]) => ({ value, text })),
    values: p
      ? {
          title: p.title,
          kind: p.kind,
          programmeId: p.programme_id === null ? '' : String(p.programme_id),
          description: p.description,
          objectiveId: p.objective_id === null ? '' : String(p.objective_id),
          sponsor: p.sponsor,
          manager: p.manager_email ?? '',
          stage: p.stage,
          rag: p.rag,
          ragReason: p.rag_reason,
          startOn: p.start_on ? String(p.start_on) : '',
          endOn: p.end_on ? String(p.end_on) : '',
          budget: p.budget === null ? '' : String(Number(p.budget)),
          spend: p.spend === null ? '' : String(Number(p.spend)),
          expectedBenefits: p.expected_benefits,
          realisedBenefits: p.realised_benefits,
        }
      : { kind: 'project', stage: 'idea', rag: 'green' },
  };
}

export async function objectivePage(request: FastifyRequest, db: FastifyInstance['steward']['db'], id: number) {
  const orgId = orgOf(request);
  const on = today();
  const [o, priorities, links, measures, projects] = await Promise.all([
    q.objectiveById(db, orgId, id),
    q.prioritiesOf(db, orgId),
    q.objectivePriorities(db, orgId),
    q.measuresOf(db, orgId),
    q.projectsOf(db, orgId, { objectiveId: id }),
  ]);
  const mine = links.filter((l) => Number(l.objective_id) === id).map((l) => Number(l.priority_id));
  return {
    title: o!.title,
    breadcrumbs: [...crumbs, { text: 'Strategy and governance', href: '/strategy' }],
    o: { ...o!, id },
    priorities: priorities.filter((p) => mine.includes(Number(p.id))),
    measures: measures.filter((m) => Number(m.objective_id) === id).map(measureView),
    projects: projects.map((x) => projectView(x, on)),
    priorityItems: priorities.map((p) => ({ value: String(p.id), text: p.title, checked: mine.includes(Number(p.id)) })),
    canEdit: can(identityOf(request), strategy.edit),
    values: { title: o!.title, description: o!.description, owner: o!.owner, direction: 'up' },
  };
}
