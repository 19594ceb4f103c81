import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, can, date, identityOf, own, submitForm, UserError } from '../../platform/index.js';
import { assessmentAbilities, assessmentStates, assessmentsOf, assessmentView, frameworksOf, importFramework } from '../assessments/index.js';
import { strategy } from './abilities.js';
import { maturityFrameworks, maturityKeys } from './maturity.js';
import { crumbs, view } from './pages.js';

const addForm = z.object({ framework: z.enum(maturityKeys, { message: 'Choose one of the self-assessments Steward offers' }) });

/** The maturity self-assessments: results over time, the gap to the target, and gaps into the roadmap. */
export async function maturityRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const page = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const orgId = identity.organisation.id;
    const [frameworks, assessments] = await Promise.all([frameworksOf(db, orgId), assessmentsOf(db, orgId)]);
    const canPlan = can(identity, strategy.edit);
    const kinds = await Promise.all(
      [...maturityFrameworks].map(async ([key, tree]) => {
        const t = tree();
        const framework = frameworks.find((f) => f.key === key);
        const mine = assessments.filter((a) => a.framework_key === key);
        const results = await Promise.all(
          mine.map(async (a) => {
            const v = await assessmentView(db, orgId, Number(a.id));
            return {
              a,
              targets: v.targets,
              assessed: v.assessed,
              gaps: [...v.outcomes.values()].filter((o) => o.answered && o.meets === false),
              scale: v.framework.definition.scale,
            };
          }),
        );
        const latest = results[0];
        const label = (status: string | null) => latest?.scale.find((s) => s.key === status)?.label ?? 'Not rated';
        return {
          key,
          name: t.name,
          description: t.description,
          frameworkId: framework ? Number(framework.id) : null,
          results: results.map((r) => ({
            id: Number(r.a.id),
            title: r.a.title,
            period: `${date(String(r.a.period_start))} to ${date(String(r.a.period_end))}`,
            stateName: own(assessmentStates, r.a.state) ?? r.a.state,
            met: r.targets.met,
            total: r.targets.total,
            assessed: r.assessed,
          })),
          gaps: (latest?.gaps ?? []).map((o) => ({
            title: o.node.title,
            now: label(o.status),
            target: label(o.target),
            plan: canPlan
              ? `/strategy/projects/new?${new URLSearchParams({ title: `Improve: ${o.node.title}`.slice(0, 200), description: `From the ${t.name}: ${label(o.status).toLowerCase()} now, the target is ${label(o.target).toLowerCase()}.` })}`
              : null,
          })),
        };
      }),
    );
    return {
      title: 'Maturity self-assessments',
      breadcrumbs: [...crumbs, { text: 'Strategy and governance', href: '/strategy' }],
      kinds,
      canManage: can(identity, assessmentAbilities.manage),
    };
  };

  app.get('/strategy/maturity', { config: { access: strategy.read } }, async (request, reply) => reply.render(view('maturity'), await page(request)));
  app.post('/strategy/maturity', { config: { access: assessmentAbilities.manage, form: addForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: addForm,
      view: view('maturity'),
      context: () => page(request),
      action: async (v) => {
        const tree = maturityFrameworks.get(v.framework)?.();
        if (!tree) throw new UserError('Choose one of the self-assessments Steward offers', { field: 'framework' });
        const id = await importFramework(db, actorFor(request), identityOf(request).organisation.id, tree, `Steward: ${tree.name}`);
        return { redirect: `/assessments/frameworks/${id}`, flash: `Added ${tree.name}: start an assessment against it here` };
      },
    }),
  );
}
