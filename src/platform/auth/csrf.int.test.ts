import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { Client, signedInClient } from '../../../test/support/client.js';

/** CSRF tokens belong to one session and one CSRF secret, and the secret is renewed at sign-in and sign-out. */
describe.each(testDatabases())('CSRF tokens and sessions (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await seedOrganisation(t, 'Forgery Borough');
  });
  afterAll(() => t.close());

  const signedIn = async (client: Client) => (await client.get('/account')).statusCode === 200;

  it('refuses, once signed in, a token from before sign-in', async () => {
    const client = new Client(t.app);
    const signIn = await client.signIn(org.people.agent.email, testPassword);
    expect(signIn.statusCode).toBe(303);
    // The sign-in page's token is still the client's last; the new session must not accept it.
    const before = client.csrfToken;
    expect(before).toBeTruthy();
    expect((await client.post('/sign-out')).statusCode).toBe(403);
    expect(await signedIn(client)).toBe(true);
    // A page of the session gives a token that works.
    expect(client.csrfToken).not.toBe(before);
    expect((await client.post('/sign-out')).statusCode).toBe(200);
  });

  it('renews the CSRF secret at sign-in and at sign-out', async () => {
    const client = new Client(t.app);
    await client.get('/sign-in');
    const secretBefore = client.cookies.get('steward_csrf');
    expect(secretBefore).toBeTruthy();
    await client.post('/sign-in', { email: org.people.manager.email, password: testPassword });
    await client.get('/');
    const secretSignedIn = client.cookies.get('steward_csrf');
    expect(secretSignedIn).toBeTruthy();
    expect(secretSignedIn).not.toBe(secretBefore);
    const tokenSignedIn = client.csrfToken;
    const out = await client.post('/sign-out');
    expect(out.statusCode).toBe(200);
    expect(client.cookies.get('steward_csrf')).toBeTruthy();
    expect(client.cookies.get('steward_csrf')).not.toBe(secretSignedIn);
    // The session's token does not sign in again; the sign-in page's new one does.
    expect(client.csrfToken).toBe(tokenSignedIn);
    expect((await client.post('/sign-in', { email: org.people.manager.email, password: testPassword })).statusCode).toBe(403);
    await client.get('/sign-in');
    expect(client.csrfToken).not.toBe(tokenSignedIn);
    expect((await client.post('/sign-in', { email: org.people.manager.email, password: testPassword })).statusCode).toBe(303);
  });

  it('refuses a token of one session in another, even with that session’s CSRF cookie', async () => {
    const a = await signedInClient(t.app, org.people.admin.email, testPassword);
    const b = await signedInClient(t.app, org.people.viewer.email, testPassword);
    // b's browser is given a's CSRF cookie and token (planted by someone with a's session), keeping its own session.
    b.cookies.set('steward_csrf', a.cookies.get('steward_csrf')!);
    b.csrfToken = a.csrfToken;
    expect((await b.post('/sign-out')).statusCode).toBe(403);
    expect(await signedIn(b)).toBe(true);
    // The same session (a) still uses its own token.
    expect((await a.post('/sign-out')).statusCode).toBe(200);
  });

  it('keeps the sign-in page working before there is a session', async () => {
    const client = new Client(t.app);
    const page = await client.get('/sign-in');
    expect(page.statusCode).toBe(200);
    expect(client.csrfToken).toBeTruthy();
    expect((await client.post('/sign-in', { email: org.people.requester.email, password: testPassword })).statusCode).toBe(303);
  });
});
