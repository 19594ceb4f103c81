import type { FastifyHelmetOptions } from '@fastify/helmet';

function directives(secure: boolean, extra: Record<string, string[]> = {}) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    upgradeInsecureRequests: secure ? [] : null,
    ...extra,
  };
}

/** Security headers for every page: a content security policy the pages satisfy, with nonces for the one inline script. */
export function contentSecurity(secure: boolean): FastifyHelmetOptions {
  return {
    enableCSPNonces: true,
    contentSecurityPolicy: { directives: directives(secure) },
    strictTransportSecurity: secure ? undefined : false,
  };
}

/**
 * For a route that draws with a library setting style attributes (the dependency graph): the same
 * policy, with inline style attributes allowed. Scripts stay as strict.
 */
export function allowingStyleAttributes(secure: boolean) {
  return {
    enableCSPNonces: true,
    contentSecurityPolicy: { directives: directives(secure, { styleSrcAttr: ["'unsafe-inline'"], styleSrcElem: ["'self'", "'unsafe-inline'"] }) },
  };
}
