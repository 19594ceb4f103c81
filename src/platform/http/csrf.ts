import type { FastifyInstance } from 'fastify';

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every state-changing request from a browser must carry the CSRF token (`_csrf` in a form, or an
 * `x-csrf-token` header). Requests with a Bearer token carry no ambient cookie, so need none.
 */
export function setUpCsrfCheck(app: FastifyInstance) {
  app.addHook('preHandler', (request, reply, done) => {
    if (!unsafe.has(request.method) || request.identity?.via === 'token' || request.is404) return done();
    if (request.headers.authorization?.startsWith('Bearer ')) return done();
    app.csrfProtection(request, reply, done);
  });
}
