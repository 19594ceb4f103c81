import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { testDatabases } from '../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../test/support/app.js';
import { type Client, signedInClient } from '../../../test/support/client.js';
import { sendDue, smtpMailer, systemActor } from '../../platform/index.js';
import { addTeamMember, createTeam } from '../teams/index.js';
import { createService } from './catalogue/service.js';
import { sweepSla } from './tickets/sweep.js';
import { unique } from '../../../test/support/factories.js';

interface Received {
  to: string[];
  raw: string;
}

describe.each(testDatabases())('email notifications through the outbox (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let agent: Client;
  let requester: Client;
  let serviceId: number;
  let teamId: number;
  let smtp: SMTPServer;
  let smtpUrl: string;
  const received: Received[] = [];
  const outbox = () => t.database.db.selectFrom('outbox').where('organisation_id', '=', org.id).selectAll().orderBy('id').execute();

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (d: Buffer) => (raw += d.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    t = await startTestApp(dialect);
  });
  // Each test has an organisation, people, a team and a service of its own.
  beforeEach(async () => {
    received.length = 0;
    org = await seedOrganisation(t, `Mail Council ${unique()}`);
    const actor = systemActor('test', org.id);
    teamId = await createTeam(t.database.db, actor, org.id, 'Service desk');
    await addTeamMember(t.database.db, actor, org.id, teamId, org.people.agent.id);
    await addTeamMember(t.database.db, actor, org.id, teamId, org.people.manager.id);
    serviceId = await createService(t.database.db, actor, org.id, {
      name: 'Printing',
      description: 'Printers',
      hours: 'Office hours',
      teamId,
      visibleToStaff: true,
    });
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    requester = await signedInClient(t.app, org.people.requester.email, testPassword);
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  async function raise(title: string) {
    await requester.get('/portal/report');
    const res = await requester.post('/portal/report', { title, description: 'Details', serviceId: String(serviceId), impact: '3', urgency: '3' });
    return /((INC|REQ)-\d{6})$/.exec(String(res.headers.location))![1]!;
  }

  it('queues mail with each change and sends it over SMTP', async () => {
    const reference = await raise('Printer jammed');
    await agent.get(`/service-desk/tickets/${reference}`);
    await agent.post(`/service-desk/tickets/${reference}/assign`, { teamId: String(teamId), assigneeId: String(org.people.manager.id) });
    await agent.post(`/service-desk/tickets/${reference}/comments`, { body: 'On our way with toner', visibility: 'public' });
    await agent.post(`/service-desk/tickets/${reference}/comments`, { body: 'internal only', visibility: 'internal' });
    await agent.post(`/service-desk/tickets/${reference}/status`, { status: 'resolved', resolutionCode: 'Fixed', resolutionNotes: 'Cleared the jam' });
    const queued = await outbox();
    expect(queued.map((m) => [m.kind, m.to_email])).toEqual([
      ['ticket-created', org.people.requester.email],
      ['ticket-assigned', org.people.manager.email],
      ['ticket-replied', org.people.requester.email],
      ['ticket-resolved', org.people.requester.email],
    ]);
    expect(queued.some((m) => m.body.includes('internal only'))).toBe(false);

    // Mail other tests left waiting is not this test's to send.
    await t.database.db
      .updateTable('outbox')
      .set({ sent_at: new Date().toISOString() })
      .where('organisation_id', '!=', org.id)
      .where('sent_at', 'is', null)
      .execute();
    const mailer = smtpMailer(smtpUrl, 'Steward <steward@mail.example>');
    const result = await sendDue(t.database.db, dialect, mailer);
    mailer.close!();
    expect(result).toEqual({ claimed: 4, sent: 4 });
    expect(received.map((r) => r.to[0])).toEqual(queued.map((m) => m.to_email));
    expect(received[0]!.raw).toContain(`Subject: ${reference}: Printer jammed`);
    expect(received[3]!.raw).toContain('Cleared the jam');
    expect((await outbox()).every((m) => m.sent_at)).toBe(true);
    const idle = smtpMailer(smtpUrl, 'x@y.example');
    expect(await sendDue(t.database.db, dialect, idle)).toEqual({ claimed: 0, sent: 0 });
    idle.close!();
  });

  it('writes no mail for a change that is refused', async () => {
    const reference = await raise('Scanner offline');
    const before = (await outbox()).length;
    await agent.get(`/service-desk/tickets/${reference}`);
    expect((await agent.post(`/service-desk/tickets/${reference}/status`, { status: 'closed' })).statusCode).toBe(400);
    expect((await outbox()).length).toBe(before);
  });

  it('honours a person’s choice not to be emailed', async () => {
    await requester.get('/account/notifications');
    await requester.post('/account/notifications', { kinds: ['ticket-created', 'ticket-resolved'] });
    const reference = await raise('Toner low');
    const before = (await outbox()).length;
    await agent.get(`/service-desk/tickets/${reference}`);
    await agent.post(`/service-desk/tickets/${reference}/comments`, { body: 'Ordered', visibility: 'public' });
    expect((await outbox()).length).toBe(before);
  });

  it('retries a failed send later, and gives up after several attempts', async () => {
    const reference = await raise('Printer smells of burning');
    expect(reference).toBeTruthy();
    const failing = {
      send: async () => {
        throw new Error('mail server said no');
      },
    };
    const now = new Date();
    const first = await sendDue(t.database.db, dialect, failing, now);
    expect(first.sent).toBe(0);
    const row = (await outbox()).find((m) => m.subject.includes(reference))!;
    expect(row).toMatchObject({ attempts: 1, last_error: 'mail server said no', sent_at: null, failed_at: null });
    expect(row.next_attempt_at > now.toISOString()).toBe(true);
    let later = now;
    for (let i = 0; i < 6; i++) {
      later = new Date(later.getTime() + 3 * 3600_000);
      await sendDue(t.database.db, dialect, failing, later);
    }
    expect((await outbox()).find((m) => m.id === row.id)!.failed_at).toBeTruthy();
  });

  it('warns and records a breach as time passes, telling the assignee once', async () => {
    const reference = await raise('Plotter broken');
    await agent.get(`/service-desk/tickets/${reference}`);
    await agent.post(`/service-desk/tickets/${reference}/assign`, { teamId: String(teamId), assigneeId: String(org.people.agent.id) });
    const row = await t.database.db
      .selectFrom('tickets')
      .where('organisation_id', '=', org.id)
      .where('reference', '=', reference)
      .selectAll()
      .executeTakeFirstOrThrow();
    // Three weeks on, the P4 target of ten working days has passed.
    const later = new Date(Date.parse(row.created_at) + 21 * 86_400_000);
    await sweepSla(t.database.db, later);
    const after = await t.database.db
      .selectFrom('tickets')
      .where('organisation_id', '=', org.id)
      .where('reference', '=', reference)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ sla_state: 'breached', resolution_breached: 1 });
    const mails = (await outbox()).filter((m) => m.kind === 'sla-breach' && m.subject.includes(reference));
    expect(mails.map((m) => m.to_email)).toEqual([org.people.agent.email]);
    await sweepSla(t.database.db, later);
    expect((await outbox()).filter((m) => m.kind === 'sla-breach' && m.subject.includes(reference))).toHaveLength(1);
  });
});
