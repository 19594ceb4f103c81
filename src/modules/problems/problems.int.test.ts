import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { signedInClient } from '../../../test/support/client.js';
import { anOrganisation, aPerson, aService, aTicket, unique, type Org } from '../../../test/support/factories.js';
import { proposeFor, proposeProblemsEverywhere } from './service.js';
import { problemMeasures } from './measures.js';
import { ticketProblemsPanel } from './panels.js';
import { SharedWork } from '../../platform/index.js';

describe.each(testDatabases())('problems and known errors (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  async function desk(org?: Org) {
    const o = org ?? (await anOrganisation(t));
    const agent = await aPerson(t, o, { role: 'agent' });
    const client = await signedInClient(t.app, agent.email, agent.password);
    const service = await aService(t, o, { name: `Remote access ${unique()}` });
    return { org: o, agent, client, service };
  }

  async function logProblem(client: Awaited<ReturnType<typeof desk>>['client'], fields: Record<string, string>) {
    await client.get('/problems/new');
    const made = await client.post('/problems/new', {
      title: 'VPN drops after the client update',
      priority: 'p2',
      description: '',
      rootCause: '',
      workaround: '',
      fix: '',
      ...fields,
    });
    expect(made.statusCode).toBe(303);
    return String(made.headers.location);
  }

  it('logs a problem from an incident, numbered per organisation, and shows it in the list and its export', async () => {
    const { org, client, service } = await desk();
    const incident = await aTicket(t, org, { service, title: 'VPN keeps dropping' });
    const path = await logProblem(client, { serviceId: String(service.id), incident: incident.reference.toLowerCase() });
    expect(path).toBe('/problems/PRB-000001');
    const page = (await client.get(path)).body;
    expect(page).toContain('VPN drops after the client update');
    expect(page).toContain(incident.reference);
    expect(page).toContain('Logged PRB-000001');
    expect((await client.get('/problems?status=open&priority=p2')).body).toContain('PRB-000001');
    expect((await client.get('/problems?status=resolved')).body).not.toContain('PRB-000001');
    expect((await client.get('/problems?status=nonsense')).statusCode).toBe(400);
    const csv = await client.get(`/problems.csv?service=${service.id}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('PRB-000001,VPN drops after the client update,Logged,P2 high');
    // Another organisation's first problem is its own PRB-000001.
    const other = await desk();
    expect(await logProblem(other.client, {})).toBe('/problems/PRB-000001');
    expect((await client.get(`/problems/PRB-000002`)).statusCode).toBe(404);
  });

  it('refuses moves the workflow does not allow, on the field at fault, and changes nothing', async () => {
    const { client } = await desk();
    const path = await logProblem(client, {});
    await client.get(path);
    const noWorkaround = await client.post(`${path}/status`, {
      status: 'known_error',
      rootCause: 'The 24.2 client drops the tunnel on sleep',
      workaround: '',
      fix: '',
    });
    expect(noWorkaround.statusCode).toBe(400);
    expect(noWorkaround.body).toContain('There is a problem');
    expect(noWorkaround.body).toContain('Enter the workaround before marking the problem a known error');
    expect(noWorkaround.body).toContain('href="#workaround"');
    const noCause = await client.post(`${path}/status`, { status: 'resolved', rootCause: '', workaround: '', fix: '' });
    expect(noCause.body).toContain('Enter the root cause before resolving the problem');
    const page = (await client.get(path)).body;
    expect(page).toContain('Not known yet.');
    expect((await client.post(`${path}/status`, { status: 'investigating', rootCause: '', workaround: '', fix: '' })).statusCode).toBe(303);
    expect((await client.post(`${path}/status`, { status: 'resolved', rootCause: 'A bad driver', workaround: '', fix: 'Rolled back' })).statusCode).toBe(303);
    expect((await client.post(`${path}/status`, { status: 'closed', rootCause: '', workaround: '', fix: '' })).statusCode).toBe(303);
    const reopen = await client.post(`${path}/status`, { status: 'investigating', rootCause: '', workaround: '', fix: '' });
    expect(reopen.statusCode).toBe(400);
    expect(reopen.body).toContain('A problem that is closed cannot become under investigation');
    const timeline = (await client.get(path)).body;
    expect(timeline).toContain('Under investigation → Resolved');
  });

  it('publishes a known error’s workaround as a knowledge article, and keeps the article up to date', async () => {
    const { client, service } = await desk();
    const path = await logProblem(client, { serviceId: String(service.id) });
    await client.get(path);
    const moved = await client.post(`${path}/status`, {
      status: 'known_error',
      rootCause: 'The 24.2 VPN client drops the tunnel when the laptop sleeps',
      workaround: 'Disconnect and reconnect the VPN from the system tray after waking the laptop.',
      fix: '',
    });
    expect(moved.statusCode).toBe(303);
    const api = (await client.json('GET', '/api/v1/problems/PRB-000001')).json<{ articleId: number; status: string }>();
    expect(api.status).toBe('known_error');
    expect(api.articleId).toBeGreaterThan(0);
    const article = (await client.get(`/knowledge/${api.articleId}`)).body;
    expect(article).toContain('Known error: VPN drops after the client update');
    expect(article).toContain('Disconnect and reconnect the VPN');
    expect(article).toContain(service.name);
    expect((await client.get('/problems/known-errors')).body).toContain('PRB-000001');

    await client.get(`${path}/edit`);
    const edited = await client.post(`${path}/edit`, {
      title: 'VPN drops after the client update',
      description: '',
      priority: 'p2',
      serviceId: String(service.id),
      systemId: '',
      ownerId: '',
      teamId: '',
      rootCause: 'The 24.2 VPN client drops the tunnel when the laptop sleeps',
      workaround: 'Turn off sleep while on the VPN: Settings, System, Power, Never.',
      fix: '',
    });
    expect(edited.statusCode).toBe(303);
    const again = (await client.json('GET', '/api/v1/problems/PRB-000001')).json<{ articleId: number }>();
    expect(again.articleId).toBe(api.articleId);
    const updated = (await client.get(`/knowledge/${api.articleId}`)).body;
    expect(updated).toContain('Turn off sleep while on the VPN');
    expect(updated).not.toContain('Disconnect and reconnect');
  });

  it('links incidents by reference inside the organisation only, and unlinks them', async () => {
    const { org, client, service } = await desk();
    const mine = await aTicket(t, org, { service, title: 'VPN dropped twice this morning' });
    const request = await aTicket(t, org, { service, kind: 'request', title: 'A new VPN token' });
    const other = await desk();
    for (let i = 0; i < 2; i++) await aTicket(t, other.org, { service: other.service, title: `Their VPN ${i}` });
    const theirs = await aTicket(t, other.org, { service: other.service, title: 'Their VPN' });
    expect(theirs.reference).toBe('INC-000003');
    const path = await logProblem(client, {});
    await client.get(path);
    expect((await client.post(`${path}/incidents`, { ticket: mine.reference })).statusCode).toBe(303);
    const duplicate = await client.post(`${path}/incidents`, { ticket: mine.reference });
    expect(duplicate.body).toContain(`${mine.reference} is already linked to PRB-000001`);
    // A reference that only exists in another organisation reads as no incident at all.
    const foreign = await client.post(`${path}/incidents`, { ticket: theirs.reference });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('There is no incident with that reference');
    const asRequest = await client.post(`${path}/incidents`, { ticket: request.reference });
    expect(asRequest.body).toContain('is a request, not an incident');
    const detail = (await client.json('GET', '/api/v1/problems/PRB-000001')).json<{ incidents: { reference: string }[] }>();
    expect(detail.incidents.map((i) => i.reference)).toEqual([mine.reference]);
    expect((await client.post(`${path}/incidents/${mine.reference}/unlink`, {})).statusCode).toBe(303);
    expect((await client.get(path)).body).toContain('No incidents linked yet.');
    // Through the API, another organisation's incident is a field error too.
    const api = await client.json('POST', '/api/v1/problems', {
      title: 'Printers lose their queue',
      priority: 'p3',
      incidents: [theirs.reference],
    });
    expect(api.statusCode).toBe(422);
  });

  it('proposes a problem for three incidents on one service within days, raises it linked to them, and never proposes a dismissed cluster again', async () => {
    const { org, client, service } = await desk();
    const second = await aService(t, org, { name: `Printing ${unique()}` });
    const vpn = [];
    for (let i = 0; i < 3; i++) vpn.push(await aTicket(t, org, { service, title: `VPN dropped ${i}` }));
    const printers = [];
    for (let i = 0; i < 3; i++) printers.push(await aTicket(t, org, { service: second, title: `Printer lost its queue ${i}` }));
    await aTicket(t, org, { service: await aService(t, org), title: 'A one-off' });

    expect(await proposeFor(t.database.db, org.id)).toBe(2);
    expect(await proposeFor(t.database.db, org.id)).toBe(0);
    await proposeProblemsEverywhere(t.database.db);
    const page = (await client.get('/problems/proposals')).body;
    expect(page).toContain(`3 incidents on ${service.name}`);
    expect(page).toContain(`3 incidents on ${second.name}`);
    const ids = [...page.matchAll(/action="\/problems\/proposals\/(\d+)\/raise"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    const vpnId = /id="proposal-(\d+)">3 incidents on Remote/.exec(page)![1];
    const printersId = ids.find((id) => id !== vpnId)!;

    const raised = await client.post(`/problems/proposals/${vpnId}/raise`, {});
    expect(raised.statusCode).toBe(303);
    const problem = (await client.json('GET', String(raised.headers.location).replace('/problems/', '/api/v1/problems/'))).json<{
      incidents: { reference: string }[];
      serviceId: number;
    }>();
    expect(problem.incidents.map((i) => i.reference).sort()).toEqual(vpn.map((v) => v.reference).sort());
    expect(problem.serviceId).toBe(service.id);

    expect((await client.post(`/problems/proposals/${printersId}/dismiss`, {})).statusCode).toBe(303);
    // A fourth incident on the printers joins the dismissed cluster; nothing is proposed again.
    await aTicket(t, org, { service: second, title: 'Printer lost its queue again' });
    await client.get('/problems/proposals');
    expect((await client.post('/problems/proposals/look', {})).statusCode).toBe(303);
    const after = (await client.get('/problems/proposals')).body;
    expect(after).toContain('No problems proposed');
    expect((await client.post(`/problems/proposals/${printersId}/raise`, {})).statusCode).toBe(400);
    // Another organisation's proposal is not there for this one.
    const other = await desk();
    await other.client.get('/problems/proposals');
    expect((await other.client.post(`/problems/proposals/${vpnId}/dismiss`, {})).statusCode).toBe(404);
  });

  it('offers the API: list, get, create, patch with the workflow’s refusals, known errors; viewers read, requesters nothing', async () => {
    const { org, client, service } = await desk();
    const incident = await aTicket(t, org, { service, title: 'Revenues slow at 9am' });
    const created = await client.json('POST', '/api/v1/problems', {
      title: 'Revenues and Benefits slow on Monday mornings',
      priority: 'p2',
      serviceId: service.id,
      incidents: [incident.reference],
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ reference: string; status: string; incidents: { reference: string }[] }>();
    expect(body).toMatchObject({ reference: 'PRB-000001', status: 'logged', incidents: [{ reference: incident.reference }] });
    const refused = await client.json('PATCH', '/api/v1/problems/PRB-000001', { status: 'known_error', rootCause: 'Batch jobs overrun into the morning' });
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(refused.json())).toContain('workaround');
    expect((await client.json('GET', '/api/v1/problems/PRB-000001')).json<{ rootCause: string }>().rootCause).toBe('');
    const patched = await client.json('PATCH', '/api/v1/problems/PRB-000001', {
      status: 'known_error',
      rootCause: 'Batch jobs overrun into the morning',
      workaround: 'Run the Monday reports after 10am.',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<{ articleId: number | null }>().articleId).not.toBeNull();
    const known = (await client.json('GET', '/api/v1/known-errors')).json<{ items: { reference: string }[] }>();
    expect(known.items.map((p) => p.reference)).toEqual(['PRB-000001']);
    const listed = (await client.json('GET', `/api/v1/problems?service=${service.id}&limit=1`)).json<{ items: unknown[]; next: string | null }>();
    expect(listed.items).toHaveLength(1);

    const viewer = await aPerson(t, org, { role: 'viewer' });
    const asViewer = await signedInClient(t.app, viewer.email, viewer.password);
    expect((await asViewer.get('/problems/PRB-000001')).statusCode).toBe(200);
    expect((await asViewer.json('PATCH', '/api/v1/problems/PRB-000001', { title: 'x' })).statusCode).toBe(403);
    const requester = await aPerson(t, org);
    const asRequester = await signedInClient(t.app, requester.email, requester.password);
    expect((await asRequester.get('/problems')).statusCode).toBe(403);
    expect((await asRequester.json('GET', '/api/v1/problems')).statusCode).toBe(403);

    // The ticket page of an incident linked to the known error names it, with its workaround.
    const ticketPage = (await client.get(`/service-desk/tickets/${incident.reference}`)).body;
    expect(ticketPage).toContain('This incident is linked to');
    expect(ticketPage).toContain('the workaround');
    expect(ticketPage).toContain('PRB-000001');
    // Given the ticket (the platform's subject may carry it), the panel names the problem behind the incident first.
    const panel = await ticketProblemsPanel(t.database.db, dialect, {
      organisationId: org.id,
      kind: 'incident',
      serviceId: service.id,
      open: true,
      ticketId: incident.id,
    });
    expect(panel?.title).toBe('The problem behind this incident');
    expect(panel?.context).toMatchObject({ linked: [{ reference: 'PRB-000001', statusName: 'Known error' }], knownErrors: [] });
    const elsewhere = await aTicket(t, org, { title: 'Another incident' });
    expect(
      await ticketProblemsPanel(t.database.db, dialect, { organisationId: org.id, kind: 'incident', serviceId: null, open: true, ticketId: elsewhere.id }),
    ).toBeNull();
  });

  it('offers the open problems, the known errors and the problems resolved each month as measures for KPIs', async () => {
    const { org, client } = await desk();
    for (const title of ['One', 'Two', 'Three']) await client.json('POST', '/api/v1/problems', { title, priority: 'p3' });
    await client.json('PATCH', '/api/v1/problems/PRB-000002', { status: 'known_error', rootCause: 'A cause', workaround: 'A workaround' });
    await client.json('PATCH', '/api/v1/problems/PRB-000003', { status: 'resolved', rootCause: 'A cause', fix: 'Fixed' });
    const month = new Date().toISOString().slice(0, 7);
    const shared = new SharedWork();
    const values = Object.fromEntries(
      await Promise.all(problemMeasures.map(async (m) => [m.key, (await m.monthly(t.database.db, org.id, ['2020-01', month], shared)).at(-1)] as const)),
    );
    expect(values).toEqual({ 'problems.open': 2, 'problems.known-errors': 1, 'problems.resolved': 1 });
  });

  it('raises a problem from a major incident, linked to every incident it gathered, on its service', async () => {
    const { org, client, service } = await desk();
    await client.get('/service-desk/major-incidents/new');
    const declared = await client.post('/service-desk/major-incidents', {
      serviceId: String(service.id),
      title: 'VPN down for everyone',
      summary: 'No one can connect',
    });
    expect(declared.statusCode).toBe(303);
    const majorId = Number(String(declared.headers.location).split('/').pop());
    const first = await aTicket(t, org, { service, title: 'Nobody can connect to the VPN' });
    const more = [await aTicket(t, org, { service, title: 'VPN down at home' }), await aTicket(t, org, { service, title: 'VPN will not connect' })];
    await client.get('/problems/new');
    const made = await client.post('/problems/new', {
      title: 'VPN gateway certificate expired',
      priority: 'p1',
      description: '',
      serviceId: '',
      majorIncidentId: String(majorId),
      rootCause: '',
      workaround: '',
      fix: '',
    });
    expect(made.statusCode).toBe(303);
    const problem = (await client.json('GET', '/api/v1/problems/PRB-000001')).json<{ serviceId: number; incidents: { reference: string }[] }>();
    expect(problem.serviceId).toBe(service.id);
    expect(problem.incidents.map((i) => i.reference).sort()).toEqual([first, ...more].map((i) => i.reference).sort());
    expect((await client.get('/problems/PRB-000001')).body).toContain('raised from the major incident “VPN down for everyone”');
  });

  it('leaves out a proposal once its incidents have been linked to a problem by hand', async () => {
    const { org, client, service } = await desk();
    const incidents = [];
    for (let i = 0; i < 3; i++) incidents.push(await aTicket(t, org, { service, title: `Printer jam ${i}` }));
    expect(await proposeFor(t.database.db, org.id)).toBe(1);
    expect((await client.get('/problems/proposals')).body).toContain(`3 incidents on ${service.name}`);
    const path = await logProblem(client, { serviceId: String(service.id), incident: incidents[0]!.reference });
    await client.get(path);
    expect((await client.post(`${path}/incidents`, { ticket: incidents[1]!.reference })).statusCode).toBe(303);
    const page = (await client.get('/problems/proposals')).body;
    expect(page).not.toContain(`3 incidents on ${service.name}`);
    expect(page).toContain('No problems proposed');
  });
});
