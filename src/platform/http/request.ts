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
