import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { identityOf, problemResponses } from '../../platform/index.js';
import { kpis } from './abilities.js';
import { kpiFigures } from './service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const kpi = z
  .object({
    id: z.number().int(),
    name: z.string(),
    source: z.enum(['computed', 'manual']).describe('computed: Steward works it out from its own data; manual: entered with its source'),
    from: z.string().describe('The area it is worked out from, or the source of a figure entered by hand'),
    unit: z.string(),
    direction: z.enum(['up', 'down']),
    userOutcome: z.boolean(),
    target: z.number().nullable(),
    tolerance: z.number(),
    period: z.enum(['month', 'quarter']),
    owner: z.string(),
    value: z.number().nullable().describe('The latest period’s figure; null where there is none, or the caller may not read what it is worked out from'),
    status: z.enum(['met', 'near', 'missed', 'unknown']),
    history: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
  })
  .meta({ id: 'Kpi' });

export async function kpiApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  app.get(
    '/api/v1/kpis',
    {
      config: { access: kpis.read },
      schema: {
        tags: ['Strategy and governance'],
        security,
        summary: 'The KPIs, what residents and staff get first, each with its current value and its history',
        response: { 200: z.object({ items: z.array(kpi) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: (await kpiFigures(db, identityOf(request))).map((k) => ({
        id: k.id,
        name: k.name,
        source: k.source,
        from: k.from,
        unit: k.unit,
        direction: k.direction,
        userOutcome: k.userOutcome,
        target: k.target,
        tolerance: k.tolerance,
        period: k.period,
        owner: k.owner,
        value: k.visible ? k.value : null,
        status: k.visible ? k.status : ('unknown' as const),
        history: k.trend.map((t) => ({ period: t.period, value: k.visible ? t.value : null })),
      })),
    }),
  );
}
