import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../../test/support/app.js';
import { type Client, multipartBody, signedInClient } from '../../../../test/support/client.js';
import { systemActor } from '../../../platform/index.js';
import { createService, createTicket } from '../../service-desk/index.js';
import { addRelationship, createSystem, nothingKnown } from '../service.js';
import { createCapability } from './service.js';
import { unique } from '../../../../test/support/factories.js';

const blank = nothingKnown;

describe.each(testDatabases())('capabilities, what systems support, and impact on incidents (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let agent: Client;
  let ids: Record<string, number>;
  let serviceId: number;
  let otherServiceId: number;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  // Each test has an organisation of its own with the same small estate, so the tests pass in any order.
  beforeEach(async () => {
    ids = {};
    org = await seedOrganisation(t, `Capability Council ${unique()}`);
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    const a = systemActor('test', org.id);
    const db = t.database.db;
    for (const [key, name, users] of [
      ['crm', 'Customer CRM', 900],
      ['portal', 'Resident portal', 40000],
      ['sql', 'SQL cluster', null],
      ['dms1', 'Document store A', 300],
      ['dms2', 'Document store B', 200],
    ] as const) {
      ids[key] = await createSystem(db, a, org.id, {
        ...blank,
        identifier: key.toUpperCase(),
        name,
        kind: key === 'sql' ? 'server' : 'application',
        users,
        annualCost: 1000,
      });
    }
    await addRelationship(db, a, org.id, { fromSystemId: ids.crm!, toSystemId: ids.sql!, kind: 'depends-on' });
    await addRelationship(db, a, org.id, { fromSystemId: ids.portal!, toSystemId: ids.sql!, kind: 'depends-on' });
    serviceId = await createService(db, a, org.id, { name: 'Customer contact', description: 'Phones and CRM', hours: 'Office hours', visibleToStaff: true });
    otherServiceId = await createService(db, a, org.id, { name: 'Online forms', description: 'The resident portal', hours: 'Always', visibleToStaff: true });
  });
  afterAll(() => t.close());

  it('records capabilities and what a system supports, refusing what is not the organisation’s', async () => {
    await agent.get('/estate/capabilities');
    expect((await agent.post('/estate/capabilities', { name: '' })).body).toContain('Enter the capability');
    expect((await agent.post('/estate/capabilities', { name: 'Document management' })).statusCode).toBe(303);
    expect((await agent.post('/estate/capabilities', { name: 'document management' })).body).toContain('There is already a capability');
    const capability = await t.database.db.selectFrom('capabilities').where('organisation_id', '=', org.id).select('id').executeTakeFirstOrThrow();
    await agent.get(`/estate/systems/${ids.dms1}/supports`);
    expect((await agent.post(`/estate/systems/${ids.dms1}/supports`, { capabilityIds: String(capability.id), serviceIds: '999999' })).body).toContain(
      'Choose services from your catalogue',
    );
    expect(await t.database.db.selectFrom('system_capabilities').where('system_id', '=', ids.dms1!).selectAll().execute()).toEqual([]);
    await agent.post(`/estate/systems/${ids.dms1}/supports`, { capabilityIds: String(capability.id) });
    await agent.post(`/estate/systems/${ids.dms2}/supports`, { capabilityIds: [String(capability.id)] });
    await agent.post(`/estate/systems/${ids.crm}/supports`, { serviceIds: String(serviceId) });
    const put = await agent.json('PUT', `/api/v1/systems/${ids.portal}/supports`, { serviceIds: [otherServiceId], capabilityIds: [] });
    expect(put.json()).toEqual({ serviceIds: [otherServiceId], capabilityIds: [] });
    const insights = await agent.get('/estate/insights');
    expect(insights.body).toContain('Consolidation candidates');
    expect(insights.body).toMatch(/Document management<\/a><\/td><td class="govuk-table__cell govuk-table__cell--numeric">2</);
    expect((await agent.get(`/estate/capabilities/${capability.id}`)).body).toContain('2 applications serve this capability');
    expect((await agent.json('GET', '/api/v1/capabilities')).json()).toEqual({
      items: [{ id: capability.id, name: 'Document management', description: '', systems: 2 }],
    });
  });

  it('shows on an incident the systems behind its service, what they rely on and what else would be hit', async () => {
    await agent.json('PUT', `/api/v1/systems/${ids.crm}/supports`, { serviceIds: [serviceId], capabilityIds: [] });
    await agent.json('PUT', `/api/v1/systems/${ids.portal}/supports`, { serviceIds: [otherServiceId], capabilityIds: [] });
    // The portal looks customers up in the CRM: if the CRM fails, so do online forms.
    await addRelationship(t.database.db, systemActor('test', org.id), org.id, { fromSystemId: ids.portal!, toSystemId: ids.crm!, kind: 'depends-on' });
    const { reference } = await createTicket(t.database.db, systemActor('test', org.id), org.id, {
      kind: 'incident',
      title: 'CRM will not load',
      description: 'Since 9am',
      requesterId: org.people.requester.id,
      serviceId,
      impact: 2,
      urgency: 2,
    });
    const page = await agent.get(`/service-desk/tickets/${reference}`);
    expect(page.body).toContain('Systems behind this service');
    expect(page.body).toContain('Customer CRM');
    expect(page.body).toContain('SQL cluster');
    expect(page.body).toContain('which needs 1 other system to run');
    expect(page.body).toContain('1 other system fails with it and 1 other council service may be affected, reaching at least 40000 users: Online forms');
    const request = await createTicket(t.database.db, systemActor('test', org.id), org.id, {
      kind: 'request',
      title: 'New starter',
      description: 'Needs CRM',
      requesterId: org.people.requester.id,
      serviceId,
      impact: 3,
      urgency: 3,
    });
    expect((await agent.get(`/service-desk/tickets/${request.reference}`)).body).not.toContain('Systems behind this service');
    const system = await agent.get(`/estate/systems/${ids.crm}`);
    expect(system.body).toContain(reference);
    expect(system.body).toContain('Customer contact');
  });

  it('imports capabilities named in the systems register, adding the ones not yet recorded', async () => {
    await createCapability(t.database.db, systemActor('test', org.id), org.id, { name: 'Document management', description: '' });
    await agent.get('/imports');
    const res = await agent.upload(
      '/imports',
      { kind: 'systems' },
      {
        filename: 'r.csv',
        type: 'text/csv',
        data: Buffer.from('Ref,Name,Business capabilities\r\nDMS3,Document store C,Document management; Records retention\r\n'),
      },
    );
    const path = String(res.headers.location);
    await agent.get(path);
    await agent.post(`${path}/confirm`);
    expect((await agent.get(path)).body).toContain('1 new business capability');
    const names = await t.database.db.selectFrom('capabilities').where('organisation_id', '=', org.id).select('name').orderBy('name').execute();
    expect(names.map((n) => n.name)).toEqual(['Document management', 'Records retention']);
  });

  it('runs an import through the API: upload, meanings, confirm', async () => {
    const body = 'Ref,Name,Hosting\r\nAPI-1,Intranet,Basement\r\n';
    await agent.get('/imports');
    const form = multipartBody({ kind: 'systems' }, { name: 'file', filename: 'api.csv', type: 'text/csv', data: Buffer.from(body) });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: form.payload,
      headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': form.contentType, 'x-csrf-token': agent.csrfToken! },
    });
    expect(created.statusCode).toBe(201);
    const imp = created.json<{ id: number; readable: number; meanings: { field: string; words: { word: string; value: string | null }[] }[] }>();
    // A word not yet given a meaning would go in as not known, with a note; the row is kept either way.
    expect(imp).toMatchObject({ readable: 1, leftOut: 0, keptAsNotKnown: { count: 1, cells: [{ line: 2, label: 'Hosting', asWritten: 'Basement' }] } });
    expect(imp.meanings).toEqual([{ field: 'hosting', words: [{ word: 'basement', rows: 1, value: null }] }]);
    const meant = await agent.json('PUT', `/api/v1/imports/${imp.id}/meanings`, { hosting: { Basement: 'on-premises' } });
    expect(meant.json()).toMatchObject({ readable: 1, keptAsNotKnown: { count: 0 } });
    const done = await agent.json('POST', `/api/v1/imports/${imp.id}/confirm`);
    expect(done.json()).toMatchObject({ added: 1, skipped: 0 });
    expect((await agent.json('POST', `/api/v1/imports/${imp.id}/confirm`)).statusCode).toBe(422);
  });
});
