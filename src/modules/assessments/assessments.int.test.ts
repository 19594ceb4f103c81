import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { multipartBody, signedInClient, type Client } from '../../../test/support/client.js';
import { aSystem, unique } from '../../../test/support/factories.js';
import { systemActor } from '../../platform/index.js';
import { webCaf } from './frameworks/fixtures.js';

const caf40 = { filename: 'cyber-assessment-framework-v4.0.yaml', type: 'application/yaml' };

describe.each(testDatabases())('frameworks and assessments (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;
  let agent: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Assessing Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    viewer = await signedInClient(t.app, org.people.viewer.email, testPassword);
  });
  afterAll(() => t.close());

  const frameworks = async () => (await t.database.db.selectFrom('frameworks').where('organisation_id', '=', org.id).select('id').execute()).length;

  async function importCaf(text = webCaf) {
    await manager.get('/assessments/frameworks');
    const res = await manager.upload('/assessments/frameworks', {}, { ...caf40, data: Buffer.from(text) });
    return res;
  }

  async function started(previousId = '') {
    const imported = await importCaf();
    const frameworkId = String(imported.headers.location).split('/').pop()!;
    await manager.get('/assessments');
    const res = await manager.post('/assessments', {
      frameworkId,
      title: 'CAF self-assessment 2026 to 2027',
      scope: 'organisation',
      profileKey: 'baseline',
      periodStart: '2026-04-01',
      periodEnd: '2027-03-31',
      assurance: 'self-assessment',
      previousId,
    });
    expect(res.statusCode).toBe(303);
    const id = Number(String(res.headers.location).split('/').pop());
    const nodes = await t.database.db.selectFrom('framework_nodes').where('framework_id', '=', Number(frameworkId)).select(['id', 'code']).execute();
    const indicators = await t.database.db
      .selectFrom('framework_indicators')
      .where('framework_id', '=', Number(frameworkId))
      .select(['id', 'code', 'tier', 'node_id'])
      .execute();
    const node = (code: string) => Number(nodes.find((n) => n.code === code)!.id);
    const of = (code: string, tier: string) => indicators.filter((i) => Number(i.node_id) === node(code) && i.tier === tier).map((i) => String(i.id));
    return { id, frameworkId: Number(frameworkId), node, of };
  }

  it('imports a WebCAF file through the page, shows what it holds, and refuses it a second time', async () => {
    const res = await importCaf();
    expect(res.statusCode).toBe(303);
    const page = await manager.get(String(res.headers.location));
    expect(page.body).toContain('Cyber Assessment Framework 4.0');
    expect(page.body).toContain('the reference A1.b.PA.1 is used twice under A1.b; both are kept');
    expect((await importCaf()).body).toContain('is already in Steward');
    expect(await frameworks()).toBe(1);
    const api = await manager.json('GET', `/api/v1/frameworks/${String(res.headers.location).split('/').pop()}`);
    expect(api.json()).toMatchObject({
      version: '4.0',
      counts: { objectives: 2, principles: 2, outcomes: 3, indicators: { achieved: 3, partiallyAchieved: 3, notAchieved: 3, total: 9 } },
    });
    const exported = await manager.get(`${String(res.headers.location)}/framework.yaml`);
    expect(exported.headers['content-type']).toContain('application/yaml');
    expect(exported.body).toContain('steward-framework: 1');
  });

  it('refuses a broken framework with the line and the reason, writing nothing', async () => {
    const res = await importCaf(webCaf.replace('          A1.b:\n', '          A1.a:\n'));
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/line \d+: the same key is written twice in one place/);
    expect(await frameworks()).toBe(0);
    await manager.get('/assessments/frameworks');
    const form = multipartBody({}, { name: 'file', filename: 'shopping.yaml', type: 'application/yaml', data: Buffer.from('eggs: 6\n') });
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/frameworks',
      payload: form.payload,
      headers: { cookie: [...manager.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': form.contentType, 'x-csrf-token': manager.csrfToken! },
    });
    expect(api.statusCode).toBe(422);
    expect(api.body).toContain('not one of the formats Steward reads');
    expect(await frameworks()).toBe(0);
  });

  it('derives each outcome’s status from the indicators that hold, and compares it with the profile', async () => {
    const a = await started();
    await agent.get(`/assessments/${a.id}/outcomes/${a.node('A1.b')}`);
    // Every partially-achieved indicator holds, not every achieved one: partially achieved, which meets the baseline.
    const saved = await agent.post(`/assessments/${a.id}/outcomes/${a.node('A1.b')}`, {
      holding: a.of('A1.b', 'partially-achieved'),
      evidence: 'Roles document v2',
    });
    expect(saved.statusCode).toBe(303);
    const api = (await agent.json('GET', `/api/v1/assessments/${a.id}`)).json<{
      outcomes: { code: string; computed: string | null; status: string | null; meetsTarget: boolean | null }[];
      targets: { met: number };
    }>();
    expect(api.outcomes.find((o) => o.code === 'A1.b')).toMatchObject({ computed: 'partially-achieved', meetsTarget: true });
    expect(api.targets.met).toBe(1);
    // One not-achieved indicator outweighs the rest.
    await agent.post(`/assessments/${a.id}/outcomes/${a.node('A1.b')}`, { holding: [...a.of('A1.b', 'not-achieved'), ...a.of('A1.b', 'achieved')] });
    const again = (await agent.json('GET', `/api/v1/assessments/${a.id}`)).json<{ outcomes: { code: string; computed: string | null }[] }>();
    expect(again.outcomes.find((o) => o.code === 'A1.b')!.computed).toBe('not-achieved');
    const history = (await viewer.get(`/assessments/${a.id}/outcomes/${a.node('A1.b')}`)).body;
    expect(history).toContain('Every answer to A1.b, newest first');
    expect(history.indexOf('Not achieved</td>')).toBeLessThan(history.indexOf('Partially achieved</td>'));
    // An outcome with no partially-achieved tier is achieved or not.
    await agent.post(`/assessments/${a.id}/outcomes/${a.node('A1.a')}`, { holding: a.of('A1.a', 'achieved') });
    const page = await viewer.get(`/assessments/${a.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('A1.a Board direction');
    expect(page.body).toMatch(/1 achieved; 0 partially achieved; 1 not achieved; 1 not assessed yet/);
  });

  it('needs a justification to override, and refuses indicators of another outcome', async () => {
    const a = await started();
    await agent.get(`/assessments/${a.id}/outcomes/${a.node('A1.b')}`);
    const bare = await agent.post(`/assessments/${a.id}/outcomes/${a.node('A1.b')}`, { override: 'achieved', justification: '' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('an override needs a justification');
    const stray = await agent.post(`/assessments/${a.id}/outcomes/${a.node('A1.b')}`, { holding: a.of('D1.a', 'achieved') });
    expect(stray.statusCode).toBe(400);
    expect(stray.body).toContain('Tick only the indicators of this outcome');
    const rows = await t.database.db.selectFrom('assessment_outcomes').where('assessment_id', '=', a.id).select('node_id').execute();
    expect(rows).toEqual([]);
    const ok = await agent.post(`/assessments/${a.id}/outcomes/${a.node('A1.b')}`, {
      override: 'achieved',
      justification: 'The roles were agreed at the March board, after the indicators were answered.',
    });
    expect(ok.statusCode).toBe(303);
    const api = (await agent.json('GET', `/api/v1/assessments/${a.id}`)).json<{
      outcomes: { code: string; computed: string | null; override: string | null; status: string | null }[];
    }>();
    expect(api.outcomes.find((o) => o.code === 'A1.b')).toMatchObject({ computed: 'not-achieved', override: 'achieved', status: 'achieved' });
  });

  it('goes through review to approval, is locked once approved, and carries forward into a new one', async () => {
    const a = await started();
    await agent.get(`/assessments/${a.id}/outcomes/${a.node('A1.a')}`);
    await agent.post(`/assessments/${a.id}/outcomes/${a.node('A1.a')}`, { holding: a.of('A1.a', 'achieved') });
    await manager.get(`/assessments/${a.id}`);
    expect((await manager.post(`/assessments/${a.id}/state`, { to: 'approved' })).statusCode).toBe(400);
    const outcome = `/assessments/${a.id}/outcomes/${a.node('A1.a')}`;
    await manager.get(outcome);
    const tooSoon = await manager.post(`${outcome}/review`, { decision: 'agreed' });
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.body).toContain('Send the assessment for review first');
    expect((await manager.post(`/assessments/${a.id}/state`, { to: 'in-review' })).statusCode).toBe(303);
    await manager.get(outcome);
    const bare = await manager.post(`${outcome}/review`, { decision: 'not-agreed', recommendations: '' });
    expect(bare.body).toContain('Say what the reviewer recommends when they do not agree');
    expect((await agent.post(`${outcome}/review`, { decision: 'agreed' })).statusCode).toBe(403);
    expect(
      (await manager.post(`${outcome}/review`, { decision: 'not-agreed', recommendations: 'Minutes of the board do not show cyber risk discussed.' }))
        .statusCode,
    ).toBe(303);
    const reviewed = await agent.get(outcome);
    expect(reviewed.body).toContain('Not agreed');
    expect(reviewed.body).toContain('Minutes of the board do not show cyber risk discussed.');
    for (const to of ['ready-for-approval', 'approved']) expect((await manager.post(`/assessments/${a.id}/state`, { to })).statusCode).toBe(303);
    await agent.get(`/assessments/${a.id}/outcomes/${a.node('A1.a')}`);
    const locked = await agent.post(`/assessments/${a.id}/outcomes/${a.node('A1.a')}`, { holding: [] });
    expect(locked.statusCode).toBe(400);
    expect(locked.body).toContain('approved and locked');
    // Another framework version is another file; here the same one, carried forward.
    await manager.get('/assessments');
    const next = await manager.post('/assessments', {
      frameworkId: String(a.frameworkId),
      title: 'CAF self-assessment 2027 to 2028',
      scope: 'organisation',
      profileKey: 'baseline',
      periodStart: '2027-04-01',
      periodEnd: '2028-03-31',
      assurance: 'peer-review',
      previousId: String(a.id),
    });
    expect(next.statusCode).toBe(303);
    const carried = (await manager.json('GET', `/api/v1/assessments/${String(next.headers.location).split('/').pop()}`)).json<{
      outcomes: { code: string; status: string | null; lastTime: string | null }[];
      state: string;
    }>();
    expect(carried.state).toBe('draft');
    expect(carried.outcomes.find((o) => o.code === 'A1.a')).toMatchObject({ status: 'achieved', lastTime: 'achieved' });
  });

  it('keeps evidence as files, links and Steward records, refuses what it cannot keep, and carries it forward', async () => {
    const a = await started();
    const system = await aSystem(t, { id: org.id, actor: systemActor('test') }, { name: 'Mosaic Case Management' });
    const outcome = `/assessments/${a.id}/outcomes/${a.node('A1.a')}`;
    await agent.get(outcome);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 32), Buffer.from('\n%%EOF\n')]);
    const file = await agent.upload(
      `${outcome}/evidence/file`,
      { fileTitle: 'Board minutes, March' },
      { filename: 'minutes.pdf', type: 'application/pdf', data: pdf },
    );
    expect(file.statusCode).toBe(303);
    const script = await agent.upload(
      `${outcome}/evidence/file`,
      {},
      { filename: 'run.html', type: 'text/html', data: Buffer.from('<script>alert(1)</script>') },
    );
    expect(script.statusCode).toBe(400);
    expect(script.body).toContain('The selected file must be a PDF');
    expect((await agent.post(`${outcome}/evidence/link`, { linkTitle: 'Policy', url: 'javascript:alert(1)' })).body).toContain(
      'Enter a web address starting https://',
    );
    expect(
      (await agent.post(`${outcome}/evidence/link`, { linkTitle: 'Security policy on the intranet', url: 'https://intranet.example/security' })).statusCode,
    ).toBe(303);
    const missing = await agent.post(`${outcome}/evidence/record`, { kind: 'system', words: 'Nowhere System' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('There is no system called “Nowhere System”');
    expect((await agent.post(`${outcome}/evidence/record`, { kind: 'system', words: 'mosaic case management' })).statusCode).toBe(303);
    const page = await viewer.get(outcome);
    expect(page.body).toContain('Board minutes, March');
    expect(page.body).toContain('href="https://intranet.example/security"');
    expect(page.body).toContain(`href="/estate/systems/${system.id}"`);
    const api = (await manager.json('GET', `/api/v1/assessments/${a.id}`)).json<{
      outcomes: { code: string; evidence: { kind: string; title: string; url: string | null }[] }[];
    }>();
    const evidence = api.outcomes.find((o) => o.code === 'A1.a')!.evidence;
    expect(evidence.map((e) => e.kind)).toEqual(['file', 'link', 'record']);
    const download = await viewer.get(evidence[0]!.url!);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('minutes.pdf');
    // Another organisation's assessment id cannot reach this file.
    const other = await seedOrganisation(t, `Elsewhere Council ${unique()}`);
    const stranger = await signedInClient(t.app, other.people.manager.email, testPassword);
    expect((await stranger.get(evidence[0]!.url!)).statusCode).toBe(404);
    // Carried forward into the next assessment, and locked with an approved one.
    for (const to of ['in-review', 'ready-for-approval', 'approved']) {
      await manager.get(`/assessments/${a.id}`);
      expect((await manager.post(`/assessments/${a.id}/state`, { to })).statusCode).toBe(303);
    }
    await agent.get(outcome);
    expect((await agent.post(`${outcome}/evidence/link`, { linkTitle: 'Late', url: 'https://intranet.example/late' })).body).toContain('approved and locked');
    await manager.get('/assessments');
    const next = await manager.post('/assessments', {
      frameworkId: String(a.frameworkId),
      title: 'CAF self-assessment 2027 to 2028',
      scope: 'organisation',
      profileKey: 'baseline',
      periodStart: '2027-04-01',
      periodEnd: '2028-03-31',
      assurance: 'self-assessment',
      previousId: String(a.id),
    });
    const nextId = String(next.headers.location).split('/').pop();
    const carried = (await manager.json('GET', `/api/v1/assessments/${nextId}`)).json<{ outcomes: { code: string; evidence: { kind: string }[] }[] }>();
    expect(carried.outcomes.find((o) => o.code === 'A1.a')!.evidence.map((e) => e.kind)).toEqual(['file', 'link', 'record']);
  });

  it('makes a profile of the council’s own from the file’s, changes its targets, and assessments against it follow', async () => {
    const a = await started();
    const base = `/assessments/frameworks/${a.frameworkId}`;
    await manager.get(`${base}/profiles/new`);
    const made = await manager.post(`${base}/profiles`, { name: 'Eastwold target', seedFrom: `${a.frameworkId}:baseline` });
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe(`${base}/profiles/eastwold-target`);
    expect((await manager.post(`${base}/profiles`, { name: 'eastwold target', seedFrom: '' })).body).toContain('already has a profile called');
    expect((await manager.post(`${base}/profiles`, { name: 'Other', seedFrom: '999999:baseline' })).body).toContain('Choose one of the profiles listed');
    const page = await manager.get(`${base}/profiles/eastwold-target`);
    expect(page.body).toContain('3 of 3 outcomes have a target');
    // The file's own profile stays as the file gave it.
    expect((await manager.post(`${base}/profiles/baseline`, { target: [`${a.node('D1.a')}:achieved`] })).body).toContain('make a profile of your own');
    expect((await manager.post(`${base}/profiles/eastwold-target`, { target: [`${a.node('D1.a')}:nonsense`] })).body).toContain('Choose a target for D1.a');
    const saved = await manager.post(`${base}/profiles/eastwold-target`, { target: [`${a.node('D1.a')}:achieved`, `${a.node('A1.b')}:`] });
    expect(saved.statusCode).toBe(303);
    expect((await manager.get(`${base}/profiles/eastwold-target`)).body).toContain('2 of 3 outcomes have a target');
    expect((await agent.post(`${base}/profiles/eastwold-target`, { target: [`${a.node('A1.b')}:achieved`] })).statusCode).toBe(403);
    await manager.get('/assessments');
    const against = await manager.post('/assessments', {
      frameworkId: String(a.frameworkId),
      title: 'CAF against our own target',
      scope: 'organisation',
      profileKey: 'eastwold-target',
      periodStart: '2026-04-01',
      periodEnd: '2027-03-31',
      assurance: 'self-assessment',
      previousId: '',
    });
    const api = (await manager.json('GET', `/api/v1/assessments/${String(against.headers.location).split('/').pop()}`)).json<{
      outcomes: { code: string; target: string | null }[];
    }>();
    expect(Object.fromEntries(api.outcomes.map((o) => [o.code, o.target]))).toEqual({ 'A1.a': 'achieved', 'A1.b': null, 'D1.a': 'achieved' });
  });

  it('never loses a profile made at the same moment as another', async () => {
    const a = await started();
    const base = `/assessments/frameworks/${a.frameworkId}`;
    await manager.get(`${base}/profiles/new`);
    const names = ['North target', 'South target', 'East target'];
    const answers = await Promise.all(names.map((name) => manager.post(`${base}/profiles`, { name, seedFrom: '' })));
    for (const r of answers) if (r.statusCode !== 303) expect(r.body).toContain('at the same moment');
    const page = (await manager.get(base)).body;
    names.forEach((name, n) => {
      if (answers[n]!.statusCode === 303) expect(page).toContain(name);
    });
    expect(answers.some((r) => r.statusCode === 303)).toBe(true);
  });

  it('keeps an improvement plan per outcome, after approval too, and counts what is done and overdue', async () => {
    const a = await started();
    const outcome = `/assessments/${a.id}/outcomes/${a.node('A1.b')}`;
    await agent.get(outcome);
    const bad = await agent.post(`${outcome}/actions`, { title: 'Write the roles down', due: '31/03/2027' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the date it is due as YYYY-MM-DD');
    expect((await agent.post(`${outcome}/actions`, { title: 'Write the roles down', owner: 'Head of IT', due: '2020-03-31' })).statusCode).toBe(303);
    await agent.post(`${outcome}/actions`, { title: 'Agree them at the board', due: '2030-03-31' });
    let plan = (await agent.json('GET', `/api/v1/assessments/${a.id}`)).json<{
      improvementPlan: { total: number; done: number; overdue: number; actions: { id: number; outcome: string }[] };
    }>().improvementPlan;
    expect(plan).toMatchObject({ total: 2, done: 0, overdue: 1 });
    expect(plan.actions[0]!.outcome).toBe('A1.b');
    await agent.get(outcome);
    expect((await agent.post(`/assessments/${a.id}/actions/${plan.actions[0]!.id}`, { status: 'done' })).statusCode).toBe(303);
    await manager.get(`/assessments/${a.id}`);
    for (const to of ['in-review', 'ready-for-approval', 'approved']) await manager.post(`/assessments/${a.id}/state`, { to });
    await agent.get(outcome);
    expect((await agent.post(`${outcome}/actions`, { title: 'Review the roles after the restructure' })).statusCode).toBe(303);
    plan = (await agent.json('GET', `/api/v1/assessments/${a.id}`)).json<{ improvementPlan: typeof plan }>().improvementPlan;
    expect(plan).toMatchObject({ total: 3, done: 1, overdue: 0 });
    // An action named under another assessment is not there.
    await manager.get('/assessments');
    const other = await manager.post('/assessments', {
      frameworkId: String(a.frameworkId),
      title: 'Peer review',
      scope: 'organisation',
      periodStart: '2026-04-01',
      periodEnd: '2027-03-31',
      assurance: 'peer-review',
    });
    const otherPath = String(other.headers.location);
    await agent.get(otherPath);
    expect((await agent.post(`${otherPath}/actions/${plan.actions[0]!.id}`, { status: 'open' })).statusCode).toBe(404);
    expect((await agent.get(`/assessments/${a.id}`)).body).toContain('1 of 3 actions done');
  });

  it('lets a viewer read but not answer, and an agent answer but not import or approve', async () => {
    const a = await started();
    await viewer.get(`/assessments/${a.id}/outcomes/${a.node('A1.a')}`);
    expect((await viewer.post(`/assessments/${a.id}/outcomes/${a.node('A1.a')}`, { holding: a.of('A1.a', 'achieved') })).statusCode).toBe(403);
    await agent.get('/assessments');
    expect((await agent.post(`/assessments/${a.id}/state`, { to: 'in-review' })).statusCode).toBe(403);
    expect((await agent.get('/cyber')).body).toContain('CAF self-assessment 2026 to 2027');
  });
});
