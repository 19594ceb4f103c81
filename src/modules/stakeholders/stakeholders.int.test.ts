import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { signedInClient, type Client } from '../../../test/support/client.js';
import { unique } from '../../../test/support/factories.js';
import { systemActor, type Actor } from '../../platform/index.js';
import { recordPostFeedback } from './index.js';
import { addStakeholder, recordEngagement } from './service.js';
import type { EngagementInput, StakeholderInput } from './schemas.js';

const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const thisMonth = () => new Date().toISOString().slice(0, 7);

/** Factories for this module's records, made through its own service functions (every rule and audit record applies). */
async function aStakeholder(t: TestApp, org: { id: number; actor: Actor }, overrides: Partial<StakeholderInput> = {}) {
  const name = overrides.name ?? `Stakeholder ${unique()}`;
  const v: StakeholderInput = {
    name,
    kind: 'head-of-service',
    role: 'Head of Revenues and Benefits',
    influence: 2,
    interest: 2,
    ownerId: null,
    accountEmail: '',
    view: '',
    sentiment: 'unknown',
    email: '',
    phone: '',
    ...overrides,
  };
  return { id: await addStakeholder(t.database.db, org.actor, org.id, v), name };
}
async function anEngagement(t: TestApp, org: { id: number; actor: Actor }, overrides: Partial<EngagementInput> = {}) {
  const v: EngagementInput = {
    kind: 'one-to-one',
    heldOn: daysFromToday(-1),
    title: `Catch-up ${unique()}`,
    stakeholders: [],
    heard: '',
    carriesFeedback: false,
    fromName: '',
    followUp: '',
    followUpOwner: null,
    followUpDue: null,
    ...overrides,
  };
  return recordEngagement(t.database.db, org.actor, org.id, v);
}

