import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import { projectRoot } from '../paths.js';

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

// GOV.UK's template carries one inline script, the same on every page. A page kept and served to
// anyone cannot carry a nonce, so its policy allows that script by its hash instead.
let templateScriptHash: string | null = null;
function govukScriptHash() {
  if (templateScriptHash) return templateScriptHash;
  const template = fs.readFileSync(path.join(projectRoot, 'node_modules/govuk-frontend/dist/govuk/template.njk'), 'utf8');
  const script = /<script[^>]*>([^<]+)<\/script>/.exec(template)?.[1];
  if (!script) throw new Error('GOV.UK Frontend’s template has no inline script to allow');
  templateScriptHash = `'sha256-${crypto.createHash('sha256').update(script).digest('base64')}'`;
  return templateScriptHash;
}

/** For a page rendered once and kept (a public status page): no nonces, GOV.UK's inline script allowed by its hash. */
export function keptPageSecurity(secure: boolean): FastifyHelmetOptions {
  return {
    enableCSPNonces: false,
    contentSecurityPolicy: { directives: directives(secure, { scriptSrc: ["'self'", govukScriptHash()] }) },
  };
}
