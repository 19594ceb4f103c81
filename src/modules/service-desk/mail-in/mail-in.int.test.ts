import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../../test/support/app.js';
import { signedInClient } from '../../../../test/support/client.js';
import { unique } from '../../../../test/support/factories.js';
import { addRequesterFromMail, startMailReceiver, systemActor, threadHeaders } from '../../../platform/index.js';
import { serviceDeskMail, saveMailInSettings } from './service.js';
import { createTeam } from '../../teams/index.js';

const ownAddress = 'Eastwold IT Service Desk <servicedesk@it.eastwold.test>';
// A PNG's first bytes are enough for Steward to know it for a picture.
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(64, 1)]);
const maxBytes = 2 * 1024 * 1024;

describe.each(testDatabases())('email to the service desk, through a real SMTP receiver (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let address: string;
  let receiver: Awaited<ReturnType<typeof startMailReceiver>>;
  let transport: Transporter;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    receiver = await startMailReceiver(t.database.db, serviceDeskMail, { port: 0, host: '127.0.0.1', maxBytes, ownAddress, log: { warn: () => undefined } });
    // The sender talks plain SMTP on loopback, as a council's mail system does on its own network.
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Mail In Council ${unique()}`);
    address = `servicedesk-${unique()}@eastwold.test`;
    await saveMailInSettings(t.database.db, systemActor('test', org.id), org.id, { address, unknownSenders: 'refuse', allowedDomains: '' });
  });
  afterAll(async () => {
    transport.close();
    await receiver.close();
    await t.close();
  });

  const db = () => t.database.db;
  const mails = () => db().selectFrom('inbound_mails').where('organisation_id', '=', org.id).selectAll().orderBy('id').execute();
  const tickets = () => db().selectFrom('tickets').where('organisation_id', '=', org.id).selectAll().orderBy('id').execute();
  const events = (ticketId: number) => db().selectFrom('ticket_events').where('ticket_id', '=', ticketId).selectAll().orderBy('id').execute();
  const send = (message: SendMailOptions) => transport.sendMail({ to: address, ...message });

  it('raises an incident from a member’s mail, with the sender as requester and the attachment kept', async () => {
    await send({
      from: `Rachel Adams <${org.people.requester.email}>`,
      subject: 'Printer on the second floor keeps jamming',
      text: 'Hello,\n\nThe printer by the lifts jams on every second page.\n\nThanks, Rachel',
      attachments: [{ filename: 'jam.png', content: png }],
    });
    const [ticket] = await tickets();
    expect(ticket).toMatchObject({ kind: 'incident', title: 'Printer on the second floor keeps jamming', requester_id: org.people.requester.id, impact: 3 });
    expect(ticket!.description).toContain('jams on every second page');
    const files = await db().selectFrom('ticket_attachments').where('ticket_id', '=', ticket!.id).select(['filename', 'content_type']).execute();
    expect(files).toEqual([{ filename: 'jam.png', content_type: 'image/png' }]);
    expect(await mails()).toMatchObject([{ status: 'ticket', outcome: `Raised ${ticket!.reference}`, ticket_id: ticket!.id }]);
  });

  it('threads a reply by the Message-ID Steward sent, even when the subject lost the reference', async () => {
    await send({ from: org.people.requester.email, subject: 'Laptop will not charge', text: 'It stopped charging this morning.' });
    const [ticket] = await tickets();
    const sent = await db()
      .selectFrom('outbox')
      .where('organisation_id', '=', org.id)
      .where('thread', '=', ticket!.reference)
      .selectAll()
      .executeTakeFirstOrThrow();
    const ours = threadHeaders(ownAddress, { id: Number(sent.id), organisationId: org.id, thread: sent.thread });
    expect(ours.messageId).toContain(`${ticket!.reference}.m${sent.id}.o${org.id}@it.eastwold.test`);
    expect(ours.headers['Auto-Submitted']).toBe('auto-generated');
    await send({
      from: org.people.requester.email,
      subject: 'Re: my laptop',
      inReplyTo: ours.messageId,
      references: [ours.references!],
      text: 'It is a Dell Latitude 5440.\n\nOn Mon, 7 Dec 2026 at 09:12, Eastwold IT wrote:\n> We have logged your problem',
    });
    expect(await tickets()).toHaveLength(1);
    const replies = (await events(Number(ticket!.id))).filter((e) => e.kind === 'reply');
    expect(replies.map((r) => r.body)).toEqual(['It is a Dell Latitude 5440.']);
    expect((await mails()).map((m) => m.status)).toEqual(['ticket', 'reply']);
  });

  it('threads by the reference in the subject only for someone who may see that ticket', async () => {
    await send({ from: org.people.requester.email, subject: 'VPN drops every hour', text: 'Since the update.' });
    const [mine] = await tickets();
    await send({ from: org.people.agent.email, subject: `RE: ${mine!.reference}: VPN drops every hour`, text: 'Reinstall the client, please.' });
    // Another requester is not the requester, a watcher or an agent: the reference does not let them into it.
    const otherEmail = `colleague-${unique()}@eastwold.test`;
    const other = (await addRequesterFromMail(db(), systemActor('test', org.id), org.id, otherEmail, 'Dev Patel'))!;
    await send({ from: otherEmail, subject: `Re: ${mine!.reference}`, text: 'Me too.' });
    // A viewer's role is read-only: their mail raises nothing.
    await send({ from: org.people.viewer.email, subject: 'Can I have a new monitor?', text: 'Please' });
    const all = await tickets();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ requester_id: other, title: mine!.reference });
    expect((await mails()).at(-1)).toMatchObject({ status: 'refused', outcome: expect.stringContaining('read-only') });
    const replies = (await events(Number(mine!.id))).filter((e) => e.kind === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.author_id).toBe(org.people.agent.id);
  });

  it('drops auto-replies, bulk mail, bounces and Steward’s own mail, and never answers them', async () => {
    const from = org.people.requester.email;
    await send({ from, subject: 'Automatic reply: Printer', text: 'I am out of the office', headers: { 'Auto-Submitted': 'auto-replied' } });
    await send({ from, subject: 'Weekly digest', text: 'News', headers: { Precedence: 'bulk' } });
    await send({ from, subject: 'Out of Office: back Monday', text: 'Away' });
    await send({ from: 'MAILER-DAEMON@mail.eastwold.test', subject: 'Undeliverable: INC-000001', text: 'Delivery failed' });
    await send({ from: 'servicedesk@it.eastwold.test', subject: 'INC-000001: Printer', text: 'We have logged your problem' });
    await send({ from, subject: 'Please fix', text: 'x', envelope: { from: '', to: address } });
    const kept = await mails();
    expect(kept.map((m) => m.status)).toEqual(['dropped', 'dropped', 'dropped', 'dropped', 'dropped', 'dropped']);
    expect(kept[0]!.outcome).toContain('Auto-Submitted');
    expect(kept[4]!.outcome).toContain('loop');
    expect(await tickets()).toHaveLength(0);
    expect(await db().selectFrom('outbox').where('organisation_id', '=', org.id).selectAll().execute()).toHaveLength(0);
  });

  it('takes a loop for what it is after thirty mails in an hour from one sender', async () => {
    for (let i = 0; i < 32; i++) await send({ from: org.people.requester.email, subject: `Ticket ${i}`, text: 'again' });
    const statuses = (await mails()).map((m) => m.status);
    expect(statuses.filter((s) => s === 'ticket')).toHaveLength(31);
    expect(statuses.at(-1)).toBe('dropped');
  });

  it('refuses strangers by default, and adds them as requesters from an allowed domain when set to', async () => {
    await send({ from: 'new.starter@eastwold.test', subject: 'Cannot log in', text: 'First day' });
    expect((await mails())[0]).toMatchObject({ status: 'refused' });
    await saveMailInSettings(db(), systemActor('test', org.id), org.id, { address, unknownSenders: 'requester', allowedDomains: '@eastwold.test' });
    const newcomer = `new.starter.${unique()}@eastwold.test`;
    await send({ from: `Jo Newcombe <${newcomer}>`, subject: 'Cannot log in', text: 'First day' });
    await send({ from: 'someone@elsewhere.example', subject: 'Buy our product', text: 'Offer' });
    const kept = await mails();
    expect(kept.map((m) => m.status)).toEqual(['refused', 'ticket', 'refused']);
    const person = await db().selectFrom('people').where('email', '=', newcomer).selectAll().executeTakeFirstOrThrow();
    expect(person).toMatchObject({ display_name: 'Jo Newcombe', password_hash: null });
    const membership = await db()
      .selectFrom('memberships')
      .where('person_id', '=', person.id)
      .where('organisation_id', '=', org.id)
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(membership.role).toBe('requester');
    expect((await tickets())[0]!.requester_id).toBe(person.id);
  });

  it('keeps a mail delivered twice once, names attachments it cannot keep, and reads malformed mail as far as it goes', async () => {
    const message = { from: org.people.requester.email, subject: 'Scanner', text: 'Scanner offline', messageId: `<twice-${unique()}@mail.eastwold.test>` };
    await send(message);
    await send(message);
    await send({
      from: org.people.requester.email,
      subject: 'Installer',
      text: 'Please install this',
      attachments: [{ filename: 'setup.exe', content: Buffer.from('MZ\x90\x00binary') }],
    });
    const statuses = (await mails()).map((m) => m.status);
    expect(statuses).toEqual(['ticket', 'dropped', 'ticket']);
    const second = (await tickets())[1]!;
    const notes = (await events(Number(second.id))).filter((e) => e.kind === 'note');
    expect(notes.map((n) => n.body).join()).toContain('setup.exe');
    // Raw bytes with no headers a mail needs: kept, and named rather than lost.
    await transport.sendMail({ envelope: { from: 'x@eastwold.test', to: address }, raw: Buffer.from('this is not\r\n\r\na mail at all \xff\xfe') });
    expect((await mails()).at(-1)).toMatchObject({ status: 'dropped', outcome: expect.stringContaining('no From') });
  });

  it('refuses mail for addresses no organisation uses and mail larger than the limit, keeping nothing', async () => {
    await expect(transport.sendMail({ from: org.people.requester.email, to: `nobody-${unique()}@eastwold.test`, subject: 'x', text: 'x' })).rejects.toThrow(
      /550|No mailbox/,
    );
    await expect(send({ from: org.people.requester.email, subject: 'Big', text: 'x'.repeat(maxBytes + 10) })).rejects.toThrow(/552|larger/);
    expect(await mails()).toHaveLength(0);
  });

  it('lets an admin set the desk’s address, refusing one another organisation uses', async () => {
    const admin = await signedInClient(t.app, org.people.admin.email, testPassword);
    const page = await admin.get('/service-desk/email');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(address);
    const other = await seedOrganisation(t, `Other Council ${unique()}`);
    const taken = `taken-${unique()}@eastwold.test`;
    await saveMailInSettings(db(), systemActor('test', other.id), other.id, { address: taken, unknownSenders: 'refuse', allowedDomains: '' });
    const refused = await admin.post('/service-desk/email', { address: taken, unknownSenders: 'refuse', allowedDomains: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Another organisation in this installation already uses that address');
    const noDomains = await admin.post('/service-desk/email', { address, unknownSenders: 'requester', allowedDomains: '' });
    expect(noDomains.body).toContain('Enter the domains');
    const fresh = `desk-${unique()}@eastwold.test`;
    const frontLine = await createTeam(db(), systemActor('test', org.id), org.id, 'Service desk');
    const theirs = await createTeam(db(), systemActor('test', other.id), other.id, 'Their desk');
    const foreignTeam = await admin.post('/service-desk/email', { address: fresh, unknownSenders: 'refuse', allowedDomains: '', teamId: String(theirs) });
    expect(foreignTeam.statusCode).toBe(400);
    const saved = await admin.post('/service-desk/email', {
      address: fresh.toUpperCase(),
      unknownSenders: 'requester',
      allowedDomains: 'eastwold.test',
      teamId: String(frontLine),
    });
    expect(saved.statusCode).toBe(303);
    expect(await db().selectFrom('mail_in_settings').where('organisation_id', '=', org.id).selectAll().executeTakeFirst()).toMatchObject({
      address: fresh,
      unknown_senders: 'requester',
      allowed_domains: 'eastwold.test',
      team_id: frontLine,
    });
    await transport.sendMail({ from: org.people.requester.email, to: fresh, subject: 'Headset crackles', text: 'On every Teams call' });
    expect((await tickets()).at(-1)).toMatchObject({ title: 'Headset crackles', team_id: frontLine });
    const agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    expect((await agent.get('/service-desk/email')).statusCode).toBe(403);
  });
});
