import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, StewardPage, Visitor } from './pages/base.js';
import { KnownErrorsPage, ProblemFormPage, ProblemsPage, ProposalsPage } from './pages/problems.js';
import { anOrganisation, aPerson, aService, aTicket } from '../support/factories.js';

describe.skipIf(!haveChromium)('problems and known errors in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  it('lets an agent raise a proposed problem, make it a known error with its workaround, read the article, and see it on a linked incident', async () => {
    const org = await anOrganisation(rig);
    const service = await aService(rig, org, { name: 'Remote access' });
    const incidents = [];
    for (const title of ['VPN keeps disconnecting since the update', 'Always On VPN drops after lunch', 'Cannot stay connected to the VPN at home'])
      incidents.push(await aTicket(rig, org, { service, title }));
    const agent = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'agent' }));

    const list = await agent.visit(ProblemsPage);
    expect(await list.areas().innerText()).toContain('Problems');
    expect(await list.main()).toContain('No problems recorded yet');
    const proposals = await agent.visit(ProposalsPage);
    await proposals.lookForClusters();
    expect(await proposals.flash()).toContain('Found 1 new cluster');
    expect(await proposals.main()).toContain('3 incidents on Remote access');
    const problem = await proposals.raise();
    expect(await problem.flash()).toContain('Raised PRB-000001');
    for (const i of incidents) expect(await problem.main()).toContain(i.reference);

    await problem.move('Known error', { rootCause: 'The 24.2 client lets Windows switch the network adapter off when idle', workaround: '' });
    expect(await problem.errorSummary()).toContain('Enter the workaround before marking the problem a known error');
    await problem.move('Known error', { workaround: 'Untick “Allow the computer to turn off this device to save power” on the Wi-Fi adapter, then restart.' });
    expect(await problem.flash()).toContain('PRB-000001 is now known error');
    expect(await problem.summaryList()).toContain('Known error: Repeated incidents on Remote access');

    await problem.openArticle();
    const article = agent.on(StewardPage);
    expect(await article.main()).toContain('This is a known error (PRB-000001) affecting Remote access');
    expect(await article.main()).toContain('Allow the computer to turn off this device to save power');

    const ticket = await agent.visit(StewardPage, `/service-desk/tickets/${incidents[0]!.reference}`);
    expect(await ticket.main()).toContain('This incident is linked to');
    expect(await ticket.main()).toContain('PRB-000001 Repeated incidents on Remote access');

    const known = await agent.visit(KnownErrorsPage);
    expect(await known.table()).toContain('PRB-000001');
    await agent.visit(ProblemFormPage);
    const filtered = await agent.visit(ProblemsPage, `/problems?status=known_error&service=${service.id}`);
    expect(await filtered.table()).toContain('PRB-000001');
  });

  it('shows a viewer the demo council’s problems: the VPN known error with its article and incidents, and nothing to change', async () => {
    const viewer = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'viewer' }));
    const known = await viewer.visit(KnownErrorsPage);
    expect(await known.table()).toContain('Always On VPN drops every few minutes after the client update');
    await known.follow(/^PRB-\d{6} Always On VPN drops/);
    const problem = viewer.on(StewardPage);
    const text = await problem.main();
    expect(text).toContain('Known error: Always On VPN drops every few minutes after the client update');
    expect(text).toContain('Allow the computer to turn off this device to save power');
    expect(text).toContain('Under investigation → Known error');
    expect(await problem.page.locator('form[action$="/status"]').count()).toBe(0);
    const list = await viewer.visit(ProblemsPage);
    for (const title of ['Printers on the second floor of the Civic Centre lose their queue', 'Revenues and Benefits system slow on Monday mornings'])
      expect(await list.table()).toContain(title);
    expect(await list.page.getByRole('link', { name: 'Log a problem' }).count()).toBe(0);
    const proposals = await viewer.visit(ProposalsPage);
    expect(await proposals.main()).toContain('incidents on Telephony and contact centre');
  });
});
