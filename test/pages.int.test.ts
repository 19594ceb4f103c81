import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from './support/app.js';
import { signedInClient } from './support/client.js';

describe.each(testDatabases())('pages, health and errors (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await seedOrganisation(t, 'Pages Council');
  });
  afterAll(() => t.close());

  it('reports health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('sends a content security policy that allows no inline script without its nonce', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.body).toContain(`<script nonce="${nonce}">`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('shows a helpful 404 page', async () => {
    const client = await signedInClient(t.app, org.people.agent.email, testPassword);
    const res = await client.get('/no/such/page');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
    expect(res.body).toContain('agent of Pages Council');
  });

  it('shows a permission page when a role may not see a page', async () => {
    const client = await signedInClient(t.app, org.people.requester.email, testPassword);
    const res = await client.get('/admin/people');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('You do not have permission to see this page');
  });

  it('escapes what people type', async () => {
    const admin = await signedInClient(t.app, org.people.admin.email, testPassword);
    await admin.get('/admin/organisation');
    await admin.post('/admin/organisation', { name: '<script>alert(1)</script> Council', type: 'district' });
    const home = await admin.get('/');
    expect(home.body).not.toContain('<script>alert(1)</script>');
    expect(home.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Council');
  });

  it('serves the stylesheet built without GOV.UK branding', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/steward.css' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('GDS Transport');
    expect((await t.app.inject({ method: 'GET', url: '/assets/../package.json' })).statusCode).toBe(404);
  });

  it('shows a 500 page with a reference, and problem+json in the API, when something breaks', async () => {
    const { buildApp } = await import('../src/app.js');
    const { loadConfig } = await import('../src/config.js');
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: t.database, logger: false });
    app.get('/broken', { config: { access: 'public' } }, async () => {
      throw new Error('boom');
    });
    app.get('/api/v1/broken', { config: { access: 'public' } }, async () => {
      throw new Error('boom');
    });
    const page = await app.inject({ method: 'GET', url: '/broken' });
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('Sorry, there is a problem with Steward');
    expect(page.body).toMatch(/quote reference <strong>[0-9a-f]{6}-[0-9a-z]+<\/strong>/);
    expect(page.body).not.toContain('boom');
    const api = await app.inject({ method: 'GET', url: '/api/v1/broken' });
    expect(api.statusCode).toBe(500);
    expect(api.json()).toMatchObject({ status: 500 });
    expect(api.body).not.toContain('boom');
  });

  it('answers 503 on /healthz when the database is gone', async () => {
    const other = await startTestApp(dialect);
    await other.database.close();
    const res = await other.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(503);
    await other.app.close();
    await other.database.drop().catch(() => undefined);
  });
});
