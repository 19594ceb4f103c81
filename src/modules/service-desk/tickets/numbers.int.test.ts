import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { seedOrganisation, startTestApp, type TestApp } from '../../../../test/support/app.js';
import { systemActor } from '../../../platform/index.js';
import { createTicket } from './service.js';

describe.each(testDatabases())('ticket references (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  const raise = (organisationId: number, requesterId: number, kind: 'incident' | 'request' = 'incident') =>
    createTicket(t.database.db, systemActor('test', organisationId), organisationId, {
      kind,
      title: 'Numbered',
      description: 'x',
      requesterId,
      impact: 3,
      urgency: 3,
    });

  it('numbers tickets created at the same time one after another, per organisation and kind', async () => {
    const org = await seedOrganisation(t, 'Numbering Council');
    const made = await Promise.all(Array.from({ length: 25 }, () => raise(org.id, org.people.requester.id)));
    expect(made.map((m) => m.reference).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `INC-${String(i + 1).padStart(6, '0')}`));
    expect((await raise(org.id, org.people.requester.id, 'request')).reference).toBe('REQ-000001');
    const other = await seedOrganisation(t, 'Second Council');
    expect((await raise(other.id, other.people.requester.id)).reference).toBe('INC-000001');
  });

  it('carries on after the numbers an organisation already used', async () => {
    const org = await seedOrganisation(t, 'Imported Council');
    await t.database.db.insertInto('ticket_counters').values({ organisation_id: org.id, kind: 'incident', last_number: 500 }).execute();
    expect((await raise(org.id, org.people.requester.id)).reference).toBe('INC-000501');
    expect((await raise(org.id, org.people.requester.id)).reference).toBe('INC-000502');
  });
});
