import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, Visitor } from './pages/base.js';
import { HomePage } from './pages/platform.js';
import { AssessmentPage, AssessmentsPage, CyberPage, FindingPage, FindingsPage, FrameworksPage, TrainingPage, VulnerabilitiesPage } from './pages/cyber.js';
import { ImportPage } from './pages/estate.js';
import { anOrganisation, aPerson, aSystem, unique } from '../support/factories.js';

// A security lead (a manager) in the demo council, starting an assessment of their own so the
// demo's assessments stay as they were.
describe.skipIf(!haveChromium)('cyber assessments in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  it('shows where the council stands against the CAF, and answers an outcome of a new assessment', async () => {
    const lead = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'manager' }));
    const home = lead.on(HomePage);
    await home.follow('Cyber and risk', home.areas());
    const cyber = lead.on(CyberPage);
    expect(await cyber.main()).toContain('CAF self-assessment 2026 to 2027');
    expect(await cyber.main()).toMatch(/\d+ of \d+ outcomes meet it/);
    await cyber.follow('Open the assessment');
    expect(await lead.page.locator('main').innerText()).toContain('A1.a Board Direction');
    await cyber.screenshot('cyber-assessment');

    const title = `Network CAF check ${unique()}`;
    const started = await (
      await lead.visit(AssessmentsPage)
    ).start({
      framework: 'Cyber Assessment Framework (demo wording) 4.0',
      title,
      profile: 'Baseline (Cyber Assessment Framework (demo wording) 4.0)',
      from: '2026-10-01',
      to: '2027-03-31',
    });
    expect(await started.heading()).toBe(title);
    const outcome = await started.openOutcome(/^B4\.a /);
    await outcome.tick('Achieved', 0);
    await outcome.tick('Not achieved', 0);
    await outcome.save();
    expect(await outcome.flash()).toContain('Saved B4.a: the indicators give not achieved');
    // Now on B4.b: plan an action for it and mark it done.
    await outcome.fill({ Action: 'Adopt the secure configuration baseline for servers', 'Due (optional)': '2027-02-28' });
    await outcome.press('Add to the plan');
    expect(await outcome.flash()).toContain('Added to the improvement plan');
    await outcome.markDone('Adopt the secure configuration baseline for servers');
    expect(await outcome.flash()).toContain('done');
    await outcome.follow(title, lead.page.locator('.govuk-breadcrumbs'));
    const assessment = lead.on(AssessmentPage);
    expect(await assessment.main()).toMatch(/B4\.a Secure by Design\s+Not achieved/);
    const b4a = await assessment.openOutcome(/^B4\.a /);
    await b4a.setByHand('Partially achieved', '');
    await b4a.save();
    expect(await b4a.errorSummary()).toContain('an override needs a justification');
    await b4a.setByHand('Partially achieved', 'The secure design standard was adopted in November; the indicators predate it.');
    await b4a.save();
    expect(await b4a.flash()).toContain('set by hand to partially achieved');
  });

  it('gives an outcome evidence as a link and a Steward record, makes a profile of the council’s own, and names the Cyber Essentials scope', async () => {
    const lead = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'manager' }));
    const title = `Evidence CAF check ${unique()}`;
    const started = await (
      await lead.visit(AssessmentsPage)
    ).start({
      framework: 'Cyber Assessment Framework (demo wording) 4.0',
      title,
      profile: 'Baseline (Cyber Assessment Framework (demo wording) 4.0)',
      from: '2026-10-01',
      to: '2027-03-31',
    });
    const outcome = await started.openOutcome(/^D1\.a /);
    await outcome.page.getByText('Add a link', { exact: true }).click();
    await outcome.fill({ 'What it is': 'Cyber incident response plan', Address: 'intranet/plan' });
    await outcome.press('Add the link');
    expect(await outcome.errorSummary()).toContain('Enter a web address starting https://');
    await outcome.fill({ 'What it is': 'Cyber incident response plan', Address: 'https://intranet.eastwold.example/it/incident-plan' });
    await outcome.press('Add the link');
    expect(await outcome.flash()).toContain('Added evidence to D1.a: Cyber incident response plan');
    await outcome.page.getByText('Link a record in Steward', { exact: true }).click();
    await outcome.choose('System');
    await outcome.fill({ 'Which one': 'Microsoft 365' });
    await outcome.press('Link the record');
    expect(await outcome.main()).toMatch(/Microsoft 365\s+\(system in Steward\)/);
    await outcome.screenshot('outcome-evidence');

    const frameworks = await lead.visit(FrameworksPage);
    await frameworks.follow('Cyber Assessment Framework (demo wording) 4.0');
    await frameworks.follow('Make a profile of your own');
    await frameworks.fill({ Name: `Stretch target ${unique()}` });
    await frameworks.select('Start from', { label: 'Baseline (Cyber Assessment Framework (demo wording) 4.0)' });
    await frameworks.press('Make the profile');
    expect(await frameworks.flash()).toMatch(/targets carried over/);
    await frameworks.select('A1.a Board Direction', { label: 'Achieved' });
    await frameworks.press('Save the targets');
    expect(await frameworks.flash()).toMatch(/Saved Stretch target \d+: (one target|nothing)|Nothing changed/);

    const essentials = await lead.visit(CyberPage, '/cyber/cyber-essentials');
    expect(await essentials.main()).toMatch(/\d+ systems: the \d+ named and the \d+ they run on/);
    await essentials.fill({ 'Systems in the scope': 'Microsoft 365\nA laptop fleet nobody recorded' });
    await essentials.press('Save the scope');
    expect(await essentials.errorSummary()).toContain('A laptop fleet nobody recorded: not in the systems register');
    await lead.visit(CyberPage, '/cyber/risks/settings');
  });

  it('refuses a framework file that is not one, lists the frameworks held, and shows an essential function’s critical systems', async () => {
    const lead = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'manager' }));
    const frameworks = await lead.visit(FrameworksPage);
    expect(await frameworks.table()).toContain('Cyber Assessment Framework (demo wording) 4.0');
    await frameworks.upload('shopping-list.yaml', 'eggs: 6\nmilk: 2\n');
    expect(await frameworks.errorSummary()).toContain('not one of the formats Steward reads');
    await frameworks.follow('Cyber Assessment Framework (demo wording) 3.2');
    expect(await frameworks.main()).toContain('How a status is decided');
    const cyber = await lead.visit(CyberPage);
    await cyber.follow('Essential functions and their critical systems');
    expect(await cyber.table()).toContain('Revenues and benefits');
    await cyber.follow('Revenues and benefits', lead.page.locator('main table'));
    expect(await cyber.main()).toMatch(/\d+ critical systems: the 1 it relies on and the \d+ they run on/);
    await cyber.fill({ 'Systems it relies on': 'Revenues and benefits\nA system nobody recorded' });
    await cyber.press('Save the systems');
    expect(await cyber.errorSummary()).toContain('A system nobody recorded: not in the systems register');
  });

  it('shows the risk register with its heat maps, and records a risk refused until its scores are on the matrix', async () => {
    const lead = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'manager' }));
    const cyber = await lead.visit(CyberPage);
    expect(await cyber.main()).toContain('Top risks outside appetite');
    await cyber.follow('The risk register');
    expect(await cyber.main()).toContain('Current scores as a table');
    await cyber.follow(/^\d+ outside appetite$/);
    expect(await cyber.main()).toMatch(/Outside \(\d+\)/);
    await cyber.follow('Record a risk');
    const title = `Door entry system unsupported ${unique()}`;
    await cyber.fill({ 'The risk, in a line': title, 'Next review': '2027-31-01' });
    await cyber.select('Category', { label: 'Property' });
    await cyber.press('Record the risk');
    expect(await cyber.errorSummary()).toContain('Enter the next review date as YYYY-MM-DD');
    await cyber.fill({ 'Next review': '2027-01-31' });
    await cyber.press('Record the risk');
    expect(await cyber.flash()).toContain(`Recorded ${title}`);
    expect(await cyber.main()).toContain('How the current score has changed');
  });

  it('shows the demo council’s findings against their deadlines, from the cyber page to one finding', async () => {
    const lead = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'manager' }));
    const cyber = await lead.visit(CyberPage);
    expect(await cyber.main()).toContain('Overdue vulnerabilities on tier-1 systems');
    await cyber.follow('Vulnerabilities', lead.page.locator('main'));
    const overview = lead.on(VulnerabilitiesPage);
    expect(await overview.main()).toContain('Open findings by severity');
    expect(await overview.main()).toContain('Open critical and high findings after each scan');
    await overview.screenshot('vulnerabilities');
    const list = await lead.visit(FindingsPage);
    await list.filter({ severity: 'Critical', show: 'Overdue' });
    expect(await list.table()).toContain('Overdue');
    await list.screenshot('vulnerability-findings');
    await list.follow(/./, lead.page.locator('main table tbody tr td').first());
    expect(await lead.on(FindingPage).main()).toContain('How to fix it');
  });

  it('imports a Nessus export into an organisation of its own, matches the host to its system, and accepts a finding’s risk', async () => {
    const org = await anOrganisation(rig);
    await aSystem(rig, org, { name: 'Planning application server', kind: 'server', hosts: 'plan-app01.test.local' });
    const lead = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'manager' }));
    const upload = await lead.visit(ImportPage, '/imports?kind=vulnerabilities');
    const preview = await upload.upload({
      name: 'nessus.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Plugin ID,CVE,CVSS v3.0 Base Score,Risk,Host,Protocol,Port,Name,Synopsis,Solution\r\n' +
          '"156032","CVE-2021-44228","10.0","Critical","PLAN-APP01.test.local","tcp","8443","Log4j remote code execution","The library is vulnerable.","Upgrade the library."\r\n' +
          '"10114","CVE-1999-0524","0.0","None","10.9.9.9","icmp","0","ICMP timestamp","","Filter ICMP."\r\n',
      ),
    });
    expect(await preview.main()).toContain('2 rows can be imported');
    expect(await preview.main()).toContain('Information only: shows the host was scanned');
    expect(await preview.main()).toContain('No open finding on those hosts will be closed');
    await preview.importRows(2, '1 new finding');
    const list = await lead.visit(FindingsPage);
    expect(await list.table()).toContain('Planning application server');
    await list.follow('Log4j remote code execution');
    const finding = lead.on(FindingPage);
    await finding.accept({ why: '', until: '2020-01-01' });
    expect(await finding.errorSummary()).toContain('Say why the risk of leaving it is accepted');
    await finding.accept({
      why: 'The supplier’s fix ships next week; the port is closed at the firewall meanwhile.',
      until: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(await finding.flash()).toContain('Accepted the risk until');
    expect(await finding.main()).toContain('Risk accepted until');
  });

  it('shows cyber awareness training coverage by directorate, who is due, and records a phishing exercise', async () => {
    const lead = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'manager' }));
    const cyber = await lead.visit(CyberPage);
    expect(await cyber.main()).toContain('Cyber awareness training');
    await cyber.follow(/^\d+% of [\d,]+ people$/);
    const training = lead.on(TrainingPage);
    expect(await training.main()).toContain('Coverage by directorate');
    await training.screenshot('training');
    await training.select('Directorate', { label: 'Children and families' });
    await training.press('Show');
    expect(await training.main()).toMatch(/[\d,]+ required courses? not in date/);
    const name = `Demo test: fake parking fine ${unique()}`;
    await training.fill({ Exercise: name, 'Sent on': '2026-11-20', 'Emails sent': '400', 'People who clicked': '500', 'People who reported it': '20' });
    await training.press('Record the exercise');
    expect(await training.errorSummary()).toContain('More people cannot click than were sent the email');
    await training.fill({ 'People who clicked': '44' });
    await training.press('Record the exercise');
    expect(await training.flash()).toContain(`Recorded ${name}`);
  });
});
