import type { FastifyInstance } from 'fastify';
import { allows, identityOf } from '../../platform/index.js';
import { areas } from '../areas/index.js';
import { contractDecisions } from '../estate/index.js';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = identityOf(request);
    const today = new Date().toISOString().slice(0, 10);
    // Contract decisions within the organisation's alert lead times, for the people who make them.
    const coming = identity.role === 'requester' || identity.role === 'agent' ? null : await contractDecisions(app.steward.db, identity.organisation.id, today);
    return reply.render('modules/home/views/home.njk', {
      decisions: coming?.contracts.slice(0, 8) ?? [],
      decisionCount: coming?.contracts.length ?? 0,
      leadMonths: coming ? Math.max(...coming.leadMonths) : 0,
      title: 'Home',
      areas: areas.filter((a) => allows(a.access, identity.role)),
      isAdmin: identity.role === 'admin',
    });
  });
}
