import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, anyOf, can, date, formErrors, identityOf, pageQuery, submitForm } from '../../../platform/index.js';
import { cyber } from '../abilities.js';
import { riskParams } from '../references.js';
import { findingsAcceptedUnder } from '../vulnerabilities/queries.js';
import { bandOf, heatMap, impacts, likelihoods, matrixSize, riskCategories, scoreOf, treatments, type RiskCategory } from './rules.js';
import {
  appetites,
  recordRisk,
  riskById,
  riskInput,
  riskLinks,
  riskLinksInput,
  riskRegister,
  scoresOf,
  setAppetites,
  setRiskLinks,
  updateRisk,
} from './service.js';

const view = (name: string) => `modules/cyber/risks/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Cyber and risk', href: '/cyber' },
];
const risksQuery = z.object({
  category: anyOf(z.enum(Object.keys(riskCategories) as [RiskCategory], { message: 'Choose a category from the list' })),
  show: anyOf(z.enum(['outside', 'overdue', 'closed'], { message: 'Choose what to show from the list' })),
});
const appetiteForm = z.object(
  Object.fromEntries(
    Object.keys(riskCategories).map((c) => [
      c,
      z.coerce
        .number({ message: 'An appetite is a score from 1 to 25' })
        .int({ message: 'An appetite is a score from 1 to 25' })
        .min(1, 'An appetite is a score from 1 to 25')
        .max(25, 'An appetite is a score from 1 to 25'),
    ]),
  ) as Record<RiskCategory, z.ZodCoercedNumber>,
);

const today = () => new Date().toISOString().slice(0, 10);

/** The heat map as its SVG and its table draw it: rows from the most likely down, columns by impact. */
function heatMapCells(cells: number[][]) {
  return [...Array(matrixSize).keys()].reverse().map((l) => ({
    likelihood: likelihoods[l]!,
    cells: [...Array(matrixSize).keys()].map((i) => ({ count: cells[l]![i]!, band: bandOf(scoreOf(l + 1, i + 1)).key, score: scoreOf(l + 1, i + 1) })),
  }));
}

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
    return reply.render(view('risks'), {
      title: 'Risk register',
      breadcrumbs: crumbs,
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      values: raw,
      risks: register.risks.map((r) => ({ ...r, band: bandOf(r.current_score), reviewDue: r.review_due ? date(String(r.review_due)) : 'Not set' })),
      truncated: register.truncated,
      current: heatMapCells(heatMap(register.risks.map((r) => ({ likelihood: r.current_likelihood, impact: r.current_impact })))),
      target: heatMapCells(heatMap(register.risks.map((r) => ({ likelihood: r.target_likelihood, impact: r.target_impact })))),
      impacts,
      counts: { outside: register.all.filter((r) => r.outside).length, overdue: register.all.filter((r) => r.overdue).length, open: register.all.length },
      categoryItems: [
        { value: '', text: 'Any category' },
        ...Object.entries(riskCategories).map(([value, text]) => ({ value, text, selected: raw.category === value })),
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
        likelihood: likelihoods[h.likelihood - 1],
        impact: impacts[h.impact - 1],
        score: scoreOf(h.likelihood, h.impact),
      })),
      categoryItems: [{ value: '', text: 'Choose a category' }, ...Object.entries(riskCategories).map(([value, text]) => ({ value, text }))],
      likelihoodItems: steps(likelihoods),
      impactItems: steps(impacts),
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
    const list = await appetites(db, identityOf(request).organisation.id);
    return {
      title: 'Risk appetite',
      breadcrumbs: [...crumbs, { text: 'Risk register', href: '/cyber/risks' }],
      appetite: list,
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
        await setAppetites(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: '/cyber/risks', flash: 'Saved the risk appetite' };
      },
    }),
  );
}
