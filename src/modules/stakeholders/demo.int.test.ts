import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, type TestApp } from '../../../test/support/app.js';
import { unique } from '../../../test/support/factories.js';
import { dict, systemActor } from '../../platform/index.js';
import { loadStakeholdersDemo } from './demo.js';
import * as q from './queries.js';
import { notMetCutoff } from './rules.js';
import { today } from './service.js';

describe.each(testDatabases())('the demo council’s stakeholders, engagements and communications plan (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('loads about forty stakeholders, a year of engagements and a plan for the year, through the module’s own functions', async () => {
    const org = await seedOrganisation(t, `Demo Council ${unique()}`);
    const people = dict<number>();
    for (const [key, role] of [
      ['headOfIt', 'admin'],
      ['serviceDeskManager', 'manager'],
      ['infrastructureManager', 'manager'],
      ['applicationsManager', 'manager'],
      ['councillor', 'viewer'],
      ['auditor', 'viewer'],
    ] as const)
      people[key] = org.people[role].id;
    const db = t.database.db;
    await loadStakeholdersDemo({ db, organisationId: org.id, actor: systemActor('demo loader', org.id), people, passwordCost: 1 });
    const register = await q.stakeholdersOf(db, org.id, {}, null, 1000);
    expect(register.length).toBeGreaterThanOrEqual(38);
    const notMet = await q.stakeholdersOf(db, org.id, { notSince: notMetCutoff(today()) }, null, 1000);
    expect(notMet.length).toBeGreaterThan(3);
    expect(notMet.length).toBeLessThan(register.length / 2);
    const log = await q.engagementsOf(db, org.id, {}, null, 1000);
    expect(log.length).toBeGreaterThan(100);
    expect(log.every((e) => String(e.held_on).slice(0, 10) <= today())).toBe(true);
    expect((await q.awaitingReply(db, org.id, 100)).length).toBeGreaterThanOrEqual(3);
    const open = await q.openFollowUps(db, org.id, 100);
    expect(open.some((f) => f.due_on !== null && String(f.due_on).slice(0, 10) < today())).toBe(true);
    const messages = await q.communicationsOf(db, org.id, null, 100);
    expect(messages.length).toBeGreaterThanOrEqual(15);
    const sends = await q.sendsOf(
      db,
      org.id,
      messages.map((m) => Number(m.id)),
    );
    expect(sends.length).toBeGreaterThan(60);
    const feedback = await q.commsFeedbackOf(
      db,
      org.id,
      messages.map((m) => Number(m.id)),
    );
    expect(feedback.length).toBeGreaterThanOrEqual(10);
  }, 120_000);
});
