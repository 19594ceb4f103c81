import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/audit.js';
import type { Identity } from '../auth/identity.js';
import { UserError } from './errors.js';

/** The signed-in identity; routes that declare a role can rely on there being one. */
export function identityOf(request: FastifyRequest): Identity {
  if (!request.identity) throw new UserError('Sign in first', { status: 401 });
  return request.identity;
}

export function actorFor(request: FastifyRequest): Actor {
  const identity = identityOf(request);
  return { personId: identity.person.id, label: identity.person.email, organisationId: identity.organisation.id };
}

/** A positive integer from a route parameter, or a 404 for anything else. */
export function idParam(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UserError('Page not found', { status: 404 });
  return n;
}
