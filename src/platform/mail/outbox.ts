import nodemailer from 'nodemailer';
import type { Db, Tx } from '../audit/audit.js';
import * as q from './queries.js';
import { insertMany } from '../../db/prepared.js';
import { threadHeaders, type OutgoingThread } from './threads.js';

/** What a person can be emailed about; each can be turned off in their account. */
export const notificationKinds = {
  'ticket-created': 'A ticket I raised has been logged',
  'ticket-assigned': 'A ticket has been assigned to me',
  'ticket-replied': 'Someone replied on my ticket',
  'ticket-resolved': 'My ticket has been resolved',
  'sla-warning': 'A ticket assigned to me is close to its SLA target',
  'sla-breach': 'A ticket assigned to me has breached its SLA target',
  'contract-notice': 'A contract I own is coming up to its notice deadline',
  'risk-review': 'A risk I own is due for review',
  'certification-expiry': 'A certification of mine, or of someone I manage, is running out',
  'board-action': 'An action a board gave me is due soon or overdue',
} as const;
export type NotificationKind = keyof typeof notificationKinds;

/**
 * Queues an email to a person, in the caller's transaction: the mail exists if and only if the
 * change it reports was committed. Honours the person's preferences, and mails only active members
 * of the mail's organisation (a disabled person hears nothing more from it).
 */
export async function notify(
  tx: Tx,
  input: {
    organisationId: number;
    personId: number | null;
    kind: NotificationKind;
    subject: string;
    body: string;
    now?: string;
    /** The record the mail is about (`INC-000123`), so that a reply by email joins it. */
    thread?: string;
  },
) {
  if (!input.personId) return;
  await q.insertMailToMember(tx, {
    organisation_id: input.organisationId,
    person_id: input.personId,
    subject: input.subject,
    body: input.body,
    kind: input.kind,
    thread: input.thread ?? null,
    now: input.now ?? new Date().toISOString(),
  });
}

/**
 * Queues mail to addresses outside the organisation's membership (people who subscribed to the
 * status page), in the caller's transaction, many rows to a statement.
 */
export async function queueMails(
  tx: Tx,
  organisationId: number,
  kind: string,
  mails: { to: string; subject: string; body: string }[],
  now = new Date().toISOString(),
) {
  await insertMany(
    tx,
    'outbox',
    mails.map((m) => ({ organisation_id: organisationId, to_email: m.to, subject: m.subject, body: m.body, kind, created_at: now, next_attempt_at: now })),
  );
}

export interface OutgoingMail extends OutgoingThread {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: OutgoingMail): Promise<void>;
  /** Ends the pooled connection (on shutdown, or when a test is done with the server). */
  close?(): void;
}

export function smtpMailer(url: string, from: string): Mailer {
  // One pooled connection reused for every message: a status change to thousands of subscribers
  // goes out in seconds, not one SMTP handshake each.
  const pooled = /[?&]pool=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}pool=true`;
  const transport = nodemailer.createTransport(pooled);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, ...threadHeaders(from, m) });
    },
    close: () => transport.close(),
  };
}

const maxAttempts = 6;

/**
 * Sends what is due. Any number of instances may run this: each claims messages for a lease, and
 * a failure is retried with a growing delay (1, 2, 4, 8, 16 minutes), then marked failed.
 */
export async function sendDue(db: Db, dialect: 'sqlite' | 'postgres', mailer: Mailer, now = new Date(), batch = 20) {
  const leaseUntil = new Date(now.getTime() + 5 * 60_000).toISOString();
  const due = await q.claimDue(db, dialect, now.toISOString(), leaseUntil, batch);
  let sent = 0;
  for (const m of due) {
    try {
      await mailer.send({
        id: Number(m.id),
        organisationId: m.organisation_id === null ? null : Number(m.organisation_id),
        thread: m.thread,
        to: m.to_email,
        subject: m.subject,
        text: m.body,
      });
      await q.markSent(db, Number(m.id), new Date().toISOString());
      sent++;
    } catch (error) {
      const attempts = Number(m.attempts) + 1;
      const next = attempts >= maxAttempts ? null : new Date(now.getTime() + 2 ** (attempts - 1) * 60_000).toISOString();
      await q.markRetry(db, Number(m.id), attempts, next, (error as Error).message, now.toISOString());
    }
  }
  return { claimed: due.length, sent };
}

/**
 * Sends batch after batch while there is mail due, for up to `budgetMs`: the outbox empties at the
 * speed of the SMTP server rather than one small batch per tick.
 */
export async function drainOutbox(db: Db, dialect: 'sqlite' | 'postgres', mailer: Mailer, budgetMs = 4_000, batch = 100) {
  const end = Date.now() + budgetMs;
  let sent = 0;
  while (Date.now() < end) {
    const done = await sendDue(db, dialect, mailer, new Date(), batch);
    sent += done.sent;
    if (done.claimed < batch) break;
  }
  return sent;
}

export { outboxOf, preferencesOf } from './queries.js';
