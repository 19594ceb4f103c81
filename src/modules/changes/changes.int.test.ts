import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { startTestApp, testPassword, type TestApp } from '../../../test/support/app.js';
import { signedInClient } from '../../../test/support/client.js';
import { actorOf, anOrganisation, aPerson, aSystem, type Org } from '../../../test/support/factories.js';
import { addRelationship, systemNeighbours } from '../estate/index.js';
import * as q from './queries.js';
import {
  addCabMember,
  addFreezeWindow,
  approveChange,
  calendarBetween,
  conflictsFor,
  moveChange,
  raiseChange,
  saveCabSettings,
  scheduleChange,
  submitChange,
  voteOnChange,
} from './service.js';
import type { ChangeInput } from './schemas.js';
import { approvedChanges } from './planned-work.js';
import { changeMeasures } from './measures.js';
import { SharedWork } from '../../platform/index.js';

const low = { riskImpact: 0, riskSystems: 1, riskUntested: 0, riskBackout: 0, riskHours: 0 };
const medium = { riskImpact: 1, riskSystems: 1, riskUntested: 1, riskBackout: 1, riskHours: 1 };
const high = { riskImpact: 3, riskSystems: 2, riskUntested: 2, riskBackout: 2, riskHours: 1 };

const input = (over: Partial<ChangeInput> = {}): ChangeInput => ({
  title: 'Upgrade the revenues system',
  description: '',
  kind: 'normal',
  ...low,
  systems: [],
  plannedStart: null,
  plannedEnd: null,
  implementer: null,
  backoutPlan: 'Restore the snapshot',
  testPlan: '',
  communicationPlan: '',
  emergencyReason: '',
  ...over,
});

