import type { FastifyInstance } from 'fastify';
import { identityFromSession, identityFromToken } from '../auth/service.js';

export const sessionCookie = 'steward_session';

/** Works out who is asking: a Bearer token (API clients) or the session cookie (browsers). */
export function setUpIdentity(app: FastifyInstance) {
  app.decorateRequest('identity', null);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/') || request.url === '/healthz') return;
    const { db, auth } = app.steward;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.identity = await identityFromToken(db, header.slice('Bearer '.length).trim());
      return;
    }
    const token = request.cookies[sessionCookie];
    if (token) request.identity = await identityFromSession(db, auth, token);
  });
}
