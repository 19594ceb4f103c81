import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, startRig, type BrowserRig } from './support.js';
import { closeVisitors, Visitor } from './pages/base.js';
import { BoardPackPage, BoardsPage, DecisionPage, MeetingPage } from './pages/boards.js';
import { StewardPage } from './pages/base.js';
import { anOrganisation, aPerson } from '../support/factories.js';

const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!haveChromium)('boards, meetings and the decision log in Chromium, with axe on every page', () => {
  let rig: BrowserRig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterEach(closeVisitors);
  afterAll(async () => {
    await rig?.close();
  });

  it('shows the demo digital board’s year of meetings and its decision log to a viewer who does not sit on it, who records nothing', async () => {
    const viewer = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'viewer' }));
    const boards = await viewer.visit(BoardsPage);
    expect(await boards.main()).toContain('Technical design authority');
    await boards.screenshot('boards');
    const board = await boards.openBoard('Digital board');
    expect(await board.main()).toContain('Cllr Susan Hill');
    expect(await board.main()).not.toContain('Record a decision made between meetings');
    await board.screenshot('board');
    await board.follow('Every decision of Digital board');
    const log = await board.main();
    expect(log).toContain('Host the council’s systems in Microsoft Azure rather than refresh the data centre');
    await board.follow(/Host the council’s systems in Microsoft Azure/);
    const decision = viewer.on(DecisionPage);
    expect(await decision.main()).toContain('PRJ-');
    expect(await decision.page.locator('form[action$="/links"]').count()).toBe(0);
  });

  it('lets a councillor who chairs a board record who came, the minutes and a decision, refusing one dated ahead, and sign the minutes off', async () => {
    const org = await anOrganisation(rig);
    const manager = await Visitor.signedIn(rig, await aPerson(rig, org, { role: 'manager' }));
    const councillor = await aPerson(rig, org, { role: 'viewer' });
    const board = await (await manager.visit(BoardsPage)).setUp('Digital board', 'Agrees the roadmap and the business cases for it.');
    expect(await board.flash()).toContain('Set up Digital board');
    await board.addMember({ name: 'Cllr Ann Bright', role: 'Chair', email: councillor.email });
    await board.addMember({ name: 'Anita Desai', role: 'Member' });
    const meeting = await board.arrange(daysFromToday(-1));
    const meetingPath = meeting.path();

    const chair = await Visitor.signedIn(rig, councillor);
    const page = await chair.visit(MeetingPage, meetingPath);
    await page.attended(['Cllr Ann Bright'], ['Anita Desai']);
    expect(await page.main()).toContain('1 of 2 present, 1 apology');
    await page.writeMinutes('# Digital board\n\nThe board agreed to move to Azure.');
    const form = await page.recordDecision();
    await form.record({ decision: 'Move to Azure', why: 'The kit is out of support.', on: daysFromToday(3) });
    expect(await form.errorSummary()).toContain('Record a decision once it has been made');
    await form.record({ decision: 'Move to Azure', why: 'The kit is out of support.', on: daysFromToday(-1), published: true });
    const decision = chair.on(DecisionPage);
    expect(await decision.flash()).toContain('DEC-0001');
    const back = await chair.visit(MeetingPage, meetingPath);
    await back.press('Sign off the minutes as a true record');
    expect(await back.flash()).toContain('Signed off the minutes');
    expect(await back.main()).toContain('as a true record');
    await back.screenshot('board-meeting');
  });
  it('shows a board member the pack for the last meeting, the KPIs, the budget and the maturity self-assessments, each passing axe', async () => {
    const viewer = await Visitor.signedIn(rig, await aPerson(rig, rig.demo, { role: 'viewer' }));
    const boards = await viewer.visit(BoardsPage);
    const board = await boards.openBoard('Digital board');
    const meetings = board.page.locator('main #meetings + table a');
    await meetings.nth(2).click();
    await viewer.arrived();
    const meeting = viewer.on(MeetingPage);
    await meeting.follow('The board pack');
    const pack = viewer.on(BoardPackPage);
    const text = await pack.main();
    for (const part of ['Agenda', 'Decisions and actions due', 'KPIs', 'The roadmap: status', 'Budget variance']) expect(text).toContain(part);
    expect(await pack.page.locator('main svg[role="img"]').count()).toBeGreaterThan(2);
    await pack.screenshot('board-pack');
    for (const [path, heading] of [
      ['/kpis', 'KPIs'],
      ['/kpis/1', 'Satisfaction with the service desk'],
      ['/budget', undefined],
      ['/budget/cost-per-service', 'Cost of each council service'],
      ['/strategy/maturity', 'Maturity self-assessments'],
    ] as const) {
      const page = await viewer.visit(StewardPage, path);
      if (heading) expect(await page.heading()).toBe(heading);
    }
    expect(await (await viewer.visit(StewardPage, '/budget')).main()).toContain('Forecast outturn');
  });
});
