import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cursor, encodeCursor, formErrors, identityOf, nextPageHref, pageQuery, sendSpreadsheet, writeSpreadsheet } from '../../../platform/index.js';
import { estate } from '../abilities.js';
import { systemParams } from '../references.js';
import { everythingAffected, impactOf, type AffectedSystem } from './service.js';
import { chainText } from './graph.js';

const impactPageQuery = z.object({ after: cursor(z.object({ offset: z.number().int().min(0).max(10_000_000) })) });
const idOf = (request: FastifyRequest) => (request.params as z.output<typeof systemParams>).id;
const withChain = (s: AffectedSystem) => ({ ...s, how: chainText(s.chain), steps: s.chain.length - 1 });

export async function impactRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get(
    '/estate/systems/:id/impact',
    { config: { access: estate.read, query: impactPageQuery }, schema: { params: systemParams } },
    async (request, reply) => {
      const orgId = identityOf(request).organisation.id;
      const parsed = await pageQuery(request, impactPageQuery);
      const offset = parsed.ok ? (parsed.value.after?.offset ?? 0) : 0;
      const impact = await impactOf(db, orgId, idOf(request), { offset, limit: 50, degradedLimit: 50 });
      if (!parsed.ok) reply.code(400);
      const path = `/estate/systems/${impact.system.id}/impact`;
      return reply.render('modules/estate/impact/views/impact.njk', {
        title: `If ${impact.system.name} fails`,
        errors: parsed.ok ? undefined : formErrors(parsed.errors),
        breadcrumbs: [
          { text: 'Home', href: '/' },
          { text: 'Tech estate', href: '/estate' },
          { text: impact.system.name, href: `/estate/systems/${impact.system.id}` },
        ],
        impact: { ...impact, fails: impact.fails.map(withChain), mayBeDegraded: impact.mayBeDegraded.map(withChain) },
        cycleText: impact.cycle ? impact.cycle.map((s) => s.name).join(' → ') : null,
        from: offset + 1,
        nextHref: nextPageHref(path, {}, impact.nextOffset === null ? null : encodeCursor({ offset: impact.nextOffset })),
        firstHref: offset > 0 ? path : null,
      });
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/estate/systems/:id/impact.${format}`, { config: { access: estate.read }, schema: { params: systemParams } }, async (request, reply) => {
      const all = await everythingAffected(db, identityOf(request).organisation.id, idOf(request));
      const row = (effect: string) => (s: AffectedSystem) => [s.identifier, s.name, s.criticality, effect, s.chain.length - 1, chainText(s.chain)];
      return sendSpreadsheet(
        reply,
        await writeSpreadsheet(
          format,
          `impact-of-${all.system.id}`,
          ['Identifier', 'Name', 'Criticality tier', 'Effect', 'Steps away', 'How the failure reaches it'],
          [...all.fails.map(row('Fails')), ...all.mayBeDegraded.map(row('May be degraded'))],
        ),
      );
    });
  }
}
