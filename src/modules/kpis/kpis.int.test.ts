import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { signedInClient, type Client } from '../../../test/support/client.js';
import { aService, aSystem, unique } from '../../../test/support/factories.js';
import { keepMonthlyReadings, thisMonth } from './service.js';

interface Kpi {
  id: number;
  name: string;
  source: string;
  value: number | null;
  status: string;
  userOutcome: boolean;
  history: { period: string; value: number | null }[];
}

describe.each(testDatabases())('KPIs computed from live data (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `KPI Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
  });
  afterAll(() => t.close());

  const kpisOf = async (client = manager) => (await client.json('GET', '/api/v1/kpis')).json<{ items: Kpi[] }>().items;

  it('works out a KPI from the service desk’s rollup and refuses a typed figure for it, and a target in the wrong unit', async () => {
    await manager.get('/kpis/new');
    const wrong = await manager.post('/kpis/new', { measure: 'service-desk.first-contact', name: '', target: '150', tolerance: '5', period: 'month' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('A target in per cent is between 0 and 100');
    expect(wrong.body).toContain('href="#target"');
    const made = await manager.post('/kpis/new', { measure: 'service-desk.first-contact', name: '', target: '70', tolerance: '5', period: 'month' });
    expect(made.statusCode).toBe(303);
    const path = String(made.headers.location);

    // Figures counted over a month are shown for the last whole month.
    const month = new Date(Date.UTC(Number(thisMonth().slice(0, 4)), Number(thisMonth().slice(5)) - 2, 1)).toISOString().slice(0, 7);
    const day = `${month}-01`;
    await t.database.db
      .insertInto('ticket_daily_totals')
      .values([
        { organisation_id: org.id, day, priority: 2, created: 10, resolved: 10, breached: 1, first_contact: 6, resolve_minutes: 600 },
        { organisation_id: org.id, day, priority: 3, created: 10, resolved: 10, breached: 0, first_contact: 8, resolve_minutes: 900 },
      ])
      .execute();
    const [kpi] = await kpisOf();
    expect(kpi).toMatchObject({ name: 'Tickets resolved at first contact', source: 'computed', value: 70, status: 'met', userOutcome: true });
    expect(kpi!.history).toHaveLength(12);
    expect(kpi!.history.at(-2)).toEqual({ period: month, value: 70 });
    expect(kpi!.history.at(-1)).toEqual({ period: thisMonth(), value: null });

    await manager.get(path);
    const typed = await manager.post(`${path}/readings`, { month: thisMonth(), value: '99', note: '' });
    expect(typed.statusCode).toBe(400);
    expect(typed.body).toContain('never typed');
    expect((await kpisOf())[0]!.value).toBe(70);
    expect((await manager.get(path)).body).toContain('70%');
  });

  it('keeps figures entered by hand with their source, and a month’s reading of a measure of how things stand', async () => {
    await manager.get('/kpis/new');
    const noSource = await manager.post('/kpis/new', {
      measure: 'manual',
      name: 'Residents satisfied with the website',
      unit: '%',
      direction: 'up',
      target: '75',
      period: 'month',
    });
    expect(noSource.body).toContain('Say where the figure comes from');
    const made = await manager.post('/kpis/new', {
      measure: 'manual',
      name: 'Residents satisfied with the website',
      unit: '%',
      direction: 'up',
      target: '75',
      tolerance: '5',
      period: 'month',
      source: 'Residents’ survey',
      userOutcome: 'yes',
    });
    const path = String(made.headers.location);
    await manager.get(path);
    const month = thisMonth();
    expect((await manager.post(`${path}/readings`, { month, value: '72', note: 'Sample of 400' })).statusCode).toBe(303);
    expect((await manager.post(`${path}/readings`, { month, value: '120', note: '' })).statusCode).toBe(400);
    await manager.get('/kpis/new');
    await manager.post('/kpis/new', { measure: 'people.vacancy-rate', name: '', target: '8', tolerance: '2', period: 'month' });
    const items = await kpisOf();
    expect(items.find((k) => k.source === 'manual')).toMatchObject({ value: 72, status: 'near', userOutcome: true });
    await keepMonthlyReadings(t.database.db);
    const readings = await t.database.db
      .selectFrom('kpi_readings')
      .where('organisation_id', '=', org.id)
      .where('source', '=', 'computed')
      .select(['month'])
      .execute();
    // An organisation with no people has no vacancy rate to keep; the manual figure is untouched.
    expect(readings).toEqual([]);
    const page = (await manager.get('/kpis')).body;
    expect(page.indexOf('Residents satisfied with the website')).toBeLessThan(page.indexOf('Posts in the IT department that are vacant'));
  });
  it('works out the availability of the services tier-1 systems support from the major incidents on them', async () => {
    const db = t.database.db;
    const actor = { personId: null, label: 'test', organisationId: org.id };
    const service = (await aService(t, { id: org.id, actor })).id;
    const quiet = (await aService(t, { id: org.id, actor })).id;
    const tier1 = await aSystem(t, { id: org.id, actor }, { criticality: 1 });
    await db
      .insertInto('system_services')
      .values([
        { organisation_id: org.id, system_id: tier1.id, service_id: service },
        { organisation_id: org.id, system_id: tier1.id, service_id: quiet },
      ])
      .execute();
    // Last month: one of the two services down for a day (in a 30-day month, 96.7%; the mean of the two, 98.3%).
    const now = new Date();
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).getUTCDate();
    const declared = new Date(first.getTime() + 2 * 86_400_000);
    await db
      .insertInto('major_incidents')
      .values({
        organisation_id: org.id,
        service_id: service,
        title: 'Email down',
        summary: '',
        declared_by: null,
        declared_at: declared.toISOString(),
        closed_at: new Date(declared.getTime() + 86_400_000).toISOString(),
        closing_note: '',
      })
      .execute();
    await manager.get('/kpis/new');
    expect(
      (await manager.post('/kpis/new', { measure: 'estate.tier-1-availability', name: '', target: '99.9', tolerance: '0.4', period: 'month' })).statusCode,
    ).toBe(303);
    const [kpi] = await kpisOf();
    expect(kpi!.value).toBeCloseTo(100 - 50 / days, 1);
    expect(kpi!.status).toBe('missed');
  });
});
