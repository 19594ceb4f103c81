import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import {
  actorFor,
  identityOf,
  multipartFields,
  multipartFile,
  multipartFilePart,
  multipartText,
  own,
  problemResponses,
  UserError,
} from '../../platform/index.js';
import { assessments as abilities } from './abilities.js';
import { assessmentParams, frameworkParams } from './references.js';
import { readFrameworkFile } from './frameworks/read.js';
import { assessmentsOf, assessmentView, frameworksOf, importFramework, improvementPlan, loadFramework, type LoadedFramework } from './service.js';
import { evidenceOf } from './evidence.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Assessments'];

const frameworkSummary = z
  .object({
    id: z.number().int(),
    key: z.string(),
    version: z.string(),
    name: z.string(),
    format: z.string(),
    outcomes: z.number().int(),
    indicators: z.number().int(),
  })
  .meta({ id: 'FrameworkSummary' });
const indicatorSchema = z.object({ id: z.number().int(), tier: z.string(), code: z.string(), reference: z.string(), text: z.string() });
const nodeSchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    level: z.string(),
    code: z.string(),
    title: z.string(),
    description: z.string(),
    assessable: z.boolean(),
    targets: z.record(z.string(), z.string()),
    indicators: z.array(indicatorSchema),
  })
  .meta({ id: 'FrameworkNode' });
const frameworkSchema = z
  .object({
    id: z.number().int(),
    key: z.string(),
    version: z.string(),
    name: z.string(),
    description: z.string(),
    format: z.string(),
    levels: z.array(z.string()),
    scale: z.array(z.object({ key: z.string(), label: z.string(), rank: z.number() })),
    profiles: z.array(z.object({ key: z.string(), name: z.string() })),
    counts: z.object({
      objectives: z.number().int(),
      principles: z.number().int(),
      outcomes: z.number().int(),
      indicators: z.object({ achieved: z.number().int(), partiallyAchieved: z.number().int(), notAchieved: z.number().int(), total: z.number().int() }),
    }),
    nodes: z.array(nodeSchema),
  })
  .meta({ id: 'Framework' });
const importedSchema = frameworkSummary
  .extend({ warnings: z.array(z.object({ line: z.number().int(), reason: z.string() })) })
  .meta({ id: 'FrameworkImported' });
const assessmentSummary = z
  .object({
    id: z.number().int(),
    title: z.string(),
    frameworkId: z.number().int(),
    framework: z.string(),
    scope: z.string(),
    state: z.string(),
    assurance: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    profile: z.string().nullable(),
  })
  .meta({ id: 'AssessmentSummary' });
