import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { signIn, signOut } from './service.js';
import { deviceCookie, deviceCookieMaxAgeSeconds } from './device.js';
import { renewCsrfSecret } from './csrf.js';
import { sessionCookie } from '../http/identity.js';
import { submitForm } from '../forms.js';
import { UserError } from '../http/errors.js';
import { platformAbilities } from '../access/abilities.js';

const signInForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address').max(254, 'Enter your email address'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Enter your password'),
  // Bounded by the body limit; safeReturnTo makes anything longer than 2,000 characters the home page.
  returnTo: z.string().meta({ example: '/service-desk', forgiving: true }).optional(),
});
// A bad returnTo is not refused but replaced: safeReturnTo makes anything unsafe the home page.
const signInQuery = z.object({ returnTo: z.string().max(2000).meta({ forgiving: true }).optional() });
const nothing = z.object({});

const here = 'http://steward.invalid';
// Browsers drop tabs and line breaks inside an address (so `/\t/host` is `//host`) and read `\` as `/`.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f\\]/;

/** The value and each percent-decoding of it (a proxy or a second reader may decode again), or null if it will not decode. */
function decodings(value: string): string[] | null {
  const forms = [value];
  try {
    for (let i = 0; i < 4; i++) {
      const next = decodeURIComponent(forms[forms.length - 1]!);
      if (next === forms[forms.length - 1]) return forms;
      forms.push(next);
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * Only a path on this site, so a sign-in link cannot send someone elsewhere: anything with a
 * control character or backslash (typed or percent-encoded), or that leaves this origin once
 * parsed as a browser would, becomes `/`.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/')) return '/';
  const forms = decodings(value);
  if (!forms) return '/';
  for (const form of forms) {
    if (unsafeCharacters.test(form) || form.startsWith('//')) return '/';
  }
  let url: URL;
  try {
    url = new URL(value, here);
  } catch {
    return '/';
  }
  if (url.origin !== here) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

export async function authRoutes(app: FastifyInstance) {
  const view = 'platform/auth/views/sign-in.njk';

  app.get('/sign-in', { config: { access: 'public', query: signInQuery } }, async (request, reply) => {
    const { returnTo } = request.query as { returnTo?: string };
    if (request.identity) return reply.redirect(safeReturnTo(returnTo), 303);
    return reply.render(view, { title: 'Sign in', returnTo: safeReturnTo(returnTo) });
  });

  app.post('/sign-in', { config: { access: 'public', form: signInForm } }, async (request, reply) => {
    const returnTo = safeReturnTo((request.body as { returnTo?: unknown } | undefined)?.returnTo);
    return submitForm(request, reply, {
      schema: signInForm,
      view,
      context: () => ({ title: 'Sign in', returnTo }),
      action: async ({ email, password }) => {
        const result = await signIn(app.steward.db, app.steward.auth, {
          email,
          password,
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
          deviceCookie: request.cookies[deviceCookie],
        });
        if (!result.ok) {
          if (result.reason === 'throttled')
            throw new UserError('There have been too many failed attempts to sign in. Wait 15 minutes and try again', { field: 'email', status: 429 });
          throw new UserError('Enter a correct email address and password', { field: 'email', status: 401 });
        }
        // Only the sign-in form needs it, so it goes nowhere else.
        reply.setCookie(deviceCookie, result.deviceCookie, {
          path: '/sign-in',
          httpOnly: true,
          sameSite: 'strict',
          secure: app.steward.config.secureCookies,
          maxAge: deviceCookieMaxAgeSeconds,
        });
        renewCsrfSecret(request, reply);
        reply.setCookie(sessionCookie, result.sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: app.steward.config.secureCookies,
          maxAge: app.steward.auth.maxHours * 3600,
        });
        return { redirect: returnTo };
      },
    });
  });

  app.post('/sign-out', { config: { access: platformAbilities.ownAccount, form: nothing } }, async (request, reply) => {
    if (request.identity?.sessionId) await signOut(app.steward.db, request.identity.sessionId);
    reply.clearCookie(sessionCookie, { path: '/' });
    request.identity = null;
    renewCsrfSecret(request, reply);
    return reply.render('platform/auth/views/signed-out.njk', { title: 'You have signed out' });
  });
}
