import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';
import { seedOrganisation, startTestApp, type SeededOrganisation, type TestApp } from './support/app.js';
import { allows, roles, type Role } from '../src/platform/access/roles.js';
import { openSession } from '../src/platform/auth/service.js';

/**
 * Walks every registered route as every role and as a signed-out visitor, and checks the server's
 * answer against what the route declares. A new route is covered the moment it is registered.
 */
describe.each(testDatabases())('who may use each route (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let csrf: { cookie: string; token: string };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await seedOrganisation(t, 'Route Walk Council');
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const cookie = page.cookies.find((c) => c.name === 'steward_csrf')!;
    csrf = { cookie: `steward_csrf=${cookie.value}`, token: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! };
  });
  afterAll(() => t.close());

  const concrete = (url: string) => url.replace(/:[a-zA-Z]+/g, '1').replace('*', 'steward.css');

  async function ask(method: string, url: string, role: Role | null) {
    let cookie = csrf.cookie;
    let csrfToken = csrf.token;
    const unsafe = method !== 'GET';
    if (role) {
      // A fresh session per request, so that a route like sign-out cannot spoil the next one.
      const token = await openSession(t.database.db, t.app.steward.auth, org.people[role].id, org.id, { ip: null, userAgent: null });
      cookie += `; steward_session=${token}`;
      // CSRF tokens are bound to their session: take one from a page of this session.
      if (unsafe) csrfToken = /name="_csrf" value="([^"]+)"/.exec((await t.app.inject({ method: 'GET', url: '/account', headers: { cookie } })).body)![1]!;
    }
    const api = url.startsWith('/api/');
    return t.app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, ...(unsafe ? { 'x-csrf-token': csrfToken } : {}) },
      ...(unsafe
        ? api
          ? { payload: {} }
          : { payload: `_csrf=${encodeURIComponent(csrfToken)}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } }
        : {}),
    });
  }

  it('has routes to walk, each declaring its access', () => {
    expect(t.app.steward.routes.length).toBeGreaterThan(20);
  });

  it('answers every route as its declaration says, for every role', async () => {
    const failures: string[] = [];
    for (const route of t.app.steward.routes) {
      const url = concrete(route.url);
      for (const role of [null, ...roles]) {
        const res = await ask(route.method, url, role);
        const allowed = allows(route.access, role);
        const refused = res.statusCode === 401 || res.statusCode === 403 || (res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in'));
        const label = `${route.method} ${url} as ${role ?? 'signed-out visitor'}: ${res.statusCode}`;
        if (allowed && refused && !(route.url === '/sign-in' && res.statusCode === 303)) failures.push(`${label} (should be allowed)`);
        if (!allowed && !refused) failures.push(`${label} (should be refused)`);
        if (!allowed && role && res.statusCode !== 403) failures.push(`${label} (should be 403)`);
        if (res.statusCode >= 500) failures.push(`${label} (server error)`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
