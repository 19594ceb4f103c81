import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { signedInClient, type Client } from '../../../test/support/client.js';
import { aSystem, unique } from '../../../test/support/factories.js';
import { addRelationship } from '../estate/index.js';
import { systemActor } from '../../platform/index.js';

describe.each(testDatabases())('essential functions and their critical systems (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let agent: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Functions Council ${unique()}`);
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    viewer = await signedInClient(t.app, org.people.viewer.email, testPassword);
  });
  afterAll(() => t.close());

  async function estate() {
    const actor = systemActor('test', org.id);
    const db = t.database.db;
    const add = async (identifier: string, name: string) => (await aSystem(t, { id: org.id, actor }, { identifier, name })).id;
    const revs = await add('APP-1', 'Revenues and benefits');
    const sql = await add('DB-1', 'SQL cluster');
    const san = await add('SAN-1', 'Storage area network');
    await add('APP-2', 'Museum collections');
    await addRelationship(db, actor, org.id, { fromSystemId: revs, toSystemId: sql, kind: 'depends-on' });
    await addRelationship(db, actor, org.id, { fromSystemId: sql, toSystemId: san, kind: 'runs-on' });
  }

  it('takes the systems a function relies on and everything they run on as its critical systems', async () => {
    await estate();
    await agent.get('/cyber/essential-functions');
    const res = await agent.post('/cyber/essential-functions', { name: 'Revenues and benefits', owner: 'Head of Revenues', systems: 'app-1' });
    expect(res.statusCode).toBe(303);
    const page = await viewer.get(String(res.headers.location));
    expect(page.body).toContain('3 critical systems: the 1 it relies on and the 2 they run on');
    expect(page.body).toContain('Storage area network');
    expect(page.body).not.toContain('Museum collections');
    const api = (await viewer.json('GET', '/api/v1/essential-functions')).json<{ items: { name: string; critical: number; systems: { name: string }[] }[] }>();
    expect(api.items).toEqual([
      expect.objectContaining({ name: 'Revenues and benefits', critical: 3, systems: [expect.objectContaining({ name: 'Revenues and benefits' })] }),
    ]);
  });

  it('names back systems that are not in the register, writing nothing, and refuses a second function of the same name', async () => {
    await estate();
    await agent.get('/cyber/essential-functions');
    const bad = await agent.post('/cyber/essential-functions', { name: 'Elections', systems: 'Revenues and benefits\nElection management' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Election management: not in the systems register');
    const rows = await t.database.db.selectFrom('essential_functions').where('organisation_id', '=', org.id).select('id').execute();
    expect(rows).toEqual([]);
    await agent.post('/cyber/essential-functions', { name: 'Elections', systems: '' });
    expect((await agent.post('/cyber/essential-functions', { name: 'elections', systems: '' })).body).toContain(
      'There is already an essential function called elections',
    );
    await viewer.get('/cyber/essential-functions');
    expect((await viewer.post('/cyber/essential-functions', { name: 'Parking' })).statusCode).toBe(403);
  });

  it('adds Cyber Essentials readiness as a framework on the same engine, once', async () => {
    const manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    await manager.get('/cyber');
    const res = await manager.post('/cyber/cyber-essentials');
    expect(res.statusCode).toBe(303);
    const id = String(res.headers.location).split('/').pop();
    const api = (await manager.json('GET', `/api/v1/frameworks/${id}`)).json<{ key: string; counts: { outcomes: number }; levels: string[] }>();
    expect(api).toMatchObject({ key: 'cyber-essentials', levels: ['control theme', 'requirement'] });
    expect(api.counts.outcomes).toBe(12);
    await manager.get('/cyber');
    expect((await manager.post('/cyber/cyber-essentials')).body).toContain('is already in Steward');
  });
});
