import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The signed cookie holding the CSRF secret (@fastify/csrf-protection in cookie mode). */
export const csrfCookie = 'steward_csrf';

/**
 * What a CSRF token is bound to besides the secret in the cookie: the session (by its stored id,
 * itself a hash of the cookie's value), or `signed-out` before there is one. A token made for one
 * session is refused in any other, even with that session's CSRF cookie planted beside it.
 */
export function csrfUserInfo(request: FastifyRequest): string {
  const identity = request.identity;
  return identity?.via === 'session' && identity.sessionId ? `session:${identity.sessionId}` : 'signed-out';
}

/** The key the token's binding is hashed with, derived from the installation's cookie secret. */
export const csrfHmacKey = (cookieSecret: string) => crypto.createHmac('sha256', cookieSecret).update('steward csrf user info').digest();

/** Every token a page is given (`reply.generateCsrf()`, called by `reply.render`) is bound as above. */
export function bindCsrfTokensToSessions(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    const generate = reply.generateCsrf;
    reply.generateCsrf = function (this: FastifyReply, options?: Parameters<FastifyReply['generateCsrf']>[0]) {
      return generate.call(this, { ...options, userInfo: csrfUserInfo(request) });
    };
  });
}

/**
 * A new CSRF secret from here on (at sign-in and sign-out): no token handed out before, to this
 * browser or to anyone who saw its pages, is valid after. A page rendered in the same reply gets a
 * token of the new secret.
 */
export function renewCsrfSecret(request: FastifyRequest, reply: FastifyReply) {
  delete request.cookies[csrfCookie];
  reply.clearCookie(csrfCookie, { path: '/' });
}
