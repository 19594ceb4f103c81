import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { z } from 'zod';
import { allows, type Access } from '../access/roles.js';
import { checkInput } from '../inputs/text.js';
import { unresolvedReferences } from '../inputs/references.js';
import { ForbiddenError, NotFoundError, UserError } from './errors.js';

export const isApiRequest = (request: FastifyRequest) => request.url.startsWith('/api/');
const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What a route takes, as the route walk and the hostile-input corpus read it. */
export interface RouteContract {
  method: string;
  url: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Pages: the form the route posts (checked by submitForm, so errors re-render the form). */
  form?: z.ZodType;
  multipart: boolean;
  api: boolean;
}

type Declared = { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType };

function contractOf(route: RouteOptions, method: string): RouteContract {
  const schema = (route.schema ?? {}) as Declared;
  const config = route.config ?? {};
  return {
    method,
    url: route.url,
    access: config.access!,
    ...(schema.params ? { params: schema.params } : {}),
    ...(schema.querystring ? { query: schema.querystring } : config.query ? { query: config.query } : {}),
    ...(schema.body ? { body: schema.body } : {}),
    ...(config.form ? { form: config.form } : {}),
    multipart: !!config.multipart,
    api: route.url.startsWith('/api/'),
  };
}

/** Why a route cannot be registered as declared, or null. */
function refusal(contract: RouteContract): string | null {
  const { access, method } = contract;
  if (!access) return 'does not declare who may use it (config.access)';
  if (!unsafe.has(method)) return null;
  if (!contract.body && !contract.form) return 'changes data but does not declare what it takes (schema.body for the API, config.form for a page)';
  if (access === 'signed-in') return 'changes data, so it must name an ability rather than signed-in';
  if (access !== 'public' && access.roles.includes('viewer') && !access.viewersMayWrite) {
    return `changes data with ${access.name}, which viewers have: viewers are read-only unless the ability says viewersMayWrite`;
  }
  return null;
}

/**
 * Every route must say who may use it and what it takes; the server will not start otherwise.
 * Each request is then checked: who is asking (before anything is parsed), then every input for
 * names that reach Object.prototype and for hidden characters, then every id it names, resolved
 * inside the caller's organisation.
 */
export function setUpAccessControl(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      const contract = contractOf(route, method);
      const why = refusal(contract);
      if (why) throw new Error(`Route ${method} ${route.url} ${why}`);
      app.steward.routes.push(contract);
    }
  });

  app.addHook('preValidation', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    if (!access || request.is404) return;
    const identity = request.identity;
    const role = identity?.role ?? null;
    if (allows(access, role)) {
      // Viewers are read-only, whatever a route says: only an ability that says so lets them write.
      const writes = unsafe.has(request.method) && access !== 'public';
      if (writes && role === 'viewer' && (access === 'signed-in' || !access.viewersMayWrite)) throw new ForbiddenError();
      return;
    }
    if (!identity) {
      if (isApiRequest(request)) throw new UserError('Sign in, or send a personal API token as a Bearer token', { status: 401 });
      const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`/sign-in${returnTo}`, 303);
    }
    throw new ForbiddenError();
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Text a page form's fields cannot take; submitForm shows them on the form. */
    inputProblems?: { field: string; message: string }[];
  }
}

/** Registered after the body parsers, so multipart fields are checked like any other. */
export function setUpInputChecks(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    const config = request.routeOptions.config ?? {};
    const schema = (request.routeOptions.schema ?? {}) as Declared;
    const problems = [];
    const keys = [];
    for (const [input, declared] of [
      [request.params, schema.params],
      [request.query, schema.querystring ?? config.query],
      [request.body, schema.body ?? config.form],
    ] as const) {
      const found = checkInput(input, declared);
      keys.push(...found.prototypeKeys);
      problems.push(...found.problems);
    }
    if (keys.length) {
      const message = `Steward does not accept a field named ${keys[0]}`;
      throw new UserError(message, { status: 400, fieldErrors: keys.map((k) => ({ field: k, message: `Steward does not accept a field named ${k}` })) });
    }
    if (!problems.length) return;
    // A page's form shows them beside its fields; everything else is refused here.
    if (config.form || config.query) request.inputProblems = problems;
    else throw new UserError(problems[0]!.message, { status: 400, fieldErrors: problems });
  });

  app.addHook('preHandler', async (request) => {
    if (request.is404 || !request.identity) return;
    const schema = (request.routeOptions.schema ?? {}) as Declared;
    const { db } = app.steward;
    const scope = { organisationId: request.identity.organisation.id, personId: request.identity.person.id };
    if (schema.params && (await unresolvedReferences(db, scope, schema.params, request.params)).length) throw new NotFoundError();
    const errors = [
      ...(await unresolvedReferences(db, scope, schema.querystring, request.query)),
      ...(await unresolvedReferences(db, scope, schema.body, request.body)),
    ];
    if (errors.length) throw new UserError(errors[0]!.message, { status: 422, fieldErrors: errors });
  });
}
