import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, Visitor } from './pages/base.js';
import { HomePage } from './pages/platform.js';
import { ProjectPage, RoadmapPage, StrategyPage } from './pages/strategy.js';
import { anOrganisation, aPerson } from '../support/factories.js';

describe.skipIf(!haveChromium)('strategy and the roadmap in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  it('shows the demo council’s priorities, objectives and roadmap to a board member, who changes nothing', async () => {
    const viewer = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'viewer' }));
    const home = viewer.on(HomePage);
    await home.follow('Strategy and governance', home.areas());
    const overview = viewer.on(StrategyPage);
    expect(await overview.heading()).toBe('Strategy and governance');
    const text = await overview.main();
    expect(text).toContain('Tackling climate change');
    expect(text).toContain('Residents can do the things they most often need online, first time');
    expect(text).not.toContain('Add to the strategy');
    await overview.screenshot('strategy-overview');

    const roadmap = await overview.roadmap();
    expect(await roadmap.bars()).toBeGreaterThan(20);
    expect(await roadmap.horizon('Now')).toContain('Move to Azure');
    await roadmap.filter({ status: 'Red' });
    expect(await roadmap.table()).toContain('Replace adult social care case management');
    expect(await roadmap.table()).not.toContain('Windows 11 for every laptop');
    await roadmap.screenshot('strategy-roadmap');
    const project = await roadmap.openProject(/Replace adult social care case management/);
    expect(await project.heading()).toBe('Replace adult social care case management');
    expect(await project.main()).toContain('Adult social care data clean-up');
    expect(await project.page.locator('form[action$="/dependencies"]').count()).toBe(0);
  });

  it('adds a project to a council’s roadmap, refusing an end before the start, and a dependency loop', async () => {
    const org = await anOrganisation(rig);
    const manager = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'manager' }));
    const roadmap = await manager.visit(RoadmapPage);
    const form = await roadmap.add();
    await form.save({ name: 'Replace the planning system', starts: '2027-06-01', ends: '2027-01-31' });
    expect(await form.errorSummary()).toContain('The project must end on or after the day it starts');
    await form.save({
      name: 'Replace the planning system',
      starts: '2027-01-01',
      ends: '2027-12-31',
      status: 'Amber',
      reason: 'Procurement is slower than planned.',
    });
    const first = manager.on(ProjectPage);
    expect(await first.flash()).toContain('Replace the planning system');
    const firstPath = first.path();
    const second = await (await manager.visit(RoadmapPage)).add();
    await second.save({ name: 'Planning data clean-up', starts: '2026-12-01', ends: '2027-05-31' });
    const clean = manager.on(ProjectPage);
    await clean.addDependency('PRJ-001 Replace the planning system');
    expect(await clean.flash()).toContain('Recorded the dependency');
    const back = await manager.visit(ProjectPage, firstPath);
    await back.addDependency('PRJ-002 Planning data clean-up');
    expect(await back.errorSummary()).toContain('That would make a loop: PRJ-002 depends on PRJ-001 depends on PRJ-002');
  });
});
