import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorFor, allows, barChart, can, identityOf, measures, measureUnits, submitForm, type Identity } from '../../platform/index.js';
import { kpis } from './abilities.js';
import * as q from './queries.js';
import { kpiParams } from './references.js';
import { periodLabel, show, statusNames, type KpiStatus } from './rules.js';
import { kpiInput, readingInput } from './schemas.js';
import { addKpi, changeKpi, kpiFigures, recordReading, thisMonth, type KpiFigure } from './service.js';

export const view = (name: string) => `modules/kpis/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Strategy and governance', href: '/strategy' },
];
const kpiCrumbs = [...crumbs, { text: 'KPIs', href: '/kpis' }];
const statusClass: Record<KpiStatus, string> = { met: 'govuk-tag--green', near: 'govuk-tag--yellow', missed: 'govuk-tag--red', unknown: 'govuk-tag--grey' };
const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;
const idOf = (request: FastifyRequest) => (request.params as { id: number }).id;

export const kpiRow = (k: KpiFigure) => ({
  ...k,
  href: `/kpis/${k.id}`,
  valueText: k.visible ? show(k.value, k.unit) : 'Not yours to see',
  targetText: k.target === null ? 'No target' : `${k.direction === 'up' ? 'At least' : 'At most'} ${show(k.target, k.unit)}`,
  statusName: statusNames[k.status],
  statusClass: statusClass[k.status],
  fromText: k.source === 'computed' ? `Worked out by Steward from ${k.from.toLowerCase()}` : `Entered by hand: ${k.from}`,
});

function measureItems(identity: Identity, selected?: string) {
  const groups = new Map<string, { value: string; text: string; selected?: boolean }[]>();
  for (const m of measures()) {
    if (!allows(m.access, identity.role)) continue;
    groups.set(m.area, [...(groups.get(m.area) ?? []), { value: m.key, text: `${m.area}: ${m.name}`, selected: m.key === selected }]);
  }
  return [
    { value: '', text: 'Choose what it measures' },
    { value: 'manual', text: 'A figure from outside Steward, entered by hand', selected: selected === 'manual' },
    ...[...groups.values()].flat(),
  ];
}
const unitItems = Object.entries(measureUnits).map(([value, text]) => ({
  value,
  text: `${value === '%' ? 'Per cent' : value === '£' ? 'Pounds' : text.charAt(0).toUpperCase() + text.slice(1)}`,
}));

export async function kpiRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const listPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const rows = (await kpiFigures(db, identity)).map(kpiRow);
    return {
      title: 'KPIs',
      breadcrumbs: crumbs,
      outcomes: rows.filter((r) => r.userOutcome),
      service: rows.filter((r) => !r.userOutcome),
      canEdit: can(identity, kpis.edit),
    };
  };
  app.get('/kpis', { config: { access: kpis.read } }, async (request, reply) => reply.render(view('kpis'), await listPage(request)));

  const formPage = async (request: FastifyRequest, id: number | null) => {
    const identity = identityOf(request);
    const k = id === null ? null : await q.kpiById(db, orgOf(request), id);
    return {
      title: k ? `Change ${k.name}` : 'Add a KPI',
      breadcrumbs: kpiCrumbs,
      action: k ? `/kpis/${id}/edit` : '/kpis/new',
      editing: Boolean(k),
      measureItems: measureItems(identity, k ? (k.measure_key ?? 'manual') : undefined),
      unitItems: [{ value: '', text: 'Choose' }, ...unitItems],
      values: k
        ? {
            measure: k.measure_key ?? 'manual',
            name: k.name,
            unit: k.unit,
            direction: k.direction,
            target: k.target === null ? '' : String(Number(k.target)),
            tolerance: String(Number(k.tolerance)),
            period: k.period,
            owner: k.owner,
            userOutcome: k.user_outcome ? 'yes' : '',
            source: k.source,
          }
        : { period: 'month' },
    };
  };
  app.get('/kpis/new', { config: { access: kpis.edit } }, async (request, reply) => reply.render(view('kpi-form'), await formPage(request, null)));
  app.post('/kpis/new', { config: { access: kpis.edit, form: kpiInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: kpiInput,
      view: view('kpi-form'),
      context: () => formPage(request, null),
      action: async (v) => {
        const id = await addKpi(db, actorFor(request), orgOf(request), v);
        return { redirect: `/kpis/${id}`, flash: 'Added the KPI' };
      },
    }),
  );
  app.get('/kpis/:id/edit', { config: { access: kpis.edit }, schema: { params: kpiParams } }, async (request, reply) =>
    reply.render(view('kpi-form'), await formPage(request, idOf(request))),
  );
  app.post('/kpis/:id/edit', { config: { access: kpis.edit, form: kpiInput }, schema: { params: kpiParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: kpiInput,
      view: view('kpi-form'),
      context: () => formPage(request, idOf(request)),
      action: async (v) => {
        await changeKpi(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/kpis/${idOf(request)}`, flash: 'Saved the KPI' };
      },
    }),
  );

  const kpiPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const [k] = await kpiFigures(db, identity, idOf(request));
    const row = kpiRow(k!);
    return {
      title: row.name,
      breadcrumbs: kpiCrumbs,
      k: row,
      // Periods with no figure are left out of the picture (a bar of 0 would say something); the table has every period.
      chart: barChart(
        row.trend.filter((t) => t.value !== null).map((t) => ({ label: periodLabel(t.period).replace(/ 20(\d\d)$/, ' $1'), value: t.value! })),
        { barWidth: 34, gap: 10 },
      ),
      trend: row.trend.map((t) => ({ label: periodLabel(t.period), text: row.visible ? show(t.value, row.unit) : 'Not yours to see' })),
      canEdit: can(identity, kpis.edit),
      canRecord: can(identity, kpis.edit) && row.source === 'manual',
      values: { month: thisMonth() },
    };
  };
  app.get('/kpis/:id', { config: { access: kpis.read }, schema: { params: kpiParams } }, async (request, reply) =>
    reply.render(view('kpi'), await kpiPage(request)),
  );
  app.post('/kpis/:id/readings', { config: { access: kpis.edit, form: readingInput }, schema: { params: kpiParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: readingInput,
      view: view('kpi'),
      context: () => kpiPage(request),
      action: async (v) => {
        await recordReading(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/kpis/${idOf(request)}`, flash: `Recorded the figure for ${periodLabel(v.month)}` };
      },
    }),
  );
}
