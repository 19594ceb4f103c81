import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { identityOf, problemResponses } from '../../platform/index.js';
import { budget } from './abilities.js';
import { financialYearOf } from './rules.js';
import { yearQuery } from './schemas.js';
import { budgetOf, costPerService, today } from './service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Strategy and governance'];
const line = z
  .object({
    id: z.number().int(),
    financialYear: z.number().int().describe('The year the financial year starts in April'),
    kind: z.enum(['revenue', 'capital']),
    costCentre: z.string(),
    account: z.string(),
    category: z.string(),
    name: z.string(),
    budget: z.number(),
    actual: z.number(),
    forecast: z.number().nullable(),
    outturn: z.number().describe('The forecast, or the actuals run on at their monthly rate'),
    variance: z.number().describe('Outturn less budget: more than 0 is an overspend'),
    savingsPlanned: z.number(),
    savingsAchieved: z.number(),
  })
  .meta({ id: 'BudgetLine' });
const service = z
  .object({ id: z.number().int(), name: z.string(), headcount: z.number().int().nullable(), direct: z.number(), shared: z.number(), total: z.number() })
  .meta({ id: 'ServiceCost' });

export async function budgetApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  app.get(
    '/api/v1/budget-lines',
    {
      config: { access: budget.read },
      schema: {
        tags,
        security,
        summary: 'A financial year’s budget lines with actuals, forecast outturn and variance (this year unless `year` says)',
        querystring: yearQuery,
        response: { 200: z.object({ financialYear: z.number().int(), closed: z.boolean(), items: z.array(line) }), ...problemResponses },
      },
    },
    async (request) => {
      const fy = request.query.year ?? financialYearOf(today());
      const b = await budgetOf(db, identityOf(request).organisation.id, fy);
      return { financialYear: fy, closed: b.closed, items: b.lines.map(({ transactions: _t, ...l }) => ({ ...l, financialYear: fy })) };
    },
  );
  app.get(
    '/api/v1/cost-per-service',
    {
      config: { access: budget.read },
      schema: {
        tags,
        security,
        summary: 'What each council service costs a year in the systems and contracts that support it, direct and shared',
        response: {
          200: z.object({
            rule: z.enum(['equal', 'headcount']),
            items: z.array(service),
            unallocated: z.number(),
            unallocatedSystems: z.number().int(),
            total: z.number(),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const c = await costPerService(db, identityOf(request).organisation.id);
      return { rule: c.rule, items: c.services, unallocated: c.unallocated, unallocatedSystems: c.unallocatedSystems, total: c.total };
    },
  );
}
