import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, StewardPage, Visitor } from './pages/base.js';
import { anOrganisation, aPerson } from '../support/factories.js';

const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

// The stakeholders module's pages (kept beside the journeys that use them).
class StakeholdersPage extends StewardPage {
  static readonly path = '/stakeholders';
  async add() {
    await this.follow('Add a stakeholder');
    return this.visitor.on(StakeholderFormPage);
  }
}
class StakeholderFormPage extends StewardPage {
  async save(s: { name: string; kind?: string; influence?: string; interest?: string; view?: string }) {
    await this.fill({ Name: s.name });
    if (s.kind) await this.select('Kind', { label: s.kind });
    if (s.influence)
      await this.page
        .getByRole('group', { name: /Influence over the IT service/ })
        .getByLabel(s.influence, { exact: true })
        .check();
    if (s.interest)
      await this.page
        .getByRole('group', { name: /Interest in IT/ })
        .getByLabel(s.interest, { exact: true })
        .check();
    if (s.view) await this.fill({ 'Their view of the IT service': s.view });
    await this.press('Add the stakeholder');
  }
}
class EngagementFormPage extends StewardPage {
  static readonly path = '/engagements/new';
  async log(e: { kind: string; on: string; title: string; met: string[]; heard: string; feedback?: boolean; followUp?: string }) {
    await this.select('Kind', { label: e.kind });
    await this.fill({ 'Day it happened (YYYY-MM-DD)': e.on, 'What it was': e.title, 'What was heard': e.heard });
    for (const name of e.met) await this.choose(name);
    if (e.feedback) await this.choose('It carries feedback that needs a reply');
    if (e.followUp) await this.fill({ 'What is to be done': e.followUp, 'Due (YYYY-MM-DD)': daysFromToday(7) });
    await this.press('Log the engagement');
  }
}
class PlanPage extends StewardPage {
  static readonly path = '/communications-plan';
}
class MessageFormPage extends StewardPage {
  static readonly path = '/communications-plan/new';
  async add(m: { message: string; audience: string; channel: string; frequency: string; startsOn: string }) {
    await this.fill({ 'What people need to know': m.message, Audience: m.audience, 'First goes out (YYYY-MM-DD)': m.startsOn });
    await this.select('Channel', { label: m.channel });
    await this.choose(m.frequency);
    await this.press('Add the message');
  }
}

describe.skipIf(!haveChromium)('stakeholders, the engagement log and the communications plan in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  it('shows a viewer the demo council’s grid, register, log, lists and plan, each page passing axe', async () => {
    const viewer = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'viewer' }));
    const register = await viewer.visit(StakeholdersPage);
    expect(await register.main()).toContain('Manage closely');
    expect(await register.page.locator('main svg[role="img"]').count()).toBe(1);
    expect(await register.main()).not.toContain('Add a stakeholder');
    await register.screenshot('stakeholders');
    await register.follow('Anita Desai', register.page.locator('main table'));
    expect(await viewer.on(StewardPage).main()).toContain('Corporate Director of Resources');
    await viewer.on(StewardPage).screenshot('stakeholder');
    await viewer.goto('/stakeholders/not-met-in-90-days');
    expect(await viewer.on(StewardPage).main()).toContain('Peter Quinn');
    await viewer.goto('/engagements');
    const log = viewer.on(StewardPage);
    expect(await log.main()).toContain('Corporate management team');
    await log.page.locator('main table').last().getByRole('link', { name: 'Corporate management team' }).first().click();
    await viewer.arrived();
    expect(await viewer.on(StewardPage).main()).toContain('Stakeholders met');
    await viewer.on(StewardPage).screenshot('engagement');
    await viewer.goto('/engagements/feedback-without-reply');
    expect(await viewer.on(StewardPage).main()).toContain('Service desk pulse survey');
    const plan = await viewer.visit(PlanPage);
    expect(await plan.main()).toContain('Where to look when a system is down');
    await plan.screenshot('communications-plan');
    await plan.follow(/Next month/);
    await viewer.on(PlanPage).follow('Where to look when a system is down', viewer.page.locator('main table').last());
    expect(await viewer.on(StewardPage).main()).toContain('What was sent');
    await viewer.on(StewardPage).screenshot('communication');
  });

  it('lets a manager add a stakeholder, log a meeting with a follow-up and feedback, reply, and plan a message with what was sent', async () => {
    const org = await anOrganisation(rig);
    const manager = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'manager' }));
    const form = await (await manager.visit(StakeholdersPage)).add();
    await form.save({ name: '' });
    expect(await form.errorSummary()).toContain('Give the stakeholder’s name');
    await form.screenshot('stakeholder-form');
    await form.save({ name: 'Karen Whitfield', kind: 'Heads of service', influence: 'Medium', interest: 'High', view: 'Month end is slow.' });
    expect(await form.flash()).toContain('Added Karen Whitfield');

    const engagement = await manager.visit(EngagementFormPage);
    await engagement.log({
      kind: 'Their team meeting',
      on: daysFromToday(-1),
      title: 'Revenues team meeting',
      met: ['Karen Whitfield'],
      heard: 'The month-end run is slow.',
      feedback: true,
      followUp: 'Ask the supplier for the upgrade date',
    });
    const page = manager.on(StewardPage);
    expect(await page.flash()).toContain('Logged Revenues team meeting');
    await page.press('Mark done: Ask the supplier for the upgrade date');
    expect(await page.flash()).toContain('Marked the follow-up done');
    await page.press('Record the reply');
    expect(await page.errorSummary()).toContain('Write the reply');
    await page.fill({ 'The reply given': 'The upgrade is booked for March.' });
    await page.press('Record the reply');
    expect(await page.flash()).toContain('Recorded the reply');
    await page.screenshot('engagement-managed');

    const message = await manager.visit(MessageFormPage);
    await message.add({
      message: 'Where to look when a system is down',
      audience: 'All staff',
      channel: 'Intranet',
      frequency: 'Monthly',
      startsOn: daysFromToday(0),
    });
    const plan = manager.on(StewardPage);
    expect(await plan.flash()).toContain('Added Where to look when a system is down');
    await plan.page.locator('summary', { hasText: 'Record what was sent' }).click();
    await plan.fill({ 'How many it reached (optional)': '1200' });
    await plan.press('Record the send');
    expect(await plan.flash()).toContain('Recorded what was sent');
    await manager.visit(PlanPage);
  });
});
