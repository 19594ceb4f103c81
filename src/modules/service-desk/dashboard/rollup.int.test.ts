import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { seedOrganisation, startTestApp, type SeededOrganisation, type TestApp } from '../../../../test/support/app.js';
import { systemActor } from '../../../platform/index.js';
import { bumpStats, foldStats, rebuildStats, statsBetween } from './queries.js';
import { createTicket } from '../tickets/service.js';
import { unique } from '../../../../test/support/factories.js';

describe.each(testDatabases())('the daily figures: inserted deltas, folded by a job (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  // Each test has an organisation of its own with five tickets, so the tests pass in any order.
  beforeEach(async () => {
    org = await seedOrganisation(t, `Figures Council ${unique()}`);
    for (let i = 0; i < 5; i++)
      await createTicket(t.database.db, systemActor('test', org.id), org.id, {
        kind: 'incident',
        title: `Figure ${i}`,
        description: 'x',
        requesterId: org.people.requester.id,
        impact: 1 + (i % 3),
        urgency: 2,
      });
  });
  afterAll(() => t.close());

  const figures = () => statsBetween(t.database.db, org.id, '2000-01-01', '2100-01-01');
  const pending = async () => (await t.database.db.selectFrom('ticket_daily_changes').where('organisation_id', '=', org.id).select('id').execute()).length;

  it('reads the same figures before and after folding, and folding again changes nothing', async () => {
    await t.database.db.transaction().execute(async (tx) => {
      await bumpStats(tx, { organisation_id: org.id, day: '2026-01-05', priority: 2, resolved: 3, breached: 1, first_contact: 2, resolve_minutes: 90 });
      await bumpStats(tx, { organisation_id: org.id, day: '2026-01-05', priority: 2, resolved: -1, breached: -1, first_contact: -1, resolve_minutes: -30 });
    });
    const before = await figures();
    expect(before.reduce((n, d) => n + d.created, 0)).toBe(5);
    expect(before.find((d) => d.day === '2026-01-05')).toMatchObject({ resolved: 2, breached: 0, first_contact: 1, resolve_minutes: 60 });
    expect(await pending()).toBeGreaterThan(0);
    expect(await foldStats(t.database.db, 3)).toBe(3);
    expect(await figures()).toEqual(before);
    while ((await foldStats(t.database.db)) > 0);
    expect(await pending()).toBe(0);
    expect(await figures()).toEqual(before);
    // More changes after a fold add to the folded totals.
    await t.database.db.transaction().execute((tx) => bumpStats(tx, { organisation_id: org.id, day: '2026-01-05', priority: 2, resolved: 1 }));
    await foldStats(t.database.db);
    expect((await figures()).find((d) => d.day === '2026-01-05')?.resolved).toBe(3);
  });

  it('rebuilds from the tickets, replacing folded and pending figures alike', async () => {
    await t.database.db.transaction().execute((tx) => bumpStats(tx, { organisation_id: org.id, day: '2026-02-01', priority: 1, created: 7 }));
    await rebuildStats(t.database.db, org.id);
    const rebuilt = await figures();
    expect(rebuilt.reduce((n, d) => n + d.created, 0)).toBe(5);
    expect(rebuilt.some((d) => d.day === '2026-02-01' || d.day === '2026-01-05')).toBe(false);
    expect(await pending()).toBe(0);
  });
});
