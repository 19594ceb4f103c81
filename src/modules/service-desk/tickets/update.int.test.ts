import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { signedInClient } from '../../../../test/support/client.js';
import { anOrganisation, aPerson, aService, aTeam, aTicket } from '../../../../test/support/factories.js';

describe.each(testDatabases())('the ticket page’s one form (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  const ticketOf = (orgId: number, reference: string) =>
    t.database.db
      .selectFrom('tickets')
      .where('organisation_id', '=', orgId)
      .where('reference', '=', reference)
      .select(['id', 'team_id', 'assignee_id', 'status', 'priority', 'resolution_code'])
      .executeTakeFirstOrThrow();

  async function aDeskTicket() {
    const org = await anOrganisation(t);
    const agent = await aPerson(t, org, { role: 'agent' });
    const colleague = await aPerson(t, org, { role: 'agent' });
    const desk = await aTeam(t, org, { name: 'Service desk', members: [agent] });
    const infra = await aTeam(t, org, { name: 'Infrastructure', members: [colleague] });
    const service = await aService(t, org, { team: desk });
    const ticket = await aTicket(t, org, { service });
    const client = await signedInClient(t.app, agent.email, agent.password);
    await client.get(`/service-desk/tickets/${ticket.reference}`);
    return { org, agent, colleague, desk, infra, ticket, client };
  }

  it('changes team, assignee, priority and status in one post, each on the timeline and in the audit', async () => {
    const { org, colleague, infra, ticket, client } = await aDeskTicket();
    const before = await ticketOf(org.id, ticket.reference);
    const res = await client.post(`/service-desk/tickets/${ticket.reference}/update`, {
      status: 'in-progress',
      priority: '2',
      reason: 'The whole planning team is affected',
      teamId: String(infra.id),
      assigneeId: String(colleague.id),
    });
    expect(res.statusCode).toBe(303);
    expect(await ticketOf(org.id, ticket.reference)).toMatchObject({ team_id: infra.id, assignee_id: colleague.id, status: 'in-progress', priority: 2 });
    expect(before.priority).not.toBe(2);
    const changes = await t.database.db
      .selectFrom('ticket_events')
      .where('ticket_id', '=', before.id)
      .where('kind', '=', 'change')
      .select('changes_json')
      .execute();
    const fields = changes.flatMap((c) => Object.keys(JSON.parse(c.changes_json ?? '{}') as object));
    expect(fields).toEqual(expect.arrayContaining(['team_id', 'assignee_id', 'priority', 'status']));
    expect((await client.get(`/service-desk/tickets/${ticket.reference}`)).body).toContain('Saved: assignment, priority, status changed');
  });

  it('changes nothing when one part is refused: a priority without a reason, or resolving without a resolution', async () => {
    const { org, agent, desk, ticket, client } = await aDeskTicket();
    const before = await ticketOf(org.id, ticket.reference);
    const noReason = await client.post(`/service-desk/tickets/${ticket.reference}/update`, {
      status: before.status,
      priority: '1',
      teamId: String(desk.id),
      assigneeId: String(agent.id),
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why the priority changes');
    const noResolution = await client.post(`/service-desk/tickets/${ticket.reference}/update`, {
      status: 'resolved',
      priority: String(before.priority),
      teamId: String(desk.id),
      assigneeId: String(agent.id),
    });
    expect(noResolution.statusCode).toBe(400);
    expect(noResolution.body).toContain('Choose how the ticket was resolved');
    // The assignment sent with the refused status was rolled back with it.
    expect(await ticketOf(org.id, ticket.reference)).toMatchObject({ team_id: before.team_id, assignee_id: before.assignee_id, status: before.status });
    const resolved = await client.post(`/service-desk/tickets/${ticket.reference}/update`, {
      status: 'resolved',
      priority: String(before.priority),
      teamId: String(desk.id),
      assigneeId: '',
      resolutionCode: 'Fixed',
      resolutionNotes: 'Replaced the toner',
    });
    expect(resolved.statusCode).toBe(303);
    // Resolving assigns the resolver.
    expect(await ticketOf(org.id, ticket.reference)).toMatchObject({ status: 'resolved', resolution_code: 'Fixed', assignee_id: agent.id });
  });

  it('logs time spent with a reply or note, adds it up per person, and refuses time that is not minutes', async () => {
    const { org, agent, ticket, client } = await aDeskTicket();
    await client.post(`/service-desk/tickets/${ticket.reference}/comments`, { body: 'Reset the print spooler', visibility: 'internal', minutes: '20' });
    await client.post(`/service-desk/tickets/${ticket.reference}/comments`, { body: 'Replaced the fuser; working now', visibility: 'public', minutes: '40' });
    await client.post(`/service-desk/tickets/${ticket.reference}/comments`, { body: 'Checked again', visibility: 'internal', minutes: '' });
    const bad = await client.post(`/service-desk/tickets/${ticket.reference}/comments`, { body: 'Spent ages', visibility: 'internal', minutes: 'ages' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the time spent in minutes');
    const page = (await client.get(`/service-desk/tickets/${ticket.reference}`)).body;
    expect(page).toContain(`1 h in all: ${agent.name} 1 h`);
    const { id } = await ticketOf(org.id, ticket.reference);
    const entries = await t.database.db.selectFrom('ticket_time_entries').where('ticket_id', '=', id).select(['minutes', 'person_id']).orderBy('id').execute();
    expect(entries).toEqual([
      { minutes: 20, person_id: agent.id },
      { minutes: 40, person_id: agent.id },
    ]);
  });

  it('refuses another organisation’s team or person, changing nothing', async () => {
    const { org, ticket, client } = await aDeskTicket();
    const elsewhere = await anOrganisation(t);
    const stranger = await aPerson(t, elsewhere, { role: 'agent' });
    const theirTeam = await aTeam(t, elsewhere, { name: 'Their desk', members: [stranger] });
    const before = await ticketOf(org.id, ticket.reference);
    const res = await client.post(`/service-desk/tickets/${ticket.reference}/update`, {
      status: before.status,
      priority: String(before.priority),
      teamId: String(theirTeam.id),
      assigneeId: String(stranger.id),
    });
    expect(res.statusCode).toBe(400);
    expect(await ticketOf(org.id, ticket.reference)).toMatchObject({ team_id: before.team_id, assignee_id: before.assignee_id });
  });
});
