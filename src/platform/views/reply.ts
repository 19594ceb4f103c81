import type { FastifyInstance, FastifyReply } from 'fastify';
import { allows } from '../access/roles.js';
import { abilityNamed, can } from '../access/abilities.js';
import type { NavigationItem } from '../module.js';
import { createViewEnvironment } from './render.js';

const flashCookie = 'steward_flash';
let shared: ReturnType<typeof createViewEnvironment> | null = null;

/**
 * A page's HTML with no request behind it: for public pages kept in memory and served to anyone,
 * which carry no CSRF token, flash or identity.
 */
export function renderHtml(template: string, context: Record<string, unknown>) {
  shared ??= createViewEnvironment();
  return shared.render(template, context);
}

/** Gives every reply `render()` (a page in the layout) and `flash()` (a message for the next page). */
export function setUpViews(app: FastifyInstance, navigation: NavigationItem[]) {
  const env = createViewEnvironment();
  shared = env;

  app.decorateReply('flash', function (this: FastifyReply, message: string) {
    return this.setCookie(flashCookie, message, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      signed: true,
      secure: app.steward.config.secureCookies,
    });
  });

  app.decorateReply('render', async function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const request = this.request;
    const identity = request.identity;
    let flash: string | undefined;
    const raw = request.cookies[flashCookie];
    if (raw) {
      const unsigned = request.unsignCookie(raw);
      if (unsigned.valid && unsigned.value) flash = unsigned.value;
      this.clearCookie(flashCookie, { path: '/' });
    }
    const path = request.url.split('?')[0] ?? '/';
    const items = navigation
      .filter((n) => identity && allows(n.access, identity.role))
      .map((n) => ({
        text: n.text,
        href: n.href,
        active: n.href === '/' ? path === '/' : path === n.href || path.startsWith(`${n.href}/`),
      }));
    const html = env.render(template, {
      identity,
      // Templates ask for abilities by name: {% if can('tickets.work') %}.
      can: (name: string) => can(identity, abilityNamed(name)),
      navigation: items,
      organisationCount: identity?.organisationCount ?? 0,
      csrfToken: this.generateCsrf(),
      cspNonce: (this as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script,
      currentPath: path,
      flash,
      ...context,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
}
