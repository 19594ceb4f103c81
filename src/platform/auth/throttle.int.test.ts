import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type TestApp } from '../../../test/support/app.js';
import { sql } from 'kysely';
import { setActive } from '../people/service.js';
import { accountLimit, addressLimit, deviceLimit } from './throttle.js';

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

  /** Signs in with the right password at `address` and keeps only the device cookie the browser is given. */
  async function trustedBrowser(address: string, email: string) {
    const b = await browser(address);
    const res = await attempt(b, email, testPassword);
    expect(res.statusCode).toBe(303);
    const device = cookiesOf(res).get('steward_device');
    expect(device).toBeTruthy();
    return browser(address, new Map([['steward_device', device!]]));
  }

  async function fillAddress(address: string) {
    const b = await browser(address);
    for (let i = 0; i < addressLimit; i++) expect((await attempt(b, `someone-${i}@nat.example`, 'wrong-password-entirely')).statusCode).toBe(401);
  }

  it('lets a browser that signed in before past an address locked by failures, but no other browser', async () => {
    const org = await seedOrganisation(t, 'Office Borough');
    const address = '10.3.0.1';
    const trusted = await trustedBrowser(address, org.people.viewer.email);
    await fillAddress(address);
    // A browser with no device cookie, even with the right password, waits.
    expect((await attempt(await browser(address), org.people.agent.email, testPassword)).statusCode).toBe(429);
    // The trusted browser signs in its own person...
    expect((await attempt(trusted, org.people.viewer.email, testPassword)).statusCode).toBe(303);
    // ...but its cookie does not vouch for anyone else.
    expect((await attempt(await browser(address, new Map(trusted.cookies)), org.people.agent.email, testPassword)).statusCode).toBe(429);
  });

  it('lets a trusted browser in while its account is locked out for untrusted browsers', async () => {
    const org = await seedOrganisation(t, 'Target Borough');
    const trusted = await trustedBrowser('10.3.0.2', org.people.manager.email);
    const attacker = await browser('10.3.0.3');
    for (let i = 0; i < accountLimit; i++) expect((await attempt(attacker, org.people.manager.email, `wrong-password-${i}`)).statusCode).toBe(401);
    expect((await attempt(attacker, org.people.manager.email, testPassword)).statusCode).toBe(429);
    expect((await attempt(await browser('10.3.0.4'), org.people.manager.email, testPassword)).statusCode).toBe(429);
    expect((await attempt(trusted, org.people.manager.email, testPassword)).statusCode).toBe(303);
  });

  it('counts a device cookie’s failures on their own, so a stolen cookie is locked out by itself', async () => {
    const org = await seedOrganisation(t, 'Stolen Borough');
    const stolen = await trustedBrowser('10.3.0.5', org.people.admin.email);
    for (let i = 0; i < deviceLimit; i++) expect((await attempt(stolen, org.people.admin.email, `wrong-password-${i}`)).statusCode).toBe(401);
    expect((await attempt(stolen, org.people.admin.email, testPassword)).statusCode).toBe(429);
    // The person, from another browser, is not locked out by what the thief did.
    expect((await attempt(await browser('10.3.0.6'), org.people.admin.email, testPassword)).statusCode).toBe(303);
  });

  it('does not trust a forged or altered device cookie', async () => {
    const org = await seedOrganisation(t, 'Forged Borough');
    const address = '10.3.0.7';
    const trusted = await trustedBrowser(address, org.people.requester.email);
    const real = trusted.cookies.get('steward_device')!;
    await fillAddress(address);
    const forgeries = [
      `${real.slice(0, -2)}${real.endsWith('AA') ? 'BB' : 'AA'}`,
      real.replace(/^\d+/, String(org.people.agent.id)),
      `${org.people.requester.id}.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
      'nonsense',
    ];
    for (const forged of forgeries) {
      const b = await browser(address, new Map([['steward_device', forged]]));
      expect((await attempt(b, org.people.requester.email, testPassword)).statusCode).toBe(429);
    }
    expect((await attempt(trusted, org.people.requester.email, testPassword)).statusCode).toBe(303);
  });

  it('answers a disabled person’s right password exactly as a wrong one, and counts it as a failure', async () => {
    const org = await seedOrganisation(t, 'Disabled Borough');
    const admin = org.people.admin;
    await setActive(t.database.db, { personId: admin.id, label: admin.email, organisationId: org.id }, org.id, org.people.agent.id, false);
    const b = await browser('10.3.0.8');
    const right = await attempt(b, org.people.agent.email, testPassword);
    const wrong = await attempt(b, org.people.agent.email, 'not-the-password-at-all');
    expect(right.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const summary = (body: string) => /<div class="govuk-error-summary[\s\S]*?<\/div>\s*<\/div>/.exec(body)?.[0];
    expect(summary(right.body)).toBeTruthy();
    expect(summary(right.body)).toBe(summary(wrong.body));
    expect(right.body).toContain('Enter a correct email address and password');
    expect(right.body).not.toContain('not active');
    for (let i = 2; i < accountLimit; i++) await attempt(b, org.people.agent.email, testPassword);
    expect((await attempt(b, org.people.agent.email, testPassword)).statusCode).toBe(429);
    const failures = await t.database.db
      .selectFrom('sign_in_failures')
      .where('key', '=', `account:${org.people.agent.email}`)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(failures.n)).toBe(accountLimit);
  });
});
