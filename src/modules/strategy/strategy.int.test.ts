import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { signedInClient, type Client } from '../../../test/support/client.js';
import { aSystem, unique } from '../../../test/support/factories.js';
import { dict } from '../../platform/index.js';
import { answerOutcome, loadFramework, startAssessment } from '../assessments/index.js';

describe.each(testDatabases())('strategy and the roadmap (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;
  const actorOf = (id: number) => ({ id, actor: { personId: null, label: 'test', organisationId: id } });

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Strategy Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
  });
  afterAll(() => t.close());

  const project = (overrides: Record<string, unknown> = {}) => ({
    title: `Project ${unique()}`,
    kind: 'project',
    stage: 'discovery',
    rag: 'green',
    ...overrides,
  });

  it('ties objectives to the corporate plan’s priorities, with measures from a baseline to a target, and refuses a target that is no better', async () => {
    await manager.get('/strategy');
    expect((await manager.post('/strategy/priorities', { title: 'Tackling climate change', description: '' })).statusCode).toBe(303);
    const priorityId = (await manager.json('GET', '/api/v1/priorities')).json<{ items: { id: number; title: string }[] }>().items[0]!.id;
    await manager.get('/strategy/objectives/new');
    const added = await manager.post('/strategy/objectives/new', {
      title: 'Cut the carbon of the council’s technology',
      owner: 'Director of Place',
      priorityIds: String(priorityId),
    });
    expect(added.statusCode).toBe(303);
    const objectivePath = String(added.headers.location);
    await manager.get(objectivePath);
    const worse = await manager.post(`${objectivePath}/measures`, {
      name: 'Data centre electricity',
      unit: 'MWh',
      direction: 'down',
      baseline: '410',
      target: '500',
    });
    expect(worse.statusCode).toBe(400);
    expect(worse.body).toContain('The target must be better than the baseline');
    expect(
      (
        await manager.post(`${objectivePath}/measures`, {
          name: 'Data centre electricity',
          unit: 'MWh',
          direction: 'down',
          baseline: '410',
          current: '365',
          target: '150',
        })
      ).statusCode,
    ).toBe(303);
    const page = (await manager.get(objectivePath)).body;
    expect(page).toContain('Data centre electricity');
    expect(page).toContain('17%');
    const overview = (await manager.get('/strategy')).body;
    expect(overview).toContain('Tackling climate change');
    expect(overview).toContain('Cut the carbon of the council’s technology');
    const [objective] = (await manager.json('GET', '/api/v1/objectives')).json<{ items: { priorityIds: number[]; measures: { current: number }[] }[] }>().items;
    expect(objective).toEqual(expect.objectContaining({ priorityIds: [priorityId], measures: [expect.objectContaining({ current: 365 })] }));
  });

  it('keeps the roadmap: a project ending before it starts, a red status with no reason and a loop of dependencies are refused, naming the field', async () => {
    await manager.get('/strategy/projects/new');
    const early = await manager.post('/strategy/projects/new', project({ startOn: '2027-04-01', endOn: '2027-01-31' }));
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('The project must end on or after the day it starts');
    expect((await manager.post('/strategy/projects/new', project({ rag: 'red' }))).body).toContain('Say why it is red or amber');
    const ids: number[] = [];
    for (const n of [1, 2, 3]) {
      const res = await manager.json('POST', '/api/v1/projects', project({ title: `Step ${n}`, startOn: '2026-10-01', endOn: '2027-06-30' }));
      expect(res.statusCode).toBe(201);
      ids.push(res.json<{ id: number }>().id);
    }
    const refs = (await manager.json('GET', '/api/v1/projects')).json<{ items: { id: number; reference: string; horizon: string }[] }>().items;
    const ref = (id: number) => refs.find((r) => r.id === id)!.reference;
    await manager.get(`/strategy/projects/${ids[0]}`);
    expect((await manager.post(`/strategy/projects/${ids[0]}/dependencies`, { dependsOnId: String(ids[1]) })).statusCode).toBe(303);
    expect((await manager.post(`/strategy/projects/${ids[1]}/dependencies`, { dependsOnId: String(ids[2]) })).statusCode).toBe(303);
    const loop = await manager.post(`/strategy/projects/${ids[2]}/dependencies`, { dependsOnId: String(ids[0]) });
    expect(loop.statusCode).toBe(400);
    expect(loop.body).toContain(`That would make a loop: ${ref(ids[0]!)} depends on ${ref(ids[1]!)} depends on ${ref(ids[2]!)} depends on ${ref(ids[0]!)}`);
    const roadmap = (await manager.get('/strategy/roadmap')).body;
    expect(roadmap).toContain('Step 1');
    expect(roadmap).toContain('<svg class="steward-roadmap"');
    expect((await manager.get('/strategy/roadmap?rag=purple')).statusCode).toBe(400);
  });

  it('moves a system’s lifecycle decision when a project retires it, and keeps each organisation’s roadmap to itself', async () => {
    const system = await aSystem(t, actorOf(org.id), { name: `Old planning system ${unique()}`, lifecycle: 'tolerate' });
    const { id } = (await manager.json('POST', '/api/v1/projects', project({ title: 'Replace the planning system' }))).json<{ id: number }>();
    await manager.get(`/strategy/projects/${id}`);
    expect((await manager.post(`/strategy/projects/${id}/systems`, { system: 'No such system at all', effect: 'retires' })).body).toContain(
      'There is no system called No such system at all in the register',
    );
    expect((await manager.post(`/strategy/projects/${id}/systems`, { system: system.name, effect: 'retires' })).statusCode).toBe(303);
    const after = await t.database.db.selectFrom('systems').where('id', '=', system.id).select(['lifecycle', 'lifecycle_reason']).executeTakeFirstOrThrow();
    expect(after.lifecycle).toBe('eliminate');
    expect(after.lifecycle_reason).toContain('Replace the planning system');
    expect((await manager.get(`/strategy/projects/${id}`)).body).toContain('Retires');

    const other = await seedOrganisation(t, `Other Council ${unique()}`);
    const outsider = await signedInClient(t.app, other.people.manager.email, testPassword);
    expect((await outsider.get(`/strategy/projects/${id}`)).statusCode).toBe(404);
    expect((await outsider.json('GET', '/api/v1/projects')).json<{ items: unknown[] }>().items).toEqual([]);
    const viewer = await signedInClient(t.app, org.people.viewer.email, testPassword);
    expect((await viewer.get(`/strategy/projects/${id}`)).statusCode).toBe(200);
    await viewer.get('/strategy');
    expect((await viewer.post('/strategy/priorities', { title: 'Not allowed' })).statusCode).toBe(403);
  });
  it('records sprint reviews on a project for everyone to read, and refuses one still to come', async () => {
    const { id } = (await manager.json('POST', '/api/v1/projects', project({ title: 'Report it online' }))).json<{ id: number }>();
    await manager.get(`/strategy/projects/${id}`);
    const ahead = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const early = await manager.post(`/strategy/projects/${id}/sprint-reviews`, {
      sprint: 'Sprint 3',
      reviewOn: ahead,
      shown: '',
      feedback: '',
      nextSteps: '',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Record a sprint review once it has happened');
    const done = await manager.post(`/strategy/projects/${id}/sprint-reviews`, {
      sprint: 'Sprint 3',
      reviewOn: '2026-01-14',
      shown: 'The fly-tipping form with a map',
      feedback: 'Crews want smaller photos',
      nextSteps: 'Resize photos',
    });
    expect(done.statusCode).toBe(303);
    const viewer = await signedInClient(t.app, org.people.viewer.email, testPassword);
    const page = (await viewer.get(`/strategy/projects/${id}`)).body;
    expect(page).toContain('Sprint 3, 14 January 2026');
    expect(page).toContain('Crews want smaller photos');
    expect(page).not.toContain('Record a sprint review');
  });
  it('adds the ITIL 4 practices self-assessment, shows the gap to the target, and turns a gap into a roadmap idea', async () => {
    await manager.get('/strategy/maturity');
    expect((await manager.post('/strategy/maturity', { framework: 'no-such-thing' })).statusCode).toBe(400);
    const added = await manager.post('/strategy/maturity', { framework: 'itil-4-practices' });
    expect(added.statusCode).toBe(303);
    const frameworkId = Number(String(added.headers.location).split('/').pop());
    const db = t.database.db;
    const { actor } = actorOf(org.id);
    const framework = await loadFramework(db, org.id, frameworkId);
    const practices = framework.nodes.filter((n) => n.assessable);
    expect(practices).toHaveLength(34);
    const id = await startAssessment(db, actor, org.id, {
      frameworkId,
      title: 'ITIL practices 2026',
      scope: 'organisation',
      scopeDescription: '',
      profileKey: 'target',
      periodStart: '2026-04-01',
      periodEnd: '2027-03-31',
      assurance: 'self-assessment',
    });
    const problem = practices.find((p) => p.title === 'Problem management')!;
    const desk = practices.find((p) => p.title === 'Service desk')!;
    const answer = { holding: [], comments: dict<string>(), override: '', justification: '', comment: '', evidence: '' };
    await answerOutcome(db, actor, org.id, id, problem.id, { ...answer, rating: 'ad-hoc' });
    await answerOutcome(db, actor, org.id, id, desk.id, { ...answer, rating: 'improving' });
    const page = (await manager.get('/strategy/maturity')).body;
    expect(page).toContain('ITIL practices 2026');
    expect(page).toContain('1 of 34');
    expect(page).toContain('Problem management: done when someone remembers now, target defined and followed');
    const plan = /href="(\/strategy\/projects\/new\?[^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
    const form = (await manager.get(plan)).body;
    expect(form).toContain('value="Improve: Problem management"');
  });
});
