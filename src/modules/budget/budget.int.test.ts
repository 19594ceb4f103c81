import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { signedInClient, type Client } from '../../../test/support/client.js';
import { aSystem, unique } from '../../../test/support/factories.js';
import { createServiceArea } from '../../platform/index.js';
import { financialYearOf } from './rules.js';

const thisYear = financialYearOf(new Date().toISOString().slice(0, 10));

describe.each(testDatabases())('the budget against actuals, and the cost of each service (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;
  const actor = (id: number) => ({ personId: null, label: 'test', organisationId: id });

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Budget Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
  });
  afterAll(() => t.close());

  const line = (overrides: Record<string, string> = {}) => ({
    financialYear: String(thisYear),
    kind: 'revenue',
    costCentre: 'IT010',
    account: 'S4200',
    category: 'Line-of-business applications',
    name: 'Microsoft licences',
    budget: '£120,000',
    forecast: '',
    savingsPlanned: '',
    savingsAchieved: '',
    ...overrides,
  });

  it('takes the finance system’s transactions against the lines, naming what it cannot place, and refuses an actual in a closed year', async () => {
    await manager.get('/budget');
    expect((await manager.post('/budget/lines', line())).statusCode).toBe(303);
    expect((await manager.post('/budget/lines', line({ financialYear: String(thisYear - 1), budget: '100000' }))).statusCode).toBe(303);
    const last = `01/05/${thisYear}`;
    const csv = [
      'Cost Centre,Subjective,Posting Date,Net Amount,Supplier Name,Document Number',
      `IT010,S4200,${last},"£6,000.00",Softcat plc,INV-1`,
      `IT010,S4200,${last},(500.00),Softcat plc,CRN-1`,
      `FN210,S4200,${last},£99.00,Softcat plc,INV-2`,
      `IT010,S4200,01/05/${thisYear - 1},£1.00,Softcat plc,INV-3`,
    ].join('\n');
    await manager.get(`/budget?year=${thisYear - 1}`);
    expect((await manager.post('/budget/close', { financialYear: String(thisYear - 1) })).statusCode).toBe(303);
    expect((await manager.post('/budget/close', { financialYear: String(thisYear) })).body).toContain('has not ended yet');
    const uploaded = await manager.upload('/imports', { kind: 'budget-actuals' }, { filename: 'ledger.csv', type: 'text/csv', data: Buffer.from(csv) });
    expect(uploaded.statusCode).toBe(303);
    const preview = (await manager.get(String(uploaded.headers.location))).body;
    expect(preview).toContain('no budget line in');
    expect(preview).toContain('FN210');
    expect(preview).toContain('is closed');
    const confirmed = await manager.post(`${String(uploaded.headers.location)}/confirm`, {});
    expect(confirmed.statusCode).toBe(303);
    // The same ledger exported again adds nothing twice.
    const again = await manager.upload('/imports', { kind: 'budget-actuals' }, { filename: 'ledger-again.csv', type: 'text/csv', data: Buffer.from(csv) });
    await manager.get(String(again.headers.location));
    expect((await manager.post(`${String(again.headers.location)}/confirm`, {})).statusCode).toBe(303);
    const lines = (await manager.json('GET', '/api/v1/budget-lines')).json<{ items: { name: string; actual: number; budget: number; outturn: number }[] }>();
    expect(lines.items).toEqual([expect.objectContaining({ name: 'Microsoft licences', budget: 120_000, actual: 5_500 })]);
    const lastYear = (await manager.json('GET', `/api/v1/budget-lines?year=${thisYear - 1}`)).json<{
      closed: boolean;
      items: { id: number; actual: number }[];
    }>();
    expect(lastYear.closed).toBe(true);
    expect(lastYear.items[0]!.actual).toBe(0);
    await manager.get(`/budget/lines/${lastYear.items[0]!.id}`);
    const late = await manager.post(`/budget/lines/${lastYear.items[0]!.id}/actuals`, { postedOn: `${thisYear}-01-10`, amount: '10' });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('is closed');
    const thisLine = lines.items[0] as unknown as { id: number };
    await manager.get(`/budget/lines/${thisLine.id}`);
    const ahead = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    expect((await manager.post(`/budget/lines/${thisLine.id}/actuals`, { postedOn: ahead, amount: '10' })).body).toContain('still to come');
    expect(
      (await manager.post(`/budget/lines/${thisLine.id}/actuals`, { postedOn: new Date().toISOString().slice(0, 10), amount: '(300.00)' })).statusCode,
    ).toBe(303);
    expect((await manager.json('GET', '/api/v1/budget-lines')).json<{ items: { actual: number }[] }>().items[0]!.actual).toBe(5_200);
  });

  it('costs each service from its systems and their contracts, sharing a system by the rule chosen', async () => {
    const db = t.database.db;
    const a = actor(org.id);
    const social = await createServiceArea(db, a, org.id, { name: `Adult social care ${unique()}`, kind: 'service-area', directorateId: null });
    const waste = await createServiceArea(db, a, org.id, { name: `Waste ${unique()}`, kind: 'service-area', directorateId: null });
    const care = await aSystem(t, { id: org.id, actor: a }, { annualCost: 90_000 });
    const email = await aSystem(t, { id: org.id, actor: a }, { annualCost: 30_000 });
    await aSystem(t, { id: org.id, actor: a }, { annualCost: 5_000 });
    await db
      .insertInto('system_service_areas')
      .values([
        { organisation_id: org.id, system_id: care.id, service_area_id: social },
        { organisation_id: org.id, system_id: email.id, service_area_id: social },
        { organisation_id: org.id, system_id: email.id, service_area_id: waste },
      ])
      .execute();
    const equal = (await manager.json('GET', '/api/v1/cost-per-service')).json<{
      items: { id: number; direct: number; shared: number }[];
      unallocated: number;
    }>();
    expect(equal.items.find((s) => s.id === social)).toMatchObject({ direct: 90_000, shared: 15_000 });
    expect(equal.unallocated).toBe(5_000);
    await manager.get('/budget/cost-per-service');
    expect((await manager.post('/budget/headcounts', { serviceArea: String(social), headcount: '300' })).statusCode).toBe(303);
    expect((await manager.post('/budget/headcounts', { serviceArea: String(waste), headcount: '100' })).statusCode).toBe(303);
    expect((await manager.post('/budget/cost-per-service', { rule: 'headcount' })).statusCode).toBe(303);
    const byHeads = (await manager.json('GET', '/api/v1/cost-per-service')).json<{ items: { id: number; shared: number }[] }>();
    expect(byHeads.items.find((s) => s.id === waste)!.shared).toBe(7_500);
    expect((await manager.get('/budget/cost-per-service')).body).toContain('Not allocated: 1 systems');
  });
});
