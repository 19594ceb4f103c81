import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../../test/support/app.js';
import { type Client, signedInClient } from '../../../../test/support/client.js';
import { readSpreadsheet, systemActor } from '../../../platform/index.js';
import { sendContractAlerts } from './service.js';
import { createService } from '../../service-desk/index.js';
import { unique } from '../../../../test/support/factories.js';

describe.each(testDatabases())('changing suppliers and contracts, and when owners are alerted (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;
  let contractId: number;
  let supplierId: number;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  // Each test has an organisation with two suppliers and two contracts of its own.
  beforeEach(async () => {
    org = await seedOrganisation(t, `Contracts Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    await manager.get('/estate/suppliers');
    await manager.post('/estate/suppliers', { name: 'Northway Software' });
    await manager.post('/estate/suppliers', { name: '=Evil Ltd' });
    supplierId = (
      await t.database.db
        .selectFrom('suppliers')
        .where('organisation_id', '=', org.id)
        .where('name', '=', 'Northway Software')
        .select('id')
        .executeTakeFirstOrThrow()
    ).id;
    await manager.get('/estate/contracts/new');
    const made = await manager.post('/estate/contracts', {
      reference: 'C-1',
      title: 'Revenues support',
      supplierId: String(supplierId),
      startDate: '2024-04-01',
      endDate: '2027-03-31',
      noticeMonths: '6',
      extensionMonths: '12',
      procurementRoute: 'framework',
      ownerEmail: org.people.manager.email,
    });
    contractId = Number(String(made.headers.location).split('/').pop());
    await manager.post('/estate/contracts', {
      reference: 'C-2',
      title: 'Telephony',
      supplierId: String(supplierId),
      startDate: '2024-04-01',
      endDate: '2028-03-31',
      noticeMonths: '3',
      procurementRoute: 'open',
      ownerEmail: '',
    });
  });
  afterAll(() => t.close());

  /** C-1's year of extension taken: it now ends on 31 March 2028, with nothing more to extend. */
  const extendRevenuesSupport = () =>
    manager.post(`/estate/contracts/${contractId}`, {
      reference: 'C-1',
      title: 'Revenues support',
      supplierId: String(supplierId),
      startDate: '2024-04-01',
      endDate: '2028-03-31',
      noticeMonths: '6',
      extensionMonths: '0',
      procurementRoute: 'framework',
      ownerEmail: org.people.manager.email,
    });

  it('takes an extension by changing the end date, which moves the notice deadline; a clash changes nothing', async () => {
    const form = await manager.get(`/estate/contracts/${contractId}/edit`);
    expect(form.body).toContain('value="Revenues support"');
    expect(form.body).toContain(`value="${org.people.manager.email}"`);
    const clash = await manager.post(`/estate/contracts/${contractId}`, {
      reference: 'C-2',
      title: 'Revenues support',
      supplierId: String(supplierId),
      startDate: '2024-04-01',
      endDate: '2028-03-31',
      noticeMonths: '6',
      procurementRoute: 'framework',
      ownerEmail: 'nobody@elsewhere.example',
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('There is no one with that email address');
    const again = await manager.post(`/estate/contracts/${contractId}`, {
      reference: 'C-2',
      title: 'Revenues support',
      supplierId: String(supplierId),
      startDate: '2024-04-01',
      endDate: '2028-03-31',
      noticeMonths: '6',
      procurementRoute: 'framework',
    });
    expect(again.body).toContain('There is already a contract C-2');
    expect(
      (await t.database.db.selectFrom('contracts').where('id', '=', contractId).select(['end_date', 'notice_deadline']).executeTakeFirstOrThrow()).end_date,
    ).toBe('2027-03-31');
    const ok = await extendRevenuesSupport();
    expect(ok.statusCode).toBe(303);
    expect(
      await t.database.db
        .selectFrom('contracts')
        .where('id', '=', contractId)
        .select(['end_date', 'notice_deadline', 'extension_months'])
        .executeTakeFirstOrThrow(),
    ).toEqual({ end_date: '2028-03-31', notice_deadline: '2027-09-30', extension_months: 0 });
    const audit = await t.database.db
      .selectFrom('audit_events')
      .where('organisation_id', '=', org.id)
      .where('entity_type', '=', 'contract')
      .where('action', '=', 'update')
      .select('summary')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual(['Updated contract C-1']);
  });

  it('changes a supplier, refusing a name another supplier has', async () => {
    const page = await manager.get(`/estate/suppliers/${supplierId}`);
    expect(page.body).toContain('Revenues support');
    const clash = await manager.post(`/estate/suppliers/${supplierId}`, { name: '=evil ltd' });
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('There is already a supplier called =evil ltd');
    expect((await manager.post(`/estate/suppliers/${supplierId}`, { name: 'Northway Software Ltd', companyNumber: '01234567' })).statusCode).toBe(303);
    expect((await manager.get('/estate/suppliers')).body).toContain('Northway Software Ltd');
  });

  it('alerts owners at the organisation’s own lead times, refusing lead times that make no sense', async () => {
    await manager.get('/estate/contracts/alerts');
    const bad = await manager.post('/estate/contracts/alerts', { leadMonths: '12, soon, 99' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter lead times as whole months from 1 to 36');
    expect((await manager.post('/estate/contracts/alerts', { leadMonths: '18 and 2 months' })).statusCode).toBe(303);
    expect((await manager.get('/estate/contracts')).body).toContain('emailed 18, 2 months before it');
    await manager.get(`/estate/contracts/${contractId}/edit`);
    const extended = await extendRevenuesSupport();
    expect(extended.statusCode).toBe(303);
    // Other tests' organisations have contracts too: count this one's alerts.
    const alerts = async () =>
      (await t.database.db.selectFrom('outbox').where('organisation_id', '=', org.id).where('kind', '=', 'contract-notice').select('id').execute()).length;
    // C-1's deadline is now 2027-09-30: 18 months before is 2026-03-30; the default 12 would not have fired yet.
    await sendContractAlerts(t.database.db, new Date('2026-04-01T09:00:00Z'));
    expect(await alerts()).toBe(1);
    await sendContractAlerts(t.database.db, new Date('2026-04-02T09:00:00Z'));
    expect(await alerts()).toBe(1);
    expect((await manager.get('/')).body).toContain('Contracts needing a decision in the next 18 months');
    const agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    expect((await agent.get('/estate/contracts/alerts')).statusCode).toBe(403);
  });

  it('exports contracts and suppliers as CSV and XLSX, formula cells neutralised', async () => {
    const csv = await manager.get('/estate/suppliers.csv');
    expect(csv.body).toContain("'=Evil Ltd");
    const xlsx = await manager.get('/estate/contracts.xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const rows = await readSpreadsheet('contracts.xlsx', xlsx.rawPayload);
    expect(rows[0]!.slice(0, 3)).toEqual(['Reference', 'Title', 'Supplier']);
    // 2027-03-31 less six months' notice.
    expect(rows.find((r) => r[0] === 'C-1')).toContain('2026-09-30');
  });

  it('changes a contract through the API, keeping the owner unless told', async () => {
    const res = await manager.json('PUT', `/api/v1/contracts/${contractId}`, {
      reference: 'C-1',
      title: 'Revenues and benefits support',
      supplierId,
      startDate: '2024-04-01',
      endDate: '2029-03-31',
      noticeMonths: 12,
      procurementRoute: 'framework',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Revenues and benefits support', noticeDeadline: '2028-03-31' });
    expect((await t.database.db.selectFrom('contracts').where('id', '=', contractId).select('owner_id').executeTakeFirstOrThrow()).owner_id).toBe(
      org.people.manager.id,
    );
    const bad = await manager.json('PUT', `/api/v1/contracts/${contractId}`, {
      reference: 'C-1',
      title: 'x',
      supplierId,
      startDate: '2024-04-01',
      endDate: '2020-03-31',
      noticeMonths: 12,
      procurementRoute: 'framework',
    });
    expect(bad.statusCode).toBe(400);
    expect((await manager.json('PUT', `/api/v1/suppliers/${supplierId}`, { name: 'Northway' })).statusCode).toBe(204);
  });

  it('records the council services a contract covers, refusing services not in the catalogue', async () => {
    const serviceId = await createService(t.database.db, systemActor('test', org.id), org.id, {
      name: 'Revenues and benefits',
      description: 'Council tax and benefits',
      hours: 'Office hours',
      visibleToStaff: true,
    });
    const base = {
      reference: 'C-9',
      title: 'Benefits support',
      supplierId,
      startDate: '2025-04-01',
      endDate: '2028-03-31',
      noticeMonths: 6,
      procurementRoute: 'framework',
    };
    const bad = await manager.json('POST', '/api/v1/contracts', { ...base, serviceIds: [999999] });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json())).toContain('Choose services from your catalogue');
    const made = await manager.json('POST', '/api/v1/contracts', { ...base, serviceIds: [serviceId] });
    expect(made.json()).toMatchObject({ serviceIds: [serviceId] });
    const id = (made.json() as { id: number }).id;
    expect((await manager.get(`/estate/contracts/${id}`)).body).toMatch(/Council services it covers<\/h2>\s*<ul class="govuk-list"><li>Revenues and benefits/);
    await manager.get(`/estate/contracts/${id}/edit`);
    await manager.post(`/estate/contracts/${id}`, { ...base, supplierId: String(supplierId), noticeMonths: '6', ownerEmail: '' });
    expect((await manager.json('GET', `/api/v1/contracts/${id}`)).json()).toMatchObject({ serviceIds: [] });
  });
});
