import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { signedInClient } from '../../../../test/support/client.js';
import { anOrganisation, aPerson, aService, aTeam, aTicket } from '../../../../test/support/factories.js';

describe.each(testDatabases())('agent moves on a ticket (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  // References are numbered per organisation: look one up inside its own.
  const ticketOf = (orgId: number, reference: string) =>
    t.database.db
      .selectFrom('tickets')
      .where('organisation_id', '=', orgId)
      .where('reference', '=', reference)
      .select(['team_id', 'assignee_id', 'status'])
      .executeTakeFirstOrThrow();

  it('lets an agent take a ticket routed to another team, which follows them, audited on the timeline', async () => {
    const org = await anOrganisation(t);
    const agent = await aPerson(t, org, { role: 'agent' });
    const other = await aPerson(t, org, { role: 'agent' });
    const mine = await aTeam(t, org, { name: 'Applications', members: [agent] });
    const theirs = await aTeam(t, org, { name: 'Infrastructure', members: [other] });
    const service = await aService(t, org, { team: theirs });
    const ticket = await aTicket(t, org, { service });
    expect((await ticketOf(org.id, ticket.reference)).team_id).toBe(theirs.id);

    const client = await signedInClient(t.app, agent.email, agent.password);
    const page = await client.get(`/service-desk/tickets/${ticket.reference}`);
    expect(page.body).toContain('Assign to me');
    const taken = await client.post(`/service-desk/tickets/${ticket.reference}/take`);
    expect(taken.statusCode).toBe(303);
    expect(await ticketOf(org.id, ticket.reference)).toMatchObject({ team_id: mine.id, assignee_id: agent.id, status: 'assigned' });
    expect((await client.get(`/service-desk/tickets/${ticket.reference}`)).body).toContain('The ticket is yours');

    // An agent in no team is told what to do, and nothing changes.
    const loner = await aPerson(t, org, { role: 'agent' });
    const lonely = await signedInClient(t.app, loner.email, loner.password);
    await lonely.get(`/service-desk/tickets/${ticket.reference}`);
    const refused = await lonely.post(`/service-desk/tickets/${ticket.reference}/take`);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('You are in no team yet');
    expect((await ticketOf(org.id, ticket.reference)).assignee_id).toBe(agent.id);
  });

  it('assigns the agent who resolves an unassigned ticket, so the timeline names who fixed it', async () => {
    const org = await anOrganisation(t);
    const agent = await aPerson(t, org, { role: 'agent' });
    const team = await aTeam(t, org, { members: [agent] });
    const service = await aService(t, org, { team });
    const ticket = await aTicket(t, org, { service });
    const client = await signedInClient(t.app, agent.email, agent.password);
    await client.get(`/service-desk/tickets/${ticket.reference}`);
    const resolved = await client.post(`/service-desk/tickets/${ticket.reference}/status`, {
      status: 'resolved',
      resolutionCode: 'Fixed',
      resolutionNotes: 'Reset the profile.',
    });
    expect(resolved.statusCode).toBe(303);
    expect(await ticketOf(org.id, ticket.reference)).toMatchObject({ team_id: team.id, assignee_id: agent.id, status: 'resolved' });
    const page = await client.get(`/service-desk/tickets/${ticket.reference}`);
    expect(page.body).toContain(`Assignee: nobody → ${agent.name}`);
    expect(page.body).toContain('Resolution: Fixed');
  });

  it('changes a ticket’s priority only with a reason, which the timeline shows', async () => {
    const org = await anOrganisation(t);
    const agent = await aPerson(t, org, { role: 'agent' });
    const team = await aTeam(t, org, { members: [agent] });
    const ticket = await aTicket(t, org, { service: await aService(t, org, { team }) });
    const client = await signedInClient(t.app, agent.email, agent.password);
    await client.get(`/service-desk/tickets/${ticket.reference}`);
    const noReason = await client.post(`/service-desk/tickets/${ticket.reference}/priority`, { priority: '1', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    const same = await client.post(`/service-desk/tickets/${ticket.reference}/priority`, { priority: '4', reason: 'No change' });
    expect(same.body).toContain('It is already P4 Low');
    const changed = await client.post(`/service-desk/tickets/${ticket.reference}/priority`, { priority: '1', reason: 'The whole contact centre is affected' });
    expect(changed.statusCode).toBe(303);
    const page = await client.get(`/service-desk/tickets/${ticket.reference}`);
    expect(page.body).toContain('Priority: P4 Low → P1 Critical');
    expect(page.body).toContain('The whole contact centre is affected');
    const row = await t.database.db
      .selectFrom('tickets')
      .where('organisation_id', '=', org.id)
      .where('reference', '=', ticket.reference)
      .select('priority')
      .executeTakeFirstOrThrow();
    expect(row.priority).toBe(1);
  });

  it('keeps canned replies per team and personal, fills their placeholders on a ticket, and refuses ones it cannot fill', async () => {
    const org = await anOrganisation(t);
    const agent = await aPerson(t, org, { role: 'agent', name: 'Sam Green' });
    const team = await aTeam(t, org, { name: 'Service desk', members: [agent] });
    const elsewhere = await aTeam(t, org, { name: 'Infrastructure' });
    const requester = await aPerson(t, org, { name: 'Aisha Khan' });
    const ticket = await aTicket(t, org, { service: await aService(t, org, { team }), requester, title: 'Outlook keeps asking for a password' });
    const client = await signedInClient(t.app, agent.email, agent.password);
    await client.get('/service-desk/canned-replies');
    const unknown = await client.post('/service-desk/canned-replies', { title: 'Bad', body: 'Hello {name}', teamId: '' });
    expect(unknown.body).toContain('Steward does not know {name}');
    const notMine = await client.post('/service-desk/canned-replies', { title: 'Theirs', body: 'Hi', teamId: String(elsewhere.id) });
    expect(notMine.body).toContain('Choose one of your own teams');
    const added = await client.post('/service-desk/canned-replies', {
      title: 'Password reset',
      body: 'Hello {requester}, I have reset your password for {reference}. We aim to finish by {due}. {agent}',
      teamId: String(team.id),
    });
    expect(added.statusCode).toBe(303);
    const [reply] = (await client.json('GET', '/api/v1/canned-replies')).json<{ items: { id: number; team: string | null }[] }>().items;
    expect(reply!.team).toBe('Service desk');
    const page = await client.get(`/service-desk/tickets/${ticket.reference}?reply=${reply!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Hello Aisha, I have reset your password for ${ticket.reference}.`);
    expect(page.body).toContain('Sam Green</textarea>');
    // Another agent outside the team cannot use it.
    const other = await aPerson(t, org, { role: 'agent' });
    const outsider = await signedInClient(t.app, other.email, other.password);
    expect((await outsider.get(`/service-desk/tickets/${ticket.reference}?reply=${reply!.id}`)).body).not.toContain('Hello Aisha');
  });
});
