import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { signedInClient, type Client } from '../../../test/support/client.js';
import { unique } from '../../../test/support/factories.js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sendActionReminders } from './reminders.js';

const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe.each(testDatabases())('boards, meetings, the decision log and actions (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;
  let viewer: Client;
  let agent: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Boards Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    viewer = await signedInClient(t.app, org.people.viewer.email, testPassword);
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
  });
  afterAll(() => t.close());

  /** A board with the viewer as its chair, and a meeting held a week ago. */
  async function boardWithMeeting(heldOn = daysFromToday(-7)) {
    await manager.get('/boards');
    const made = await manager.post('/boards', { name: `Digital board ${unique()}`, purpose: 'Agrees the roadmap.', meets: 'Monthly' });
    expect(made.statusCode).toBe(303);
    const boardPath = String(made.headers.location);
    await manager.get(boardPath);
    expect(
      (await manager.post(`${boardPath}/members`, { name: 'Cllr Viewer', role: 'Chair', represents: 'Cabinet', email: org.people.viewer.email })).statusCode,
    ).toBe(303);
    expect(
      (await manager.post(`${boardPath}/members`, { name: 'Anita Desai', role: 'Member', represents: 'Director of Resources', email: '' })).statusCode,
    ).toBe(303);
    const meeting = await manager.post(`${boardPath}/meetings`, { heldOn, startsAt: '14:00', place: 'Committee room 2' });
    expect(meeting.statusCode).toBe(303);
    return { boardPath, boardId: Number(boardPath.split('/').pop()), meetingPath: String(meeting.headers.location) };
  }

  it('lets a board member who is a viewer record attendance, minutes, a decision and an action, and sign the minutes off; others may not', async () => {
    const { boardId, meetingPath } = await boardWithMeeting();
    const boards = (await viewer.json('GET', '/api/v1/boards')).json<{
      items: { id: number; members: { id: number; name: string; email: string | null }[] }[];
    }>();
    const members = boards.items.find((b) => b.id === boardId)!.members;
    expect(members.map((m) => m.email)).toEqual([org.people.viewer.email, null]);

    await viewer.get(meetingPath);
    expect((await viewer.post(`${meetingPath}/attendance`, { present: String(members[0]!.id), apologies: String(members[1]!.id) })).statusCode).toBe(303);
    expect((await viewer.get(meetingPath)).body).toContain('1 of 2 present, 1 apology');
    expect((await viewer.post(`${meetingPath}/minutes`, { minutes: '# Minutes\n\nThe board agreed the roadmap.' })).statusCode).toBe(303);
    await viewer.get(`${meetingPath}/decisions/new`);
    const decided = await viewer.post(`${meetingPath}/decisions/new`, {
      title: 'Host the council’s systems in Azure',
      options: 'Refresh on site; Azure',
      rationale: 'The kit is out of support.',
      decidedBy: '',
      decidedOn: daysFromToday(-7),
      public: 'yes',
    });
    expect(decided.statusCode).toBe(303);
    const decisionPath = String(decided.headers.location);
    const page = (await viewer.get(decisionPath)).body;
    expect(page).toContain('DEC-0001');
    expect(page).toContain('The kit is out of support.');
    await viewer.get(`${decisionPath}/actions/new`);
    const action = await viewer.post(`${decisionPath}/actions/new`, {
      title: 'Bring the Azure costs',
      ownerEmail: org.people.agent.email,
      ownerName: '',
      dueOn: daysFromToday(-1),
    });
    expect(action.statusCode).toBe(303);
    expect((await viewer.post(`${meetingPath}/sign-off`, {})).statusCode).toBe(303);
    expect((await viewer.get(meetingPath)).body).toContain('Signed off');
    const again = await viewer.post(`${meetingPath}/minutes`, { minutes: 'Rewritten afterwards' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('cannot be changed');

    const overdue = (await agent.json('GET', '/api/v1/board-actions?state=overdue')).json<{ items: { title: string; ownerEmail: string; state: string }[] }>();
    expect(overdue.items).toEqual([expect.objectContaining({ title: 'Bring the Azure costs', ownerEmail: org.people.agent.email, state: 'overdue' })]);
    const decisions = (await agent.json('GET', '/api/v1/decisions?public=yes')).json<{
      items: { reference: string; decidedBy: string; meetingId: number }[];
    }>();
    expect(decisions.items).toEqual([expect.objectContaining({ reference: 'DEC-0001', decidedBy: expect.stringContaining('Digital board') })]);

    // An agent who does not sit on the board reads it but records nothing for it; a viewer sets up no board.
    await agent.get(meetingPath);
    expect((await agent.post(`${meetingPath}/minutes`, { minutes: 'Not mine to write' })).statusCode).toBe(403);
    expect((await agent.json('POST', '/api/v1/decisions', { boardId, title: 'Not mine', decidedOn: daysFromToday(-1) })).statusCode).toBe(403);
    await viewer.get('/boards');
    expect((await viewer.post('/boards', { name: 'A board of my own' })).statusCode).toBe(403);
    // The action's owner marks it done, though they are not on the board.
    const actionPath = String(action.headers.location);
    await agent.get(actionPath);
    expect((await agent.post(`${actionPath}/done`, { note: 'Costs taken to the October meeting' })).statusCode).toBe(303);
    expect((await agent.json('GET', '/api/v1/board-actions?state=overdue')).json<{ items: unknown[] }>().items).toEqual([]);
    // The chair reopens it and gives it a later day; the owner, not on the board, may not change it.
    await viewer.get(actionPath);
    expect((await viewer.post(`${actionPath}/reopen`, {})).statusCode).toBe(303);
    expect((await agent.post(actionPath, { title: 'Mine now', ownerEmail: '', ownerName: 'Someone', dueOn: daysFromToday(30) })).statusCode).toBe(403);
    expect(
      (await viewer.post(actionPath, { title: 'Bring the Azure costs', ownerEmail: '', ownerName: 'Anita Desai', dueOn: daysFromToday(30) })).statusCode,
    ).toBe(303);
    const moved = (await agent.json('GET', '/api/v1/board-actions?state=open')).json<{ items: { owner: string; dueOn: string }[] }>();
    expect(moved.items).toEqual([expect.objectContaining({ owner: 'Anita Desai', dueOn: daysFromToday(30) })]);
  });

  it('refuses a decision for a meeting that has not happened, or dated in the future, and writes nothing', async () => {
    const { boardPath, meetingPath } = await boardWithMeeting(daysFromToday(10));
    await manager.get(meetingPath);
    const early = await manager.post(`${meetingPath}/decisions/new`, { title: 'Decided too soon', decidedOn: daysFromToday(0) });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('has not happened yet');
    expect(early.body).toContain('href="#decidedOn"');
    await manager.get(`${boardPath}/decisions/new`);
    const future = await manager.post(`${boardPath}/decisions/new`, { title: 'Decided tomorrow', decidedOn: daysFromToday(1) });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('the day it was decided is still to come');
    const attendance = await manager.post(`${meetingPath}/attendance`, {});
    expect(attendance.statusCode).toBe(400);
    expect((await manager.json('GET', '/api/v1/decisions')).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('reminds an action’s owner a week before it is due and each week it is late, each reminder once', async () => {
    const { meetingPath } = await boardWithMeeting();
    await manager.get(meetingPath);
    const title = `Report the backup test ${unique()}`;
    expect((await manager.post(`${meetingPath}/actions/new`, { title, ownerEmail: org.people.agent.email, dueOn: '2030-06-30' })).statusCode).toBe(303);
    const mails = async () =>
      (
        await t.database.db
          .selectFrom('outbox')
          .where('organisation_id', '=', org.id)
          .where('kind', '=', 'board-action')
          .select(['to_email', 'subject'])
          .orderBy('id')
          .execute()
      ).filter((m) => m.subject.includes(title));
    await sendActionReminders(t.database.db, new Date('2030-06-20T09:00:00Z'));
    expect(await mails()).toEqual([]);
    await sendActionReminders(t.database.db, new Date('2030-06-24T09:00:00Z'));
    await sendActionReminders(t.database.db, new Date('2030-06-25T09:00:00Z'));
    expect(await mails()).toEqual([{ to_email: org.people.agent.email, subject: expect.stringMatching(/^Due on 30 June 2030 for Digital board \d+: Report/) }]);
    await sendActionReminders(t.database.db, new Date('2030-07-01T09:00:00Z'));
    await sendActionReminders(t.database.db, new Date('2030-07-05T09:00:00Z'));
    await sendActionReminders(t.database.db, new Date('2030-07-08T09:00:00Z'));
    expect((await mails()).map((m) => m.subject.split(' for ')[0])).toEqual(['Due on 30 June 2030', 'Overdue', 'Overdue']);
  });

  it('keeps a meeting’s papers as files and hands them back, and refuses a program dressed as a paper', async () => {
    const { meetingPath } = await boardWithMeeting();
    await manager.get(meetingPath);
    const ok = await manager.upload(
      `${meetingPath}/papers`,
      { paperTitle: 'Cloud business case' },
      { filename: 'case.txt', type: 'text/plain', data: Buffer.from('The case for Azure.') },
    );
    expect(ok.statusCode).toBe(303);
    const page = (await viewer.get(meetingPath)).body;
    const href = /href="(\/boards\/meetings\/\d+\/papers\/\d+)"/.exec(page)![1]!;
    const file = await viewer.get(href);
    expect(file.body).toBe('The case for Azure.');
    expect(String(file.headers['content-disposition'])).toContain('attachment');
    const bad = await manager.upload(
      `${meetingPath}/papers`,
      { paperTitle: 'Setup' },
      { filename: 'setup.pdf', type: 'application/pdf', data: Buffer.from('MZ\x90\x00 not a pdf') },
    );
    expect(bad.statusCode).toBe(400);
  });
  it('assembles a meeting’s board pack from live data, as a page and as a tagged PDF with an embedded font', async () => {
    const { meetingPath } = await boardWithMeeting(daysFromToday(3));
    await manager.get(meetingPath);
    await manager.post(`${meetingPath}/agenda`, { item: 'For decision: move the data centre to Azure', presenter: 'Head of IT' });
    const page = (await viewer.get(`${meetingPath}/pack`)).body;
    expect(page).toContain('Decisions and actions due');
    expect(page).toContain('For decision: move the data centre to Azure');
    const id = Number(meetingPath.split('/').pop());
    const res = await viewer.get(`/api/v1/meetings/${id}/board-pack.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'steward-pack-')), 'pack.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Digital board \d+: board pack for/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/LiberationSans\S*\s+CID TrueType\s+Identity-H\s+yes/);
    const other = await seedOrganisation(t, `Other Council ${unique()}`);
    const outsider = await signedInClient(t.app, other.people.manager.email, testPassword);
    expect((await outsider.get(`/api/v1/meetings/${id}/board-pack.pdf`)).statusCode).toBe(404);
  });
});
