import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { identityOf, problemResponses } from '../../platform/index.js';
import { training } from './abilities.js';
import { trainingKindKeys, type TrainingKind } from './rules.js';
import { recordsQuery, trainingRecordsPage } from './service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const record = z
  .object({
    id: z.number().int(),
    person: z.object({ name: z.string(), email: z.string(), directorate: z.string(), team: z.string() }),
    course: z.object({ id: z.number().int(), name: z.string(), required: z.boolean(), refreshMonths: z.number().int() }),
    completedOn: z.string(),
    kind: z.enum(trainingKindKeys).describe('Classroom, online, a brown bag lunch, a colleague sharing in a team meeting, an awayday, a conference ...'),
    cost: z.number().nullable().describe('In pounds; null when free or not known'),
    source: z
      .enum(['learning-system', 'development-plan'])
      .describe('From the learning system’s export, or an activity done from someone’s development plan in people and skills'),
    score: z.number().nullable(),
    inDate: z.boolean(),
    expiresOn: z.string().describe('The day the completion stops counting: completed on plus the course’s refresh interval'),
  })
  .meta({ id: 'TrainingRecord' });

export async function trainingApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  app.get(
    '/api/v1/training-records',
    {
      config: { access: training.read },
      schema: {
        tags: ['Cyber and risk'],
        security,
        summary:
          'Everyone’s training, oldest first, filtered by email, course or kind: completions from the learning system (through /api/v1/imports with the kind `training-records`) and activities done from development plans in people and skills; pass `next` back as `after`',
        querystring: recordsQuery,
        response: { 200: z.object({ items: z.array(record), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const page = await trainingRecordsPage(db, identityOf(request).organisation.id, request.query);
      return {
        items: page.items.map((r) => ({
          id: Number(r.id),
          person: { name: r.name, email: r.email, directorate: r.directorate, team: r.team },
          course: { id: Number(r.course_id), name: r.course, required: !!r.required, refreshMonths: Number(r.refresh_months) },
          completedOn: String(r.completed_on),
          kind: r.kind as TrainingKind,
          cost: r.cost === null ? null : Number(r.cost),
          source: r.development_item_id === null ? ('learning-system' as const) : ('development-plan' as const),
          score: r.score === null ? null : Number(r.score),
          inDate: r.inDate,
          expiresOn: r.expires,
        })),
        next: page.next,
      };
    },
  );
}
