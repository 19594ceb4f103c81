import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, StewardPage, Visitor } from './pages/base.js';
import { aPerson } from '../support/factories.js';

// The telling-people module's pages (kept beside the journeys that use them).
class PublicStatusPage extends StewardPage {
  static readonly path = '/status/eastwold';
}
class IncidentFormPage extends StewardPage {
  static readonly path = '/communications/status/incidents/new';
  async tell(p: { title: string; services: string[]; impact: string; body: string; note?: string }) {
    await this.fill({ 'What is wrong': p.title, 'What people will notice and what to do meanwhile': p.body });
    for (const s of p.services) await this.choose(s);
    await this.choose(p.impact);
    if (p.note) await this.fill({ 'Internal note (staff only)': p.note });
    await this.press('Tell people');
  }
}
class PostFormPage extends StewardPage {
  static readonly path = '/communications/posts/new';
}

describe.skipIf(!haveChromium)('telling people in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  it('gives a resident the status page in English and Welsh, remembers the choice, and takes a subscription', async () => {
    const resident = await Visitor.open(rig);
    const status = await resident.visit(PublicStatusPage);
    expect(await status.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await status.main()).toContain('Interactive maps slow to load');
    expect(await status.main()).not.toContain('Email and Teams');
    expect(await status.main()).not.toContain('Tile server');
    await status.screenshot('status-public');
    await status.follow(/Cymraeg/);
    const welsh = resident.on(StewardPage);
    expect(await welsh.page.locator('html').getAttribute('lang')).toBe('cy');
    expect(await welsh.main()).toContain('Gwasanaethau ar-lein');
    // The maps problem has no Welsh: its title is marked English, with a note.
    expect(await welsh.page.locator('main [lang="en"]', { hasText: 'Interactive maps slow to load' }).count()).toBeGreaterThan(0);
    expect(await welsh.main()).toContain('Nid yw hwn wedi’i ysgrifennu yn Gymraeg eto.');
    await welsh.screenshot('status-public-cy');
    await resident.goto('/progress/eastwold');
    expect(new URL(resident.page.url()).search).toBe('?lang=cy');
    expect(await resident.on(StewardPage).main()).toContain('Penderfyniadau');
    await resident.on(StewardPage).screenshot('progress-public-cy');

    await resident.goto('/status/eastwold/subscribe?lang=cy');
    const subscribe = resident.on(StewardPage);
    await subscribe.press('Tanysgrifio');
    expect(await subscribe.errorSummary()).toContain('Rhowch gyfeiriad e-bost');
    await subscribe.fill({ 'Cyfeiriad e-bost': 'preswylydd@example.org' });
    await subscribe.choose('Diwrnodau casglu biniau');
    await subscribe.press('Tanysgrifio');
    expect(await subscribe.heading()).toBe('Edrychwch ar eich e-bost');
  });

  it('lets an agent tell people about a problem and resolve it, and a manager publish a post', async () => {
    const agent = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'agent' }));
    const hub = await agent.visit(StewardPage, '/communications');
    expect(await hub.main()).toContain('The status page for staff');
    const staffStatus = await agent.visit(StewardPage, '/communications/status');
    expect(await staffStatus.main()).toContain('Email and Teams');
    expect(await staffStatus.main()).toContain('Tile server');
    await staffStatus.screenshot('status-staff');

    const form = await agent.visit(IncidentFormPage);
    await form.press('Tell people');
    expect(await form.errorSummary()).toContain('Say what is wrong');
    await form.tell({
      title: 'Garden waste payments failing',
      services: ['Online payments'],
      impact: 'Partly unavailable',
      body: 'Card payments for garden waste are failing. Please try again this afternoon.',
      note: 'Payment gateway returns 502',
    });
    const incident = agent.on(StewardPage);
    expect(await incident.flash()).toContain('Told people about the problem');
    await incident.choose('Resolved');
    await incident.fill({ 'What has changed': 'Payments are working again.' });
    await incident.press('Add the update');
    expect(await incident.flash()).toContain('Resolved the problem');
    await incident.screenshot('status-incident');

    const manager = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'manager' }));
    const post = await manager.visit(PostFormPage);
    await post.fill({ Title: 'Printers on floor 2 moving', 'The post': 'They move on **Friday**.' });
    await post.choose('Publish at a time');
    await post.fill({ When: '2026-01-05T09:00' });
    await post.press('Save');
    const shown = manager.on(StewardPage);
    expect(await shown.flash()).toContain('The time you chose has passed, so the post is published now');
    expect(await shown.main()).toContain('They move on Friday.');
    await shown.screenshot('post');
    await manager.visit(StewardPage, '/communications/posts');
    await manager.visit(StewardPage, '/communications/status/components');
    await manager.visit(StewardPage, '/communications/public-pages');
    const choices = await manager.visit(StewardPage, '/communications/progress');
    expect(await choices.main()).toContain('Decisions');

    const requester = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'requester' }));
    const portal = await requester.visit(StewardPage, '/portal');
    expect(await portal.main()).toContain('Printers on floor 2 moving');
    await portal.follow('Printers on floor 2 moving');
    const reading = requester.on(StewardPage);
    await reading.fill({ 'Your feedback': 'Which printer should we use meanwhile?' });
    await reading.press('Send feedback');
    expect(await reading.flash()).toContain('IT has your feedback');
  });
});
