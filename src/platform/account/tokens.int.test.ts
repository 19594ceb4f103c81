import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, testPasswordCost, type TestApp } from '../../../test/support/app.js';
import { Client, signedInClient } from '../../../test/support/client.js';
import { systemActor } from '../audit/audit.js';
import { setPassword } from '../people/service.js';

/** Personal API tokens: made only from a signed-in browser with the password, ended with the password or the membership. */
describe.each(testDatabases())('personal API tokens (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  const tokensCount = async () => (await t.database.db.selectFrom('api_tokens').select('id').execute()).length;
  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

  async function newToken(client: Client, password = testPassword) {
    await client.get('/account');
    const res = await client.post('/account/tokens', { name: 'Script', password });
    expect(res.statusCode).toBe(200);
    return /data-testid="new-token">([^<]+)</.exec(res.body)![1]!;
  }

  it('needs the person’s password to make a token, and says so in an error summary', async () => {
    const org = await seedOrganisation(t, 'Token Borough');
    const client = await signedInClient(t.app, org.people.agent.email, testPassword);
    const before = await tokensCount();
    await client.get('/account');
    const none = await client.post('/account/tokens', { name: 'Script' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('govuk-error-summary');
    expect(none.body).toContain('Enter your password');
    const wrong = await client.post('/account/tokens', { name: 'Script', password: 'not-my-password-at-all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Your password is not right');
    expect(wrong.body).toContain('value="Script"');
    expect(await tokensCount()).toBe(before);
    expect((await me(await newToken(client))).statusCode).toBe(200);
  });

  it('refuses to make a token, or change the password, with a token', async () => {
    const org = await seedOrganisation(t, 'Mint Borough');
    const token = await newToken(await signedInClient(t.app, org.people.admin.email, testPassword));
    const before = await tokensCount();
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' };
    const mint = await t.app.inject({ method: 'POST', url: '/account/tokens', headers: bearer, payload: `name=Another&password=${testPassword}` });
    expect(mint.statusCode).toBe(403);
    expect(mint.body).not.toContain('stw_');
    expect(await tokensCount()).toBe(before);
    const password = await t.app.inject({
      method: 'POST',
      url: '/account/password',
      headers: bearer,
      payload: `currentPassword=${testPassword}&newPassword=another-long-passphrase&confirmPassword=another-long-passphrase`,
    });
    expect(password.statusCode).toBe(403);
    // The password did not change.
    expect((await new Client(t.app).signIn(org.people.admin.email, testPassword)).statusCode).toBe(303);
  });

  it('ends every token and every other session when the password changes', async () => {
    const org = await seedOrganisation(t, 'Password Borough');
    const client = await signedInClient(t.app, org.people.manager.email, testPassword);
    const other = await signedInClient(t.app, org.people.manager.email, testPassword);
    const token = await newToken(client);
    await client.get('/account');
    const changed = await client.post('/account/password', {
      currentPassword: testPassword,
      newPassword: 'another-long-passphrase',
      confirmPassword: 'another-long-passphrase',
    });
    expect(changed.statusCode).toBe(303);
    expect((await me(token)).statusCode).toBe(401);
    expect((await other.get('/')).statusCode).toBe(303);
    expect((await client.get('/')).statusCode).toBe(200);
    const audit = await t.database.db.selectFrom('audit_events').where('entity_type', '=', 'api_token').select('summary').execute();
    expect(audit.map((a) => a.summary).join('\n')).toMatch(/Revoked API token “Script”.*password/);
  });

  it('ends tokens when a password is set for someone (the command line)', async () => {
    const org = await seedOrganisation(t, 'Reset Borough');
    const token = await newToken(await signedInClient(t.app, org.people.viewer.email, testPassword));
    await setPassword(t.database.db, systemActor('cli'), org.people.viewer.id, 'another-long-passphrase', testPasswordCost);
    expect((await me(token)).statusCode).toBe(401);
  });

  it('ends tokens and sessions when the membership is disabled, and they stay ended when it is enabled again', async () => {
    const org = await seedOrganisation(t, 'Disable Borough');
    const person = org.people.requester;
    const client = await signedInClient(t.app, person.email, testPassword);
    const token = await newToken(client);
    const admin = await signedInClient(t.app, org.people.admin.email, testPassword);
    await admin.get(`/admin/people/${person.id}`);
    expect((await admin.post(`/admin/people/${person.id}/status`, { active: '0' })).statusCode).toBe(303);
    expect((await me(token)).statusCode).toBe(401);
    expect((await client.get('/')).statusCode).toBe(303);
    await admin.get(`/admin/people/${person.id}`);
    expect((await admin.post(`/admin/people/${person.id}/status`, { active: '1' })).statusCode).toBe(303);
    expect((await me(token)).statusCode).toBe(401);
    const row = await t.database.db.selectFrom('api_tokens').where('person_id', '=', person.id).select('revoked_at').executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeTruthy();
  });
});
