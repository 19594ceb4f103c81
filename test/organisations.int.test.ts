import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from './support/app.js';
import { type Client, signedInClient } from './support/client.js';
import { createToken } from '../src/platform/tokens/service.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { addPerson } from '../src/platform/people/service.js';
import { unique } from './support/factories.js';

/** A shared IT service: two councils on one installation must never see each other's records. */
describe.each(testDatabases())('organisations and isolation (%s)', (dialect) => {
  let t: TestApp;
  let a: SeededOrganisation;
  let b: SeededOrganisation;
  let adminA: Client;
  let bToken: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    a = await seedOrganisation(t, 'Ashford Vale Council');
    b = await seedOrganisation(t, 'Brockley Borough Council');
    adminA = await signedInClient(t.app, a.people.admin.email, testPassword);
    bToken = (await createToken(t.database.db, systemActor('test', b.id), b.people.admin.id, b.id, 'B script')).token;
  });
  afterAll(() => t.close());

  it('lists only its own people, on the page and in the API', async () => {
    const page = await adminA.get('/admin/people');
    expect(page.body).toContain(a.people.viewer.email);
    expect(page.body).not.toContain('brockley');
    const aToken = (await createToken(t.database.db, systemActor('test', a.id), a.people.admin.id, a.id, 'A script')).token;
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: { authorization: `Bearer ${aToken}` } });
    expect(api.statusCode).toBe(200);
    const emails = (api.json() as { items: { email: string }[] }).items.map((p) => p.email);
    expect(emails).toContain(a.people.agent.email);
    expect(emails.some((e) => e.includes('brockley'))).toBe(false);
  });

  it('answers 404 for another organisation’s person, and changes nothing', async () => {
    expect((await adminA.get(`/admin/people/${b.people.agent.id}`)).statusCode).toBe(404);
    await adminA.get('/admin/people');
    const post = await adminA.post(`/admin/people/${b.people.agent.id}/role`, { role: 'admin' });
    expect(post.statusCode).toBe(404);
    const member = await t.database.db.selectFrom('memberships').where('person_id', '=', b.people.agent.id).select('role').executeTakeFirstOrThrow();
    expect(member.role).toBe('agent');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/people/${a.people.agent.id}`, headers: { authorization: `Bearer ${bToken}` } });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${a.people.agent.id}`,
      payload: { role: 'admin' },
      headers: { authorization: `Bearer ${bToken}` },
    });
    expect(patch.statusCode).toBe(404);
  });

  it('shows only its own audit events', async () => {
    const page = await adminA.get('/admin/audit?by=all');
    expect(page.body).toContain(a.people.viewer.email);
    expect(page.body).not.toContain('brockley');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: { authorization: `Bearer ${bToken}` } });
    const text = JSON.stringify(api.json());
    expect(text).toContain('brockley');
    expect(text).not.toContain('ashford');
  });

  it('scopes a token to its organisation', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${bToken}` } });
    expect(me.json()).toMatchObject({ organisation: { name: 'Brockley Borough Council' }, role: 'admin', via: 'token' });
  });

  it('refuses to switch into an organisation the person does not belong to', async () => {
    await adminA.get('/organisation/switch');
    const res = await adminA.post('/organisation/switch', { organisationId: String(b.id) });
    expect(res.statusCode).toBe(400);
    expect((await adminA.get('/')).body).toContain('Ashford Vale Council');
  });

  it('lets a person in two organisations switch between them, with a switcher shown', async () => {
    // Someone of the shared service's own, in both councils (their email names neither, so B's audit log stays B's).
    const email = `shared.${unique()}@shared-service.example`;
    await addPerson(t.database.db, systemActor('test', a.id), a.id, { email, displayName: 'Sam Shared', role: 'manager', password: testPassword }, 10);
    await addPerson(t.database.db, systemActor('test', b.id), b.id, { email, displayName: 'Sam Shared', role: 'viewer' }, 10);
    const client = await signedInClient(t.app, email, testPassword);
    const home = await client.get('/');
    expect(home.body).toContain('Change organisation');
    await client.get('/organisation/switch');
    const res = await client.post('/organisation/switch', { organisationId: String(b.id) });
    expect(res.statusCode).toBe(303);
    const after = await client.get('/');
    expect(after.body).toContain('Brockley Borough Council');
    const me = await client.json('GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ organisation: { id: b.id }, role: 'viewer' });
  });

  it('sets the organisation’s name and type, refusing bad input', async () => {
    await adminA.get('/admin/organisation');
    const bad = await adminA.post('/admin/organisation', { name: '', type: 'parish' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the organisation’s name');
    expect(bad.body).toContain('Choose the type of organisation');
    const ok = await adminA.post('/admin/organisation', { name: 'Ashford Vale Unitary Council', type: 'unitary' });
    expect(ok.statusCode).toBe(303);
    const row = await t.database.db.selectFrom('organisations').where('id', '=', a.id).selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Ashford Vale Unitary Council', type: 'unitary' });
  });

  it('lets an admin add a new organisation and become its administrator', async () => {
    await adminA.get('/admin/organisations/new');
    const res = await adminA.post('/admin/organisations', { name: 'Coldharbour Fire Authority', type: 'fire' });
    expect(res.statusCode).toBe(303);
    const page = await adminA.get('/organisation/switch');
    expect(page.body).toContain('Coldharbour Fire Authority');
  });
});
