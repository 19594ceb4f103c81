import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { type Client, signedInClient } from '../../../test/support/client.js';
import { addTeamMember, createTeam } from '../teams/index.js';
import { createService } from './catalogue/service.js';
import { rebuildStats } from './dashboard/queries.js';
import { addPerson, createServiceArea, systemActor } from '../../platform/index.js';

describe.each(testDatabases())('the service desk (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let agent: Client;
  let requester: Client;
  let serviceId: number;
  let teamId: number;
  let otherTeamMember: number;
  // References are numbered per organisation, so a reference is looked up in this file's organisation.
  const ticket = (reference: string) =>
    t.database.db.selectFrom('tickets').where('organisation_id', '=', org.id).where('reference', '=', reference).selectAll().executeTakeFirstOrThrow();
  // Tickets are counted in this file's organisation, whatever other organisations hold.
  const count = async (table: 'tickets' | 'ticket_events' | 'audit_events') => {
    let q = t.database.db.selectFrom(table).select(sql<number>`count(*)`.as('n'));
    if (table === 'tickets') q = q.where(sql.ref('organisation_id'), '=', org.id);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  async function report(client: Client, fields: Record<string, string>) {
    await client.get('/portal/report');
    return client.post('/portal/report', fields);
  }
  const referenceFrom = (location: unknown) => /\/(INC|REQ)-\d{6}$/.exec(String(location))![0].slice(1);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await seedOrganisation(t, 'Desk Council');
    const actor = systemActor('test', org.id);
    teamId = await createTeam(t.database.db, actor, org.id, 'Service desk');
    await addTeamMember(t.database.db, actor, org.id, teamId, org.people.agent.id);
    const other = await createTeam(t.database.db, actor, org.id, 'Infrastructure');
    otherTeamMember = (
      await addPerson(t.database.db, actor, org.id, { email: 'infra@desk.example', displayName: 'Infra Person', role: 'agent', password: testPassword }, 10)
    ).personId;
    await addTeamMember(t.database.db, actor, org.id, other, otherTeamMember);
    serviceId = await createService(t.database.db, actor, org.id, {
      name: 'Microsoft 365',
      description: 'Email and Teams',
      hours: 'Office hours',
      teamId,
      visibleToStaff: true,
    });
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    requester = await signedInClient(t.app, org.people.requester.email, testPassword);
  });
  afterAll(() => t.close());

  it('lets a member of staff report a problem, with a reference, priority from the matrix and the service’s team', async () => {
    const res = await report(requester, {
      title: 'Outlook keeps crashing',
      description: 'Since this **morning** the calendar crashes.',
      serviceId: String(serviceId),
      impact: '1',
      urgency: '1',
    });
    expect(res.statusCode).toBe(303);
    const reference = referenceFrom(res.headers.location);
    expect(reference).toMatch(/^INC-\d{6}$/);
    const row = await ticket(reference);
    expect(row).toMatchObject({ priority: 1, status: 'new', team_id: teamId, requester_id: org.people.requester.id, open: 1 });
    expect(row.response_due_at).toBeTruthy();
    expect(row.resolution_due_at! > row.created_at).toBe(true);
    const page = await requester.get(`/portal/tickets/${reference}`);
    expect(page.body).toContain('Your reference is');
    expect(page.body).toContain('<strong>morning</strong>');
  });

  it('refuses an incomplete report, naming each field, and raises nothing', async () => {
    const before = await count('tickets');
    const res = await report(requester, { title: '', description: '', impact: '7' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#title"');
    expect(res.body).toContain('Say whether you can work');
    expect(await count('tickets')).toBe(before);
  });

  it('works a ticket through the workflow, refusing what the workflow forbids', async () => {
    const reference = referenceFrom(
      (await report(requester, { title: 'Teams will not start', description: 'Nothing happens', serviceId: String(serviceId), impact: '3', urgency: '2' }))
        .headers.location,
    );
    await agent.get(`/service-desk/tickets/${reference}`);
    const events = await count('ticket_events');
    const forbidden = await agent.post(`/service-desk/tickets/${reference}/status`, { status: 'closed' });
    expect(forbidden.statusCode).toBe(400);
    expect(forbidden.body).toContain('can only become');
    expect((await ticket(reference)).status).toBe('new');
    expect(await count('ticket_events')).toBe(events);

    const outside = await agent.post(`/service-desk/tickets/${reference}/assign`, { teamId: String(teamId), assigneeId: String(otherTeamMember) });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('not in the team');
    expect((await ticket(reference)).assignee_id).toBeNull();

    expect(
      (await agent.post(`/service-desk/tickets/${reference}/assign`, { teamId: String(teamId), assigneeId: String(org.people.agent.id) })).statusCode,
    ).toBe(303);
    expect(await ticket(reference)).toMatchObject({ status: 'assigned', assignee_id: org.people.agent.id });

    const noCode = await agent.post(`/service-desk/tickets/${reference}/status`, { status: 'resolved' });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.body).toContain('Choose how the ticket was resolved');
    expect(noCode.body).toContain('Say what was done');

    expect(
      (await agent.post(`/service-desk/tickets/${reference}/status`, { status: 'resolved', resolutionCode: 'Fixed', resolutionNotes: 'Repaired Office' }))
        .statusCode,
    ).toBe(303);
    const resolved = await ticket(reference);
    expect(resolved).toMatchObject({ status: 'resolved', open: 0, resolution_code: 'Fixed' });
    expect(resolved.first_response_at).toBeTruthy();
    const timeline = await agent.get(`/service-desk/tickets/${reference}`);
    expect(timeline.body).toMatch(/Status: Assigned → Resolved/);
  });

  it('pauses the clock while awaiting the requester, and a reply from them starts it again', async () => {
    const reference = referenceFrom(
      (await report(requester, { title: 'Shared mailbox missing', description: 'Gone', serviceId: String(serviceId), impact: '3', urgency: '3' })).headers
        .location,
    );
    await agent.get(`/service-desk/tickets/${reference}`);
    await agent.post(`/service-desk/tickets/${reference}/status`, { status: 'awaiting-requester' });
    expect(await ticket(reference)).toMatchObject({ status: 'awaiting-requester', sla_state: 'paused' });
    await requester.get(`/portal/tickets/${reference}`);
    expect((await requester.post(`/portal/tickets/${reference}/reply`, { body: 'It is the planning mailbox' })).statusCode).toBe(303);
    const row = await ticket(reference);
    expect(row.status).toBe('in-progress');
    expect(row.paused_since).toBeNull();
    const pauses = await t.database.db
      .selectFrom('ticket_pauses')
      .innerJoin('tickets', 'tickets.id', 'ticket_pauses.ticket_id')
      .where('tickets.reference', '=', reference)
      .select(['ticket_pauses.ended_at'])
      .execute();
    expect(pauses).toHaveLength(1);
    expect(pauses[0]!.ended_at).toBeTruthy();
  });

  it('never shows an internal note to the requester, on the portal or through the API', async () => {
    const reference = referenceFrom((await report(requester, { title: 'Printer jam', description: 'Floor 2', impact: '3', urgency: '3' })).headers.location);
    await agent.get(`/service-desk/tickets/${reference}`);
    await agent.post(`/service-desk/tickets/${reference}/comments`, { body: 'SECRET-NOTE the supplier owes us', visibility: 'internal' });
    await agent.post(`/service-desk/tickets/${reference}/comments`, { body: 'We are on our way', visibility: 'public' });
    expect((await agent.get(`/service-desk/tickets/${reference}`)).body).toContain('SECRET-NOTE');
    const portal = await requester.get(`/portal/tickets/${reference}`);
    expect(portal.body).toContain('We are on our way');
    expect(portal.body).not.toContain('SECRET-NOTE');
    const api = await requester.json('GET', `/api/v1/tickets/${reference}/comments`);
    expect(api.statusCode).toBe(200);
    expect(api.body).not.toContain('SECRET-NOTE');
    const note = await requester.json('POST', `/api/v1/tickets/${reference}/comments`, { body: 'sneaky', internal: true });
    expect(note.statusCode).toBe(403);
  });

  it('never lets one requester read another’s ticket, through the pages or the API', async () => {
    const reference = referenceFrom(
      (await report(requester, { title: 'Private matter', description: 'About my payslip', impact: '3', urgency: '3' })).headers.location,
    );
    const otherEmail = 'other.requester@desk.example';
    await addPerson(
      t.database.db,
      systemActor('test', org.id),
      org.id,
      { email: otherEmail, displayName: 'Other', role: 'requester', password: testPassword },
      10,
    );
    const other = await signedInClient(t.app, otherEmail, testPassword);
    expect((await other.get(`/portal/tickets/${reference}`)).statusCode).toBe(404);
    expect((await other.get(`/service-desk/tickets/${reference}`)).statusCode).toBe(403);
    expect((await other.json('GET', `/api/v1/tickets/${reference}`)).statusCode).toBe(404);
    const list = await other.json('GET', '/api/v1/tickets');
    expect((list.json() as { items: unknown[] }).items).toEqual([]);
    const search = await other.json('GET', '/api/v1/tickets?q=payslip');
    expect((search.json() as { items: unknown[] }).items).toEqual([]);
    const reply = await other.post(`/portal/tickets/${reference}/reply`, { body: 'hello' });
    expect(reply.statusCode).toBe(404);
  });

  it('reopens within the window and refuses after it', async () => {
    const reference = referenceFrom((await report(requester, { title: 'VPN drops', description: 'Every hour', impact: '3', urgency: '3' })).headers.location);
    await agent.get(`/service-desk/tickets/${reference}`);
    await agent.post(`/service-desk/tickets/${reference}/status`, { status: 'resolved', resolutionCode: 'Fixed', resolutionNotes: 'New profile' });
    await requester.get(`/portal/tickets/${reference}`);
    expect((await requester.post(`/portal/tickets/${reference}/outcome`, { outcome: 'reopen' })).statusCode).toBe(303);
    expect((await ticket(reference)).status).toBe('in-progress');
    await agent.get(`/service-desk/tickets/${reference}`);
    await agent.post(`/service-desk/tickets/${reference}/status`, { status: 'resolved', resolutionCode: 'Fixed', resolutionNotes: 'Again' });
    await t.database.db
      .updateTable('tickets')
      .set({ resolved_at: new Date(Date.now() - 30 * 86_400_000).toISOString() })
      .where('organisation_id', '=', org.id)
      .where('reference', '=', reference)
      .execute();
    await requester.get(`/portal/tickets/${reference}`);
    const late = await requester.post(`/portal/tickets/${reference}/outcome`, { outcome: 'reopen' });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('cannot be reopened');
    expect((await ticket(reference)).status).toBe('resolved');
  });

  it('pages through a queue by keyset without repeating or missing a ticket, and searches', async () => {
    for (let i = 0; i < 5; i++)
      await report(requester, { title: `Keyboard fault number ${i}`, description: 'Keys stick', serviceId: String(serviceId), impact: '3', urgency: '3' });
    const seen: string[] = [];
    let url: string | null = '/service-desk?queue=all&limit=3';
    while (url) {
      const page = await agent.get(url);
      expect(page.statusCode).toBe(200);
      seen.push(...[...page.body.matchAll(/href="\/service-desk\/tickets\/((INC|REQ)-\d{6})"/g)].map((m) => m[1]!));
      url = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? null;
    }
    const total = await count('tickets');
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const found = await agent.get('/service-desk?queue=all&q=keyboard');
    expect([...found.body.matchAll(/Keyboard fault number/g)]).toHaveLength(5);
    const jump = await agent.get(`/service-desk?q=${seen[0]!.toLowerCase()}`);
    expect(jump.statusCode).toBe(303);
  });

  it('raises and works tickets through the API with the same rules', async () => {
    const created = await requester.json('POST', '/api/v1/tickets', { kind: 'incident', title: 'API raised', description: 'From a script' });
    expect(created.statusCode).toBe(201);
    const reference = (created.json() as { reference: string }).reference;
    const bad = await agent.json('PATCH', `/api/v1/tickets/${reference}`, { status: 'closed' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ errors: [{ field: 'status' }] });
    const forRequester = await requester.json('PATCH', `/api/v1/tickets/${reference}`, { status: 'cancelled' });
    expect(forRequester.statusCode).toBe(403);
    // Three unassigned tickets of its own, so there is a second page whatever ran before.
    for (const title of ['API raised again', 'API raised a third time'])
      expect((await requester.json('POST', '/api/v1/tickets', { kind: 'incident', title, description: 'From a script' })).statusCode).toBe(201);
    const list = await agent.json('GET', '/api/v1/tickets?queue=unassigned&limit=2');
    expect((list.json() as { items: unknown[]; next: string | null }).next).toBeTruthy();
  });

  it('shows a declared major incident to staff and links new tickets about the service to it', async () => {
    await agent.get('/service-desk/major-incidents/new');
    const bad = await agent.post('/service-desk/major-incidents', { serviceId: '', title: '', summary: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose the service that is affected');
    const declared = await agent.post('/service-desk/major-incidents', {
      serviceId: String(serviceId),
      title: 'Email is down for everyone',
      summary: 'Use Teams chat meanwhile',
    });
    expect(declared.statusCode).toBe(303);
    const portal = await requester.get('/portal');
    expect(portal.body).toContain('Known problems');
    expect(portal.body).toContain('Email is down for everyone');
    const again = await agent.post('/service-desk/major-incidents', { serviceId: String(serviceId), title: 'Twice', summary: 'x' });
    expect(again.statusCode).toBe(400);
    const reference = referenceFrom(
      (await report(requester, { title: 'No email', description: 'Cannot send', serviceId: String(serviceId), impact: '3', urgency: '3' })).headers.location,
    );
    const incidentId = Number(/\/(\d+)$/.exec(String(declared.headers.location))![1]);
    expect((await ticket(reference)).major_incident_id).toBe(incidentId);
    const page = await agent.get(`/service-desk/major-incidents/${incidentId}`);
    expect(page.body).toContain(reference);
    await agent.post(`/service-desk/major-incidents/${incidentId}/close`, { note: 'Mail routing restored' });
    expect((await requester.get('/portal')).body).not.toContain('Known problems');
  });

  it('lets the requester rate a resolved ticket once', async () => {
    const reference = referenceFrom(
      (await report(requester, { title: 'Monitor flickers', description: 'Left screen', impact: '3', urgency: '3' })).headers.location,
    );
    await agent.get(`/service-desk/tickets/${reference}`);
    await agent.post(`/service-desk/tickets/${reference}/status`, { status: 'resolved', resolutionCode: 'Fixed', resolutionNotes: 'New cable' });
    await requester.get(`/portal/tickets/${reference}`);
    const bad = await requester.post(`/portal/tickets/${reference}/rating`, { score: '9' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose a rating from 1 to 5');
    expect((await requester.post(`/portal/tickets/${reference}/rating`, { score: '5', comment: 'Quick and kind' })).statusCode).toBe(303);
    expect((await requester.get(`/portal/tickets/${reference}`)).body).toContain('You rated this 5 out of 5');
    const twice = await requester.post(`/portal/tickets/${reference}/rating`, { score: '1' });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('already rated');
  });

  it('keeps a knowledge base staff can search before they report, with agents-only articles hidden from them', async () => {
    await agent.get('/knowledge/new');
    const bad = await agent.post('/knowledge', { title: '', body: '', audience: 'everyone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose who can read it');
    const staffArticle = await agent.post('/knowledge', {
      title: 'Resetting a forgotten password',
      body: 'Use the **self-service** reset page.',
      audience: 'staff',
    });
    expect(staffArticle.statusCode).toBe(303);
    await agent.get('/knowledge/new');
    await agent.post('/knowledge', { title: 'Password vault admin procedure', body: 'Internal steps only.', audience: 'agents' });
    const search = await requester.get('/portal/report?q=password');
    expect(search.body).toContain('Resetting a forgotten password');
    expect(search.body).not.toContain('Password vault admin procedure');
    const api = await requester.json('GET', '/api/v1/articles?q=password');
    expect(api.body).not.toContain('vault');
    const agentsId = (await t.database.db.selectFrom('articles').where('audience', '=', 'agents').select('id').executeTakeFirstOrThrow()).id;
    expect((await requester.get(`/knowledge/${agentsId}`)).statusCode).toBe(404);
    const articlePath = String(staffArticle.headers.location);
    await requester.get(articlePath);
    expect((await requester.post(`${articlePath}/feedback`, { helpful: 'yes' })).statusCode).toBe(303);
    const row = await t.database.db.selectFrom('articles').where('title', '=', 'Resetting a forgotten password').select(['helpful']).executeTakeFirstOrThrow();
    expect(row.helpful).toBe(1);
  });

  it('draws the manager dashboard from figures kept as tickets change, matching a rebuild from the tickets', async () => {
    const manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    const page = await manager.get('/service-desk/dashboard');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('SLA compliance by priority');
    expect(page.body).toContain('<svg class="steward-chart__svg" role="img"');
    const bad = await manager.get('/service-desk/dashboard?from=2026-13-45');
    expect(bad.statusCode).toBe(400);
    expect((await agent.get('/service-desk/dashboard')).statusCode).toBe(403);
    // The kept figures agree with a rebuild from the tickets, on a fresh desk worked through the product.
    const fresh = await startTestApp(dialect);
    try {
      const o = await seedOrganisation(fresh, 'Rollup Council');
      const a = systemActor('test', o.id);
      const team = await createTeam(fresh.database.db, a, o.id, 'Desk');
      await addTeamMember(fresh.database.db, a, o.id, team, o.people.agent.id);
      const agentClient = await signedInClient(fresh.app, o.people.agent.email, testPassword);
      const staff = await signedInClient(fresh.app, o.people.requester.email, testPassword);
      for (let i = 0; i < 6; i++) {
        await staff.get('/portal/report');
        const res = await staff.post('/portal/report', { title: `Fault ${i}`, description: 'x', impact: String(1 + (i % 3)), urgency: String(1 + (i % 2)) });
        const ref = referenceFrom(res.headers.location);
        await agentClient.get(`/service-desk/tickets/${ref}`);
        if (i % 2) await agentClient.post(`/service-desk/tickets/${ref}/assign`, { teamId: String(team), assigneeId: String(o.people.agent.id) });
        if (i % 3 === 0) await agentClient.post(`/service-desk/tickets/${ref}/status`, { status: 'awaiting-requester' });
        if (i < 5) await agentClient.post(`/service-desk/tickets/${ref}/status`, { status: 'resolved', resolutionCode: 'Fixed', resolutionNotes: 'Done' });
        if (i === 1) {
          await staff.get(`/portal/tickets/${ref}`);
          await staff.post(`/portal/tickets/${ref}/outcome`, { outcome: 'reopen' });
        }
      }
      const rows = () =>
        fresh.database.db
          .selectFrom('ticket_daily_stats')
          .select(['day', 'priority', 'created', 'resolved', 'breached', 'first_contact'])
          .orderBy('day')
          .orderBy('priority')
          .execute();
      const kept = (await rows()).filter((r) => r.created || r.resolved);
      expect(kept.reduce((n, r) => n + r.resolved, 0)).toBe(4);
      await rebuildStats(fresh.database.db, o.id);
      expect(await rows()).toEqual(kept);
    } finally {
      await fresh.close();
    }
    const csv = await manager.get('/service-desk/dashboard.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('Figure,Part,Value');
  });

  it('cuts the queue and the dashboard by the service area that uses each ticket’s service', async () => {
    const o = await seedOrganisation(t, 'Area Council');
    const actor = systemActor('test', o.id);
    const db = t.database.db;
    const adults = await createServiceArea(db, actor, o.id, { name: 'Adults and Health', kind: 'directorate', directorateId: null });
    const care = await createServiceArea(db, actor, o.id, { name: 'Adult Social Care', kind: 'service-area', directorateId: adults });
    const health = await createServiceArea(db, actor, o.id, { name: 'Public Health', kind: 'service-area', directorateId: adults });
    const waste = await createServiceArea(db, actor, o.id, { name: 'Waste and Recycling', kind: 'service-area', directorateId: null });
    const service = (name: string, serviceAreaId: number | null) =>
      createService(db, actor, o.id, { name, description: name, hours: 'Office hours', visibleToStaff: true, serviceAreaId });
    const caseSystem = await service('Adults case management', care);
    const screening = await service('Health screening bookings', health);
    const rounds = await service('Bin round planning', waste);
    const email = await service('Email', null);
    const staff = await signedInClient(t.app, o.people.requester.email, testPassword);
    const raise = async (serviceId: number, title: string) => {
      const r = await staff.json('POST', '/api/v1/tickets', { kind: 'incident', title, description: title, serviceId });
      expect(r.statusCode).toBe(201);
      return (r.json() as { reference: string }).reference;
    };
    const inCare = [await raise(caseSystem, 'Case notes will not save'), await raise(caseSystem, 'Care package report blank')];
    const inHealth = await raise(screening, 'Screening slots missing');
    const inWaste = await raise(rounds, 'Round sheets not printing');
    await raise(email, 'Shared mailbox missing');
    const oAgent = await signedInClient(t.app, o.people.agent.email, testPassword);
    const refs = async (query: string) => {
      const r = await oAgent.json('GET', `/api/v1/tickets?queue=open&${query}`);
      expect(r.statusCode).toBe(200);
      return (r.json() as { items: { reference: string }[] }).items.map((i) => i.reference).sort();
    };
    expect(await refs(`area=${care}`)).toEqual([...inCare].sort());
    expect(await refs(`area=${adults}`)).toEqual([...inCare, inHealth].sort());
    expect(await refs(`area=${waste}`)).toEqual([inWaste]);
    expect(await refs(`area=${care}&service=${screening}`)).toEqual([]);
    // Another organisation's service area is no filter of this one's.
    const foreign = await oAgent.json(
      'GET',
      `/api/v1/tickets?queue=open&area=${await createServiceArea(db, systemActor('test', org.id), org.id, { name: 'Elsewhere', kind: 'directorate', directorateId: null })}`,
    );
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json()).toMatchObject({ errors: [{ field: 'area' }] });
    const queue = await oAgent.get(`/service-desk?queue=open&area=${adults}`);
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Adults and Health (the whole directorate)');
    expect(queue.body).toContain('Screening slots missing');
    expect(queue.body).not.toContain('Round sheets not printing');

    const manager = await signedInClient(t.app, o.people.manager.email, testPassword);
    const page = await manager.get('/service-desk/dashboard');
    expect(page.statusCode).toBe(200);
    const row = (name: string) => new RegExp(`>${name}</a></t[hd]><td class="govuk-table__cell govuk-table__cell--numeric">(\\d+)<`).exec(page.body)?.[1];
    expect([row('Adults and Health'), row('Adult Social Care'), row('Public Health'), row('Waste and Recycling')]).toEqual(['3', '2', '1', '1']);
    expect(page.body).toMatch(/No service area recorded[^<]*<\/td><td class="govuk-table__cell govuk-table__cell--numeric">1</);
    const csv = await manager.get('/service-desk/dashboard.csv');
    expect(csv.body).toContain('Open by service area,Adult Social Care (Adults and Health),2');
  });

  it('exports any ticket list as CSV with formula cells neutralised', async () => {
    await report(requester, { title: '=HYPERLINK("http://evil.example","Click")', description: 'x', impact: '3', urgency: '3' });
    const csv = await agent.get('/service-desk/tickets.csv?queue=all');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toMatch(/^Reference,Type,Summary/);
    // Every ticket of the agent's organisation, whatever other tests' organisations hold.
    const ours = await t.database.db
      .selectFrom('tickets')
      .where('organisation_id', '=', org.id)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(lines.length - 1).toBe(Number(ours.n));
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
  });

  it('changes many tickets at once, or none when any would be refused', async () => {
    const a = referenceFrom(
      (await report(requester, { title: 'Bulk one', description: 'x', serviceId: String(serviceId), impact: '3', urgency: '3' })).headers.location,
    );
    const b = referenceFrom(
      (await report(requester, { title: 'Bulk two', description: 'x', serviceId: String(serviceId), impact: '3', urgency: '3' })).headers.location,
    );
    await agent.get('/service-desk?queue=open');
    const ok = await agent.post('/service-desk/bulk', {
      references: [a, b],
      assignment: `${teamId}:${org.people.agent.id}`,
      status: 'in-progress',
      returnTo: '/service-desk?queue=open',
    });
    expect(ok.statusCode).toBe(303);
    expect((await ticket(a)).assignee_id).toBe(org.people.agent.id);
    expect((await ticket(b)).status).toBe('in-progress');
    const c = referenceFrom((await report(requester, { title: 'Bulk three', description: 'x', impact: '3', urgency: '3' })).headers.location);
    await agent.get(`/service-desk/tickets/${a}`);
    await agent.post(`/service-desk/tickets/${a}/status`, { status: 'resolved', resolutionCode: 'Fixed', resolutionNotes: 'x' });
    await agent.get('/service-desk?queue=open');
    const refused = await agent.post('/service-desk/bulk', { references: [a, c], status: 'on-hold' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`${a} is resolved and cannot become on hold`);
    expect((await ticket(c)).status).toBe('new');
  });

  it('keeps an agent’s saved views', async () => {
    await agent.get('/service-desk?queue=open&priority=3');
    expect((await agent.post('/service-desk/views', { name: 'My P3s', query: 'queue=open&priority=3' })).statusCode).toBe(303);
    const page = await agent.get('/service-desk');
    expect(page.body).toContain('href="/service-desk?queue=open&amp;priority=3">My P3s</a>');
    expect((await requester.get('/service-desk')).statusCode).toBe(403);
    const id = /action="\/service-desk\/views\/(\d+)\/delete"/.exec(page.body)![1];
    await agent.post(`/service-desk/views/${id}/delete`);
    expect((await agent.get('/service-desk')).body).not.toContain('My P3s');
  });

  it('lets a manager build the catalogue: services, requests and their questions', async () => {
    const manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    await manager.get('/service-desk/catalogue/new');
    const bad = await manager.post('/service-desk/catalogue', { name: '', description: '', visibleToStaff: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the service’s name');
    const made = await manager.post('/service-desk/catalogue', {
      name: 'Parking permits system',
      description: 'Resident and staff parking permits',
      hours: 'Office hours',
      teamId: String(teamId),
      slaPolicyId: '',
      visibleToStaff: 'yes',
    });
    expect(made.statusCode).toBe(303);
    const servicePath = String(made.headers.location);
    await manager.get(servicePath);
    await manager.post(`${servicePath}/request-types`, { typeName: 'Ask for a permit report', typeDescription: 'A monthly report of permits issued' });
    const typeId = (await t.database.db.selectFrom('request_types').where('name', '=', 'Ask for a permit report').select('id').executeTakeFirstOrThrow()).id;
    await manager.get(`/service-desk/request-types/${typeId}`);
    const noChoices = await manager.post(`/service-desk/request-types/${typeId}/questions`, {
      label: 'Which zone?',
      type: 'choice',
      required: 'yes',
      options: '',
    });
    expect(noChoices.statusCode).toBe(400);
    expect(noChoices.body).toContain('List the choices, one a line');
    expect(
      (
        await manager.post(`/service-desk/request-types/${typeId}/questions`, {
          label: 'Which zone?',
          type: 'choice',
          required: 'yes',
          options: 'North\nSouth',
        })
      ).statusCode,
    ).toBe(303);
    await manager.post(`/service-desk/request-types/${typeId}/questions`, { label: 'Month', type: 'date', required: 'no' });
    await manager.post(`/service-desk/request-types/${typeId}/questions/month/remove`);
    const form = await requester.get(`/portal/request/${typeId}`);
    expect(form.body).toContain('Which zone?');
    expect(form.body).not.toContain('Month');
    expect((await agent.get('/service-desk/catalogue/new')).statusCode).toBe(403);
    await requester.post(`/portal/request/${typeId}`, {});
    const missing = await requester.post(`/portal/request/${typeId}`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Choose an answer for ‘Which zone?’');
  });

  it('attaches files within the limits, keeps internal ones from the requester, and refuses the rest', async () => {
    const reference = referenceFrom(
      (await report(requester, { title: 'Error message on screen', description: 'See attached', impact: '3', urgency: '3' })).headers.location,
    );
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await requester.get(`/portal/tickets/${reference}`);
    const ok = await requester.upload(`/portal/tickets/${reference}/attachments`, {}, { filename: 'screenshot.pdf', type: 'application/pdf', data: pdf });
    expect(ok.statusCode).toBe(303);
    const page = await requester.get(`/portal/tickets/${reference}`);
    const link = /href="(\/portal\/tickets\/[^"]+\/attachments\/\d+)"/.exec(page.body)![1]!;
    const file = await requester.get(link);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''screenshot.pdf");
    expect(file.rawPayload.equals(pdf)).toBe(true);

    const html = await requester.upload(
      `/portal/tickets/${reference}/attachments`,
      {},
      { filename: 'invoice.pdf.html', type: 'application/pdf', data: Buffer.from('<html><script>alert(1)</script></html>') },
    );
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('The selected file must be a PDF');
    const exe = await requester.upload(
      `/portal/tickets/${reference}/attachments`,
      {},
      { filename: 'report.pdf', type: 'application/pdf', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]) },
    );
    expect(exe.statusCode).toBe(400);
    const big = await requester.upload(
      `/portal/tickets/${reference}/attachments`,
      {},
      { filename: 'big.txt', type: 'text/plain', data: Buffer.alloc(10 * 1024 * 1024 + 10, 97) },
    );
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('smaller than 10 MB');
    const noCsrf = await requester.upload(
      `/portal/tickets/${reference}/attachments`,
      {},
      { filename: 'a.txt', type: 'text/plain', data: Buffer.from('hello') },
      { csrf: false },
    );
    expect(noCsrf.statusCode).toBe(403);
    const files = await t.database.db
      .selectFrom('ticket_attachments')
      .innerJoin('tickets', 'tickets.id', 'ticket_attachments.ticket_id')
      .where('tickets.reference', '=', reference)
      .select('ticket_attachments.id')
      .execute();
    expect(files).toHaveLength(1);

    await agent.get(`/service-desk/tickets/${reference}`);
    expect(
      (
        await agent.upload(
          `/service-desk/tickets/${reference}/attachments`,
          { visibility: 'internal' },
          { filename: 'supplier-notes.txt', type: 'text/plain', data: Buffer.from('internal supplier notes') },
        )
      ).statusCode,
    ).toBe(303);
    const internalId = (
      await t.database.db.selectFrom('ticket_attachments').where('filename', '=', 'supplier-notes.txt').select('id').executeTakeFirstOrThrow()
    ).id;
    expect((await requester.get(`/portal/tickets/${reference}`)).body).not.toContain('supplier-notes.txt');
    expect((await requester.get(`/portal/tickets/${reference}/attachments/${internalId}`)).statusCode).toBe(404);
    expect((await agent.get(`/service-desk/tickets/${reference}/attachments/${internalId}`)).statusCode).toBe(200);
  });

  it('lets an admin change the priority matrix and the reopening window, refusing bad values', async () => {
    const admin = await signedInClient(t.app, org.people.admin.email, testPassword);
    await admin.get('/service-desk/settings');
    const cells = Object.fromEntries([1, 2, 3].flatMap((i) => [1, 2, 3].map((u) => [`m-${i}-${u}`, String(Math.min(4, i + u - 1))])));
    const bad = await admin.post('/service-desk/settings/desk', { ...cells, reopenWorkingDays: '-3' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter 0 or more working days');
    expect((await admin.post('/service-desk/settings/desk', { ...cells, 'm-3-3': '3', reopenWorkingDays: '2' })).statusCode).toBe(303);
    const reference = referenceFrom((await report(requester, { title: 'Low and low', description: 'x', impact: '3', urgency: '3' })).headers.location);
    expect((await ticket(reference)).priority).toBe(3);
    const manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    await manager.get('/service-desk/settings');
    expect((await manager.post('/service-desk/settings/desk', { ...cells, reopenWorkingDays: '5' })).statusCode).toBe(403);
  });

  it('raises on behalf of someone and keeps watchers informed', async () => {
    await agent.get('/service-desk/tickets/new');
    const res = await agent.post('/service-desk/tickets', {
      kind: 'incident',
      requesterEmail: org.people.manager.email,
      onBehalfOfEmail: org.people.requester.email,
      title: 'Phoned in for a colleague',
      description: 'x',
      impact: '3',
      urgency: '3',
    });
    expect(res.statusCode).toBe(303);
    const reference = referenceFrom(res.headers.location);
    expect((await requester.get(`/portal/tickets/${reference}`)).statusCode).toBe(200);
    await agent.get(`/service-desk/tickets/${reference}`);
    const unknown = await agent.post(`/service-desk/tickets/${reference}/watchers`, { watcherEmail: 'nobody@elsewhere.example' });
    expect(unknown.statusCode).toBe(400);
    expect((await agent.post(`/service-desk/tickets/${reference}/watchers`, { watcherEmail: org.people.viewer.email })).statusCode).toBe(303);
    expect((await agent.get(`/service-desk/tickets/${reference}`)).body).toMatch(/Watching<\/h2>\s*<p class="govuk-body-s">[^<]*viewer of Desk Council/);
    const before = await t.database.db.selectFrom('outbox').where('to_email', '=', org.people.viewer.email).select('id').execute();
    await agent.post(`/service-desk/tickets/${reference}/comments`, { body: 'Update for everyone', visibility: 'public' });
    const after = await t.database.db.selectFrom('outbox').where('to_email', '=', org.people.viewer.email).select('id').execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('lets an admin set SLA targets and the warning point, refusing targets that make no sense', async () => {
    const admin = await signedInClient(t.app, org.people.admin.email, testPassword);
    const page = await admin.get('/service-desk/settings');
    expect(page.body).toMatch(/Steward has the dates for 2018 to 20\d\d, the last on/);
    const policyId = /action="\/service-desk\/settings\/policies\/(\d+)"/.exec(page.body)![1];
    // In working hours, as a desk manager says them: 42.5 hours is five working days of 8.5 hours.
    const targets = {
      'p1-response': '0.25',
      'p1-resolution': '2',
      'p2-response': '1',
      'p2-resolution': '8.5',
      'p3-response': '4',
      'p3-resolution': '42.5',
      'p4-response': '0.5',
      'p4-resolution': '1',
      warnPercent: '50',
    };
    const bad = await admin.post(`/service-desk/settings/policies/${policyId}`, { ...targets, 'p2-response': '10' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('P2: the response target must not be longer than the resolution target');
    expect((await admin.post(`/service-desk/settings/policies/${policyId}`, { ...targets, warnPercent: '5' })).statusCode).toBe(400);
    expect((await admin.post(`/service-desk/settings/policies/${policyId}`, targets)).statusCode).toBe(303);
    const policy = await t.database.db.selectFrom('sla_policies').where('id', '=', Number(policyId)).selectAll().executeTakeFirstOrThrow();
    expect(policy.warn_share).toBe(0.5);
    expect(JSON.parse(policy.targets_json)['4']).toEqual({ response: 30, resolution: 60 });
    expect(JSON.parse(policy.targets_json)['3']).toEqual({ response: 240, resolution: 2550 });
    expect((await admin.get('/service-desk/settings')).body).toContain('value="42.5"');
  });
});
