import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, can, date, identityOf, own, paragraphs, submitForm } from '../../platform/index.js';
import { estateAbilities } from '../estate/index.js';
import { essentialFunctionParams, functionSystemsForm } from './references.js';
import { riskRegister } from './risks/service.js';
import { cyberEssentialsFramework } from './cyber-essentials.js';
import {
  cyberEssentialsPatchDays,
  cyberEssentialsScope,
  essentialFunction,
  essentialFunctionInput,
  essentialFunctionsWithScope,
  recordEssentialFunction,
  setCyberEssentialsScope,
  setEssentialFunctionSystems,
} from './service.js';
import { assessmentAbilities, assessmentStates, assessmentsOf, assessmentView, frameworksOf, importFramework, improvementPlan } from '../assessments/index.js';
import { cyber } from './abilities.js';
import { findingsSummary, overdueOnTierOne } from './vulnerabilities/summary.js';
import { percent, trainingAbilities, trainingCoverage } from '../training/index.js';

const view = (name: string) => `modules/cyber/views/${name}.njk`;

/** The cyber page for the Head of IT and the board: where the council stands against the CAF, this year and last. */
export async function cyberRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const cyberPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const orgId = identity.organisation.id;
    const all = await assessmentsOf(db, orgId);
    const caf = all.filter((a) => a.framework_key === 'caf');
    const latest = caf.find((a) => a.scope === 'organisation') ?? caf[0];
    const current = latest ? await assessmentView(db, orgId, Number(latest.id)) : null;
    const plan = latest ? await improvementPlan(db, orgId, Number(latest.id)) : null;
    const objectives = current
      ? current.framework.nodes
          .filter((n) => n.parentId === null)
          .map((top) => {
            const under = [...current.outcomes.values()].filter((o) => o.node.code.startsWith(top.code));
            const withTarget = under.filter((o) => o.target);
            return {
              code: top.code,
              title: top.title,
              outcomes: under.length,
              achieved: under.filter((o) => o.status === 'achieved').length,
              partially: under.filter((o) => o.status === 'partially-achieved').length,
              notAchieved: under.filter((o) => o.status === 'not-achieved').length,
              notAssessed: under.filter((o) => !o.status).length,
              met: withTarget.filter((o) => o.meets).length,
              targets: withTarget.length,
              lastMet: under.filter((o) => o.lastYear === 'achieved').length,
            };
          })
      : [];
    return {
      title: 'Cyber and risk',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      plan,
      functions: await essentialFunctionsWithScope(db, orgId),
      risks: await (async () => {
        if (!can(identity, cyber.readRisks)) return null;
        const r = await riskRegister(db, orgId, { status: 'open' }, new Date().toISOString().slice(0, 10));
        return {
          outside: r.all.filter((x) => x.outside).slice(0, 5),
          outsideCount: r.all.filter((x) => x.outside).length,
          overdue: r.all.filter((x) => x.overdue).length,
          open: r.all.length,
        };
      })(),
      vulnerabilities: can(identity, cyber.readVulnerabilities)
        ? await (async () => {
            const on = new Date().toISOString().slice(0, 10);
            const { counts } = await findingsSummary(db, orgId, on);
            const tierOne = await overdueOnTierOne(db, orgId, on, 8);
            return {
              open: Object.values(counts.open).reduce((n, c) => n + c, 0),
              overdue: Object.values(counts.overdue).reduce((n, c) => n + c, 0),
              seriousOverdue: counts.overdue.critical + counts.overdue.high,
              tierOne: tierOne.map((t) => ({ ...t, oldest: t.oldest ? date(t.oldest) : '' })),
            };
          })()
        : null,
      training: can(identity, trainingAbilities.read)
        ? await (async () => {
            const c = await trainingCoverage(db, orgId);
            const lowest = [...c.directorates].sort((a, b) => percent(a.allInDate, a.people) - percent(b.allInDate, b.people))[0];
            return {
              people: c.people,
              required: c.required.length,
              percent: percent(c.total.allInDate, c.total.people),
              lowest: lowest && c.directorates.length > 1 ? { name: lowest.directorate, percent: percent(lowest.allInDate, lowest.people) } : null,
            };
          })()
        : null,
      latest: latest ? { ...latest, period: `${date(latest.period_start)} to ${date(latest.period_end)}` } : null,
      current,
      objectives,
      hasPrevious: !!current?.assessment.previous_id,
      assessments: caf.map((a) => ({ ...a, period: `${date(a.period_start)} to ${date(a.period_end)}` })),
      others: all.filter((a) => a.framework_key !== 'caf').length,
      hasCyberEssentials: (await frameworksOf(db, orgId)).some((f) => f.key === 'cyber-essentials'),
      canManage: can(identity, assessmentAbilities.manage),
      profileName: current?.framework.definition.profiles.find((p) => p.key === current.assessment.profile_key)?.name ?? null,
      stateName: (s: string) => own(assessmentStates, s) ?? s,
    };
  };
  app.get('/cyber', { config: { access: cyber.read } }, async (request, reply) => reply.render(view('cyber'), await cyberPage(request)));

  const crumbs = [
    { text: 'Home', href: '/' },
    { text: 'Cyber and risk', href: '/cyber' },
  ];
  const functionsPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    return {
      title: 'Essential functions',
      breadcrumbs: crumbs,
      functions: await essentialFunctionsWithScope(db, identity.organisation.id),
      canEdit: can(identity, estateAbilities.edit),
    };
  };
  app.get('/cyber/essential-functions', { config: { access: cyber.read } }, async (request, reply) =>
    reply.render(view('functions'), await functionsPage(request)),
  );
  app.post('/cyber/essential-functions', { config: { access: estateAbilities.edit, form: essentialFunctionInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: essentialFunctionInput,
      view: view('functions'),
      context: () => functionsPage(request),
      action: async (v) => {
        const id = await recordEssentialFunction(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: `/cyber/essential-functions/${id}`, flash: `Recorded ${v.name}` };
      },
    }),
  );
  const functionPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const f = await essentialFunction(db, identity.organisation.id, (request.params as z.output<typeof essentialFunctionParams>).id);
    return {
      title: f.name,
      breadcrumbs: [...crumbs, { text: 'Essential functions', href: '/cyber/essential-functions' }],
      fn: f,
      canEdit: can(identity, estateAbilities.edit),
      values: { systems: f.named.map((s) => s.name).join('\n') },
    };
  };
  app.get('/cyber/essential-functions/:id', { config: { access: cyber.read }, schema: { params: essentialFunctionParams } }, async (request, reply) =>
    reply.render(view('function'), await functionPage(request)),
  );
  app.post(
    '/cyber/essential-functions/:id',
    { config: { access: estateAbilities.edit, form: functionSystemsForm }, schema: { params: essentialFunctionParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: functionSystemsForm,
        view: view('function'),
        context: () => functionPage(request),
        action: async (v) => {
          const { id } = request.params as z.output<typeof essentialFunctionParams>;
          await setEssentialFunctionSystems(db, actorFor(request), identityOf(request).organisation.id, id, v.systems ?? '');
          return { redirect: `/cyber/essential-functions/${id}`, flash: 'Saved the systems it relies on' };
        },
      }),
  );

  const scopeForm = z.object({ systems: z.union([z.literal(''), paragraphs(20_000)]).optional() });
  const essentialsPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const orgId = identity.organisation.id;
    const scope = await cyberEssentialsScope(db, orgId);
    const readiness = (await assessmentsOf(db, orgId)).filter((a) => a.framework_key === 'cyber-essentials');
    return {
      title: 'Cyber Essentials',
      breadcrumbs: crumbs,
      scope,
      showFindings: can(identity, cyber.readVulnerabilities),
      patchDays: cyberEssentialsPatchDays,
      readiness: readiness.map((a) => ({
        ...a,
        period: `${date(a.period_start)} to ${date(a.period_end)}`,
        stateName: own(assessmentStates, a.state) ?? a.state,
      })),
      hasFramework: (await frameworksOf(db, orgId)).some((f) => f.key === 'cyber-essentials'),
      canManage: can(identity, assessmentAbilities.manage),
      values: { systems: scope.named.map((s) => s.name).join('\n') },
    };
  };
  app.get('/cyber/cyber-essentials', { config: { access: cyber.read } }, async (request, reply) =>
    reply.render(view('cyber-essentials'), await essentialsPage(request)),
  );
  app.post('/cyber/cyber-essentials/scope', { config: { access: assessmentAbilities.manage, form: scopeForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: scopeForm,
      view: view('cyber-essentials'),
      context: () => essentialsPage(request),
      action: async (v) => {
        const n = await setCyberEssentialsScope(db, actorFor(request), identityOf(request).organisation.id, v.systems ?? '');
        return { redirect: '/cyber/cyber-essentials', flash: `Saved the scope: ${n === 1 ? 'one system' : `${n} systems`} named` };
      },
    }),
  );

  const nothing = z.object({});
  app.post('/cyber/cyber-essentials', { config: { access: assessmentAbilities.manage, form: nothing } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: nothing,
      view: view('cyber-essentials'),
      context: () => essentialsPage(request),
      action: async () => {
        const tree = cyberEssentialsFramework();
        const id = await importFramework(db, actorFor(request), identityOf(request).organisation.id, tree, 'Steward: Cyber Essentials readiness');
        return { redirect: `/assessments/frameworks/${id}`, flash: `Added ${tree.name}: start an assessment against it from Assessments` };
      },
    }),
  );
}
