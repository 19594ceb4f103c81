import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { signedInClient } from '../../../../test/support/client.js';
import { anOrganisation, aPerson, aService } from '../../../../test/support/factories.js';
import { createServiceArea } from '../../../platform/index.js';
import { createRequestType } from '../catalogue/service.js';

describe.each(testDatabases())('the portal’s services (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('groups services by the part of the council they serve, finds them by word, and starts a report on the one chosen', async () => {
    const org = await anOrganisation(t);
    const db = t.database.db;
    const ict = await createServiceArea(db, org.actor, org.id, { name: 'Digital and ICT', kind: 'service-area', directorateId: null });
    const planning = await createServiceArea(db, org.actor, org.id, { name: 'Planning', kind: 'service-area', directorateId: null });
    const { id: laptops } = await aService(t, org, { name: 'Laptops and devices', description: 'Laptops, monitors and headsets', serviceAreaId: ict });
    await aService(t, org, { name: 'Printing', description: 'Printers and scanning', serviceAreaId: ict });
    await aService(t, org, { name: 'Planning portal', description: 'Planning applications online', serviceAreaId: planning });
    const libraries = await createServiceArea(db, org.actor, org.id, { name: 'Libraries', kind: 'service-area', directorateId: null });
    await aService(t, org, { name: 'Library kiosks', description: 'Self-service kiosks', serviceAreaId: libraries });
    await createRequestType(db, org.actor, org.id, laptops, { name: 'Ask for a new starter’s laptop', description: 'For someone joining', fields: [] });
    const staff = await aPerson(t, org, { role: 'requester' });
    const client = await signedInClient(t.app, staff.email, staff.password);

    const all = (await client.get('/portal')).body;
    expect(all).toContain('Digital and ICT');
    // A part of the council with one service shares a heading with the others like it.
    expect(all).toContain('Other services');
    expect(all).toContain('Ask for a new starter’s laptop');
    expect(all).toContain(`/portal/report?service=${laptops}`);

    const found = (await client.get('/portal?find=NEW%20starter')).body;
    expect(found).toContain('Laptops and devices');
    expect(found).not.toContain('Planning portal');
    const none = (await client.get('/portal?find=helicopter')).body;
    expect(none).toContain('No service matches “helicopter”');

    const report = (await client.get(`/portal/report?service=${laptops}`)).body;
    expect(report).toMatch(new RegExp(`<option value="${laptops}" selected>Laptops and devices`));
    const elsewhere = await anOrganisation(t);
    const { id: theirs } = await aService(t, elsewhere, { name: 'Their service' });
    expect((await client.get(`/portal/report?service=${theirs}`)).statusCode).toBe(400);
  });
});
