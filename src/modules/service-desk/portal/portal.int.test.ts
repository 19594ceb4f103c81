import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { signedInClient } from '../../../../test/support/client.js';
import { anOrganisation, aPerson, aService, aTeam, aTicket } from '../../../../test/support/factories.js';

describe.each(testDatabases())('a requester’s own tickets (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('lists open tickets first and the resolved ones a page at a time, and says what to expect on an open one', async () => {
    const org = await anOrganisation(t);
    const agent = await aPerson(t, org, { role: 'agent' });
    const team = await aTeam(t, org, { members: [agent] });
    const service = await aService(t, org, { team });
    const requester = await aPerson(t, org);
    for (let i = 0; i < 27; i++) await aTicket(t, org, { service, requester, title: `Old problem ${i}`, resolvedBy: { agent, team } });
    const open = await aTicket(t, org, { service, requester, title: 'Still broken' });
    const client = await signedInClient(t.app, requester.email, requester.password);
    const first = await client.get('/portal/tickets');
    expect(first.body).toContain('Open: 1 ticket');
    expect(first.body.indexOf('Still broken')).toBeLessThan(first.body.indexOf('Old problem'));
    expect((first.body.match(/Old problem \d+/g) ?? []).length).toBe(25);
    const next = /href="(\/portal\/tickets\?after=[^"]+)"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
    const second = await client.get(next);
    expect((second.body.match(/Old problem \d+/g) ?? []).length).toBe(2);
    expect(second.body).not.toContain('Still broken');
    expect((await client.get('/portal/tickets?after=not-a-cursor')).statusCode).toBe(400);
    const page = await client.get(`/portal/tickets/${open.reference}`);
    expect(page.body).toContain('What to expect');
  });
});
