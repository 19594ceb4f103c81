import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  actorFor,
  can,
  date,
  describeLinks,
  dict,
  identityOf,
  linkableRecords,
  own,
  paragraphs,
  sendKeptFile,
  submitForm,
  UserError,
} from '../../platform/index.js';
import { addEvidence, evidenceFile, evidenceOf, removeEvidence, type EvidenceInput } from './evidence.js';
import { assessments as abilities } from './abilities.js';
import {
  actionForm,
  actionParams,
  actionStatusForm,
  assessmentParams,
  evidenceFileForm,
  evidenceLinkForm,
  evidenceParams,
  evidenceRecordForm,
  frameworkParams,
  frameworkUpload,
  moveForm,
  newAssessmentForm,
  outcomeForm,
  outcomeParams,
} from './references.js';
import { readFrameworkFile } from './frameworks/read.js';
import { checkTree } from './frameworks/tree.js';
import { frameworkFile } from './frameworks/write.js';
import {
  addAction,
  improvementPlan,
  setActionStatus,
  answerOutcome,
  assessmentStates,
  assessmentsOf,
  assessmentView,
  assuranceKinds,
  frameworksOf,
  importFramework,
  loadFramework,
  moveAssessment,
  nextStates,
  outcomeView,
  removeFramework,
  reviewDecisions,
  reviewOf,
  reviewOutcome,
  startAssessment,
  type ReviewDecision,
  treeOf,
  outcomeHistory,
  type AssessmentState,
  type LoadedFramework,
  type OutcomeView,
} from './service.js';

const view = (name: string) => `modules/assessments/views/${name}.njk`;
const nothingForm = z.object({});
const reviewForm = z.object({
  decision: z.enum(Object.keys(reviewDecisions) as [ReviewDecision], { message: 'Choose the reviewer’s decision' }),
  recommendations: z.union([z.literal(''), paragraphs(4000, { tooLong: 'Recommendations must be 4,000 characters or fewer' })]).optional(),
});
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Assessments', href: '/assessments' },
];

/** Labels and tag colours for a status on a framework's scale. */
export function statusTag(framework: LoadedFramework, status: string | null) {
  if (!status) return { text: 'Not assessed', classes: 'govuk-tag--grey' };
  const level = framework.definition.scale.find((s) => s.key === status);
  const top = framework.definition.scale.length;
  const classes = !level ? 'govuk-tag--grey' : level.rank >= top ? 'govuk-tag--green' : level.rank <= 1 ? 'govuk-tag--red' : 'govuk-tag--yellow';
  return { text: level?.label ?? status, classes };
}

/** The outcomes of an assessment under their objectives and principles, as the assessment page lists them. */
function outcomeGroups(v: Awaited<ReturnType<typeof assessmentView>>, plan: Awaited<ReturnType<typeof improvementPlan>>) {
  const f = v.framework;
  const row = (o: OutcomeView) => ({
    actions: plan.actions.filter((x) => x.nodeId === o.node.id).length,
    actionsDone: plan.actions.filter((x) => x.nodeId === o.node.id && x.status === 'done').length,
    id: o.node.id,
    code: o.node.code,
    title: o.node.title,
    status: statusTag(f, o.status),
    overridden: !!o.override,
    target: o.target ? statusTag(f, o.target) : null,
    meets: o.meets,
    lastYear: v.assessment.previous_id ? statusTag(f, o.lastYear) : null,
  });
  const under = (nodeId: number): OutcomeView[] => {
    const n = f.byId.get(nodeId)!;
    const own = v.outcomes.get(nodeId);
    return [...(own ? [own] : []), ...n.children.flatMap(under)];
  };
  // Group by the level just above the assessable one (the CAF's principles), under the top level.
  return f.nodes
    .filter((n) => n.parentId === null)
    .map((top) => ({
      code: top.code,
      title: top.title,
      meets: v.meetsOf(top),
      groups: (top.children.some((c) => !f.byId.get(c)!.assessable) ? top.children.map((c) => f.byId.get(c)!) : [top]).map((g) => ({
        code: g.code,
        title: g.title,
        meets: v.meetsOf(g),
        outcomes: under(g.id).map(row),
      })),
    }));
}

