import type { FastifyInstance } from 'fastify';
import { areasFor, can, homeCardsFor, identityOf, platformAbilities } from '../../platform/index.js';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = identityOf(request);
    return reply.render('modules/home/views/home.njk', {
      title: 'Home',
      cards: await homeCardsFor(app, identity),
      areas: areasFor(app, identity),
      isAdmin: can(identity, platformAbilities.administer),
    });
  });
}
