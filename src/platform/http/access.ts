import type { FastifyInstance, FastifyRequest } from 'fastify';
import { allows } from '../access/roles.js';
import { ForbiddenError, UserError } from './errors.js';

export const isApiRequest = (request: FastifyRequest) => request.url.startsWith('/api/');

/**
 * Every route must say who may use it (`config.access`); the server will not start otherwise.
 * Each request is then checked against it before any handler runs.
 */
export function setUpAccessControl(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare who may use it (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.steward.routes.push({ method, url: route.url, access: route.config.access });
    }
  });

  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (!access || request.is404) return;
    const role = request.identity?.role ?? null;
    if (allows(access, role)) return;
    if (!request.identity) {
      if (isApiRequest(request)) throw new UserError('Sign in, or send a personal API token as a Bearer token', { status: 401 });
      const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`/sign-in${returnTo}`, 303);
    }
    throw new ForbiddenError();
  });
}
