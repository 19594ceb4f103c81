import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { Client, signedInClient } from '../../../test/support/client.js';
import { aService, unique } from '../../../test/support/factories.js';
import { followMajorIncidents } from './status.js';

describe.each(testDatabases())('Telling people (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;
  let shortName: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Comms Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    shortName = `council-${unique()}-${dialect}`;
  });
  afterAll(() => t.close());

  const mailTo = (email: string) =>
    t.database.db.selectFrom('outbox').where('to_email', '=', email).select(['subject', 'body', 'kind']).orderBy('id').execute();
  async function setUpPages(welsh = true) {
    await manager.get('/communications/public-pages');
    const res = await manager.post('/communications/public-pages', {
      shortName,
      name: org.name,
      nameCy: `Cyngor ${org.id}`,
      about: '',
      aboutCy: '',
      colour: '#005a8c',
      welsh: welsh ? 'yes' : '',
    });
    expect(res.statusCode).toBe(303);
  }
  async function aComponent(name: string, options: { public: boolean; nameCy?: string; serviceId?: number }) {
    await manager.get('/communications/status/components/new');
    const res = await manager.post('/communications/status/components/new', {
      name,
      nameCy: options.nameCy ?? '',
      description: '',
      descriptionCy: '',
      group: 'Online services',
      groupCy: 'Gwasanaethau ar-lein',
      serviceId: options.serviceId ? String(options.serviceId) : '',
      systemId: '',
      ...(options.public ? { public: 'yes' } : {}),
    });
    expect(res.statusCode).toBe(303);
    const list = (await manager.json('GET', '/api/v1/status/components')).json<{ items: { id: number; name: string; status: string }[] }>().items;
    return list.find((c) => c.name === name)!.id;
  }

  it('refuses a short name the addresses use and a colour white text cannot sit on, changing nothing', async () => {
    await manager.get('/communications/public-pages');
    const cy = await manager.post('/communications/public-pages', { shortName: 'cy', name: org.name, colour: '#005a8c' });
    expect(cy.statusCode).toBe(400);
    expect(cy.body).toContain('href="#shortName"');
    const pale = await manager.post('/communications/public-pages', { shortName, name: org.name, colour: '#ffdd00' });
    expect(pale.body).toContain('hard to read');
    expect((await new Client(t.app).get(`/status/${shortName}`)).statusCode).toBe(404);
  });

  it('shows the public only the components chosen for it, never an internal note, on the page, the feed and the summary', async () => {
    await setUpPages();
    const website = await aComponent('Council website', { public: true, nameCy: 'Gwefan y cyngor' });
    const payroll = await aComponent('Payroll self-service', { public: false });
    const agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    await agent.get('/communications/status/incidents/new');
    const told = await agent.post('/communications/status/incidents/new', {
      title: 'Website forms failing',
      titleCy: '',
      componentIds: [String(website), String(payroll)],
      impact: 'partial',
      state: 'investigating',
      body: 'Online forms are not sending. Please try again later.',
      bodyCy: '',
      internalNote: 'SECRET-NOTE the load balancer certificate',
      public: 'yes',
    });
    expect(told.statusCode).toBe(303);
    await agent.json('POST', '/api/v1/status/incidents', {
      title: 'Payroll slow INTERNAL-ONLY',
      impact: 'degraded',
      componentIds: [payroll],
      state: 'investigating',
      body: 'Payslips slow to open.',
      public: true,
    });

    const visitor = new Client(t.app);
    for (const path of [
      `/status/${shortName}`,
      `/status/${shortName}?lang=cy`,
      `/status/${shortName}/feed.atom`,
      `/status/${shortName}/summary.json`,
      `/status/${shortName}/feed.atom?lang=cy`,
    ]) {
      const res = await visitor.get(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.body, path).not.toContain('Payroll');
      expect(res.body, path).not.toContain('SECRET-NOTE');
      expect(res.body, path).not.toContain('INTERNAL-ONLY');
    }
    const reader = new Client(t.app);
    const page = await reader.get(`/status/${shortName}`);
    expect(page.body).toContain('Website forms failing');
    expect(page.body).toContain('Partly unavailable');
    expect(page.headers['cache-control']).toBe('public, max-age=15');
    const again = await reader.get(`/status/${shortName}`, { 'if-none-match': String(page.headers.etag) });
    expect(again.statusCode).toBe(304);
    // Inside the window a repeat reads no database: a change made behind Steward's back is not seen yet.
    await t.database.db.updateTable('status_components').set({ name: 'Renamed behind its back' }).where('id', '=', website).execute();
    const kept = await reader.get(`/status/${shortName}`, { 'accept-encoding': 'gzip' });
    expect(kept.headers['content-encoding']).toBe('gzip');
    expect(kept.headers.etag).toBe(page.headers.etag);
    expect((await reader.get(`/status/${shortName}`)).body).not.toContain('Renamed behind its back');
    await t.database.db.updateTable('status_components').set({ name: 'Council website' }).where('id', '=', website).execute();

    const summary = (await visitor.get(`/status/${shortName}/summary.json`)).json<{
      status: { indicator: string };
      components: { name: string; status: string; group: boolean }[];
      incidents: { name: string; impact: string; incident_updates: { body: string }[]; components: { name: string }[] }[];
    }>();
    expect(summary.status.indicator).toBe('major');
    expect(summary.components.filter((c) => !c.group).map((c) => [c.name, c.status])).toEqual([['Council website', 'partial_outage']]);
    expect(summary.incidents).toHaveLength(1);
    expect(summary.incidents[0]).toMatchObject({ name: 'Website forms failing', impact: 'major', components: [{ name: 'Council website' }] });

    // In Welsh: the Welsh name, and the English title with a note and lang="en" where there is no Welsh.
    const welsh = await visitor.get(`/status/${shortName}?lang=cy`);
    expect(welsh.body).toContain('<html lang="cy"');
    expect(welsh.body).toContain('Gwefan y cyngor');
    expect(welsh.body).toContain('<span lang="en">Website forms failing</span>');
    expect(welsh.body).toContain('Nid yw hwn wedi’i ysgrifennu yn Gymraeg eto.');
    // The choice is remembered: the page asked for without a language goes to the Welsh one.
    const remembered = await visitor.get(`/status/${shortName}`);
    expect(remembered.statusCode).toBe(302);
    expect(remembered.headers.location).toBe(`/status/${shortName}?lang=cy`);

    // Staff see both components, and those who update the status see the internal note.
    const staff = await agent.get('/communications/status');
    expect(staff.body).toContain('Payroll self-service');
    expect(staff.body).toContain('SECRET-NOTE');
    const requester = await signedInClient(t.app, org.people.requester.email, testPassword);
    const forStaff = await requester.get('/communications/status');
    expect(forStaff.body).toContain('Payroll self-service');
    expect(forStaff.body).not.toContain('SECRET-NOTE');
  });

  it('emails only confirmed subscribers, once per confirmation asked, and an unsubscribe link works once', async () => {
    await setUpPages();
    const website = await aComponent('Council website', { public: true });
    const email = `resident-${unique()}@example.org`;
    const never = `never-${unique()}@example.org`;
    const visitor = new Client(t.app);
    for (const address of [email, email, never]) {
      await visitor.get(`/status/${shortName}/subscribe`);
      const res = await visitor.post(`/status/${shortName}/subscribe`, { email: address, lang: 'en' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Check your email');
    }
    const bad = await visitor.post(`/status/${shortName}/subscribe`, { email: 'not an address', lang: 'cy' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Rhowch gyfeiriad e-bost');

    // Asking twice in a day sends one confirmation; the link confirms once.
    const asked = await mailTo(email);
    expect(asked).toHaveLength(1);
    const link = /\/status\/[^/]+\/confirm\/[A-Za-z0-9_-]+/.exec(asked[0]!.body)![0];
    await visitor.get(link);
    expect((await visitor.post(link, { lang: 'en' })).statusCode).toBe(200);
    expect((await visitor.post(link, { lang: 'en' })).statusCode).toBe(410);

    await manager.json('POST', '/api/v1/status/incidents', {
      title: 'Website down',
      impact: 'major',
      componentIds: [website],
      state: 'investigating',
      body: 'The website is down.',
      public: true,
    });
    const told = await mailTo(email);
    expect(told).toHaveLength(2);
    expect(told[1]!.subject).toContain('Investigating: Website down');
    expect(await mailTo(never)).toHaveLength(1);

    // A problem on a staff-only service is news to nobody outside, whatever the form said.
    const payroll = await aComponent('Payroll self-service', { public: false });
    await manager.json('POST', '/api/v1/status/incidents', {
      title: 'Payslips slow',
      impact: 'degraded',
      componentIds: [payroll],
      state: 'investigating',
      body: 'Slow.',
      public: true,
    });
    expect(await mailTo(email)).toHaveLength(2);
    const staffOnly = (await manager.json('GET', '/api/v1/status/incidents')).json<{ items: { title: string; public: boolean }[] }>().items;
    expect(staffOnly.find((i) => i.title === 'Payslips slow')!.public).toBe(false);

    const unsubscribe = /\/status\/[^/\s]+\/unsubscribe\/[A-Za-z0-9_-]+/.exec(told[1]!.body)![0];
    await visitor.get(unsubscribe);
    expect((await visitor.post(unsubscribe, {})).statusCode).toBe(200);
    expect((await visitor.post(unsubscribe, {})).statusCode).toBe(410);
    expect((await visitor.post(`/status/${shortName}/unsubscribe/${'A'.repeat(43)}`, {})).statusCode).toBe(410);
    await manager.json('POST', '/api/v1/status/incidents', {
      title: 'Website down again',
      impact: 'major',
      componentIds: [website],
      state: 'investigating',
      body: 'Down again.',
      public: true,
    });
    expect(await mailTo(email)).toHaveLength(2);
  });

  it('shows a major incident on the desk on its service’s components, and resolves it when the desk closes it', async () => {
    await setUpPages(false);
    const service = await aService(
      { database: t.database },
      { id: org.id, actor: { personId: null, label: 'test', organisationId: org.id } },
      { name: `Revenues ${unique()}` },
    );
    const component = await aComponent('Pay council tax online', { public: true, serviceId: service.id });
    const agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    await agent.get('/service-desk/major-incidents/new');
    const declared = await agent.post('/service-desk/major-incidents', {
      serviceId: String(service.id),
      title: 'Civica DB cluster failover broken',
      summary: 'Staff cannot take payments',
    });
    expect(declared.statusCode).toBe(303);
    await followMajorIncidents(t.database.db);
    const status = async () =>
      (await manager.json('GET', '/api/v1/status/components')).json<{ items: { id: number; status: string }[] }>().items.find((c) => c.id === component)!
        .status;
    expect(await status()).toBe('major');
    const page = await new Client(t.app).get(`/status/${shortName}`);
    expect(page.body).toContain('Pay council tax online not working');
    expect(page.body).not.toContain('Civica');

    const path = String(declared.headers.location);
    await agent.get(path);
    await agent.post(`${path}/close`, { note: 'Failed over by hand' });
    await followMajorIncidents(t.database.db);
    expect(await status()).toBe('operational');
    expect(await followMajorIncidents(t.database.db)).toBe(0);
  });

  it('publishes a post whose time has passed now and says so, keeps drafts and IT posts from staff, and lands feedback in the engagement log', async () => {
    await manager.get('/communications/posts/new');
    const past = await manager.post('/communications/posts/new', {
      title: 'Phishing warning',
      body: 'Do not click.',
      audience: 'all',
      publish: 'later',
      publishAt: '2026-01-01T09:00',
    });
    expect(past.statusCode).toBe(303);
    const postPath = String(past.headers.location);
    const shown = await manager.get(postPath);
    expect(shown.body).toContain('The time you chose has passed, so the post is published now');
    const draft = await manager.post('/communications/posts/new', { title: 'Draft thoughts', body: 'Not yet.', audience: 'all', publish: 'draft' });
    const forIt = await manager.post('/communications/posts/new', { title: 'Patching night', body: 'For IT.', audience: 'it', publish: 'now' });
    const noArea = await manager.post('/communications/posts/new', { title: 'For a directorate', body: 'Hello', audience: 'area', publish: 'now' });
    expect(noArea.statusCode).toBe(400);
    expect(noArea.body).toContain('Choose the directorate');

    const requester = await signedInClient(t.app, org.people.requester.email, testPassword);
    const news = await requester.get('/posts');
    expect(news.body).toContain('Phishing warning');
    expect(news.body).not.toContain('Draft thoughts');
    expect(news.body).not.toContain('Patching night');
    expect((await requester.get(String(draft.headers.location))).statusCode).toBe(404);
    expect((await requester.get(String(forIt.headers.location))).statusCode).toBe(404);
    expect((await requester.get('/portal')).body).toContain('Phishing warning');

    await requester.get(postPath);
    const sent = await requester.post(`${postPath}/feedback`, { feedback: 'Thanks, I had one of these' });
    expect(sent.statusCode).toBe(303);
    const log = (await manager.json('GET', '/api/v1/engagements')).json<{ items: { kind: string; title: string }[] }>().items;
    expect(log.some((e) => e.kind === 'feedback' && e.title.includes('Phishing warning'))).toBe(true);
  });

  it('publishes on the progress page only what was chosen, in the language asked, for each organisation at its own path', async () => {
    await setUpPages();
    const other = await seedOrganisation(t, `Other Council ${unique()}`);
    const otherManager = await signedInClient(t.app, other.people.manager.email, testPassword);
    await otherManager.get('/communications/public-pages');
    const taken = await otherManager.post('/communications/public-pages', { shortName, name: 'Other', colour: '#005a8c' });
    expect(taken.body).toContain('Another organisation has this short name');

    await manager.get('/kpis/new');
    await manager.post('/kpis/new', {
      measure: 'manual',
      name: 'Residents happy with the website',
      unit: '%',
      direction: 'up',
      target: '75',
      tolerance: '5',
      period: 'month',
      source: 'Survey',
    });
    const kpi = (await manager.json('GET', '/api/v1/kpis')).json<{ items: { id: number; name: string }[] }>().items[0]!;
    const visitor = new Client(t.app);
    expect((await visitor.get(`/progress/${shortName}`)).body).not.toContain('Residents happy');
    await manager.get('/communications/progress');
    const itemPath = `/communications/progress/kpi/${kpi.id}`;
    await manager.get(itemPath);
    const tooLong = await manager.post(itemPath, { titleCy: 'x'.repeat(301) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('href="#titleCy"');
    const published = await manager.post(itemPath, { titleCy: 'Trigolion yn hapus â’r wefan', summaryCy: '' });
    expect(published.statusCode).toBe(303);
    const page = await visitor.get(`/progress/${shortName}`);
    expect(page.body).toContain('Residents happy with the website');
    expect(page.body).toContain('Target: at least 75%');
    expect((await visitor.get(`/progress/${shortName}?lang=cy`)).body).toContain('Trigolion yn hapus â’r wefan');
    expect((await visitor.get(`/progress/${shortName}/feed.atom`)).body).toContain('Residents happy with the website');
    expect((await manager.post('/communications/progress/kpi/999999', { titleCy: '' })).statusCode).toBe(404);
    expect((await manager.post(`/communications/progress/nonsense/${kpi.id}`, { titleCy: '' })).statusCode).toBe(404);
    await manager.post(itemPath, { withdraw: 'yes' });
    expect((await visitor.get(`/progress/${shortName}?lang=en`)).body).not.toContain('Residents happy');
  });
});