describe.each(testDatabases())('stakeholders, the engagement log and the communications plan (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let scope: { id: number; actor: Actor };
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Stakeholder Council ${unique()}`);
    scope = { id: org.id, actor: { ...systemActor('test', org.id), personId: org.people.manager.id } };
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    viewer = await signedInClient(t.app, org.people.viewer.email, testPassword);
  });
  afterAll(() => t.close());

  it('adds a stakeholder through the form, explaining what is missing, and draws them on the grid and in the table', async () => {
    const form = (await manager.get('/stakeholders/new')).body;
    // Relationships are kept by people in IT; council staff are not offered as owners.
    expect(form).toContain(`>manager of ${org.name}<`);
    expect(form).not.toContain(`>requester of ${org.name}<`);
    const stranger = await manager.post('/stakeholders/new', {
      name: 'Someone',
      kind: 'top-team',
      influence: '1',
      interest: '1',
      accountEmail: 'nobody@example.com',
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain('href="#accountEmail"');
    const empty = await manager.post('/stakeholders/new', { name: '', kind: 'top-team', influence: '', interest: '3' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Give the stakeholder’s name');
    expect(empty.body).toContain('href="#influence"');
    const made = await manager.post('/stakeholders/new', {
      name: 'Anita Desai',
      kind: 'top-team',
      role: 'Corporate Director of Resources',
      influence: '3',
      interest: '3',
      ownerId: String(org.people.manager.id),
      accountEmail: '',
      view: 'Wants fewer surprises when systems change.',
      sentiment: 'mixed',
      email: 'anita.desai@example.gov.uk',
      phone: '',
    });
    expect(made.statusCode).toBe(303);
    const path = String(made.headers.location);
    const page = (await viewer.get(path)).body;
    expect(page).toContain('Corporate Director of Resources');
    expect(page).toContain('Manage closely');
    expect(page).toContain('Never engaged yet');
    const register = (await viewer.get('/stakeholders')).body;
    expect(register).toContain('role="img"');
    expect(register).toContain('Anita Desai');
    expect((await viewer.get('/stakeholders?quadrant=monitor')).body).not.toContain('>Anita Desai<');
    expect((await viewer.get('/stakeholders?quadrant=nowhere')).statusCode).toBe(400);

    const home = (await viewer.get('/')).body;
    expect(home).toContain('href="/stakeholders"');
    expect(home).toContain('href="/communications-plan"');
    // Viewers read; they do not keep the register.
    expect((await viewer.get('/stakeholders/new')).statusCode).toBe(403);
    const again = await manager.post('/stakeholders/new', { name: 'anita desai', kind: 'top-team', influence: '1', interest: '1' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('already in the register');
    await manager.get(`${path}/edit`);
    const changed = await manager.post(`${path}/edit`, { name: 'Anita Desai', kind: 'top-team', influence: '3', interest: '1', sentiment: 'positive' });
    expect(changed.statusCode).toBe(303);
    expect((await viewer.get(path)).body).toContain('Keep satisfied');
    const audits = await t.database.db
      .selectFrom('audit_events')
      .where('organisation_id', '=', org.id)
      .where('entity_type', '=', 'stakeholder')
      .select('action')
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('lists who has not been met in 90 days, and logs an engagement with its follow-up through the form', async () => {
    const recent = await aStakeholder(t, scope);
    const longAgo = await aStakeholder(t, scope);
    const never = await aStakeholder(t, scope);
    await anEngagement(t, scope, { stakeholders: [longAgo.id], heldOn: daysFromToday(-120) });
    await manager.get('/engagements/new');
    const none = await manager.post('/engagements/new', { kind: 'team-meeting', heldOn: daysFromToday(-2), title: 'Revenues team meeting' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose the stakeholders met');
    const future = await manager.post('/engagements/new', { kind: 'team-meeting', heldOn: daysFromToday(3), title: 'Later', stakeholders: String(recent.id) });
    expect(future.body).toContain('enter a day that has come');
    const logged = await manager.post('/engagements/new', {
      kind: 'team-meeting',
      heldOn: daysFromToday(-2),
      title: 'Revenues team meeting',
      stakeholders: [String(recent.id)],
      heard: 'The new document system is slow at month end.',
      followUp: 'Send the month-end performance figures',
      followUpOwner: String(org.people.manager.id),
      followUpDue: daysFromToday(5),
    });
    expect(logged.statusCode).toBe(303);
    const path = String(logged.headers.location);
    const notMet = (await viewer.get('/stakeholders/not-met-in-90-days')).body;
    expect(notMet).toContain(longAgo.name);
    expect(notMet).toContain(never.name);
    expect(notMet).not.toContain(recent.name);

    const page = (await manager.get(path)).body;
    expect(page).toContain('Send the month-end performance figures');
    const [followUp] = await t.database.db.selectFrom('engagement_follow_ups').where('organisation_id', '=', org.id).select('id').execute();
    expect((await manager.post(`${path}/follow-ups/${followUp!.id}/done`, {})).statusCode).toBe(303);
    expect((await manager.get(path)).body).toContain('Done');
    expect((await manager.post(`${path}/follow-ups/${followUp!.id}/done`, {})).statusCode).toBe(400);

    const log = await viewer.json('GET', `/api/v1/engagements?stakeholder=${recent.id}`);
    expect(log.statusCode).toBe(200);
    const items = log.json<{ items: { title: string; stakeholderIds: number[]; followUps: { state: string }[] }[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Revenues team meeting', stakeholderIds: [recent.id], followUps: [{ state: 'done' }] });
  });

  it('keeps feedback with no reply until one is recorded, including a reader’s feedback on a post', async () => {
    const union = await aStakeholder(t, scope, { kind: 'union', accountEmail: org.people.requester.email });
    const survey = await anEngagement(t, scope, {
      kind: 'feedback',
      title: 'Staff IT survey',
      stakeholders: [],
      fromName: 'Staff survey',
      heard: 'Laptops are slow to start',
    });
    const fromPost = await recordPostFeedback(t.database.db, scope.actor, org.id, {
      postTitle: 'New Wi-Fi in the libraries',
      postHref: '/posts/12',
      fromPersonId: org.people.requester.id,
      fromName: '',
      text: 'Branch members ask when it reaches the depots.',
    });
    const stranger = await recordPostFeedback(t.database.db, scope.actor, org.id, {
      postTitle: 'New Wi-Fi in the libraries',
      postHref: 'https://elsewhere.example/',
      fromPersonId: null,
      fromName: 'A reader in planning',
      text: 'Thanks!',
    });
    const waiting = (await viewer.get('/engagements/feedback-without-reply')).body;
    expect(waiting).toContain('Staff IT survey');
    expect(waiting).toContain('Feedback on the post “New Wi-Fi in the libraries”');
    expect(waiting).toContain(union.name);
    expect(waiting).toContain('A reader in planning');
    const linked = await t.database.db.selectFrom('engagement_stakeholders').where('engagement_id', '=', fromPost).select('stakeholder_id').execute();
    expect(linked.map((l) => Number(l.stakeholder_id))).toEqual([union.id]);
    const page = (await manager.get(`/engagements/${fromPost}`)).body;
    expect(page).toContain('href="/posts/12"');
    expect((await manager.get(`/engagements/${stranger}`)).body).not.toContain('elsewhere.example');
    const audit = await t.database.db
      .selectFrom('audit_events')
      .where('organisation_id', '=', org.id)
      .where('entity_type', '=', 'engagement')
      .where('entity_id', '=', String(fromPost))
      .select('action')
      .execute();
    expect(audit).toHaveLength(1);

    await manager.get(`/engagements/${survey}`);
    expect((await manager.post(`/engagements/${survey}/reply`, { reply: '' })).statusCode).toBe(400);
    expect((await manager.post(`/engagements/${survey}/reply`, { reply: 'Faster laptops arrive in the spring refresh.' })).statusCode).toBe(303);
    const after = (await viewer.get('/engagements/feedback-without-reply')).body;
    expect(after).not.toContain('Staff IT survey');
    expect(after).toContain('A reader in planning');
    // A meeting with no feedback has nothing to reply to.
    const plain = await anEngagement(t, scope, { stakeholders: [union.id] });
    await manager.get(`/engagements/${plain}`);
    expect((await manager.post(`/engagements/${plain}/reply`, { reply: 'Hello' })).statusCode).toBe(400);
  });

  it('shows the communications plan on a month’s calendar, with what was sent and the feedback it got', async () => {
    await manager.get('/communications-plan/new');
    const backwards = await manager.post('/communications-plan/new', {
      message: 'Where to look when a system is down',
      audience: 'All staff',
      channel: 'intranet',
      frequency: 'monthly',
      startsOn: `${thisMonth()}-10`,
      endsOn: `${thisMonth()}-01`,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('href="#endsOn"');
    const made = await manager.post('/communications-plan/new', {
      message: 'Where to look when a system is down',
      detail: 'The status page and the portal banner.',
      audience: 'All staff',
      channel: 'intranet',
      ownerId: String(org.people.manager.id),
      frequency: 'monthly',
      startsOn: `${thisMonth()}-01`,
      endsOn: '',
    });
    expect(made.statusCode).toBe(303);
    const path = String(made.headers.location);
    const calendar = (await viewer.get('/communications-plan')).body;
    expect(calendar).toContain('Where to look when a system is down');
    expect(calendar).toContain(`datetime="${thisMonth()}-01"`);
    expect((await viewer.get('/communications-plan?month=2026-13')).statusCode).toBe(400);
    const nextYear = `${Number(thisMonth().slice(0, 4)) + 1}${thisMonth().slice(4)}`;
    expect((await viewer.get(`/communications-plan?month=${nextYear}`)).body).toContain(`datetime="${nextYear}-01"`);

    await manager.get(path);
    expect((await manager.post(`${path}/sends`, { sentOn: daysFromToday(0), channel: 'intranet', reach: 'lots', note: '' })).statusCode).toBe(400);
    expect((await manager.post(`${path}/sends`, { sentOn: daysFromToday(0), channel: 'intranet', reach: '1,250', note: 'Front page' })).statusCode).toBe(303);
    const [send] = await t.database.db.selectFrom('comms_plan_sends').where('organisation_id', '=', org.id).select('id').execute();
    expect(
      (
        await manager.post(`${path}/feedback`, {
          feedback: 'Useful, but put it on the login page',
          fromName: 'Customer services',
          receivedOn: daysFromToday(0),
          sendId: String(send!.id),
        })
      ).statusCode,
    ).toBe(303);
    const page = (await viewer.get(path)).body;
    expect(page).toContain('1,250');
    expect(page).toContain('put it on the login page');
    const api = (await viewer.json('GET', '/api/v1/communications')).json<{ items: { sends: { reach: number }[]; feedback: { sendId: number }[] }[] }>();
    expect(api.items[0]!.sends[0]!.reach).toBe(1250);
    expect(api.items[0]!.feedback[0]!.sendId).toBe(Number(send!.id));
  });

  it('answers the API with pages and problem+json field errors, and never names another organisation’s records', async () => {
    for (let i = 0; i < 3; i++) await aStakeholder(t, scope, { name: `Member ${i} ${unique()}` });
    const first = (await manager.json('GET', '/api/v1/stakeholders?limit=2')).json<{ items: { name: string }[]; next: string | null }>();
    expect(first.items).toHaveLength(2);
    const second = (await manager.json('GET', `/api/v1/stakeholders?limit=2&after=${first.next}`)).json<{ items: unknown[]; next: string | null }>();
    expect(second.items).toHaveLength(1);
    expect(second.next).toBeNull();

    const bad = await manager.json('POST', '/api/v1/stakeholders', { name: '', kind: 'friends', influence: 7, interest: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const fields = bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'kind', 'influence']));
    const ok = await manager.json('POST', '/api/v1/stakeholders', { name: `Cllr Jo Marsh ${unique()}`, kind: 'elected-member', influence: 3, interest: 3 });
    expect(ok.statusCode).toBe(201);

    const other = await seedOrganisation(t, `Other Council ${unique()}`);
    const theirs = await aStakeholder(t, { id: other.id, actor: systemActor('test', other.id) });
    expect((await manager.get(`/stakeholders/${theirs.id}`)).statusCode).toBe(404);
    const crossed = await manager.json('POST', '/api/v1/engagements', {
      kind: 'one-to-one',
      heldOn: daysFromToday(-1),
      title: 'Sneaky',
      stakeholders: [theirs.id],
    });
    expect(crossed.statusCode).toBe(422);
    const made = await manager.json('POST', '/api/v1/engagements', {
      kind: 'briefing',
      heldOn: daysFromToday(-1),
      title: 'Scrutiny briefing',
      stakeholders: [ok.json<{ id: number }>().id],
    });
    expect(made.statusCode).toBe(201);
    const plan = await manager.json('POST', '/api/v1/communications', {
      message: 'Phishing: what to do',
      audience: 'All staff',
      channel: 'carrier-pigeon',
      frequency: 'weekly',
      startsOn: '2026-13-01',
    });
    expect(plan.statusCode).toBe(400);
    expect(plan.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(expect.arrayContaining(['channel', 'startsOn']));
  });
});
