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

  it('keeps the Cyber Essentials scope with what it runs on, and counts critical and high findings open past 14 days', async () => {
    await estate();
    const db = t.database.db;
    const sqlCluster = await db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .where('identifier', '=', 'DB-1')
      .select('id')
      .executeTakeFirstOrThrow();
    const v = await db
      .insertInto('vulnerabilities')
      .values({
        organisation_id: org.id,
        key: 'ref:1',
        reference: '1',
        title: 'SQL Server out of date',
        cves: '',
        severity: 'high',
        cvss: 8.1,
        synopsis: '',
        solution: '',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    for (const [host, seen] of [
      ['10.0.0.1', 30],
      ['10.0.0.2', 3],
    ] as const)
      await db
        .insertInto('vulnerability_findings')
        .values({
          organisation_id: org.id,
          vulnerability_id: Number(v.id),
          system_id: Number(sqlCluster.id),
          host,
          host_name: '',
          port: '1433/tcp',
          severity: 'high',
          first_seen: day(seen),
          last_seen: day(1),
          due_on: day(seen - 14),
          status: 'open',
          reopened: 0,
          closed_on: null,
          accepted_until: null,
          last_scan_id: null,
        })
        .execute();
    const manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    await manager.get('/cyber/cyber-essentials');
    const bad = await manager.post('/cyber/cyber-essentials/scope', { systems: 'Revenues and benefits\nPayroll cloud' });
    expect(bad.body).toContain('Payroll cloud: not in the systems register');
    expect((await agent.post('/cyber/cyber-essentials/scope', { systems: 'APP-1' })).statusCode).toBe(403);
    expect((await manager.post('/cyber/cyber-essentials/scope', { systems: 'APP-1' })).statusCode).toBe(303);
    const page = await manager.get('/cyber/cyber-essentials');
    expect(page.body).toContain('3 systems: the 1 named and the 2 they run on');
    expect(page.body).toContain('1 critical or high finding has been open longer than the 14 days Cyber Essentials allows');
    expect(page.body).toContain('Storage area network');
  });
});
