import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { identityOf, problemResponses } from '../../platform/index.js';
import { cyber } from './abilities.js';
import { essentialFunctionsWithScope } from './service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const system = z.object({ id: z.number().int(), name: z.string(), criticality: z.number().int().nullable() });
const essentialFunction = z
  .object({ id: z.number().int(), name: z.string(), description: z.string(), owner: z.string(), systems: z.array(system), critical: z.number().int() })
  .meta({ id: 'EssentialFunction' });

export async function cyberApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  app.get(
    '/api/v1/essential-functions',
    {
      config: { access: cyber.read },
      schema: {
        tags: ['Cyber and risk'],
        security,
        summary: 'The essential functions, the systems each relies on, and how many critical systems (those and what they run on) are in scope',
        response: { 200: z.object({ items: z.array(essentialFunction) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await essentialFunctionsWithScope(db, identityOf(request).organisation.id) }),
  );
}
