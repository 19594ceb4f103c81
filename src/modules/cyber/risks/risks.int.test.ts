import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../../test/support/app.js';
import { signedInClient, type Client } from '../../../../test/support/client.js';
import { unique } from '../../../../test/support/factories.js';
import { sendReviewReminders } from './service.js';
import { systemActor } from '../../../platform/index.js';
import { createSystem, nothingKnown } from '../../estate/index.js';

const aRisk = (overrides: Record<string, string> = {}) => ({
  title: 'Ransomware encrypts the file servers',
  category: 'security',
  cause: 'Phishing',
  event: 'Encryption of shared drives',
  effect: 'Services down for days',
  owner: '',
  inherentLikelihood: '5',
  inherentImpact: '5',
  currentLikelihood: '3',
  currentImpact: '5',
  targetLikelihood: '2',
  targetImpact: '4',
  treatment: 'treat',
  reviewDue: '2026-01-31',
  ...overrides,
});

describe.each(testDatabases())('the risk register (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;
  let agent: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Risk Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
  });
  afterAll(() => t.close());

  it('records a risk with its reference, flags it outside appetite and overdue, and keeps its score history', async () => {
    await manager.get('/cyber/risks/new');
    const res = await manager.post('/cyber/risks', aRisk({ owner: org.people.manager.email.toUpperCase() }));
    expect(res.statusCode).toBe(303);
    const api = (await agent.json('GET', '/api/v1/risks')).json<{
      items: { reference: string; current: { score: number }; appetite: number; outsideAppetite: boolean; reviewOverdue: boolean; owner: string | null }[];
    }>();
    expect(api.items).toEqual([
      expect.objectContaining({
        reference: 'RISK-0001',
        current: expect.objectContaining({ score: 15 }),
        appetite: 12,
        outsideAppetite: true,
        reviewOverdue: true,
      }),
    ]);
    expect(api.items[0]!.owner).toContain('manager');
    const page = await agent.get('/cyber/risks?show=outside');
    expect(page.body).toContain('RISK-0001 Ransomware encrypts the file servers');
    expect(page.body).toContain('Current scores as a table');
    await manager.get(String(res.headers.location));
    await manager.post(String(res.headers.location), aRisk({ currentLikelihood: '2', reviewDue: '2030-01-31', status: 'open' }));
    const risk = await agent.get(String(res.headers.location));
    expect(risk.body).toContain('How the current score has changed');
    expect((await agent.get('/cyber/risks?show=outside')).body).not.toContain('RISK-0001');
    // A higher appetite for security takes nothing else with it.
    await manager.get('/cyber/risks/appetite');
    const categories = [
      'strategy',
      'governance',
      'operations',
      'legal',
      'property',
      'financial',
      'commercial',
      'people',
      'technology',
      'information',
      'security',
      'project',
      'reputational',
    ];
    const appetite = (security: string) => ({ category: categories, appetite: categories.map((c) => (c === 'security' ? security : '12')) });
    expect((await manager.post('/cyber/risks/appetite', appetite('26'))).body).toContain('An appetite is a score from 1 to 25');
    expect((await manager.post('/cyber/risks/appetite', { category: ['constructor'], appetite: ['3'] })).statusCode).toBe(400);
    expect((await manager.post('/cyber/risks/appetite', appetite('6'))).statusCode).toBe(303);
    expect((await agent.json('GET', '/api/v1/risks')).json<{ items: { outsideAppetite: boolean }[] }>().items[0]!.outsideAppetite).toBe(true);
  });

  it('refuses a likelihood outside the matrix, an unknown owner and a target above the inherent score, writing nothing', async () => {
    await manager.get('/cyber/risks/new');
    const off = await manager.post('/cyber/risks', aRisk({ currentLikelihood: '6' }));
    expect(off.statusCode).toBe(400);
    expect(off.body).toContain('The current likelihood is on the matrix: from 1 to 5');
    const nobody = await manager.post('/cyber/risks', aRisk({ owner: 'nobody@nowhere.example' }));
    expect(nobody.statusCode).toBe(400);
    const above = await manager.post('/cyber/risks', aRisk({ inherentLikelihood: '1', inherentImpact: '1' }));
    expect(above.body).toContain('The target score is higher than the risk with no controls at all');
    expect((await t.database.db.selectFrom('risks').where('organisation_id', '=', org.id).select('id').execute()).length).toBe(0);
    await agent.get('/cyber/risks');
    expect((await agent.post('/cyber/risks', aRisk())).statusCode).toBe(403);
  });

  it('keeps the council’s own matrix and categories, refusing a matrix smaller than the scores and removing a category in use', async () => {
    await manager.get('/cyber/risks/new');
    expect((await manager.post('/cyber/risks', aRisk())).statusCode).toBe(303);
    await manager.get('/cyber/risks/settings');
    const four = { likelihoods: 'Rare\nPossible\nLikely\nAlmost certain', impacts: 'Minor\nModerate\nMajor\nSevere', medium: '4', high: '8', veryHigh: '12' };
    expect((await manager.post('/cyber/risks/settings/matrix', four)).body).toContain('scored up to likelihood 5');
    const six = {
      likelihoods: 'Very rare\nRare\nUnlikely\nPossible\nLikely\nAlmost certain',
      impacts: 'Trivial\nMinor\nModerate\nSignificant\nMajor\nSevere',
      medium: '6',
      high: '15',
      veryHigh: '28',
    };
    expect((await manager.post('/cyber/risks/settings/matrix', { ...six, high: '30' })).body).toContain('The bands must start in order');
    expect((await manager.post('/cyber/risks/settings/matrix', { ...six, likelihoods: 'Low\nHigh' })).body).toContain('Give from 3 to 7 steps');
    expect((await manager.post('/cyber/risks/settings/matrix', six)).statusCode).toBe(303);
    const form = await manager.get('/cyber/risks/new');
    expect(form.body).toContain('6: Almost certain');
    expect((await manager.post('/cyber/risks', aRisk({ title: 'Six by six', currentLikelihood: '6', inherentLikelihood: '6' }))).statusCode).toBe(303);
    expect((await manager.post('/cyber/risks', aRisk({ currentImpact: '7' }))).body).toContain('The current impact is on the matrix: from 1 to 6');
    // Categories: security is in use, so it stays; a new one is added and can be chosen.
    const page = await manager.get('/cyber/risks/settings');
    const keys = [...page.body.matchAll(/name="key" value="([^"]+)"/g)].map((m) => m[1]!);
    const names = [...page.body.matchAll(/name="name" type="text" value="([^"]+)"/g)].map((m) => m[1]!);
    expect((await manager.post('/cyber/risks/settings/categories', { key: keys, name: names, remove: ['security'] })).body).toContain('in Security: move them');
    expect(
      (
        await manager.post('/cyber/risks/settings/categories', {
          key: keys,
          name: names.map((n) => (n === 'Property' ? 'Buildings and land' : n)),
          remove: ['project'],
          add: 'Climate and environment',
        })
      ).statusCode,
    ).toBe(303);
    const after = await manager.get('/cyber/risks/settings');
    expect(after.body).toContain('Buildings and land');
    expect(after.body).toContain('Climate and environment');
    expect(after.body).not.toContain('value="project"');
    expect((await manager.post('/cyber/risks', aRisk({ title: 'Flooding at the depot', category: 'climate-and-environment' }))).statusCode).toBe(303);
    expect((await manager.post('/cyber/risks', aRisk({ category: 'project' }))).body).toContain('Choose the risk’s category from the list');
    expect((await agent.post('/cyber/risks/settings/matrix', six)).statusCode).toBe(403);
  });

  it('gives risks recorded at the same moment their own references', async () => {
    await manager.get('/cyber/risks/new');
    const made = await Promise.all([1, 2, 3, 4, 5].map((n) => manager.post('/cyber/risks', aRisk({ title: `Concurrent risk ${n}` }))));
    expect(made.map((r) => r.statusCode)).toEqual([303, 303, 303, 303, 303]);
    const refs = (await agent.json('GET', '/api/v1/risks'))
      .json<{ items: { reference: string }[] }>()
      .items.map((r) => r.reference)
      .sort();
    expect(refs).toEqual(['RISK-0001', 'RISK-0002', 'RISK-0003', 'RISK-0004', 'RISK-0005']);
  });

  it('reminds a risk’s owner a week before its review and again when it is overdue, once each', async () => {
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await manager.get('/cyber/risks/new');
    const res = await manager.post('/cyber/risks', aRisk({ owner: org.people.manager.email, reviewDue: soon }));
    expect(res.statusCode).toBe(303);
    const mails = () =>
      t.database.db.selectFrom('outbox').where('organisation_id', '=', org.id).where('kind', '=', 'risk-review').select(['subject', 'to_email']).execute();
    expect(await sendReviewReminders(t.database.db)).toBeGreaterThanOrEqual(1);
    await sendReviewReminders(t.database.db);
    expect((await mails()).map((m) => m.subject)).toEqual([`Review due ${soon}: RISK-0001 Ransomware encrypts the file servers`]);
    expect((await mails())[0]!.to_email).toBe(org.people.manager.email);
    await sendReviewReminders(t.database.db, new Date(Date.now() + 5 * 86_400_000));
    expect((await mails()).map((m) => m.subject)).toContain('Review overdue: RISK-0001 Ransomware encrypts the file servers');
    expect(await mails()).toHaveLength(2);
  });

  it('links a risk to the systems, contracts, suppliers and CAF outcomes it is about, refusing names Steward does not hold', async () => {
    const system = await createSystem(t.database.db, systemActor('test', org.id), org.id, {
      ...nothingKnown,
      identifier: 'REV-1',
      name: 'Revenues and benefits',
      kind: 'application',
    });
    await manager.get('/cyber/risks/new');
    const res = await manager.post('/cyber/risks', aRisk());
    const path = String(res.headers.location);
    await manager.get(path);
    const bad = await manager.post(`${path}/links`, { systems: 'rev-1', suppliers: 'Nobody Ltd', outcomes: 'B4.a' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Nobody Ltd: no supplier with that name');
    const code = await manager.post(`${path}/links`, { systems: 'rev-1', outcomes: 'B4.a, Z9.z' });
    expect(code.body).toContain('Z9.z: not a CAF outcome');
    expect((await manager.post(`${path}/links`, { systems: 'rev-1', outcomes: 'b4.A d1.a' })).statusCode).toBe(303);
    const page = await agent.get(path);
    expect(page.body).toContain(`href="/estate/systems/${system}">Revenues and benefits</a>`);
    expect(page.body).toMatch(/B4\.a [A-Z][^,<]+, D1\.a/);
  });
});
