import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { type Client, signedInClient } from '../../../test/support/client.js';
import { createServiceArea, systemActor } from '../../platform/index.js';
import { addDataFlow, addRelationship, createSystem, nothingKnown, setServiceAreasOf } from './service.js';
import { sendContractAlerts } from './contracts/service.js';
import { createTeam } from '../teams/index.js';
import { unique } from '../../../test/support/factories.js';

const blank = nothingKnown;

describe.each(testDatabases())('the tech estate (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let agent: Client;
  const count = async (table: 'systems' | 'system_relationships') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .where('organisation_id', '=', org.id)
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  // Each test has an organisation of its own, so the tests pass in any order.
  beforeEach(async () => {
    org = await seedOrganisation(t, `Estate Council ${unique()}`);
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
  });
  afterAll(() => t.close());

  it('adds a system through the form, naming every bad field and writing nothing until it is right', async () => {
    await agent.get('/estate/systems/new');
    const bad = await agent.post('/estate/systems', {
      identifier: '',
      name: 'Revenues',
      kind: 'spaceship',
      annualCost: '-5',
      endOfSupport: '31/03/2026',
      users: 'lots',
    });
    expect(bad.statusCode).toBe(400);
    for (const message of [
      'Enter the system’s identifier',
      'Choose what kind of system it is',
      'The annual cost cannot be negative',
      'Enter the end of support as YYYY-MM-DD',
      'Enter the number of users as a number',
    ]) {
      expect(bad.body).toContain(message);
    }
    expect(await count('systems')).toBe(0);
    const ok = await agent.post('/estate/systems', {
      identifier: 'APP-001',
      name: 'Revenues and benefits',
      kind: 'application',
      layer: 'line-of-business',
      area: 'mission-it',
      hosting: 'on-premises',
      annualCost: '310000',
      endOfSupport: '2027-03-31',
      lifecycle: 'migrate',
      criticality: '1',
      users: '180',
      recoveryPlan: 'no',
    });
    expect(ok.statusCode).toBe(303);
    const page = await agent.get(String(ok.headers.location));
    expect(page.body).toContain('Revenues and benefits');
    expect(page.body).toContain('£310,000');
    await agent.get('/estate/systems/new');
    const noOwner = await agent.post('/estate/systems', {
      identifier: 'APP-009',
      name: 'Owned',
      kind: 'application',
      businessOwnerEmail: 'nobody@nowhere.example',
    });
    expect(noOwner.statusCode).toBe(400);
    expect(noOwner.body).toContain('There is no one with that email address in this organisation');
    const owned = await agent.post('/estate/systems', {
      identifier: 'APP-009',
      name: 'Owned',
      kind: 'application',
      businessOwnerEmail: org.people.manager.email,
      serviceManagerEmail: org.people.agent.email,
    });
    expect(owned.statusCode).toBe(303);
    const ownedPage = await agent.get(String(owned.headers.location));
    expect(ownedPage.body).toContain(`manager of ${org.name}`);
    expect(ownedPage.body).toContain(`agent of ${org.name}`);
    await agent.get('/estate/systems/new');
    const dup = await agent.post('/estate/systems', { identifier: 'APP-001', name: 'Other', kind: 'application' });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('There is already a system with the identifier APP-001');
  });

  it('records the resolver team, refusing a team that is not the organisation’s, and imports it by name', async () => {
    const teamId = await createTeam(t.database.db, systemActor('test', org.id), org.id, 'Applications', 'Line-of-business systems');
    const other = await seedOrganisation(t, `Other Council ${unique()}`);
    const foreign = await createTeam(t.database.db, systemActor('test', other.id), other.id, 'Their team', '');
    await agent.get('/estate/systems/new');
    const bad = await agent.post('/estate/systems', { identifier: 'TEAM-1', name: 'Payroll', kind: 'application', teamId: String(foreign) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose one of the teams');
    const ok = await agent.post('/estate/systems', { identifier: 'TEAM-1', name: 'Payroll', kind: 'application', teamId: String(teamId) });
    expect((await agent.get(String(ok.headers.location))).body).toMatch(/Resolver team[\s\S]*?Applications/);
    await agent.get('/imports');
    const up = await agent.upload(
      '/imports',
      { kind: 'systems' },
      { filename: 't.csv', type: 'text/csv', data: Buffer.from('Ref,Name,Support team\r\nTEAM-2,Pensions,applications\r\nTEAM-3,Libraries,Nobody\r\n') },
    );
    const path = String(up.headers.location);
    expect((await agent.get(path)).body).toContain('Resolver team: no team called Nobody');
    await agent.post(`${path}/confirm`);
    const imported = await t.database.db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .where('identifier', '=', 'TEAM-2')
      .select('team_id')
      .executeTakeFirstOrThrow();
    expect(imported.team_id).toBe(teamId);
  });

  it('follows a failure along depends on, runs on and hosted by, through cycles, with integrations one step and apart', async () => {
    const a = systemActor('test', org.id);
    const make = (identifier: string, name: string, users: number) =>
      createSystem(t.database.db, a, org.id, { ...blank, identifier, name, kind: 'application', users });
    const san = await make('INF-1', 'Storage', 0);
    const vm = await make('INF-2', 'Cluster', 0);
    const db = await make('DB-1', 'Database server', 10);
    const app = await make('APP-2', 'Case management', 400);
    const crm = await make('APP-3', 'CRM', 250);
    const portal = await make('APP-4', 'Resident portal', 9000);
    await addRelationship(t.database.db, a, org.id, { fromSystemId: vm, toSystemId: san, kind: 'depends-on' });
    await addRelationship(t.database.db, a, org.id, { fromSystemId: vm, toSystemId: db, kind: 'hosts' });
    await addRelationship(t.database.db, a, org.id, { fromSystemId: app, toSystemId: db, kind: 'depends-on' });
    await addRelationship(t.database.db, a, org.id, { fromSystemId: app, toSystemId: crm, kind: 'integrates-with' });
    // Integrations go one step: the portal integrating with the CRM is not reached from storage.
    await addRelationship(t.database.db, a, org.id, { fromSystemId: portal, toSystemId: crm, kind: 'integrates-with' });
    // A cycle: storage depends on the case management system's identity data, which depends on storage.
    await addRelationship(t.database.db, a, org.id, { fromSystemId: san, toSystemId: app, kind: 'depends-on' });
    const res = await agent.json('GET', `/api/v1/systems/${san}/impact`);
    expect(res.statusCode).toBe(200);
    const impact = res.json() as {
      counts: { fails: number; mayBeDegraded: number };
      fails: { items: { name: string; chain: { name: string; step: string | null }[] }[]; next: string | null };
      mayBeDegraded: { name: string }[];
      cycle: { name: string }[] | null;
      users: number;
    };
    expect(impact.fails.items.map((d) => d.name).sort()).toEqual(['Case management', 'Cluster', 'Database server']);
    expect(impact.counts).toMatchObject({ fails: 3, mayBeDegraded: 1 });
    expect(impact.mayBeDegraded.map((d) => d.name)).toEqual(['CRM']);
    expect(impact.users).toBe(400);
    expect(impact.fails.items.find((d) => d.name === 'Case management')!.chain).toEqual([
      { id: san, name: 'Storage', step: null },
      { id: vm, name: 'Cluster', step: 'depends-on' },
      { id: db, name: 'Database server', step: 'hosted-by' },
      { id: app, name: 'Case management', step: 'depends-on' },
    ]);
    expect(impact.cycle!.map((c) => c.name)).toEqual(['Storage', 'Cluster', 'Database server', 'Case management', 'Storage']);
    // A leaf reaches nothing: its impact is not the whole estate's.
    const leaf = (await agent.json('GET', `/api/v1/systems/${portal}/impact`)).json() as { counts: { fails: number; mayBeDegraded: number } };
    expect(leaf.counts).toMatchObject({ fails: 0, mayBeDegraded: 1 });
    const page = await agent.get(`/estate/systems/${san}`);
    expect(page.body).toContain('3 systems fail</strong> with it');
    expect(page.body).toContain('Case management depends on Database server, which is hosted by Cluster, which depends on Storage');
    const full = await agent.get(`/estate/systems/${san}/impact`);
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain('It depends on itself through others: Storage → Cluster → Database server → Case management → Storage');
    expect(full.body).toContain('May be degraded');
    const csv = await agent.get(`/estate/systems/${san}/impact.csv`);
    expect(csv.body.trim().split(/\r?\n/)).toHaveLength(5);
    expect(csv.body).toContain('May be degraded');
    // A new relationship is seen at once: the cached graph knows it is stale.
    await addRelationship(t.database.db, a, org.id, { fromSystemId: portal, toSystemId: vm, kind: 'runs-on' });
    const after = (await agent.json('GET', `/api/v1/systems/${san}/impact`)).json() as { counts: { fails: number } };
    expect(after.counts.fails).toBe(4);
  });

  it('tells "not recorded" from "none", opens insights with a summary, and lists what the register contradicts', async () => {
    const a = systemActor('test', org.id);
    const make = (identifier: string, name: string, fields: Partial<typeof blank>) =>
      createSystem(t.database.db, a, org.id, { ...blank, identifier, name, kind: 'server', hosting: 'on-premises', ...fields });
    const one = await make('SRV-1', 'Payroll server', {
      product: 'Windows Server',
      version: '2016',
      endOfSupport: '2027-01-12',
      recoveryPlan: false,
      criticality: 1,
    });
    await make('SRV-2', 'Planning server', { product: 'Windows Server', version: '2016', endOfSupport: '2026-10-01' });
    await make('SRV-3', 'Print server', { product: 'Print server software' });
    const api = (await agent.json('GET', `/api/v1/systems/${one}`)).json<{ recoveryPlan: boolean | null }>();
    expect(api.recoveryPlan).toBe(false);
    const unknown = await t.database.db
      .selectFrom('systems')
      .where('organisation_id', '=', org.id)
      .where('identifier', '=', 'SRV-2')
      .select('recovery_plan')
      .executeTakeFirstOrThrow();
    expect(unknown.recovery_plan).toBeNull();
    const insights = await agent.get('/estate/insights');
    expect(insights.body).toContain('In summary');
    expect(insights.body).toContain('and 2 where nobody has recorded whether there is one');
    expect(insights.body).toContain('Write and test a recovery plan for Payroll server');
    const quality = await agent.get('/estate/data-quality');
    expect(quality.statusCode).toBe(200);
    expect(quality.body).toContain('Same product and version, different end of support (1)');
    expect(quality.body).toContain('Products with no version (1)');
    expect(quality.body).toContain('Systems with no owner (3)');
    expect((await agent.get(`/estate/systems/${one}`)).body).toMatch(/Recovery plan\s*<\/dt>\s*<dd[^>]*>\s*No/);
  });

  it('changes many systems at once from the register, one audit record each, and refuses a bad choice changing nothing', async () => {
    const a = systemActor('test', org.id);
    const ids = [];
    for (const name of ['Allotments', 'Bulky waste', 'Cemeteries'])
      ids.push(
        await createSystem(t.database.db, a, org.id, {
          ...blank,
          identifier: name.toUpperCase(),
          name,
          kind: 'application',
          layer: name === 'Cemeteries' ? 'line-of-business' : null,
        }),
      );
    const register = await agent.get('/estate');
    expect(register.body).toContain('Change the selected systems together');
    const bad = await agent.post('/estate/systems/bulk', { systemIds: ids.map(String), layer: 'spaceship' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose a layer from the list');
    expect((await agent.post('/estate/systems/bulk', { layer: 'line-of-business' })).body).toContain('Select at least one system');
    await agent.get('/estate');
    const ok = await agent.post('/estate/systems/bulk', {
      systemIds: ids.map(String),
      layer: 'line-of-business',
      area: 'mission-it',
      businessOwnerEmail: org.people.manager.email,
      returnTo: '/estate?layer=line-of-business',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/estate?layer=line-of-business');
    const rows = await t.database.db.selectFrom('systems').where('organisation_id', '=', org.id).select(['layer', 'area', 'business_owner_id']).execute();
    expect(rows.every((r) => r.layer === 'line-of-business' && r.area === 'mission-it' && Number(r.business_owner_id) === org.people.manager.id)).toBe(true);
    const audits = await t.database.db
      .selectFrom('audit_events')
      .where('organisation_id', '=', org.id)
      .where('summary', 'like', 'Changed with others from the register:%')
      .select('entity_id')
      .execute();
    expect(audits).toHaveLength(3);
  });

  it('cuts the estate map by the service area that uses the systems', async () => {
    const a = systemActor('test', org.id);
    const areaId = await createServiceArea(t.database.db, a, org.id, { name: 'Libraries', kind: 'service-area', directorateId: null });
    const used = await createSystem(t.database.db, a, org.id, {
      ...blank,
      identifier: 'LIB-1',
      name: 'Library management',
      kind: 'application',
      layer: 'line-of-business',
      area: 'mission-it',
    });
    await createSystem(t.database.db, a, org.id, {
      ...blank,
      identifier: 'NET-9',
      name: 'Core switch',
      kind: 'network',
      layer: 'infrastructure',
      area: 'infrastructure',
    });
    await setServiceAreasOf(t.database.db, a, org.id, used, [areaId]);
    const whole = await agent.get('/estate/map');
    expect(whole.body).toContain('Cut by the service area that uses them');
    const cut = await agent.get(`/estate/map?serviceArea=${areaId}`);
    expect(cut.statusCode).toBe(200);
    expect(cut.body).toContain('Estate map: systems Libraries uses');
    expect((await agent.get('/estate/map?serviceArea=99999999')).statusCode).toBe(400);
    const register = await agent.get(`/estate?serviceArea=${areaId}`);
    expect(register.body).toContain('Library management');
    expect(register.body).not.toContain('Core switch');
    const api = (await agent.json('GET', `/api/v1/systems?serviceArea=${areaId}`)).json<{ items: { name: string }[] }>();
    expect(api.items.map((s) => s.name)).toEqual(['Library management']);
  });

  it('pages the systems a failure reaches, most critical first', async () => {
    const a = systemActor('test', org.id);
    const core = await createSystem(t.database.db, a, org.id, { ...blank, identifier: 'NET-1', name: 'Core network', kind: 'network' });
    for (let i = 1; i <= 7; i++) {
      const id = await createSystem(t.database.db, a, org.id, {
        ...blank,
        identifier: `LEAF-${i}`,
        name: `Leaf ${i}`,
        kind: 'application',
        criticality: 1 + (i % 4),
      });
      await addRelationship(t.database.db, a, org.id, { fromSystemId: id, toSystemId: core, kind: 'runs-on' });
    }
    const first = (await agent.json('GET', `/api/v1/systems/${core}/impact?limit=3`)).json() as {
      fails: { items: { name: string; criticality: number }[]; next: string };
    };
    expect(first.fails.items.map((s) => s.name)).toEqual(['Leaf 4', 'Leaf 1', 'Leaf 5']);
    const second = (await agent.json('GET', `/api/v1/systems/${core}/impact?limit=3&after=${first.fails.next}`)).json() as {
      fails: { items: { name: string }[]; next: string | null };
    };
    expect(second.fails.items.map((s) => s.name)).toEqual(['Leaf 2', 'Leaf 6', 'Leaf 3']);
    expect((await agent.json('GET', `/api/v1/systems/${core}/impact?after=nonsense`)).statusCode).toBe(400);
  });

  it('refuses a relationship to a system that does not exist, or to itself, naming the field', async () => {
    const some = await createSystem(t.database.db, systemActor('test', org.id), org.id, {
      ...blank,
      identifier: 'REL-1',
      name: 'Planning portal',
      kind: 'application',
    });
    const before = await count('system_relationships');
    const missing = await agent.json('POST', '/api/v1/relationships', { fromSystemId: some, toSystemId: 999999, kind: 'depends-on' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json()).toMatchObject({ errors: [{ field: 'toSystemId' }] });
    const self = await agent.json('POST', '/api/v1/relationships', { fromSystemId: some, toSystemId: some, kind: 'depends-on' });
    expect(self.statusCode).toBe(422);
    const badKind = await agent.json('POST', '/api/v1/relationships', { fromSystemId: some, toSystemId: some, kind: 'loves' });
    expect(badKind.statusCode).toBe(400);
    expect(await count('system_relationships')).toBe(before);
  });

  it('filters and pages the register, and keeps another organisation’s systems out of sight', async () => {
    const a = systemActor('test', org.id);
    for (const [identifier, name, hosting] of [
      ['APP-001', 'Revenues and benefits', 'on-premises'],
      ['APP-003', 'CRM', 'saas'],
      ['APP-004', 'Libraries', 'saas'],
    ] as const) {
      await createSystem(t.database.db, a, org.id, { ...blank, identifier, name, kind: 'application', hosting });
    }
    const onPrem = await agent.get('/estate?hosting=on-premises');
    expect(onPrem.body).toContain('Revenues and benefits');
    expect(onPrem.body).not.toContain('>CRM<');
    const api = await agent.json('GET', '/api/v1/systems?limit=2&sort=name');
    const first = api.json() as { items: { name: string }[]; next: string };
    expect(first.items).toHaveLength(2);
    const second = (await agent.json('GET', `/api/v1/systems?limit=2&sort=name&after=${first.next}`)).json() as { items: { name: string }[] };
    expect(second.items[0]!.name > first.items[1]!.name).toBe(true);
    const other = await seedOrganisation(t, `Other Estate Council ${unique()}`);
    const outsider = await signedInClient(t.app, other.people.agent.email, testPassword);
    const id = (await t.database.db.selectFrom('systems').where('organisation_id', '=', org.id).select('id').executeTakeFirstOrThrow()).id;
    expect((await outsider.get(`/estate/systems/${id}`)).statusCode).toBe(404);
    expect((await outsider.json('GET', `/api/v1/systems/${id}/impact`)).statusCode).toBe(404);
    expect(((await outsider.json('GET', '/api/v1/systems')).json() as { items: unknown[] }).items).toEqual([]);
    expect((await signedInClient(t.app, org.people.requester.email, testPassword).then((c) => c.get('/estate'))).statusCode).toBe(403);
  });

  it('records suppliers and contracts, computes the notice deadline and alerts the owner once per lead time', async () => {
    const manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    await manager.get('/estate/suppliers');
    expect((await manager.post('/estate/suppliers', { name: 'Northway Software', companyNumber: '01234567' })).statusCode).toBe(303);
    const supplierId = (await t.database.db.selectFrom('suppliers').where('organisation_id', '=', org.id).select('id').executeTakeFirstOrThrow()).id;
    await manager.get('/estate/contracts/new');
    const bad = await manager.post('/estate/contracts', {
      reference: 'C-1',
      title: 'Revenues support',
      supplierId: String(supplierId),
      annualValue: '-10',
      startDate: '2027-04-01',
      endDate: '2026-03-31',
      noticeMonths: '6',
      procurementRoute: 'framework',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The annual value cannot be negative');
    expect(bad.body).toContain('The end date must be on or after the start date');
    expect(await t.database.db.selectFrom('contracts').where('organisation_id', '=', org.id).select('id').execute()).toEqual([]);
    const ok = await manager.post('/estate/contracts', {
      reference: 'C-1',
      title: 'Revenues support',
      supplierId: String(supplierId),
      annualValue: '£12,500'.replace(/[£,]/g, ''),
      startDate: '2024-04-01',
      endDate: '2027-03-31',
      noticeMonths: '6',
      procurementRoute: 'framework',
      framework: 'G-Cloud 14',
    });
    expect(ok.statusCode).toBe(303);
    const contract = await t.database.db.selectFrom('contracts').where('organisation_id', '=', org.id).selectAll().executeTakeFirstOrThrow();
    expect(contract.notice_deadline).toBe('2026-09-30');
    expect((await manager.get(String(ok.headers.location))).body).toContain('30 September 2026');
    const alerts = () =>
      t.database.db.selectFrom('outbox').where('organisation_id', '=', org.id).where('kind', '=', 'contract-notice').select(['to_email']).execute();
    await sendContractAlerts(t.database.db, new Date('2026-04-15T09:00:00Z'));
    expect(await alerts()).toHaveLength(2);
    await sendContractAlerts(t.database.db, new Date('2026-04-16T09:00:00Z'));
    const mails = await alerts();
    expect(mails.map((m) => m.to_email)).toEqual([org.people.manager.email, org.people.manager.email]);
    expect((await agent.get('/estate/contracts/new')).statusCode).toBe(403);
  });

  it('shows insights and exports the register as CSV with formula cells neutralised', async () => {
    const a = systemActor('test', org.id);
    await createSystem(t.database.db, a, org.id, {
      ...blank,
      identifier: 'OLD-1',
      name: '=cmd|calc',
      kind: 'server',
      hosting: 'on-premises',
      endOfSupport: '2023-10-10',
      annualCost: 5000,
      product: 'Windows Server',
      version: '2012 R2',
    });
    const page = await agent.get('/estate/insights');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Past end of support \(\d+\)/);
    expect(page.body).toMatch(/Windows Server 2012 R2<\/td><td class="govuk-table__cell govuk-table__cell--numeric">1</);
    expect(page.body).toContain('Contract notice deadlines per month');
    expect(page.body).toContain('=cmd|calc');
    const csv = await agent.get('/estate/systems.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toMatch(/^Identifier,Name,Kind/);
    expect(csv.body).toContain("'=cmd|calc");
  });

  it('offers suppliers and contracts through the API, with the same rules', async () => {
    const manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    const supplier = await manager.json('POST', '/api/v1/suppliers', { name: 'Callstream', companyNumber: '07654321' });
    expect(supplier.statusCode).toBe(201);
    const supplierId = (supplier.json() as { id: number }).id;
    const bad = await manager.json('POST', '/api/v1/contracts', {
      reference: 'API-1',
      title: 'Telephony',
      supplierId,
      startDate: '2027-01-01',
      endDate: '2026-01-01',
      noticeMonths: 3,
      procurementRoute: 'framework',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('The end date must be on or after the start date');
    const made = await manager.json('POST', '/api/v1/contracts', {
      reference: 'API-1',
      title: 'Telephony',
      supplierId,
      annualValue: 98000,
      startDate: '2025-01-01',
      endDate: '2027-12-31',
      noticeMonths: 3,
      procurementRoute: 'framework',
      framework: 'Network Services 3',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ noticeDeadline: '2027-09-30', supplierName: 'Callstream' });
    const list = await agent.json('GET', '/api/v1/contracts?deadlineBefore=2027-12-31');
    expect((list.json() as { items: { reference: string }[] }).items.map((c) => c.reference)).toContain('API-1');
    expect((await agent.json('POST', '/api/v1/suppliers', { name: 'Nope' })).statusCode).toBe(403);
  });

  it('reads a system, its relationships and data flows through the API', async () => {
    const a = systemActor('test', org.id);
    const from = await createSystem(t.database.db, a, org.id, {
      ...blank,
      identifier: 'API-A',
      name: 'Housing',
      kind: 'application',
      vendor: 'Hearth',
      recoveryPlan: true,
    });
    const to = await createSystem(t.database.db, a, org.id, { ...blank, identifier: 'API-B', name: 'Housing DB', kind: 'data-store' });
    await addRelationship(t.database.db, a, org.id, { fromSystemId: from, toSystemId: to, kind: 'depends-on' });
    const detail = await agent.json('GET', `/api/v1/systems/${from}`);
    expect(detail.json()).toMatchObject({ identifier: 'API-A', vendor: 'Hearth', recoveryPlan: true, businessOwner: null, resolverTeam: null });
    const rels = await agent.json('GET', `/api/v1/relationships?systemId=${to}`);
    expect(rels.json()).toEqual({
      items: [expect.objectContaining({ fromSystemId: from, fromName: 'Housing', kind: 'depends-on', toSystemId: to, toName: 'Housing DB' })],
    });
    expect((await agent.json('GET', '/api/v1/data-flows?systemId=999999')).statusCode).toBe(422);
    await addDataFlow(t.database.db, a, org.id, {
      fromSystemId: from,
      toSystemId: to,
      data: 'Tenancies',
      personal: 'personal',
      method: 'manual-rekeying',
      frequency: 'daily',
    });
    const graph = (await agent.json('GET', `/api/v1/systems/${from}/graph?hops=1`)).json() as {
      nodes: { id: number }[];
      edges: unknown[];
      flows: { data: string; method: string }[];
    };
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([from, to].sort());
    expect(graph.edges).toHaveLength(1);
    expect(graph.flows).toEqual([expect.objectContaining({ data: 'Tenancies', method: 'manual-rekeying' })]);
    const flows = (await agent.json('GET', `/api/v1/data-flows?systemId=${to}`)).json() as { items: { fromName: string }[] };
    expect(flows.items.map((f) => f.fromName)).toEqual(['Housing']);
  });
});
