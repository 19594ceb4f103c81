import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type TestApp } from '../../../test/support/app.js';
import { accountLimit, addressLimit } from './throttle.js';

/** Sign-in attempts as browsers at given addresses make them, each test with addresses of its own. */
describe.each(testDatabases())('sign-in throttling (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  const cookiesOf = (res: LightMyRequestResponse) => new Map(res.cookies.filter((c) => c.value !== '').map((c) => [c.name, c.value]));
  const header = (cookies: Map<string, string>) => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  /** A browser at `address`: its cookies, and the CSRF token of the sign-in page it last loaded. */
  async function browser(address: string, cookies = new Map<string, string>()) {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress: address, headers: { cookie: header(cookies) } });
    for (const [k, v] of cookiesOf(page)) cookies.set(k, v);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    return { address, cookies, csrf };
  }

  async function attempt(b: Awaited<ReturnType<typeof browser>>, email: string, password: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      remoteAddress: b.address,
      payload: new URLSearchParams({ email, password, _csrf: b.csrf }).toString(),
      headers: { cookie: header(b.cookies), 'content-type': 'application/x-www-form-urlencoded' },
    });
    return res;
  }

  const count = (answers: LightMyRequestResponse[], status: number) => answers.filter((r) => r.statusCode === status).length;

  it('throttles wrong passwords sent at once for one account: at most the limit are checked', async () => {
    const org = await seedOrganisation(t, 'Parallel Borough');
    const b = await browser('10.2.0.1');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(b, org.people.viewer.email, `wrong-password-${i}`)));
    expect(count(answers, 401) + count(answers, 429)).toBe(12);
    expect(count(answers, 401)).toBeLessThanOrEqual(accountLimit);
    expect(count(answers, 429)).toBeGreaterThanOrEqual(12 - accountLimit);
  });

  it('throttles wrong passwords sent at once from one address: at most the limit are checked', async () => {
    const b = await browser('10.2.0.2');
    const tries = addressLimit + 10;
    const answers = await Promise.all(Array.from({ length: tries }, (_, i) => attempt(b, `nobody-${i}@parallel.example`, 'wrong-password-entirely')));
    expect(count(answers, 401) + count(answers, 429)).toBe(tries);
    expect(count(answers, 401)).toBeLessThanOrEqual(addressLimit);
    expect(count(answers, 429)).toBeGreaterThanOrEqual(10);
  });

  it('one at a time, the attempt after the limit is refused and a right password clears the count', async () => {
    const org = await seedOrganisation(t, 'Serial Borough');
    const b = await browser('10.2.0.3');
    for (let i = 0; i < accountLimit - 1; i++) expect((await attempt(b, org.people.agent.email, `wrong-password-${i}`)).statusCode).toBe(401);
    expect((await attempt(b, org.people.agent.email, testPassword)).statusCode).toBe(303);
    for (let i = 0; i < accountLimit; i++) expect((await attempt(b, org.people.agent.email, `wrong-password-${i}`)).statusCode).toBe(401);
    expect((await attempt(b, org.people.agent.email, testPassword)).statusCode).toBe(429);
  });
});
