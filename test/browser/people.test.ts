import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, Visitor } from './pages/base.js';
import { HomePage } from './pages/platform.js';
import { FrameworkPage, OrgChartPage, PeopleAndSkillsPage, SkillsMatrixPage, StaffPage, VacanciesPage } from './pages/people.js';
import { anOrganisation, aPerson, unique } from '../support/factories.js';

// A manager of their own in the demo council reads the demo's department (and changes nothing); one in
// an organisation of their own adds people and posts, so the demo's figures stay as they were.
describe.skipIf(!haveChromium)('people and skills in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  it('shows the department’s people by team, a person, the organisation chart, the skills matrix, vacancies and the framework', async () => {
    const manager = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'manager' }));
    const home = manager.on(HomePage);
    await home.follow('People and skills', home.areas());
    const overview = manager.on(PeopleAndSkillsPage);
    expect(await overview.heading()).toBe('People and skills');
    expect(await overview.main()).toContain('Posts open for more than a year');

    const staff = await overview.departmentsPeople();
    await staff.filter({ team: 'Service desk' });
    const names = await staff.names();
    expect(names).toContain('Tom Okafor');
    expect(names).not.toContain('Helen Walsh');
    const tom = await staff.openPerson('Tom Okafor');
    expect(await tom.heading()).toBe('Tom Okafor');
    expect(await tom.summaryList()).toContain('Service desk');
    expect(await tom.main()).toContain('Reports to them');
    await tom.screenshot('people-person');

    const chart = await manager.visit(OrgChartPage);
    expect(await chart.main()).toMatch(/\d+ people in post and 6 vacant posts/);
    expect(await chart.pictureBoxes()).toBeGreaterThan(50);
    expect(await chart.asAList()).toContain('Priya Shah');
    await chart.screenshot('people-org-chart');

    const skills = await manager.visit(SkillsMatrixPage);
    expect(await skills.main()).toMatch(/of the [\d,]+ skill levels people’s roles need are met/);
    expect(await skills.rows()).toContain('Infrastructure');
    const infrastructure = await skills.openTeam('Infrastructure');
    expect(infrastructure.page.url()).toMatch(/teamId=\d+/);
    expect(await infrastructure.rows()).toContain('Dan Price');
    await infrastructure.screenshot('people-skills-team');

    const vacancies = await manager.visit(VacanciesPage);
    expect(await vacancies.main()).toContain('6 posts are open, longest first');
    expect(await vacancies.table()).toContain('Senior network engineer');

    const framework = await manager.visit(FrameworkPage);
    expect(await framework.main()).toContain('The council’s job titles');
    const role = await framework.openRole('Infrastructure engineer');
    expect(await role.heading()).toBe('Infrastructure engineer');
    expect(await role.main()).toContain('Level needed');
  });

  it('lets a manager add a person, explaining a form left empty, and record a vacant post', async () => {
    const org = await anOrganisation(rig);
    const manager = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'manager' }));
    const form = await (await manager.visit(StaffPage)).add();
    await form.save({ name: '' });
    expect(await form.errorSummary()).toContain('Enter the person’s name');
    const name = `Jo Bloggs ${unique()}`;
    const person = await form.save({ name, jobTitle: 'Network engineer', grade: 'Grade 8', startDate: '2026-04-01' });
    expect(await person.flash()).toContain(`Added ${name}`);
    expect(await person.heading()).toBe(name);
    expect(await person.summaryList()).toContain('1 April 2026');

    const post = await (await manager.visit(VacanciesPage)).record();
    const vacancies = await post.save({
      title: 'Senior network engineer',
      grade: 'Grade 10',
      reportsTo: `${name}, Network engineer`,
      since: '2026-01-05',
      timesAdvertised: '2',
    });
    expect(await vacancies.flash()).toContain('Recorded the vacant post Senior network engineer');
    expect(await vacancies.table()).toContain(`reports to ${name}`);
  });
});
