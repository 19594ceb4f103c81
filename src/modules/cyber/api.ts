import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, identityOf, problemResponses } from '../../platform/index.js';
import { cyber } from './abilities.js';
import { essentialFunctionsWithScope } from './service.js';
import { recordRisk, riskInput, riskRegister } from './risks/service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const system = z.object({ id: z.number().int(), name: z.string(), criticality: z.number().int().nullable() });
const essentialFunction = z
  .object({ id: z.number().int(), name: z.string(), description: z.string(), owner: z.string(), systems: z.array(system), critical: z.number().int() })
  .meta({ id: 'EssentialFunction' });

const riskSchema = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    title: z.string(),
    category: z.string(),
    owner: z.string().nullable(),
    inherent: z.object({ likelihood: z.number().int(), impact: z.number().int(), score: z.number().int() }),
    current: z.object({ likelihood: z.number().int(), impact: z.number().int(), score: z.number().int() }),
    target: z.object({ likelihood: z.number().int(), impact: z.number().int(), score: z.number().int() }),
    treatment: z.string(),
    appetite: z.number().int(),
    outsideAppetite: z.boolean(),
    reviewDue: z.string().nullable(),
    reviewOverdue: z.boolean(),
  })
  .meta({ id: 'Risk' });

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

  app.get(
    '/api/v1/risks',
    {
      config: { access: cyber.readRisks },
      schema: {
        tags: ['Cyber and risk'],
        security,
        summary: 'The open risks, highest current score first, each with its scores, appetite and review date',
        response: { 200: z.object({ items: z.array(riskSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const register = await riskRegister(db, identityOf(request).organisation.id, { status: 'open' }, new Date().toISOString().slice(0, 10));
      return {
        items: register.risks.map((r) => ({
          id: r.id,
          reference: r.reference,
          title: r.title,
          category: r.category,
          owner: r.owner_name ?? null,
          inherent: { likelihood: r.inherent_likelihood, impact: r.inherent_impact, score: r.inherentScore },
          current: { likelihood: r.current_likelihood, impact: r.current_impact, score: r.current_score },
          target: { likelihood: r.target_likelihood, impact: r.target_impact, score: r.targetScore },
          treatment: r.treatment,
          appetite: r.appetite,
          outsideAppetite: r.outside,
          reviewDue: r.review_due ? String(r.review_due).slice(0, 10) : null,
          reviewOverdue: r.overdue,
        })),
      };
    },
  );
  app.post(
    '/api/v1/risks',
    {
      config: { access: cyber.editRisks },
      schema: {
        tags: ['Cyber and risk'],
        security,
        summary: 'Record a risk',
        body: riskInput,
        response: { 201: z.object({ id: z.number().int() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await recordRisk(db, actorFor(request), identityOf(request).organisation.id, request.body) }),
  );
}
