import crypto from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import csrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from '@fastify/type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { modules } from './modules/index.js';
import { publicDir } from './platform/paths.js';
import type { Services } from './platform/http/types.js';
import { setUpAccessControl, setUpInputChecks } from './platform/http/access.js';
import { setUpIdentity } from './platform/http/identity.js';
import { setUpCsrfCheck } from './platform/http/csrf.js';
import { bindCsrfTokensToSessions, csrfCookie, csrfHmacKey, csrfUserInfo } from './platform/auth/csrf.js';
import { setUpErrorHandling } from './platform/http/error-handling.js';
import { setUpViews } from './platform/views/reply.js';
import { systemRoutes } from './platform/http/system-routes.js';
import { authRoutes } from './platform/auth/routes.js';
import { accountRoutes } from './platform/account/routes.js';
import { peopleRoutes } from './platform/people/routes.js';
import { organisationRoutes } from './platform/organisations/routes.js';
import { serviceAreaRoutes } from './platform/service-areas/routes.js';
import { auditRoutes } from './platform/audit/routes.js';
import { platformApiRoutes } from './platform/api/routes.js';
import { openApiTransformObject } from './platform/api/openapi.js';
import { mailRoutes } from './platform/mail/routes.js';
import { getSetting, putSettingIfAbsent } from './platform/organisations/queries.js';
import { platformAbilities } from './platform/access/abilities.js';
import { areaCardsOf, homeCardsOf, importKindsOf, navigationOf } from './platform/areas.js';
import { importRoutes } from './platform/imports/routes.js';
import { maxUploadBytes } from './platform/forms.js';
import { importApi } from './platform/imports/api.js';
import { attentionRoutes } from './platform/imports/attention.js';
import { configureLinks } from './platform/links.js';
import { contentSecurity } from './platform/http/security.js';

export interface AppOptions {
  config: Config;
  database: Database;
  logger?: boolean;
}

/** The secret that signs cookies, made once per installation and shared by every instance. */
async function cookieSecret(database: Database): Promise<string> {
  await putSettingIfAbsent(database.db, 'cookie_secret', crypto.randomBytes(32).toString('base64url'));
  const secret = await getSetting(database.db, 'cookie_secret');
  if (!secret) throw new Error('Could not read the cookie secret');
  return secret;
}

// A request's reference (quoted from an error page, found in the log): this process's start, then a
// count, so no two requests of one instance share one and making one costs nothing.
const started = crypto.randomBytes(3).toString('hex');
let requests = 0;
const nextRequestId = () => `${started}-${(++requests).toString(36)}`;

/** Builds Steward: platform concerns first (each `setUpX`), then the platform's pages, then every module. */
export async function buildApp({ config, database, logger = true }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] } : false,
    trustProxy: config.trustProxy,
    genReqId: nextRequestId,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const services: Services = {
    config,
    database,
    db: database.db,
    auth: { idleMinutes: config.session.idleMinutes, maxHours: config.session.maxHours, passwordCost: config.passwordCost },
    routes: [],
    panels: modules.flatMap((m) => (m.panels ? [m.panels] : [])),
    records: modules.flatMap((m) => m.records ?? []),
    areas: areaCardsOf(modules),
    homeCards: homeCardsOf(modules),
    imports: importKindsOf(modules),
  };
  app.decorate('steward', services);
  configureLinks(config.publicUrl);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  setUpAccessControl(app);
  await app.register(helmet, contentSecurity(config.secureCookies));
  await app.register(cookie, { secret: await cookieSecret(database) });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  // File uploads: fields arrive in request.body like a form's, files as parts to read.
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: maxUploadBytes, files: 1, fields: 20 } });
  await app.register(csrf, {
    // A multipart form's fields arrive as { value } parts.
    getToken: (req) => {
      const field = (req.body as Record<string, unknown> | undefined)?._csrf;
      const value = typeof field === 'object' && field !== null ? (field as { value?: unknown }).value : field;
      return (typeof value === 'string' ? value : undefined) ?? (req.headers['x-csrf-token'] as string | undefined) ?? '';
    },
    cookieKey: csrfCookie,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: config.secureCookies },
    // Each token is bound to the session it was made for (or to being signed out).
    getUserInfo: csrfUserInfo,
    csrfOpts: { hmacKey: csrfHmacKey(await cookieSecret(database)) },
  });
  bindCsrfTokensToSessions(app);
  await app.register(fastifyStatic, { root: publicDir, serve: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Steward API',
        version: '1',
        description:
          'The JSON API of Steward. Authenticate with a personal API token (`Authorization: Bearer stw_...`), created from your account page. Errors are RFC 9457 problem details with field errors.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A personal API token' },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'steward_session',
            description: 'A browser session; unsafe methods also need an x-csrf-token header',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: openApiTransformObject,
    hideUntagged: true,
  });

  setUpIdentity(app);
  setUpCsrfCheck(app);
  setUpInputChecks(app);
  setUpErrorHandling(app);
  setUpViews(app, navigationOf(modules, [{ text: 'Administration', href: '/admin', access: platformAbilities.administer }]));

  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(accountRoutes);
  await app.register(peopleRoutes);
  await app.register(organisationRoutes);
  await app.register(serviceAreaRoutes);
  await app.register(auditRoutes);
  await app.register(platformApiRoutes);
  await app.register(mailRoutes);
  await app.register(importRoutes);
  await app.register(importApi);
  await app.register(attentionRoutes);
  for (const m of modules) if (m.routes) await app.register(m.routes);

  return app;
}
