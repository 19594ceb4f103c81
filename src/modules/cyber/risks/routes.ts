import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, anyOf, can, date, dict, formErrors, identityOf, line, pageQuery, paragraphs, submitForm, UserError } from '../../../platform/index.js';
import { cyber } from '../abilities.js';
import { riskParams } from '../references.js';
import { findingsAcceptedUnder } from '../vulnerabilities/queries.js';
import { bandOf, heatMap, maxScore, scoreOf, treatments, type RiskMatrix } from './rules.js';
import {
  appetites,
  recordRisk,
  riskById,
  riskInput,
  riskLinks,
  riskLinksInput,
  riskRegister,
  scoresOf,
  riskSettings,
  risksInCategories,
  setAppetites,
  setRiskCategories,
  setRiskLinks,
  setRiskMatrix,
  updateRisk,
} from './service.js';

const view = (name: string) => `modules/cyber/risks/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Cyber and risk', href: '/cyber' },
];
const risksQuery = z.object({
  category: anyOf(line(60, { required: 'Choose a category from the list' })),
  show: anyOf(z.enum(['outside', 'overdue', 'closed'], { message: 'Choose what to show from the list' })),
});
const numbers = (message: string) =>
  z
    .union([line(10), z.array(line(10)).max(200, message)])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat()));
const keys = () =>
  z
    .union([line(60), z.array(line(60)).max(200, 'Too many categories at once')])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat()));
// Categories and appetites are the council's own, so each arrives as a pair of lists in the same order.
const appetiteForm = z.object({ category: keys(), appetite: numbers('Too many appetites at once') });
const categoriesForm = z.object({
  key: keys(),
  name: z
    .union([z.literal(''), line(60), z.array(z.union([z.literal(''), line(60)])).max(200, 'Too many categories at once')])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat())),
  remove: keys(),
  add: z.union([z.literal(''), line(60)]).optional(),
});
const band = (label: string) =>
  z.coerce
    .number({ message: `Give the score where ${label} starts` })
    .int({ message: `Give the score where ${label} starts` })
    .min(1)
    .max(100);
const matrixForm = z.object({
  likelihoods: paragraphs(2000, { required: 'Give the steps of likelihood, one per line, lowest first' }),
  impacts: paragraphs(2000, { required: 'Give the steps of impact, one per line, lowest first' }),
  medium: band('medium'),
  high: band('high'),
  veryHigh: band('very high'),
});
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const today = () => new Date().toISOString().slice(0, 10);

/** The heat map as its SVG and its table draw it: rows from the most likely down, columns by impact. */
function heatMapCells(cells: number[][], m: RiskMatrix) {
  return [...m.likelihoods.keys()].reverse().map((l) => ({
    likelihood: m.likelihoods[l]!,
    cells: [...m.impacts.keys()].map((i) => ({ count: cells[l]![i]!, band: bandOf(scoreOf(l + 1, i + 1), m).key, score: scoreOf(l + 1, i + 1) })),
  }));
}

/** The heat map's drawing size for the council's matrix: 50 units a cell, room for the labels. */
const heatMapFrame = (m: RiskMatrix) => ({
  width: 100 + m.impacts.length * 50,
  height: 60 + m.likelihoods.length * 50,
  axisY: 28 + m.likelihoods.length * 50,
  titleY: 50 + m.likelihoods.length * 50,
  centreX: 90 + m.impacts.length * 25,
});

export async function riskRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/cyber/risks', { config: { access: cyber.readRisks, query: risksQuery } }, async (request, reply) => {
    const identity = identityOf(request);
    const parsed = await pageQuery(request, risksQuery);
    if (!parsed.ok) reply.code(400);
    const filter = parsed.ok ? parsed.value : { category: undefined, show: undefined };
    const register = await riskRegister(
      db,
      identity.organisation.id,
      {
        category: filter.category,
        status: filter.show === 'closed' ? 'closed' : 'open',
        outside: filter.show === 'outside',
        overdue: filter.show === 'overdue',
      },
      today(),
    );
    const raw = request.query as Record<string, string>;
    const m = register.settings.matrix;
    return reply.render(view('risks'), {
      title: 'Risk register',
      breadcrumbs: crumbs,
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      values: raw,
      risks: register.risks.map((r) => ({ ...r, band: bandOf(r.current_score, m), reviewDue: r.review_due ? date(String(r.review_due)) : 'Not set' })),
      truncated: register.truncated,
      current: heatMapCells(
        heatMap(
          register.risks.map((r) => ({ likelihood: r.current_likelihood, impact: r.current_impact })),
          m,
        ),
        m,
      ),
      target: heatMapCells(
        heatMap(
          register.risks.map((r) => ({ likelihood: r.target_likelihood, impact: r.target_impact })),
          m,
        ),
        m,
      ),
      impacts: m.impacts,
      frame: heatMapFrame(m),
      counts: { outside: register.all.filter((r) => r.outside).length, overdue: register.all.filter((r) => r.overdue).length, open: register.all.length },
      categoryItems: [
        { value: '', text: 'Any category' },
        ...register.settings.categories.map((c) => ({ value: c.key, text: c.name, selected: raw.category === c.key })),
      ],
      showItems: [
        { value: '', text: 'All open risks' },
        { value: 'outside', text: 'Outside appetite', selected: raw.show === 'outside' },
        { value: 'overdue', text: 'Review overdue', selected: raw.show === 'overdue' },
        { value: 'closed', text: 'Closed risks', selected: raw.show === 'closed' },
      ],
      canEdit: can(identity, cyber.editRisks),
    });
  });

  const formPage = async (request: FastifyRequest, id?: number) => {
    const identity = identityOf(request);
    const orgId = identity.organisation.id;
    const { matrix, categories } = await riskSettings(db, orgId);
    const [risk, history, accepted, links] = await Promise.all([
      id ? riskById(db, orgId, id) : Promise.resolve(undefined),
      id ? scoresOf(db, id) : Promise.resolve([]),
      id && can(identity, cyber.readVulnerabilities) ? findingsAcceptedUnder(db, orgId, id) : Promise.resolve([]),
      id ? riskLinks(db, id) : Promise.resolve(null),
    ]);
    const steps = (names: readonly string[]) => names.map((text, n) => ({ value: String(n + 1), text: `${n + 1}: ${text}` }));
    return {
      title: risk ? `${risk.reference} ${risk.title}` : 'Record a risk',
      breadcrumbs: [...crumbs, { text: 'Risk register', href: '/cyber/risks' }],
      risk,
      accepted,
      links,
      linkValues: links
        ? {
            systems: links.systems.map((x) => x.name).join('\n'),
            contracts: links.contracts.map((x) => x.reference).join('\n'),
            suppliers: links.suppliers.map((x) => x.name).join('\n'),
            outcomes: links.outcomes.map((x) => x.code).join(', '),
          }
        : {},
      history: history.map((h) => ({
        at: date(String(h.at)),
        likelihood: matrix.likelihoods[h.likelihood - 1] ?? String(h.likelihood),
        impact: matrix.impacts[h.impact - 1] ?? String(h.impact),
        score: scoreOf(h.likelihood, h.impact),
      })),
      categoryItems: [{ value: '', text: 'Choose a category' }, ...categories.map((c) => ({ value: c.key, text: c.name }))],
      likelihoodItems: steps(matrix.likelihoods),
      impactItems: steps(matrix.impacts),
      treatmentItems: Object.entries(treatments).map(([value, text]) => ({ value, text })),
      canEdit: can(identity, cyber.editRisks),
      values: risk
        ? {
            title: risk.title,
            category: risk.category,
            cause: risk.cause,
            event: risk.event,
            effect: risk.effect,
            owner: risk.owner_email ?? '',
            inherentLikelihood: String(risk.inherent_likelihood),
            inherentImpact: String(risk.inherent_impact),
            currentLikelihood: String(risk.current_likelihood),
            currentImpact: String(risk.current_impact),
            targetLikelihood: String(risk.target_likelihood),
            targetImpact: String(risk.target_impact),
            treatment: risk.treatment,
            controls: risk.controls,
            actions: risk.actions,
            reviewDue: risk.review_due ? String(risk.review_due).slice(0, 10) : '',
            status: risk.status,
          }
        : {
            treatment: 'treat',
            inherentLikelihood: '3',
            inherentImpact: '3',
            currentLikelihood: '3',
            currentImpact: '3',
            targetLikelihood: '2',
            targetImpact: '3',
          },
    };
  };

  app.get('/cyber/risks/new', { config: { access: cyber.editRisks } }, async (request, reply) => reply.render(view('risk'), await formPage(request)));
  app.post('/cyber/risks', { config: { access: cyber.editRisks, form: riskInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: riskInput,
      view: view('risk'),
      context: () => formPage(request),
      action: async (v) => {
        const id = await recordRisk(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: `/cyber/risks/${id}`, flash: `Recorded ${v.title}` };
      },
    }),
  );
  app.get('/cyber/risks/:id', { config: { access: cyber.readRisks }, schema: { params: riskParams } }, async (request, reply) =>
    reply.render(view('risk'), await formPage(request, (request.params as z.output<typeof riskParams>).id)),
  );
  app.post('/cyber/risks/:id', { config: { access: cyber.editRisks, form: riskInput }, schema: { params: riskParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: riskInput,
      view: view('risk'),
      context: () => formPage(request, (request.params as z.output<typeof riskParams>).id),
      action: async (v) => {
        const { id } = request.params as z.output<typeof riskParams>;
        await updateRisk(db, actorFor(request), identityOf(request).organisation.id, id, v);
        return { redirect: `/cyber/risks/${id}`, flash: `Saved ${v.title}` };
      },
    }),
  );

  app.post('/cyber/risks/:id/links', { config: { access: cyber.editRisks, form: riskLinksInput }, schema: { params: riskParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: riskLinksInput,
      view: view('risk'),
      context: () => formPage(request, (request.params as z.output<typeof riskParams>).id),
      action: async (v) => {
        const { id } = request.params as z.output<typeof riskParams>;
        await setRiskLinks(db, actorFor(request), identityOf(request).organisation.id, id, v);
        return { redirect: `/cyber/risks/${id}#links`, flash: 'Saved what the risk is linked to' };
      },
    }),
  );

  const appetitePage = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const settings = await riskSettings(db, orgId);
    const list = await appetites(db, orgId, settings);
    return {
      title: 'Risk appetite',
      breadcrumbs: [...crumbs, { text: 'Risk register', href: '/cyber/risks' }],
      appetite: list,
      top: maxScore(settings.matrix),
      values: Object.fromEntries(list.map((a) => [a.category, String(a.appetite)])),
    };
  };
  app.get('/cyber/risks/appetite', { config: { access: cyber.editRisks } }, async (request, reply) =>
    reply.render(view('appetite'), await appetitePage(request)),
  );
  app.post('/cyber/risks/appetite', { config: { access: cyber.editRisks, form: appetiteForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: appetiteForm,
      view: view('appetite'),
      context: () => appetitePage(request),
      action: async (v) => {
        if (v.category.length !== v.appetite.length) throw new UserError('Give an appetite for each category listed', { field: 'appetite' });
        const values = dict<number>();
        v.category.forEach((c, n) => {
          const score = Number(v.appetite[n]);
          if (!/^\d{1,3}$/.test(v.appetite[n]!.trim())) throw new UserError('An appetite is a whole-number score', { field: 'appetite' });
          values[c] = score;
        });
        await setAppetites(db, actorFor(request), identityOf(request).organisation.id, values);
        return { redirect: '/cyber/risks', flash: 'Saved the risk appetite' };
      },
    }),
  );

  const settingsPage = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const settings = await riskSettings(db, orgId);
    const inUse = new Map((await risksInCategories(db, orgId)).map((r) => [r.category, Number(r.n)] as const));
    return {
      title: 'Risk matrix and categories',
      breadcrumbs: [...crumbs, { text: 'Risk register', href: '/cyber/risks' }],
      matrix: settings.matrix,
      top: maxScore(settings.matrix),
      categories: settings.categories.map((c) => ({ ...c, risks: inUse.get(c.key) ?? 0 })),
      values: {
        likelihoods: settings.matrix.likelihoods.join('\n'),
        impacts: settings.matrix.impacts.join('\n'),
        medium: String(settings.matrix.bands.medium),
        high: String(settings.matrix.bands.high),
        veryHigh: String(settings.matrix.bands.veryHigh),
      },
    };
  };
  app.get('/cyber/risks/settings', { config: { access: cyber.editRisks } }, async (request, reply) =>
    reply.render(view('settings'), await settingsPage(request)),
  );
  app.post('/cyber/risks/settings/matrix', { config: { access: cyber.editRisks, form: matrixForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: matrixForm,
      view: view('settings'),
      context: () => settingsPage(request),
      action: async (v) => {
        const matrix = { likelihoods: lines(v.likelihoods), impacts: lines(v.impacts), bands: { medium: v.medium, high: v.high, veryHigh: v.veryHigh } };
        await setRiskMatrix(db, actorFor(request), identityOf(request).organisation.id, matrix);
        return { redirect: '/cyber/risks/settings', flash: `Saved the risk matrix: ${matrix.likelihoods.length} × ${matrix.impacts.length}` };
      },
    }),
  );
  app.post('/cyber/risks/settings/categories', { config: { access: cyber.editRisks, form: categoriesForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: categoriesForm,
      view: view('settings'),
      context: () => settingsPage(request),
      action: async (v) => {
        if (v.key.length !== v.name.length) throw new UserError('Give a name for each category listed', { field: 'name' });
        const kept = await setRiskCategories(db, actorFor(request), identityOf(request).organisation.id, {
          names: new Map(v.key.map((k, n) => [k, v.name[n] ?? ''] as const)),
          remove: new Set(v.remove),
          add: v.add ?? '',
        });
        return { redirect: '/cyber/risks/settings#categories', flash: `Saved the risk categories: ${kept.length}` };
      },
    }),
  );
}
