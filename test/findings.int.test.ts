import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from './support/app.js';
import { signedInClient, type Client } from './support/client.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { addTeamMember, createTeam } from '../src/modules/teams/index.js';
import { createService } from '../src/modules/service-desk/catalogue/service.js';
import { createTicket } from '../src/modules/service-desk/tickets/service.js';
import { createArticle } from '../src/modules/service-desk/knowledge/service.js';

/**
 * The security test's findings, each as it was reported: these failed before the foundation was
 * hardened. The hostile-input corpus (test/hostile.int.test.ts) covers the same classes on every route.
 */
describe.each(testDatabases())('the security findings, one by one (%s)', (dialect) => {
  let t: TestApp;
  let a: SeededOrganisation;
  let b: SeededOrganisation;
  let agentOfB: Client;
  let managerOfB: Client;
  let viewerOfA: Client;
  let teamOfA: number;
  let serviceOfA: number;
  let ticketOfB: string;
  let gif: Buffer;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const db = t.database.db;
    a = await seedOrganisation(t, 'Ashby Council');
    b = await seedOrganisation(t, 'Brantwood Council');
    teamOfA = await createTeam(db, systemActor('test', a.id), a.id, 'Ashby service desk');
    await addTeamMember(db, systemActor('test', a.id), a.id, teamOfA, a.people.agent.id);
    serviceOfA = await createService(db, systemActor('test', a.id), a.id, {
      name: 'Ashby email',
      description: 'Email',
      hours: 'Office hours',
      teamId: teamOfA,
      visibleToStaff: true,
    });
    const teamOfB = await createTeam(db, systemActor('test', b.id), b.id, 'Brantwood desk');
    await addTeamMember(db, systemActor('test', b.id), b.id, teamOfB, b.people.agent.id);
    ({ reference: ticketOfB } = await createTicket(db, systemActor('test', b.id), b.id, {
      kind: 'incident',
      title: 'Brantwood: payroll export fails',
      description: 'Since the upgrade',
      requesterId: b.people.requester.id,
      impact: 2,
      urgency: 2,
    }));
    await createArticle(db, systemActor('test', a.id), a.id, {
      title: 'Resetting your password',
      body: 'Go to the portal.',
      audience: 'staff',
      serviceId: undefined,
      reviewOn: undefined,
    });
    agentOfB = await signedInClient(t.app, b.people.agent.email, testPassword);
    managerOfB = await signedInClient(t.app, b.people.manager.email, testPassword);
    viewerOfA = await signedInClient(t.app, a.people.viewer.email, testPassword);
    // A one-pixel GIF.
    gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  }, 120_000);
  afterAll(() => t.close());

  it('refuses to tie one organisation’s ticket to another’s team and agent, and tells nothing of them', async () => {
    const outboxBefore = await t.database.db.selectFrom('outbox').select('id').execute();
    const res = await agentOfB.json('PATCH', `/api/v1/tickets/${ticketOfB}`, { teamId: teamOfA, assigneeId: a.people.agent.id });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['assigneeId', 'teamId']);
    // The same answer whether or not A's agent is in A's team: nothing about A can be learned.
    const other = await agentOfB.json('PATCH', `/api/v1/tickets/${ticketOfB}`, { teamId: teamOfA, assigneeId: a.people.manager.id });
    expect(other.json()).toEqual(res.json());
    const ticket = await t.database.db
      .selectFrom('tickets')
      .where('reference', '=', ticketOfB)
      .where('organisation_id', '=', b.id)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(ticket.team_id).not.toBe(teamOfA);
    expect(ticket.assignee_id).toBeNull();
    expect(await t.database.db.selectFrom('outbox').select('id').execute()).toHaveLength(outboxBefore.length);
  });

  it('refuses another organisation’s SLA policy on a service', async () => {
    const policyOfB = await t.database.db.selectFrom('sla_policies').where('organisation_id', '=', b.id).select('id').executeTakeFirst();
    const policyId = policyOfB?.id ?? 999_999;
    await managerOfB.get('/service-desk/catalogue/new');
    const res = await managerOfB.post('/service-desk/catalogue', {
      name: 'Brantwood HR',
      description: 'HR',
      hours: 'Office hours',
      slaPolicyId: String(policyId + 1000),
      visibleToStaff: 'yes',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#slaPolicyId"');
    const services = await t.database.db.selectFrom('services').where('organisation_id', '=', b.id).select('name').execute();
    expect(services.map((s) => s.name)).not.toContain('Brantwood HR');
    // And A's service cannot be reached by B at all.
    expect((await managerOfB.get(`/service-desk/catalogue/${serviceOfA}`)).statusCode).toBe(404);
  });

  it('keeps viewers read-only on every page: no tickets, no article feedback, no saved views', async () => {
    await viewerOfA.get('/portal/report');
    const before = await t.database.db.selectFrom('tickets').select('id').execute();
    const report = await viewerOfA.post('/portal/report', { title: 'P1: everything is down', description: 'Raise it', impact: '1', urgency: '1' });
    expect(report.statusCode).toBe(403);
    expect(await t.database.db.selectFrom('tickets').select('id').execute()).toHaveLength(before.length);
    const article = await t.database.db.selectFrom('articles').where('organisation_id', '=', a.id).select('id').executeTakeFirstOrThrow();
    expect((await viewerOfA.post(`/knowledge/${article.id}/feedback`, { helpful: 'yes' })).statusCode).toBe(403);
    expect((await viewerOfA.post('/service-desk/views', { name: 'Mine', query: 'queue=open' })).statusCode).toBe(403);
    expect(await t.database.db.selectFrom('saved_views').select('id').execute()).toHaveLength(0);
  });

  it('answers CR/LF in a saved view or returnTo with a message, not a raw 500', async () => {
    await agentOfB.get('/service-desk');
    const view = await agentOfB.post('/service-desk/views', { name: 'Evil', query: 'queue=open\r\nLocation: https://evil.example' });
    expect(view.statusCode).toBe(400);
    expect(view.body).toContain('This must be on one line');
    expect((await agentOfB.get('/sign-in?returnTo=%2F%0D%0ASet-Cookie%3A%20x%3D1')).statusCode).toBeLessThan(500);
  });

  it('answers a cursor holding objects or arrays with a message, not a 500', async () => {
    for (const bad of [{ id: { a: 1 } }, [1, 2], { id: 1, c: ['x'] }]) {
      const after = Buffer.from(JSON.stringify(bad)).toString('base64url');
      const res = await agentOfB.json('GET', `/api/v1/tickets?after=${after}`);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('after');
    }
  });

  it('names a download after what the file really is: poly.html that is a GIF downloads as poly.gif', async () => {
    await agentOfB.get(`/service-desk/tickets/${ticketOfB}`);
    const res = await agentOfB.upload(`/service-desk/tickets/${ticketOfB}/attachments`, {}, { filename: 'poly.html', type: 'text/html', data: gif });
    expect(res.statusCode).toBe(303);
    const file = await t.database.db
      .selectFrom('ticket_attachments')
      .where('organisation_id', '=', b.id)
      .select(['id', 'filename', 'content_type'])
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ filename: 'poly.gif', content_type: 'image/gif' });
    const download = await agentOfB.get(`/service-desk/tickets/${ticketOfB}/attachments/${file.id}`);
    expect(download.headers['content-disposition']).toContain('poly.gif');
  });

  it('refuses NUL, right-to-left overrides and halves of characters in titles, with a message on the field', async () => {
    for (const title of ['Printer\u0000jam', 'Invoice \u202Egpj.exe', 'Broken \uD800 half']) {
      const res = await agentOfB.json('POST', '/api/v1/tickets', { kind: 'incident', title, description: 'A test' });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([expect.objectContaining({ field: 'title' })]);
    }
    expect(await t.database.db.selectFrom('tickets').where('organisation_id', '=', b.id).select('id').execute()).toHaveLength(1);
  });
});
