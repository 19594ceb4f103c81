import { sql } from 'kysely';
import type { Db, Tx } from '../audit/audit.js';
import { prepared, type Slots } from '../../db/prepared.js';

export async function insertMail(
  tx: Tx | Db,
  row: { organisation_id: number | null; to_email: string; subject: string; body: string; kind: string; now: string },
) {
  await tx
    .insertInto('outbox')
    .values({
      organisation_id: row.organisation_id,
      to_email: row.to_email,
      subject: row.subject,
      body: row.body,
      kind: row.kind,
      created_at: row.now,
      next_attempt_at: row.now,
    })
    .execute();
}

/** Claims up to `limit` due messages for `leaseMs`, so that two workers never send the same one. */
export async function claimDue(db: Db, dialect: 'sqlite' | 'postgres', now: string, leaseUntil: string, limit: number) {
  if (dialect === 'postgres') {
    const r = await sql<{
      id: number;
      organisation_id: number | null;
      to_email: string;
      subject: string;
      body: string;
      thread: string | null;
      attempts: number;
    }>`
      update outbox set claimed_until = ${leaseUntil}
      where id in (select id from outbox where sent_at is null and failed_at is null and next_attempt_at <= ${now}
        and (claimed_until is null or claimed_until < ${now}) order by id limit ${limit} for update skip locked)
      returning id, organisation_id, to_email, subject, body, thread, attempts`.execute(db);
    // RETURNING gives no order; mail goes out in the order it was written.
    return r.rows.sort((a, b) => Number(a.id) - Number(b.id));
  }
  const r = await sql<{ id: number; organisation_id: number | null; to_email: string; subject: string; body: string; thread: string | null; attempts: number }>`
    update outbox set claimed_until = ${leaseUntil}
    where id in (select id from outbox where sent_at is null and failed_at is null and next_attempt_at <= ${now}
      and (claimed_until is null or claimed_until < ${now}) order by id limit ${limit})
    returning id, organisation_id, to_email, subject, body, thread, attempts`.execute(db);
  return r.rows;
}

export async function markSent(db: Db, id: number, at: string) {
  await db.updateTable('outbox').set({ sent_at: at, claimed_until: null }).where('id', '=', id).execute();
}

export async function markRetry(db: Db, id: number, attempts: number, next: string | null, error: string, at: string) {
  await db
    .updateTable('outbox')
    .set({ attempts, next_attempt_at: next ?? at, failed_at: next ? null : at, last_error: error.slice(0, 500), claimed_until: null })
    .where('id', '=', id)
    .execute();
}

export async function outboxOf(db: Db, organisationId: number, limit = 100) {
  return db.selectFrom('outbox').where('organisation_id', '=', organisationId).selectAll().orderBy('id', 'desc').limit(limit).execute();
}

export async function wantsEmail(db: Db | Tx, personId: number, kind: string) {
  const row = await db.selectFrom('notification_preferences').where('person_id', '=', personId).where('kind', '=', kind).select('email').executeTakeFirst();
  return row ? row.email === 1 : true;
}

/**
 * Queues a mail to a person in one statement: only when they are an active member of the
 * organisation and have not turned this kind of email off (the default is on).
 */
type MailToMember = { organisation_id: number; person_id: number; subject: string; body: string; kind: string; thread: string | null; now: string };
const mailToMember = prepared((db, p: Slots<MailToMember>) =>
  db
    .insertInto('outbox')
    .columns(['organisation_id', 'to_email', 'subject', 'body', 'kind', 'thread', 'created_at', 'next_attempt_at'])
    .expression((e) =>
      e
        .selectFrom('people as p')
        .innerJoin('memberships as m', (j) => j.onRef('m.person_id', '=', 'p.id').on('m.organisation_id', '=', p('organisation_id')).on('m.active', '=', 1))
        .leftJoin('notification_preferences as n', (j) => j.onRef('n.person_id', '=', 'p.id').on('n.kind', '=', p('kind')))
        .where('p.id', '=', p('person_id'))
        .where((w) => w.or([w('n.email', 'is', null), w('n.email', '<>', 0)]))
        .select((s) => [
          s.val(p('organisation_id')).as('organisation_id'),
          'p.email',
          s.val(p('subject')).as('subject'),
          s.val(p('body')).as('body'),
          s.val(p('kind')).as('kind'),
          s.val(p('thread')).as('thread'),
          s.val(p('now')).as('created_at'),
          s.val(p('now')).as('next_attempt_at'),
        ]),
    ),
);
export async function insertMailToMember(tx: Tx, row: MailToMember) {
  await mailToMember(tx, row);
}

export async function preferencesOf(db: Db, personId: number) {
  return db.selectFrom('notification_preferences').where('person_id', '=', personId).select(['kind', 'email']).execute();
}

export async function setPreference(tx: Tx, personId: number, kind: string, email: boolean) {
  await tx
    .insertInto('notification_preferences')
    .values({ person_id: personId, kind, email: email ? 1 : 0 })
    .onConflict((oc) => oc.columns(['person_id', 'kind']).doUpdateSet({ email: email ? 1 : 0 }))
    .execute();
}

export async function emailOf(db: Db | Tx, personId: number) {
  return (await db.selectFrom('people').where('id', '=', personId).select('email').executeTakeFirst())?.email;
}

/** True for the one instance that claims this job's time slot. */
export async function claimSlot(db: Db, name: string, slot: number, now: string) {
  const r = await db
    .insertInto('job_runs')
    .values({ name, slot, started_at: now })
    .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
    .returning('name')
    .executeTakeFirst();
  return !!r;
}

export async function forgetOldSlots(db: Db, before: string) {
  await db.deleteFrom('job_runs').where('started_at', '<', before).execute();
}
