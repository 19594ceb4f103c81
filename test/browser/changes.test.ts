import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, Visitor } from './pages/base.js';
import { CabPage, CalendarPage, ChangePage, ChangesPage, FreezeWindowsPage, RaiseChangePage } from './pages/changes.js';
import { actorOf, anOrganisation, aPerson, aSystem } from '../support/factories.js';
import { addCabMember, raiseChange, saveCabSettings } from '../../src/modules/changes/service.js';

describe.skipIf(!haveChromium)('changes, the CAB and the change calendar in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  it('lets an agent raise a change, a CAB member approve it with conditions, and shows it and its conflict on the calendar', async () => {
    const org = await anOrganisation(rig);
    const agent = await aPerson(rig, org, { role: 'agent' });
    const member = await aPerson(rig, org, { role: 'viewer' });
    const manager = await aPerson(rig, org, { role: 'manager' });
    const db = rig.database.db;
    await addCabMember(db, org.actor, org.id, { email: member.email, role: 'Member' });
    await saveCabSettings(db, org.actor, org.id, { cabQuorum: 1, ecabQuorum: 1 });
    const revs = await aSystem(rig, org, { name: 'Revenues and benefits' });
    const patching = await raiseChange(db, actorOf(agent), org.id, {
      title: 'Windows security updates on the revenues servers',
      description: '',
      kind: 'standard',
      riskImpact: 0,
      riskSystems: 1,
      riskUntested: 0,
      riskBackout: 0,
      riskHours: 0,
      systems: [revs.id],
      plannedStart: '2031-05-14T18:00:00.000Z',
      plannedEnd: '2031-05-14T21:00:00.000Z',
      implementer: null,
      backoutPlan: 'Uninstall the update',
      testPlan: '',
      communicationPlan: '',
      emergencyReason: '',
    });

    const raiser = await Visitor.signedIn(rig, agent);
    await raiser.visit(ChangesPage);
    const form = await raiser.visit(RaiseChangePage);
    const risk = {
      'How much would residents or staff be affected if it went wrong?': 'Moderate',
      'How many systems or services does it touch?': 'Low',
      'How new or untested is what is being done?': 'Low',
      'How hard would it be to back out?': 'Low',
    };
    const change = {
      title: 'Upgrade Revenues and benefits to the 2031 release',
      kind: 'Normal',
      risk,
      systems: [revs.name],
      start: '2031-05-14T19:00',
      end: '2031-05-14T23:00',
      backout: 'Restore the backup',
    };
    await form.raise(change);
    expect(await form.errorSummary()).toContain('Answer how much of it falls in working hours');
    await form.raise({ ...change, risk: { ...risk, 'How much of it falls in working hours?': 'None' } });
    const page = raiser.on(ChangePage);
    expect(await page.flash()).toMatch(/Raised CHG-\d{6}/);
    expect(await page.conflicts()).toContain(patching.reference);
    expect(await page.main()).toContain('Change advisory board (CAB)');
    await page.submitForApproval();
    expect(await page.flash()).toContain('awaiting the CAB');
    const path = page.path();
    const reference = path.split('/').pop()!;

    const voter = await Visitor.signedIn(rig, member);
    const cab = await voter.visit(CabPage);
    expect(await cab.main()).toContain(reference);
    const toVote = await voter.visit(ChangePage, path);
    await toVote.vote('Approve with conditions');
    expect(await toVote.errorSummary()).toContain('Say what the conditions are');
    await toVote.vote('Approve with conditions', 'Tell the benefits team a week ahead');
    expect(await toVote.flash()).toContain('the CAB has decided');
    expect(await toVote.main()).toContain('Approved with conditions');

    const calendar = await raiser.visit(CalendarPage, '/changes/calendar?month=2031-05');
    const month = await calendar.main();
    expect(month).toContain(reference);
    expect(month).toContain(patching.reference);
    expect(month).toContain('Conflict');
    await raiser.goto('/changes/calendar?view=week&week=2031-05-14');
    await raiser.check('week');
    expect(await calendar.main()).toContain('Conflict');
    await raiser.goto('/changes/calendar?view=list&month=2031-05');
    await raiser.check('list');
    expect(await calendar.table()).toContain(`same system as ${patching.reference}`);

    const keeper = await Visitor.signedIn(rig, manager);
    const freezes = await keeper.visit(FreezeWindowsPage);
    await freezes.set({ name: 'Annual billing', starts: '2031-05-14', ends: '2031-05-13' });
    expect(await freezes.errorSummary()).toContain('The freeze must end after it starts');
    await freezes.set({ name: 'Annual billing', starts: '2031-05-14', ends: '2031-05-15' });
    expect(await freezes.flash()).toContain('Set the freeze window Annual billing');
    const list = await keeper.visit(ChangesPage, '/changes?kind=normal');
    expect(await list.table()).toContain(reference);
  });
});