export async function assessmentRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const listPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const [list, frameworks] = await Promise.all([assessmentsOf(db, identity.organisation.id), frameworksOf(db, identity.organisation.id)]);
    const profiles = await Promise.all(frameworks.map(async (f) => ({ f, loaded: await loadFramework(db, identity.organisation.id, Number(f.id)) })));
    return {
      title: 'Assessments',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      assessments: list.map((a) => ({
        ...a,
        stateName: own(assessmentStates, a.state) ?? a.state,
        assuranceName: own(assuranceKinds, a.assurance) ?? a.assurance,
        period: `${date(a.period_start)} to ${date(a.period_end)}`,
      })),
      frameworks,
      canManage: can(identity, abilities.manage),
      frameworkItems: [{ value: '', text: 'Choose a framework' }, ...frameworks.map((f) => ({ value: String(f.id), text: `${f.name} ${f.version}` }))],
      profileItems: [
        { value: '', text: 'No target profile' },
        ...profiles.flatMap(({ f, loaded }) => loaded.definition.profiles.map((p) => ({ value: p.key, text: `${p.name} (${f.name} ${f.version})` }))),
      ],
      previousItems: [
        { value: '', text: 'Start afresh' },
        ...list.map((a) => ({ value: String(a.id), text: `${a.title} (${own(assessmentStates, a.state) ?? a.state})` })),
      ],
      assuranceItems: Object.entries(assuranceKinds).map(([value, text]) => ({ value, text })),
      values: { scope: 'organisation', assurance: 'self-assessment' },
    };
  };

  app.get('/assessments', { config: { access: abilities.read } }, async (request, reply) => reply.render(view('assessments'), await listPage(request)));

  app.post('/assessments', { config: { access: abilities.manage, form: newAssessmentForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: newAssessmentForm,
      view: view('assessments'),
      context: () => listPage(request),
      action: async (v) => {
        const id = await startAssessment(db, actorFor(request), identityOf(request).organisation.id, {
          frameworkId: v.frameworkId,
          title: v.title,
          scope: v.scope,
          scopeDescription: v.scopeDescription ?? '',
          profileKey: v.profileKey ?? '',
          periodStart: v.periodStart,
          periodEnd: v.periodEnd,
          assurance: v.assurance,
          previousId: v.previousId || null,
        });
        return { redirect: `/assessments/${id}`, flash: `Started ${v.title}` };
      },
    }),
  );

  const frameworksPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    return {
      title: 'Frameworks',
      breadcrumbs: crumbs,
      frameworks: await frameworksOf(db, identity.organisation.id),
      canManage: can(identity, abilities.manage),
    };
  };

  app.get('/assessments/frameworks', { config: { access: abilities.read } }, async (request, reply) =>
    reply.render(view('frameworks'), await frameworksPage(request)),
  );

  app.post('/assessments/frameworks', { config: { access: abilities.manage, form: frameworkUpload, multipart: true } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: frameworkUpload,
      view: view('frameworks'),
      context: () => frameworksPage(request),
      action: async (v) => {
        const read = readFrameworkFile(v.file.data, { filename: v.file.filename, version: v.version });
        if (!read.tree) {
          const listed = read.problems
            .slice(0, 5)
            .map((p) => (p.line ? `line ${p.line}: ${p.reason}` : p.reason))
            .join('; ');
          throw new UserError(
            `${v.file.filename} cannot be imported, and nothing was written: ${listed}${read.problems.length > 5 ? ` (and ${read.problems.length - 5} more)` : ''}`,
            { field: 'file' },
          );
        }
        const id = await importFramework(db, actorFor(request), identityOf(request).organisation.id, read.tree, v.file.filename);
        const notes = read.warnings.length ? `; ${read.warnings.length === 1 ? 'one thing' : `${read.warnings.length} things`} to check are listed below` : '';
        return { redirect: `/assessments/frameworks/${id}`, flash: `Imported ${read.tree.name} ${read.tree.version}${notes}` };
      },
    }),
  );

  const frameworkPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const f = await loadFramework(db, identity.organisation.id, (request.params as z.output<typeof frameworkParams>).id);
    const tree = (nodeId: number): unknown => {
      const n = f.byId.get(nodeId)!;
      return {
        ...n,
        targets: Object.entries(n.targets).map(([p, t]) => ({ profile: p, target: statusTag(f, t) })),
        tiers: tiersOf(f, n),
        children: n.children.map(tree),
      };
    };
    return {
      title: `${f.name} ${f.version}`,
      breadcrumbs: [...crumbs, { text: 'Frameworks', href: '/assessments/frameworks' }],
      framework: f,
      levels: f.definition.levels.map((l) => ({ level: l, count: own(f.counts.byLevel, l) ?? 0 })),
      tiers: f.definition.tiers.map((t) => ({ ...t, count: own(f.counts.byTier, t.key) ?? 0 })),
      warnings: checkTree(treeOf(f)).warnings.map((w) => w.reason),
      nodes: f.nodes.filter((n) => n.parentId === null).map((n) => tree(n.id)),
      canManage: can(identity, abilities.manage),
    };
  };

  app.get('/assessments/frameworks/:id', { config: { access: abilities.read }, schema: { params: frameworkParams } }, async (request, reply) =>
    reply.render(view('framework'), await frameworkPage(request)),
  );

  app.get('/assessments/frameworks/:id/framework.yaml', { config: { access: abilities.read }, schema: { params: frameworkParams } }, async (request, reply) => {
    const f = await loadFramework(db, identityOf(request).organisation.id, (request.params as z.output<typeof frameworkParams>).id);
    return reply
      .header('content-type', 'application/yaml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${`${f.key}-${f.version}`.replace(/[^a-zA-Z0-9.-]/g, '-')}.steward-framework.yaml"`)
      .send(frameworkFile(treeOf(f)));
  });

  app.post(
    '/assessments/frameworks/:id/remove',
    { config: { access: abilities.manage, form: nothingForm }, schema: { params: frameworkParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: nothingForm,
        view: view('framework'),
        context: () => frameworkPage(request),
        action: async () => {
          const name = await removeFramework(
            db,
            actorFor(request),
            identityOf(request).organisation.id,
            (request.params as z.output<typeof frameworkParams>).id,
          );
          return { redirect: '/assessments/frameworks', flash: `Removed ${name}` };
        },
      }),
  );

  const assessmentPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const v = await assessmentView(db, identity.organisation.id, (request.params as z.output<typeof assessmentParams>).id);
    const a = v.assessment;
    const f = v.framework;
    const plan = await improvementPlan(db, identity.organisation.id, a.id);
    return {
      plan,
      title: a.title,
      breadcrumbs: crumbs,
      assessment: a,
      framework: f,
      stateName: own(assessmentStates, a.state) ?? a.state,
      assuranceName: own(assuranceKinds, a.assurance) ?? a.assurance,
      profileName: f.definition.profiles.find((p) => p.key === a.profile_key)?.name ?? null,
      period: `${date(a.period_start)} to ${date(a.period_end)}`,
      tally: [...f.definition.scale].reverse().map((s) => ({ ...statusTag(f, s.key), count: own(v.tally, s.key) ?? 0 })),
      notAssessed: own(v.tally, 'not-assessed') ?? 0,
      targets: v.targets,
      groups: outcomeGroups(v, plan),
      locked: a.state === 'approved',
      canAnswer: can(identity, abilities.answer) && a.state !== 'approved',
      moves: can(identity, abilities.manage)
        ? (nextStates[a.state as AssessmentState] ?? []).map((to) => ({ to, text: moveText(a.state as AssessmentState, to) }))
        : [],
    };
  };

  app.get('/assessments/:id', { config: { access: abilities.read }, schema: { params: assessmentParams } }, async (request, reply) =>
    reply.render(view('assessment'), await assessmentPage(request)),
  );

  app.post('/assessments/:id/state', { config: { access: abilities.manage, form: moveForm }, schema: { params: assessmentParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: moveForm,
      view: view('assessment'),
      context: () => assessmentPage(request),
      action: async (v) => {
        const { id } = request.params as z.output<typeof assessmentParams>;
        await moveAssessment(db, actorFor(request), identityOf(request).organisation.id, id, v.to);
        return { redirect: `/assessments/${id}`, flash: `The assessment is now ${assessmentStates[v.to].toLowerCase()}` };
      },
    }),
  );

  const outcomePage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const { id, outcome } = request.params as z.output<typeof outcomeParams>;
    const v = await outcomeView(db, identity.organisation.id, id, outcome);
    const f = v.framework;
    const node = v.outcome.node;
    const chosen = node.rule.kind === 'chosen';
    const review = await reviewOf(db, id, node.id);
    const plan = await improvementPlan(db, identity.organisation.id, id);
    const evidence = await evidenceOf(db, id, node.id);
    const history = await outcomeHistory(db, id, node.id);
    const named = await describeLinks(
      app,
      identity,
      evidence.filter((e) => e.kind === 'record').map((e) => ({ kind: e.record_kind, id: Number(e.record_id) })),
    );
    return {
      history: history.map((h) => ({
        ...h,
        status: statusTag(f, h.override ?? h.computed),
        computedText: h.override ? statusTag(f, h.computed).text.toLowerCase() : '',
        when: date(String(h.at)),
      })),
      evidence: evidence.map((e) => ({
        ...e,
        record: e.kind === 'record' ? named(e.record_kind, Number(e.record_id)) : null,
        sizeText: e.kind === 'file' ? `${Math.max(1, Math.round(e.size / 1024)).toLocaleString('en-GB')} KB` : '',
      })),
      recordKinds: linkableRecords(app).map((r) => ({ value: r.kind, text: r.label.charAt(0).toUpperCase() + r.label.slice(1), hint: r.hint })),
      actions: plan.actions.filter((x) => x.nodeId === node.id).map((x) => ({ ...x, dueText: x.due ? date(x.due) : 'No date' })),
      title: `${node.code} ${node.title}`,
      breadcrumbs: [...crumbs, { text: v.assessment.title, href: `/assessments/${id}` }],
      assessment: v.assessment,
      framework: f,
      node,
      outcome: v.outcome,
      status: statusTag(f, v.outcome.status),
      computed: statusTag(f, v.outcome.computed),
      target: v.outcome.target ? statusTag(f, v.outcome.target) : null,
      lastYear: v.assessment.previous_id ? statusTag(f, v.outcome.lastYear) : null,
      chosen,
      tiers: tiersOf(f, node).map((t) => ({
        ...t,
        items: t.indicators.map((i) => ({
          value: String(i.id),
          text: i.text,
          hint: i.reference ? { text: i.reference } : undefined,
          checked: !!v.answers.get(i.id)?.holds,
        })),
      })),
      scaleItems: (blank: string, selected: string | null) => [
        { value: '', text: blank },
        ...f.definition.scale.map((s) => ({ value: s.key, text: s.label, selected: s.key === selected })),
      ],
      values: {
        override: v.outcome.override ?? '',
        rating: chosen ? (v.outcome.computed ?? '') : '',
        justification: v.stored?.justification ?? '',
        comment: v.stored?.comment ?? '',
        evidence: v.stored?.evidence ?? '',
      },
      canAnswer: can(identity, abilities.answer) && v.assessment.state !== 'approved',
      review,
      reviewName: review ? reviewDecisions[review.decision] : '',
      canReview: can(identity, abilities.manage) && (v.assessment.state === 'in-review' || v.assessment.state === 'ready-for-approval'),
      decisionItems: Object.entries(reviewDecisions).map(([value, text]) => ({ value, text })),
      canPlan: can(identity, abilities.answer),
      next: nextOutcome(v.framework, node.id),
    };
  };

  app.get('/assessments/:id/outcomes/:outcome', { config: { access: abilities.read }, schema: { params: outcomeParams } }, async (request, reply) =>
    reply.render(view('outcome'), await outcomePage(request)),
  );

  app.post(
    '/assessments/:id/outcomes/:outcome',
    { config: { access: abilities.answer, form: outcomeForm }, schema: { params: outcomeParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: outcomeForm,
        view: view('outcome'),
        context: () => outcomePage(request),
        action: async (v) => {
          const { id, outcome } = request.params as z.output<typeof outcomeParams>;
          const r = await answerOutcome(db, actorFor(request), identityOf(request).organisation.id, id, outcome, {
            holding: v.holding,
            comments: dict(),
            rating: v.rating ?? '',
            override: v.override ?? '',
            justification: v.justification ?? '',
            comment: v.comment ?? '',
            evidence: v.evidence ?? '',
          });
          const { framework, code: saved } = r;
          const next = nextOutcome(framework, outcome);
          const label = (s: string | null) => (s ? statusTag(framework, s).text.toLowerCase() : 'no status yet');
          return {
            redirect: next ? `/assessments/${id}/outcomes/${next.id}` : `/assessments/${id}`,
            flash: `Saved ${saved}: ${r.override ? `set by hand to ${label(r.override)} (the indicators give ${label(r.computed)})` : `the indicators give ${label(r.computed)}`}`,
          };
        },
      }),
  );

  const evidenceRoute = <S extends z.ZodType>(kind: EvidenceInput['kind'], schema: S, toInput: (v: z.output<S>) => EvidenceInput) =>
    app.post(
      `/assessments/:id/outcomes/:outcome/evidence/${kind}`,
      { config: { access: abilities.answer, form: schema, ...(kind === 'file' ? { multipart: true } : {}) }, schema: { params: outcomeParams } },
      async (request, reply) =>
        submitForm(request, reply, {
          schema,
          view: view('outcome'),
          context: () => outcomePage(request),
          action: async (v) => {
            const { id, outcome } = request.params as z.output<typeof outcomeParams>;
            const added = await addEvidence(db, actorFor(request), identityOf(request).organisation.id, id, outcome, toInput(v), linkableRecords(app));
            return { redirect: `/assessments/${id}/outcomes/${outcome}#evidence`, flash: `Added evidence to ${added.code}: ${added.title}` };
          },
        }),
    );
  evidenceRoute('file', evidenceFileForm, (v) => ({ kind: 'file', title: v.fileTitle ?? '', file: v.file }));
  evidenceRoute('link', evidenceLinkForm, (v) => ({ kind: 'link', title: v.linkTitle, url: v.url }));
  evidenceRoute('record', evidenceRecordForm, (v) => ({ kind: 'record', recordKind: v.kind, words: v.words }));

  app.post(
    '/assessments/:id/evidence/:evidence/remove',
    { config: { access: abilities.answer, form: nothingForm }, schema: { params: evidenceParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: nothingForm,
        view: view('assessment'),
        context: () => assessmentPage(request),
        action: async () => {
          const { id, evidence } = request.params as z.output<typeof evidenceParams>;
          const gone = await removeEvidence(db, actorFor(request), identityOf(request).organisation.id, id, evidence);
          return { redirect: `/assessments/${id}/outcomes/${gone.nodeId}#evidence`, flash: `Removed the evidence ${gone.title}` };
        },
      }),
  );

  app.get('/assessments/:id/evidence/:evidence', { config: { access: abilities.read }, schema: { params: evidenceParams } }, async (request, reply) => {
    const { id, evidence } = request.params as z.output<typeof evidenceParams>;
    return sendKeptFile(reply, await evidenceFile(db, identityOf(request).organisation.id, id, evidence));
  });

  app.post(
    '/assessments/:id/outcomes/:outcome/review',
    { config: { access: abilities.manage, form: reviewForm }, schema: { params: outcomeParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: reviewForm,
        view: view('outcome'),
        context: () => outcomePage(request),
        action: async (v) => {
          const { id, outcome } = request.params as z.output<typeof outcomeParams>;
          const code = await reviewOutcome(db, actorFor(request), identityOf(request).organisation.id, id, outcome, {
            decision: v.decision,
            recommendations: v.recommendations ?? '',
          });
          return { redirect: `/assessments/${id}/outcomes/${outcome}#review`, flash: `Recorded the review of ${code}` };
        },
      }),
  );

  app.post(
    '/assessments/:id/outcomes/:outcome/actions',
    { config: { access: abilities.answer, form: actionForm }, schema: { params: outcomeParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: actionForm,
        view: view('outcome'),
        context: () => outcomePage(request),
        action: async (v) => {
          const { id, outcome } = request.params as z.output<typeof outcomeParams>;
          await addAction(db, actorFor(request), identityOf(request).organisation.id, id, outcome, { title: v.title, owner: v.owner ?? '', due: v.due ?? '' });
          return { redirect: `/assessments/${id}/outcomes/${outcome}#plan`, flash: `Added to the improvement plan: ${v.title}` };
        },
      }),
  );

  app.post(
    '/assessments/:id/actions/:action',
    { config: { access: abilities.answer, form: actionStatusForm }, schema: { params: actionParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: actionStatusForm,
        view: view('assessment'),
        context: () => assessmentPage(request),
        action: async (v) => {
          const { id, action } = request.params as z.output<typeof actionParams>;
          const done = await setActionStatus(db, actorFor(request), identityOf(request).organisation.id, action, v.status, id);
          return { redirect: `/assessments/${id}/outcomes/${done.nodeId}#plan`, flash: `${done.title}: ${v.status === 'done' ? 'done' : 'open again'}` };
        },
      }),
  );
}

const moveText = (from: AssessmentState, to: AssessmentState) =>
  to === 'approved'
    ? 'Approve and lock'
    : to === 'ready-for-approval'
      ? 'Ready for approval'
      : to === 'in-review'
        ? from === 'draft'
          ? 'Send for review'
          : 'Back to review'
        : 'Back to draft';

function tiersOf(f: LoadedFramework, node: LoadedFramework['nodes'][number]) {
  return f.definition.tiers
    .map((t) => ({ key: t.key, label: t.label, indicators: node.indicators.filter((i) => i.tier === t.key) }))
    .filter((t) => t.indicators.length);
}

function nextOutcome(f: LoadedFramework, nodeId: number) {
  const assessable = f.nodes.filter((n) => n.assessable);
  const at = assessable.findIndex((n) => n.id === nodeId);
  return at >= 0 ? assessable[at + 1] : undefined;
}
