import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, Visitor } from './pages/base.js';
import { HomePage } from './pages/platform.js';
import { DashboardPage, DeclareMajorIncidentPage, DeskSettingsPage, KnowledgePage, PortalPage, PortalTicketPage, QueuePage } from './pages/service-desk.js';
import { anOrganisation, aPerson, aService, aTeam, aTicket } from '../support/factories.js';

// Each journey signs in as a person of its own: in the demo council when it needs the demo's
// catalogue and knowledge base, in an organisation of its own when it changes what others would see.
describe.skipIf(!haveChromium)('the service desk in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  /** A desk of the test's own: an agent in a team that runs a service. */
  async function aDesk(serviceName?: string) {
    const org = await anOrganisation(rig);
    const agent = await aPerson(rig, org, { role: 'agent', name: 'Megan Hughes' });
    const team = await aTeam(rig, org, { name: 'Applications', members: [agent] });
    const service = await aService(rig, org, { team, ...(serviceName ? { name: serviceName } : {}) });
    return { org, agent, team, service };
  }

  it('lets a member of staff find an answer, then report a problem', async () => {
    const staff = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'requester' }));
    await staff.on(HomePage).follow('Get IT help', staff.on(HomePage).areas());
    const report = await staff.on(PortalPage).reportAProblem();
    await report.searchFirst('password');
    expect(await report.suggestions()).toContain('How do I reset my password?');
    await report.send({ title: '' });
    expect(await report.errorSummary()).toContain('Say in a few words what is wrong');
    const ticket = await report.send({
      title: 'Case notes will not save',
      details: 'Every time I press save on a case note it spins and then fails.',
      service: 'Adult social care case management',
      affects: 'My team or several people',
      impact: 'My work is slowed down',
    });
    expect(await ticket.newReference('INC')).toMatch(/^INC-\d{6}$/);
    expect(await ticket.heading()).toBe('Case notes will not save');
  });

  it('lets a member of staff ask for equipment through its form', async () => {
    const staff = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'requester' }));
    const request = await (await staff.visit(PortalPage)).ask('Ask for equipment');
    await request.send();
    expect(await request.errorSummary()).toContain('Choose an answer for ‘What do you need?’');
    await request.send({ choose: ['Docking station'], fill: { 'Why do you need it?': 'Mine stopped working after the office move.' } });
    expect(await request.heading()).toBe('Ask for equipment');
    expect(await request.flash()).toMatch(/REQ-\d{6}/);
  });

  it('lets an agent find, take, answer and resolve a ticket', async () => {
    const { org, agent, service } = await aDesk('Adult social care case management');
    const { reference } = await aTicket(rig, org, { service, title: 'Case notes will not save' });
    const desk = await Visitor.signedIn(rig, agent);
    const ticket = await (await desk.visit(QueuePage)).search(reference.toLowerCase());
    expect(await ticket.heading()).toBe('Case notes will not save');
    await ticket.assignTo(agent.name);
    await ticket.addToTimeline('I can see the error in the logs: **fixing now**.');
    expect(await ticket.timeline()).toContain('fixing now');
    await ticket.resolve();
    expect(await ticket.errorSummary()).toContain('Choose how the ticket was resolved');
    await ticket.resolve({ code: 'Fixed', notes: 'Cleared a stuck lock on the case record.' });
    expect(await ticket.details()).toContain('Resolved');
  });

  it('lets an agent move through the queue and a ticket by keyboard, with the filters in a panel that folds away', async () => {
    const { org, agent, service } = await aDesk('Printing');
    const first = await aTicket(rig, org, { service, title: 'Second floor printer offline' });
    await aTicket(rig, org, { service, title: 'Toner low on the Civic Centre printer' });
    const desk = await Visitor.signedIn(rig, agent);
    await desk.visit(QueuePage);
    const page = desk.page;
    expect(await page.locator('details.steward-queue__filters').getAttribute('open')).toBeNull();
    await page.keyboard.press('j');
    const focused = (await page.locator(':focus').textContent()) ?? '';
    expect(focused).toMatch(/^(INC|REQ)-\d{6}$/);
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect((await page.locator(':focus').textContent()) ?? '').toBe(focused);
    await page.goto(`${rig.baseUrl}/service-desk/tickets/${first.reference}`);
    await desk.arrived();
    await page.keyboard.press('n');
    expect(await page.locator(':focus').getAttribute('id')).toBe('body');
    expect(await page.locator('form:has(#body) input[name="visibility"][value="internal"]').isChecked()).toBe(true);
  });

  it('lets the member of staff rate the service and close a resolved ticket', async () => {
    const { org, agent, team, service } = await aDesk();
    const requester = await aPerson(rig, org, { role: 'requester' });
    const { reference } = await aTicket(rig, org, { requester, service, resolvedBy: { agent, team } });
    const staff = await Visitor.signedIn(rig, requester);
    const ticket = await staff.visit(PortalTicketPage, PortalTicketPage.at(reference));
    await ticket.rate(4);
    expect(await ticket.main()).toContain('You rated this 4 out of 5');
    await ticket.confirmFixed();
    expect(await ticket.details()).toContain('Closed');
  });

  it('gives managers a dashboard and the desk’s settings', async () => {
    const manager = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'manager' }));
    expect(await (await manager.visit(DashboardPage)).charts()).toBe(4);
    expect(await (await manager.visit(DeskSettingsPage)).heading()).toBe('Working calendars and SLAs');
  });

  it('shows staff a major incident as soon as a manager declares it', async () => {
    const { org, service } = await aDesk('Microsoft 365');
    const manager = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'manager' }));
    const declared = await (
      await manager.visit(DeclareMajorIncidentPage)
    ).declare({
      service: service.name,
      title: 'Email is down for everyone',
      forStaff: 'Use Teams chat until email is back.',
    });
    expect(await declared.flash()).toContain('staff now see it on the portal');
    expect(await declared.heading()).toBe('Email is down for everyone');
    const staff = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'requester' }));
    expect(await (await staff.visit(PortalPage)).knownProblems()).toContain('Email is down for everyone');
  });

  it('lets staff read the knowledge base', async () => {
    const staff = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'requester' }));
    const article = await (await staff.visit(KnowledgePage)).read('How do I reset my password?');
    expect(await article.heading()).toBe('How do I reset my password?');
  });
});
