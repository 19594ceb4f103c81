import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from './support/app.js';
import { signedInClient } from './support/client.js';

describe.each(testDatabases())('the JSON API (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let token: string;
  const bearer = () => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await seedOrganisation(t, 'Api Council');
    const client = await signedInClient(t.app, org.people.admin.email, testPassword);
    await client.get('/account');
    const created = await client.post('/account/tokens', { name: 'Test script', password: testPassword });
    token = /data-testid="new-token">([^<]+)</.exec(created.body)![1]!;
  });
  afterAll(() => t.close());

  it('answers 401 problem+json to /me without a token or session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, title: 'Sign in required' });
  });

  it('answers who a token belongs to', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ person: { email: org.people.admin.email }, organisation: { name: 'Api Council' }, role: 'admin', via: 'token' });
  });

  it('refuses an unknown token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer stw_nonsense' } });
    expect(res.statusCode).toBe(401);
  });

  it('stores only the hash of a token', async () => {
    const rows = await t.database.db.selectFrom('api_tokens').select(['token_hash', 'hint']).execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.some((r) => token.endsWith(r.hint))).toBe(true);
  });

  it('validates input and names each bad field, writing nothing', async () => {
    const before = (await t.database.db.selectFrom('people').select('id').execute()).length;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: bearer(), payload: { email: 'nope', role: 'wizard' } });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { errors: { field: string; message: string }[] };
    expect(body.errors.map((e) => e.field).sort()).toEqual(['displayName', 'email', 'role']);
    expect((await t.database.db.selectFrom('people').select('id').execute()).length).toBe(before);
  });

  it('creates and updates people through the API', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: bearer(),
      payload: { email: 'new.person@api.example', displayName: 'New Person', role: 'agent', password: 'lantern-orchard-kettle' },
    });
    expect(res.statusCode).toBe(201);
    const id = (res.json() as { id: number }).id;
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/people/${id}`, headers: bearer(), payload: { role: 'manager', active: false } });
    expect(patch.json()).toMatchObject({ role: 'manager', active: false });
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: bearer(),
      payload: { email: 'new.person@api.example', displayName: 'Again', role: 'agent' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ errors: [{ field: 'email' }] });
  });

  it('refuses a role that may not use a route', async () => {
    const viewer = await signedInClient(t.app, org.people.viewer.email, testPassword);
    const res = await viewer.json('GET', '/api/v1/people');
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('needs a CSRF header for a browser session changing data', async () => {
    const admin = await signedInClient(t.app, org.people.admin.email, testPassword);
    admin.csrfToken = undefined;
    const res = await admin.json('PUT', '/api/v1/organisation', { name: 'Changed', type: 'county' });
    expect(res.statusCode).toBe(403);
    const row = await t.database.db.selectFrom('organisations').where('id', '=', org.id).select('name').executeTakeFirstOrThrow();
    expect(row.name).toBe('Api Council');
  });

  it('answers unknown API routes with problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: bearer() });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('publishes an OpenAPI 3 document made from the route schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown>; components: { securitySchemes: object } };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/me',
        '/api/v1/people',
        '/api/v1/people/{id}',
        '/api/v1/audit-events',
        '/api/v1/organisation',
        '/api/v1/systems',
        '/api/v1/systems/{id}/impact',
        '/api/v1/relationships',
        '/api/v1/data-flows',
        '/api/v1/suppliers',
        '/api/v1/contracts',
        '/api/v1/imports',
        '/api/v1/imports/{id}/confirm',
        '/api/v1/capabilities',
      ]),
    );
    expect(Object.keys(doc.paths).some((p) => !p.startsWith('/api/'))).toBe(false);
    expect(doc.components.securitySchemes).toHaveProperty('bearerAuth');
  });

  it('stops a revoked token at once', async () => {
    // A token of its own, so the other tests' token lives on whatever order they run in.
    const client = await signedInClient(t.app, org.people.admin.email, testPassword);
    await client.get('/account');
    const created = await client.post('/account/tokens', { name: 'To be revoked', password: testPassword });
    const revoked = /data-testid="new-token">([^<]+)</.exec(created.body)![1]!;
    const page = await client.get('/account');
    const id = /<td[^>]*>To be revoked<\/td>[\s\S]*?action="\/account\/tokens\/(\d+)\/revoke"/.exec(page.body)![1];
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${revoked}` } });
    expect((await me()).statusCode).toBe(200);
    expect((await client.post(`/account/tokens/${id}/revoke`)).statusCode).toBe(303);
    expect((await me()).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer() })).statusCode).toBe(200);
  });
});
