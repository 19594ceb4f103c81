import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { identityOf, problemResponses } from '../../platform/index.js';
import { training } from './abilities.js';
import { recordsQuery, trainingRecordsPage } from './service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const record = z
  .object({
    id: z.number().int(),
    person: z.object({ name: z.string(), email: z.string(), directorate: z.string(), team: z.string() }),
    course: z.object({ id: z.number().int(), name: z.string(), required: z.boolean(), refreshMonths: z.number().int() }),
    completedOn: z.string(),
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
          'Training completions from the learning system, oldest first, filtered by email or course; pass `next` back as `after`. They come in through /api/v1/imports with the kind `training-records`',
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
          score: r.score === null ? null : Number(r.score),
          inDate: r.inDate,
          expiresOn: r.expires,
        })),
        next: page.next,
      };
    },
  );
}
