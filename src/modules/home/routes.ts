import type { FastifyInstance } from 'fastify';
import { allows, identityOf } from '../../platform/index.js';
import { areas } from '../areas/index.js';
import { contractsOf } from '../estate/index.js';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = identityOf(request);
    const today = new Date();
    const horizon = new Date(today.getTime() + 183 * 86_400_000).toISOString().slice(0, 10);
    // Contract decisions due in the next six months, for the people who make them.
    const decisions = identity.role === 'requester' || identity.role === 'agent' ? [] : (await contractsOf(app.steward.db, identity.organisation.id, { from: today.toISOString().slice(0, 10), deadlineBefore: horizon })).slice(0, 8);
    return reply.render('modules/home/views/home.njk', {
      decisions,
      title: 'Home',
      areas: areas.filter((a) => allows(a.access, identity.role)),
      isAdmin: identity.role === 'admin',
    });
  });
}