describe.each(testDatabases())('changes, the CAB and the calendar (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());
  const db = () => t.database.db;

  async function council() {
    const org: Org = await anOrganisation(t);
    const agent = await aPerson(t, org, { role: 'agent' });
    const manager = await aPerson(t, org, { role: 'manager' });
    const head = await aPerson(t, org, { role: 'admin' });
    return { org, agent, manager, head };
  }
  const statusOf = async (org: Org, id: number) => (await q.changeById(db(), org.id, id))!.status;

  it('sets who must approve from the risk: the change manager for low risk, the CAB for medium, the CAB and Head of IT for high', async () => {
    const { org, agent, manager, head } = await council();
    const a = actorOf(agent);
    const lowOne = await raiseChange(db(), a, org.id, input());
    expect(lowOne.reference).toMatch(/^CHG-\d{6}$/);
    expect(await submitChange(db(), a, org.id, lowOne.id)).toBe('assessment');
    await approveChange(db(), actorOf(manager), org.id, lowOne.id, 'change_manager', { decision: 'approve', conditions: '' });
    expect(await statusOf(org, lowOne.id)).toBe('approved');

    const mediumOne = await raiseChange(db(), a, org.id, input({ ...medium }));
    expect((await q.changeById(db(), org.id, mediumOne.id))!.risk_level).toBe('medium');
    await expect(approveChange(db(), actorOf(manager), org.id, mediumOne.id, 'change_manager', { decision: 'approve', conditions: '' })).rejects.toThrow(
      /does not need/,
    );
    expect(await submitChange(db(), a, org.id, mediumOne.id)).toBe('awaiting_cab');

    const highOne = await raiseChange(db(), a, org.id, input({ ...high }));
    expect((await q.changeById(db(), org.id, highOne.id))!.risk_level).toBe('high');
    await submitChange(db(), a, org.id, highOne.id);
    await addCabMember(db(), org.actor, org.id, { email: agent.email, role: 'Member' });
    await saveCabSettings(db(), org.actor, org.id, { cabQuorum: 1, ecabQuorum: 1 });
    await voteOnChange(db(), a, org.id, highOne.id, agent.id, { decision: 'approve', conditions: '' });
    // The CAB approved; the Head of IT has still to.
    expect(await statusOf(org, highOne.id)).toBe('awaiting_cab');
    await approveChange(db(), actorOf(head), org.id, highOne.id, 'head_of_it', { decision: 'approve', conditions: '' });
    expect(await statusOf(org, highOne.id)).toBe('approved');
    const approvals = await q.approvalsOf(db(), org.id, highOne.id);
    expect(approvals.map((x) => x.approver).sort()).toEqual(['cab', 'head_of_it']);
  });

  it('decides at the CAB’s quorum, with conditions, and refuses votes from anyone not on the CAB or voting twice', async () => {
    const { org, agent, manager, head } = await council();
    const outsider = await aPerson(t, org, { role: 'manager' });
    for (const p of [agent, manager, head]) await addCabMember(db(), org.actor, org.id, { email: p.email, role: 'Member' });
    await saveCabSettings(db(), org.actor, org.id, { cabQuorum: 2, ecabQuorum: 1 });
    const c = await raiseChange(db(), actorOf(agent), org.id, input({ ...medium }));
    await submitChange(db(), actorOf(agent), org.id, c.id);
    await expect(voteOnChange(db(), actorOf(outsider), org.id, c.id, outsider.id, { decision: 'approve', conditions: '' })).rejects.toThrow(
      /Only members of the change advisory board/,
    );
    const first = await voteOnChange(db(), actorOf(agent), org.id, c.id, agent.id, { decision: 'approve', conditions: '' });
    expect(first.outcome).toBeNull();
    expect(await statusOf(org, c.id)).toBe('awaiting_cab');
    await expect(voteOnChange(db(), actorOf(agent), org.id, c.id, agent.id, { decision: 'approve', conditions: '' })).rejects.toThrow(/already voted/);
    await expect(voteOnChange(db(), actorOf(manager), org.id, c.id, manager.id, { decision: 'approve_with_conditions', conditions: '' })).rejects.toThrow(
      /conditions/,
    );
    const second = await voteOnChange(db(), actorOf(manager), org.id, c.id, manager.id, {
      decision: 'approve_with_conditions',
      conditions: 'Tell the benefits team a week ahead',
    });
    expect(second.outcome).toBe('approved_with_conditions');
    expect(await statusOf(org, c.id)).toBe('approved_with_conditions');
    const [cab] = await q.approvalsOf(db(), org.id, c.id);
    expect(cab!.conditions).toContain('benefits team');
    // A rejection by one member rejects.
    const other = await raiseChange(db(), actorOf(agent), org.id, input({ ...medium }));
    await submitChange(db(), actorOf(agent), org.id, other.id);
    await voteOnChange(db(), actorOf(head), org.id, other.id, head.id, { decision: 'reject', conditions: '' });
    expect(await statusOf(org, other.id)).toBe('rejected');
  });

  it('refuses to schedule a change into a freeze window, or ending before it starts, unless an emergency with a reason', async () => {
    const { org, agent, manager } = await council();
    await addFreezeWindow(db(), org.actor, org.id, {
      name: 'Christmas',
      reason: 'Skeleton staff',
      startsAt: '2031-12-15T00:00:00.000Z',
      endsAt: '2032-01-05T00:00:00.000Z',
    });
    const c = await raiseChange(db(), actorOf(agent), org.id, input());
    await submitChange(db(), actorOf(agent), org.id, c.id);
    await approveChange(db(), actorOf(manager), org.id, c.id, 'change_manager', { decision: 'approve', conditions: '' });
    await expect(
      scheduleChange(db(), actorOf(agent), org.id, c.id, {
        plannedStart: '2031-12-20T19:00:00.000Z',
        plannedEnd: '2031-12-20T21:00:00.000Z',
        emergencyReason: '',
      }),
    ).rejects.toThrow(/freeze window "Christmas"/);
    await expect(
      scheduleChange(db(), actorOf(agent), org.id, c.id, {
        plannedStart: '2031-12-10T21:00:00.000Z',
        plannedEnd: '2031-12-10T19:00:00.000Z',
        emergencyReason: '',
      }),
    ).rejects.toThrow(/after planned start/);
    expect(await statusOf(org, c.id)).toBe('approved');
    await scheduleChange(db(), actorOf(agent), org.id, c.id, {
      plannedStart: '2031-12-10T19:00:00.000Z',
      plannedEnd: '2031-12-10T21:00:00.000Z',
      emergencyReason: '',
    });
    expect(await statusOf(org, c.id)).toBe('scheduled');

    await addCabMember(db(), org.actor, org.id, { email: manager.email, role: 'Chair' });
    const e = await raiseChange(db(), actorOf(agent), org.id, input({ kind: 'emergency' }));
    await submitChange(db(), actorOf(agent), org.id, e.id);
    await voteOnChange(db(), actorOf(manager), org.id, e.id, manager.id, { decision: 'approve', conditions: '' });
    expect(await statusOf(org, e.id)).toBe('approved');
    const when = { plannedStart: '2031-12-24T02:00:00.000Z', plannedEnd: '2031-12-24T03:00:00.000Z' };
    await expect(scheduleChange(db(), actorOf(agent), org.id, e.id, { ...when, emergencyReason: '' })).rejects.toThrow(/emergency change with a reason/);
    await scheduleChange(db(), actorOf(agent), org.id, e.id, { ...when, emergencyReason: 'Actively exploited firewall vulnerability' });
    expect(await statusOf(org, e.id)).toBe('scheduled');
  });

  it('finds conflicts with changes on the same system and on systems it depends on, and in freeze windows, on the calendar too', async () => {
    const { org, agent } = await council();
    const revs = await aSystem(t, org, { name: 'Revenues and benefits' });
    const sql = await aSystem(t, org, { name: 'SQL cluster' });
    const web = await aSystem(t, org, { name: 'Council website' });
    await addRelationship(db(), org.actor, org.id, { fromSystemId: revs.id, toSystemId: sql.id, kind: 'depends-on' });
    // The estate answers the neighbours both ways, and none for a system with no relationships.
    const near = await systemNeighbours(db(), org.id, [revs.id, sql.id, web.id]);
    expect([near.get(revs.id), near.get(sql.id), near.get(web.id)]).toEqual([[sql.id], [revs.id], undefined]);
    const at = (start: string, end: string) => ({ plannedStart: `2031-03-0${start}:00:00.000Z`, plannedEnd: `2031-03-0${end}:00:00.000Z` });
    const a = await raiseChange(db(), actorOf(agent), org.id, input({ title: 'Upgrade revenues', systems: [revs.id], ...at('3T19', '3T22') }));
    const b = await raiseChange(db(), actorOf(agent), org.id, input({ title: 'Patch revenues', systems: [revs.id], ...at('3T21', '3T23') }));
    const c = await raiseChange(db(), actorOf(agent), org.id, input({ title: 'Patch SQL', systems: [sql.id], ...at('3T20', '3T21') }));
    const d = await raiseChange(db(), actorOf(agent), org.id, input({ title: 'Website', systems: [web.id], ...at('3T19', '3T23') }));
    // Ending when another starts does not overlap.
    const e = await raiseChange(db(), actorOf(agent), org.id, input({ title: 'Later revenues', systems: [revs.id], ...at('3T23', '4T01') }));
    const found = await conflictsFor(db(), org.id, (await q.changeById(db(), org.id, a.id))!);
    expect(found.map((f) => [f.type, 'otherId' in f ? f.otherId : null]).sort()).toEqual(
      [
        ['dependency', c.id],
        ['same_system', b.id],
      ].sort(),
    );
    expect(found.find((f) => f.type === 'dependency')!.text).toContain('SQL cluster');
    await addFreezeWindow(db(), org.actor, org.id, {
      name: 'Annual billing',
      reason: '',
      startsAt: '2031-03-03T00:00:00.000Z',
      endsAt: '2031-03-04T00:00:00.000Z',
    });
    const cal = await calendarBetween(db(), org.id, '2031-03-01T00:00:00.000Z', '2031-04-01T00:00:00.000Z', q.changesBetween);
    expect(cal.rows.map((r) => Number(r.id))).toEqual([a.id, d.id, c.id, b.id, e.id]);
    const types = (id: number) => (cal.conflicts.get(id) ?? []).map((x) => x.type).sort();
    expect(types(a.id)).toEqual(['dependency', 'freeze', 'same_system']);
    expect(types(d.id)).toEqual(['freeze']);
    expect(types(e.id)).toEqual(['freeze']);
    expect(types(b.id)).toEqual(['freeze', 'same_system']);
  });

  it('lets an agent raise a change on the pages, a CAB member vote, and shows it and its conflict on the calendar; another organisation’s system is refused', async () => {
    const { org, agent, manager } = await council();
    const viewerOnCab = await aPerson(t, org, { role: 'viewer' });
    await addCabMember(db(), org.actor, org.id, { email: viewerOnCab.email, role: 'Member' });
    await saveCabSettings(db(), org.actor, org.id, { cabQuorum: 1, ecabQuorum: 1 });
    const revs = await aSystem(t, org, { name: 'Revenues and benefits' });
    const elsewhere = await aSystem(t, await anOrganisation(t));
    const other = await raiseChange(
      db(),
      actorOf(agent),
      org.id,
      input({ title: 'Patch revenues servers', systems: [revs.id], plannedStart: '2031-05-06T19:00:00.000Z', plannedEnd: '2031-05-06T21:00:00.000Z' }),
    );
    const a = await signedInClient(t.app, agent.email, testPassword);
    expect((await a.get('/changes/new')).statusCode).toBe(200);
    const form = {
      title: 'Upgrade revenues to 5.2',
      description: 'The supplier’s annual release',
      kind: 'normal',
      riskImpact: '1',
      riskSystems: '1',
      riskUntested: '1',
      riskBackout: '1',
      riskHours: '1',
      systems: String(elsewhere.id),
      plannedStart: '2031-05-06T20:00',
      plannedEnd: '2031-05-06T22:00',
      implementer: '',
      testPlan: 'Test in the training system',
      backoutPlan: 'Restore the database snapshot',
      communicationPlan: '',
      emergencyReason: '',
    };
    const refused = await a.post('/changes/new', form);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Choose systems from the estate');
    const made = await a.post('/changes/new', { ...form, systems: String(revs.id) });
    expect(made.statusCode).toBe(303);
    const path = String(made.headers.location);
    const page = (await a.get(path)).body;
    expect(page).toContain('Change advisory board (CAB)');
    expect(page).toContain('If they fail');
    expect(page).toContain(other.reference);
    expect((await a.post(`${path}/submit`, {})).statusCode).toBe(303);
    // Someone not on the CAB may not vote; a viewer on it may.
    const m = await signedInClient(t.app, manager.email, testPassword);
    expect((await m.post(`${path}/vote`, { decision: 'approve', conditions: '' })).statusCode).toBe(403);
    const v = await signedInClient(t.app, viewerOnCab.email, testPassword);
    const noConditions = await v.post(`${path}/vote`, { decision: 'approve_with_conditions', conditions: '' });
    expect(noConditions.statusCode).toBe(400);
    expect(noConditions.body).toContain('Say what the conditions are');
    expect((await v.post(`${path}/vote`, { decision: 'approve_with_conditions', conditions: 'Tell the benefits team' })).statusCode).toBe(303);
    expect((await a.get(path)).body).toContain('Approved with conditions');
    for (const view of ['month', 'week', 'list']) {
      const cal = await a.get(`/changes/calendar?view=${view}&${view === 'week' ? 'week=2031-05-06' : 'month=2031-05'}`);
      expect(cal.statusCode).toBe(200);
      expect(cal.body).toContain(other.reference);
      expect(cal.body).toContain('Conflict');
    }
    // The calendar is kept in memory until a change moves its version: a new change shows at once.
    const later = await raiseChange(
      db(),
      actorOf(agent),
      org.id,
      input({ title: 'Restart the revenues services', systems: [revs.id], plannedStart: '2031-05-20T19:00:00.000Z', plannedEnd: '2031-05-20T20:00:00.000Z' }),
    );
    expect((await a.get('/changes/calendar?month=2031-05')).body).toContain(later.reference);
    await addFreezeWindow(db(), org.actor, org.id, { name: 'Elections', reason: '', startsAt: '2031-05-19T00:00:00.000Z', endsAt: '2031-05-21T00:00:00.000Z' });
    expect((await a.get('/changes/calendar?month=2031-05')).body).toContain('Elections');
    expect((await a.get('/changes?status=approved_with_conditions')).body).toContain('Upgrade revenues to 5.2');
    expect((await a.get('/changes.csv?kind=normal')).body).toContain('Upgrade revenues to 5.2');
    expect((await a.get('/changes?risk=extreme')).statusCode).toBe(400);
    expect((await a.get('/changes/cab')).body).toContain(viewerOnCab.name);
    expect((await a.get('/changes/freeze-windows')).statusCode).toBe(200);
  });

  it('offers changes, approvals, the calendar and freeze windows through the API', async () => {
    const { org, agent, manager } = await council();
    const revs = await aSystem(t, org, { name: 'Revenues and benefits' });
    const elsewhere = await aSystem(t, await anOrganisation(t));
    const a = await signedInClient(t.app, agent.email, testPassword);
    const m = await signedInClient(t.app, manager.email, testPassword);
    const body = {
      title: 'Firewall rule for the payments provider',
      kind: 'emergency',
      ...low,
      systems: [revs.id],
      plannedStart: '2031-07-01T10:00:00Z',
      plannedEnd: '2031-07-01T11:00:00Z',
      backoutPlan: 'Remove the rule',
      emergencyReason: 'Payments are failing',
    };
    const refused = await a.json('POST', '/api/v1/changes', { ...body, systems: [elsewhere.id] });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('systems');
    const made = await a.json('POST', '/api/v1/changes', body);
    expect(made.statusCode).toBe(201);
    const created = made.json<{ reference: string; riskLevel: string; conflicts: unknown[]; plannedStart: string }>();
    expect(created.plannedStart).toBe('2031-07-01T10:00:00.000Z');
    const second = (await a.json('POST', '/api/v1/changes', { ...body, title: 'Restart the revenues services' })).json<{
      reference: string;
      conflicts: { type: string; otherReference: string }[];
    }>();
    expect(second.conflicts).toEqual([expect.objectContaining({ type: 'same_system', otherReference: created.reference })]);
    const patched = await a.json('PATCH', `/api/v1/changes/${created.reference}`, { title: 'Firewall rule for the card payments provider' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<{ title: string }>().title).toBe('Firewall rule for the card payments provider');
    expect((await a.json('PATCH', `/api/v1/changes/${created.reference}`, { plannedEnd: '2031-07-01T09:00:00Z' })).statusCode).toBe(422);
    const id = (await q.changeByReference(db(), org.id, created.reference))!.id;
    await submitChange(db(), actorOf(agent), org.id, Number(id));
    expect((await m.json('POST', `/api/v1/changes/${created.reference}/approvals`, { decision: 'approve' })).statusCode).toBe(403);
    await addCabMember(db(), org.actor, org.id, { email: manager.email, role: 'Chair' });
    const voted = await m.json('POST', `/api/v1/changes/${created.reference}/approvals`, { decision: 'approve', conditions: '' });
    expect(voted.statusCode).toBe(201);
    expect(voted.json<{ outcome: string }>().outcome).toBe('approved');
    const approvals = (await a.json('GET', `/api/v1/changes/${created.reference}/approvals`)).json<{ required: string[]; items: { kind: string }[] }>();
    expect(approvals.required).toEqual(['ecab']);
    expect(approvals.items.map((x) => x.kind)).toEqual(['vote', 'approval']);
    const list = (await a.json('GET', '/api/v1/changes?kind=emergency')).json<{ items: { reference: string }[] }>();
    expect(list.items.map((x) => x.reference)).toEqual([second.reference, created.reference]);
    expect(
      (await m.json('POST', '/api/v1/freeze-windows', { name: 'Summer election', startsAt: '2031-07-01T00:00:00Z', endsAt: '2031-07-02T00:00:00Z' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await a.json('POST', '/api/v1/freeze-windows', { name: 'Not allowed', startsAt: '2031-07-01T00:00:00Z', endsAt: '2031-07-02T00:00:00Z' })).statusCode,
    ).toBe(403);
    const cal = (await a.json('GET', '/api/v1/change-calendar?from=2031-07-01T00:00:00Z&to=2031-08-01T00:00:00Z')).json<{
      items: { reference: string; conflicts: { type: string }[] }[];
      freezeWindows: { name: string }[];
    }>();
    expect(cal.items.map((x) => x.reference)).toEqual([created.reference, second.reference]);
    expect(cal.items[0]!.conflicts.map((x) => x.type).sort()).toEqual(['freeze', 'same_system']);
    expect(cal.freezeWindows.map((f) => f.name)).toEqual(['Summer election']);
    expect((await a.json('GET', '/api/v1/freeze-windows')).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await a.json('GET', '/api/v1/change-calendar?from=2031-07-01T00:00:00Z&to=2031-12-01T00:00:00Z')).statusCode).toBe(400);
  });

  it('flags a change not wholly inside a maintenance window, in UK time, unless an emergency; with none set nothing is flagged', async () => {
    const { org, agent, manager } = await council();
    const sys = await aSystem(t, org);
    // 2031-07-08 is a Tuesday, in British Summer Time: 19:00 UK is 18:00 UTC.
    const tuesday = await raiseChange(
      db(),
      actorOf(agent),
      org.id,
      input({ systems: [sys.id], plannedStart: '2031-07-08T18:00:00.000Z', plannedEnd: '2031-07-08T20:00:00.000Z' }),
    );
    const late = await raiseChange(
      db(),
      actorOf(agent),
      org.id,
      input({ systems: [], plannedStart: '2031-07-08T22:00:00.000Z', plannedEnd: '2031-07-08T23:00:00.000Z' }),
    );
    const urgent = await raiseChange(
      db(),
      actorOf(agent),
      org.id,
      input({ kind: 'emergency', plannedStart: '2031-07-12T10:00:00.000Z', plannedEnd: '2031-07-12T11:00:00.000Z' }),
    );
    const types = async (id: number) => (await conflictsFor(db(), org.id, (await q.changeById(db(), org.id, id))!)).map((f) => f.type);
    expect(await types(late.id)).toEqual([]);
    const m = await signedInClient(t.app, manager.email, testPassword);
    await m.get('/changes/freeze-windows');
    expect((await m.post('/changes/maintenance-windows', { weekday: '2', starts: '18:00', ends: '18:00' })).statusCode).toBe(400);
    expect((await m.post('/changes/maintenance-windows', { weekday: '2', starts: '18:00', ends: '23:30' })).statusCode).toBe(303);
    expect((await m.get('/changes/freeze-windows')).body).toContain('Tuesdays, 18:00 to 23:30');
    expect(await types(tuesday.id)).toEqual([]);
    // 23:00 to 00:00 UK time runs past the window's end.
    expect(await types(late.id)).toEqual(['outside_maintenance']);
    expect(await types(urgent.id)).toEqual([]);
    const cal = await calendarBetween(db(), org.id, '2031-07-01T00:00:00.000Z', '2031-08-01T00:00:00.000Z', q.changesBetween);
    expect(cal.conflicts.get(late.id)?.map((f) => f.type)).toEqual(['outside_maintenance']);
    expect(cal.conflicts.has(tuesday.id)).toBe(false);
    expect(cal.conflicts.has(urgent.id)).toBe(false);
    const [window] = await q.maintenanceWindowsOf(db(), org.id);
    expect((await m.post(`/changes/maintenance-windows/${window!.id}/remove`, {})).statusCode).toBe(303);
    expect(await types(late.id)).toEqual([]);
  });

  it('offers scheduled changes to the status page as planned work, and the success rate and emergency share as measures', async () => {
    const { org, agent } = await council();
    const sys = await aSystem(t, org);
    const when = (day: string) => ({ plannedStart: `2031-09-${day}T19:00:00.000Z`, plannedEnd: `2031-09-${day}T21:00:00.000Z`, emergencyReason: '' });
    const made: number[] = [];
    for (const [i, kind] of (['standard', 'standard', 'standard', 'emergency'] as const).entries()) {
      const c = await raiseChange(
        db(),
        actorOf(agent),
        org.id,
        input({ kind, systems: [sys.id], communicationPlan: 'Staff told on the portal', ...when(`1${i}`) }),
      );
      made.push(c.id);
    }
    for (const id of made.slice(0, 3)) await scheduleChange(db(), actorOf(agent), org.id, id, when(`1${made.indexOf(id)}`));
    const windows = await approvedChanges.windows(db(), org.id, '2031-09-01T00:00:00.000Z', '2031-10-01T00:00:00.000Z');
    expect(windows.map((w) => [w.description, w.systemIds])).toEqual([
      ['Staff told on the portal', [sys.id]],
      ['Staff told on the portal', [sys.id]],
      ['Staff told on the portal', [sys.id]],
    ]);
    for (const [id, outcome] of [
      [made[0]!, 'implemented'],
      [made[1]!, 'implemented'],
      [made[2]!, 'backed_out'],
    ] as const) {
      await moveChange(db(), actorOf(agent), org.id, id, 'in_progress', '');
      await moveChange(db(), actorOf(agent), org.id, id, outcome, 'Done');
    }
    const shared = new SharedWork();
    const [success, emergency] = await Promise.all(changeMeasures.map((m) => m.monthly(db(), org.id, ['2031-08', '2031-09'], shared)));
    expect(success).toEqual([null, 66.7]);
    expect(emergency).toEqual([null, 25]);
  });
});