const assessmentSchema = assessmentSummary
  .extend({
    previousId: z.number().int().nullable(),
    targets: z.object({ total: z.number().int(), met: z.number().int() }),
    improvementPlan: z.object({
      total: z.number().int(),
      done: z.number().int(),
      overdue: z.number().int(),
      actions: z.array(
        z.object({
          id: z.number().int(),
          outcome: z.string(),
          title: z.string(),
          owner: z.string(),
          due: z.string().nullable(),
          status: z.string(),
          overdue: z.boolean(),
        }),
      ),
    }),
    outcomes: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        title: z.string(),
        computed: z.string().nullable(),
        override: z.string().nullable(),
        justification: z.string(),
        status: z.string().nullable(),
        target: z.string().nullable(),
        meetsTarget: z.boolean().nullable(),
        lastTime: z.string().nullable(),
        evidence: z.array(
          z.object({
            id: z.number().int(),
            kind: z.enum(['file', 'link', 'record']),
            title: z.string(),
            url: z.string().nullable().meta({ description: 'The link, or where to download the file' }),
            record: z.object({ kind: z.string(), id: z.number().int() }).nullable(),
            addedAt: z.string(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Assessment' });

const summaryOf = (f: {
  id: number | bigint;
  key: string;
  version: string;
  name: string;
  format: string;
  assessable_count: number;
  indicator_count: number;
}) => ({
  id: Number(f.id),
  key: f.key,
  version: f.version,
  name: f.name,
  format: f.format,
  outcomes: f.assessable_count,
  indicators: f.indicator_count,
});

const assessmentSummaryOf = (a: Awaited<ReturnType<typeof assessmentsOf>>[number]) => ({
  id: Number(a.id),
  title: a.title,
  frameworkId: Number(a.framework_id),
  framework: `${a.framework_name} ${a.framework_version}`,
  scope: a.scope,
  state: a.state,
  assurance: a.assurance,
  periodStart: String(a.period_start).slice(0, 10),
  periodEnd: String(a.period_end).slice(0, 10),
  profile: a.profile_key,
});

function frameworkBody(f: LoadedFramework) {
  const level = (l: string) => own(f.counts.byLevel, l) ?? 0;
  const tier = (t: string) => own(f.counts.byTier, t) ?? 0;
  return {
    id: f.id,
    key: f.key,
    version: f.version,
    name: f.name,
    description: f.description,
    format: f.format,
    levels: f.definition.levels,
    scale: f.definition.scale,
    profiles: f.definition.profiles,
    counts: {
      objectives: level('objective'),
      principles: level('principle'),
      outcomes: f.counts.assessable,
      indicators: { achieved: tier('achieved'), partiallyAchieved: tier('partially-achieved'), notAchieved: tier('not-achieved'), total: f.counts.indicators },
    },
    nodes: f.nodes.map((n) => ({
      id: n.id,
      parentId: n.parentId,
      level: n.level,
      code: n.code,
      title: n.title,
      description: n.description,
      assessable: n.assessable,
      targets: { ...n.targets },
      indicators: n.indicators,
    })),
  };
}

export async function assessmentApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;

  app.get(
    '/api/v1/frameworks',
    {
      config: { access: abilities.read },
      schema: {
        tags,
        security,
        summary: 'The frameworks held, with how many outcomes and indicators each has',
        response: { 200: z.object({ items: z.array(frameworkSummary) }), ...problemResponses },
      },
    },
    async (request) => ({ items: (await frameworksOf(db, identityOf(request).organisation.id)).map(summaryOf) }),
  );

  app.post(
    '/api/v1/frameworks',
    {
      config: { access: abilities.manage },
      schema: {
        tags,
        security,
        summary:
          'Import a framework file (multipart/form-data: file, and version if the file does not say): Steward’s own format, WebCAF’s YAML or a CISO Assistant library',
        consumes: ['multipart/form-data'],
        body: z.object({
          file: multipartFilePart('The framework file (YAML or JSON)'),
          version: multipartText('The framework’s version, when the file does not say').optional(),
        }),
        response: { 201: importedSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const file = await multipartFile(request.body, 'file');
      if (!file) throw new UserError('Attach the framework file', { field: 'file', status: 400 });
      const fields = multipartFields(request.body);
      const read = readFrameworkFile(file.data, { filename: file.filename, version: fields.version });
      if (!read.tree) {
        throw new UserError(
          `${file.filename} cannot be imported: ${read.problems.map((p) => (p.line ? `line ${p.line}: ${p.reason}` : p.reason)).join('; ')}`,
          { field: 'file', status: 422 },
        );
      }
      const orgId = identityOf(request).organisation.id;
      const id = await importFramework(db, actorFor(request), orgId, read.tree, file.filename);
      const f = await loadFramework(db, orgId, id);
      return reply.code(201).send({
        id,
        key: f.key,
        version: f.version,
        name: f.name,
        format: f.format,
        outcomes: f.counts.assessable,
        indicators: f.counts.indicators,
        warnings: read.warnings,
      });
    },
  );

  app.get(
    '/api/v1/frameworks/:id',
    {
      config: { access: abilities.read },
      schema: {
        tags,
        security,
        summary: 'A framework’s whole tree: levels, outcomes with their targets, indicators by tier',
        params: frameworkParams,
        response: { 200: frameworkSchema, ...problemResponses },
      },
    },
    async (request) => frameworkBody(await loadFramework(db, identityOf(request).organisation.id, request.params.id)),
  );

  app.get(
    '/api/v1/assessments',
    {
      config: { access: abilities.read },
      schema: {
        tags,
        security,
        summary: 'Assessments, latest period first',
        response: { 200: z.object({ items: z.array(assessmentSummary) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: (await assessmentsOf(db, identityOf(request).organisation.id)).map(assessmentSummaryOf),
    }),
  );

  app.get(
    '/api/v1/assessments/:id',
    {
      config: { access: abilities.read },
      schema: {
        tags,
        security,
        summary: 'An assessment with every outcome’s computed and overridden status against the target profile',
        params: assessmentParams,
        response: { 200: assessmentSchema, ...problemResponses },
      },
    },
    async (request) => {
      const v = await assessmentView(db, identityOf(request).organisation.id, request.params.id);
      const plan = await improvementPlan(db, identityOf(request).organisation.id, request.params.id);
      const evidence = await evidenceOf(db, request.params.id);
      const a = v.assessment;
      return {
        ...assessmentSummaryOf(a),
        previousId: a.previous_id === null ? null : Number(a.previous_id),
        targets: v.targets,
        improvementPlan: {
          total: plan.total,
          done: plan.done,
          overdue: plan.overdue,
          actions: plan.actions.map((x) => ({
            id: x.id,
            outcome: v.framework.byId.get(x.nodeId)?.code ?? '',
            title: x.title,
            owner: x.owner,
            due: x.due,
            status: x.status,
            overdue: x.overdue,
          })),
        },
        outcomes: [...v.outcomes.values()].map((o) => ({
          id: o.node.id,
          code: o.node.code,
          title: o.node.title,
          computed: o.computed,
          override: o.override,
          justification: o.justification,
          status: o.status,
          target: o.target,
          meetsTarget: o.meets,
          lastTime: o.lastYear,
          evidence: evidence
            .filter((e) => Number(e.node_id) === o.node.id)
            .map((e) => ({
              id: Number(e.id),
              kind: e.kind,
              title: e.title,
              url: e.kind === 'link' ? e.url : e.kind === 'file' ? `/assessments/${a.id}/evidence/${e.id}` : null,
              record: e.kind === 'record' ? { kind: e.record_kind, id: Number(e.record_id) } : null,
              addedAt: new Date(e.added_at).toISOString(),
            })),
        })),
      };
    },
  );
}
