import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { auditedWrite, systemActor } from '../audit/audit.js';
import { notify } from '../mail/outbox.js';
import { activeMemberByEmail, setActive } from './service.js';

/** A disabled membership: not found for tickets and watchers, and not mailed. */
describe.each(testDatabases())('disabled people (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let other: SeededOrganisation;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await seedOrganisation(t, 'Quietmoor Council');
    other = await seedOrganisation(t, 'Loudhill Council');
    await setActive(t.database.db, systemActor('test', org.id), org.id, org.people.viewer.id, false);
  });
  afterAll(() => t.close());

  it('finds only active members of the organisation by email, whatever its case', async () => {
    const db = t.database.db;
    expect(await activeMemberByEmail(db, org.id, org.people.agent.email.toUpperCase())).toMatchObject({
      id: org.people.agent.id,
      email: org.people.agent.email,
      role: 'agent',
    });
    expect(await activeMemberByEmail(db, org.id, ` ${org.people.agent.email} `)).toMatchObject({ id: org.people.agent.id });
    expect(await activeMemberByEmail(db, org.id, org.people.viewer.email)).toBeUndefined();
    expect(await activeMemberByEmail(db, org.id, other.people.agent.email)).toBeUndefined();
    expect(await activeMemberByEmail(db, org.id, 'nobody@quietmoor.example')).toBeUndefined();
  });

  it('queues no mail for a person whose membership of the mail’s organisation is disabled, or who is not a member', async () => {
    const db = t.database.db;
    const mailTo = async (organisationId: number, personId: number) => {
      const before = await db.selectFrom('outbox').select('id').execute();
      await auditedWrite(db, systemActor('test', organisationId), (tx) =>
        notify(tx, { organisationId, personId, kind: 'ticket-replied', subject: 'A reply', body: 'Someone replied' }),
      );
      return (await db.selectFrom('outbox').select('id').execute()).length - before.length;
    };
    expect(await mailTo(org.id, org.people.agent.id)).toBe(1);
    expect(await mailTo(org.id, org.people.viewer.id)).toBe(0);
    expect(await mailTo(org.id, other.people.agent.id)).toBe(0);
    // Disabled in one organisation only: still mailed about the other.
    expect(await mailTo(other.id, other.people.viewer.id)).toBe(1);
  });
});
