import type { FastifyInstance } from 'fastify';
import { allows, identityOf } from '../../platform/index.js';
import { areas } from '../areas/index.js';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = identityOf(request);
    return reply.render('modules/home/views/home.njk', {
      title: 'Home',
      areas: areas.filter((a) => allows(a.access, identity.role)),
      isAdmin: identity.role === 'admin',
    });
  });
}
