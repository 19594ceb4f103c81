import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { Client, signedInClient } from '../../../test/support/client.js';
import { accountLimit } from './throttle.js';

describe.each(testDatabases())('signing in and out (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await seedOrganisation(t, 'Northdale District Council');
  });
  afterAll(() => t.close());

  it('sends a signed-out visitor to the sign-in page', async () => {
    const res = await new Client(t.app).get('/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2F');
  });

  it('signs in with email and password and shows the home page with every area', async () => {
    const client = await signedInClient(t.app, org.people.manager.email.toUpperCase(), testPassword);
    const home = await client.get('/');
    expect(home.statusCode).toBe(200);
    for (const area of [
      'Service desk',
      'Tech estate',
      'Suppliers and contracts',
      'Cyber and risk',
      'Data',
      'People and skills',
      'Strategy and governance',
      'Telling people',
    ]) {
      expect(home.body).toContain(area);
    }
    expect(home.body).toContain('Northdale District Council');
    expect(home.body).not.toContain('Change organisation');
  });

  it('gives a new session id at every sign-in', async () => {
    const a = await signedInClient(t.app, org.people.agent.email, testPassword);
    const b = await signedInClient(t.app, org.people.agent.email, testPassword);
    expect(a.cookies.get('steward_session')).toBeTruthy();
    expect(a.cookies.get('steward_session')).not.toBe(b.cookies.get('steward_session'));
  });

  it('refuses a wrong password with an error summary and no session', async () => {
    const client = new Client(t.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: org.people.viewer.email, password: 'not-the-password' });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain('Enter a correct email address and password');
    expect(client.cookies.has('steward_session')).toBe(false);
  });

  it('names the missing fields', async () => {
    const client = new Client(t.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: '', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#email"');
    expect(res.body).toContain('Enter your password');
  });

  it('refuses a sign-in without the CSRF token', async () => {
    const client = new Client(t.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: org.people.admin.email, password: testPassword }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(client.cookies.has('steward_session')).toBe(false);
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
    const email = org.people.requester.email;
    const client = new Client(t.app);
    await client.get('/sign-in');
    for (let i = 0; i < accountLimit; i++) await client.post('/sign-in', { email, password: `wrong-password-${i}` });
    const res = await client.post('/sign-in', { email, password: testPassword });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('too many failed attempts');
    await t.database.db.deleteFrom('sign_in_failures').execute();
  });

  it('ends the session at sign-out so the old cookie no longer works', async () => {
    const client = await signedInClient(t.app, org.people.admin.email, testPassword);
    const cookie = client.cookies.get('steward_session')!;
    const out = await client.post('/sign-out');
    expect(out.statusCode).toBe(200);
    expect(out.body).toContain('You have signed out');
    const replay = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `steward_session=${cookie}` } });
    expect(replay.statusCode).toBe(303);
  });

  it('ends a session left idle past the idle timeout', async () => {
    const client = await signedInClient(t.app, org.people.admin.email, testPassword);
    const longAgo = new Date(Date.now() - 31 * 60_000).toISOString();
    await t.database.db.updateTable('sessions').set({ last_seen_at: longAgo }).execute();
    expect((await client.get('/')).statusCode).toBe(303);
  });

  it('ends a session past its absolute limit however active', async () => {
    const client = await signedInClient(t.app, org.people.admin.email, testPassword);
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect((await client.get('/')).statusCode).toBe(303);
  });

  it('returns to the page asked for, but never to another site', async () => {
    const client = new Client(t.app);
    await client.get('/sign-in?returnTo=/admin/people');
    let res = await client.post('/sign-in', { email: org.people.admin.email, password: testPassword, returnTo: '/admin/people' });
    expect(res.headers.location).toBe('/admin/people');
    const other = new Client(t.app);
    await other.get('/sign-in');
    res = await other.post('/sign-in', { email: org.people.admin.email, password: testPassword, returnTo: '//evil.example/' });
    expect(res.headers.location).toBe('/');
  });

  it('never leaves the site after sign-in, whatever returnTo hides (tab, CR/LF, backslash, encodings)', async () => {
    const tricks = [
      '%2F%09%2F127.0.0.1%3A3199%2Fphish',
      '%2F%0D%0ASet-Cookie%3A%20x%3D1',
      '%2F%0ALocation%3A%20https%3A%2F%2Fevil.example',
      '%2F%5Cevil.example',
      '%2F%2Fevil.example',
      'https%3A%2F%2Fevil.example',
      '%2F%252F%252Fevil.example',
    ];
    for (const trick of tricks) {
      const client = new Client(t.app);
      const page = await client.get(`/sign-in?returnTo=${trick}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('name="returnTo" value="/"');
      const res = await client.post('/sign-in', { email: org.people.admin.email, password: testPassword, returnTo: decodeURIComponent(trick) });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/');
      // Signed in already: the page itself redirects, and must not go elsewhere either.
      const again = await client.get(`/sign-in?returnTo=${trick}`);
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toBe('/');
    }
  });
});
