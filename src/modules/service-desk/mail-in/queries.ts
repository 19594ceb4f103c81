import type { Db, Tx } from '../../../platform/index.js';
import type { InboundMailStatus } from '../tables.js';

export async function settingsOf(db: Db | Tx, organisationId: number) {
  return db.selectFrom('mail_in_settings').where('organisation_id', '=', organisationId).selectAll().executeTakeFirst();
}

export async function organisationOfAddress(db: Db | Tx, address: string) {
  const row = await db.selectFrom('mail_in_settings').where('address', '=', address.trim().toLowerCase()).select('organisation_id').executeTakeFirst();
  return row ? Number(row.organisation_id) : null;
}

export async function saveSettings(
  tx: Tx,
  row: {
    organisation_id: number;
    address: string;
    unknown_senders: 'refuse' | 'requester';
    allowed_domains: string;
    team_id: number | null;
    updated_at: string;
  },
) {
  await tx
    .insertInto('mail_in_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet({
        address: row.address,
        unknown_senders: row.unknown_senders,
        allowed_domains: row.allowed_domains,
        team_id: row.team_id,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function insertInbound(
  tx: Tx | Db,
  row: { organisation_id: number; recipient: string; envelope_from: string; subject: string; raw: Buffer; size: number; received_at: string },
) {
  const r = await tx
    .insertInto('inbound_mails')
    .values({ ...row, status: 'received', outcome: '', from_address: null, message_id: null, ticket_id: null, processed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function findInbound(db: Db | Tx, id: number) {
  return db.selectFrom('inbound_mails').where('id', '=', id).selectAll().executeTakeFirst();
}

export async function markInbound(
  tx: Tx | Db,
  id: number,
  set: {
    status: InboundMailStatus;
    outcome: string;
    from_address?: string | null;
    message_id?: string | null;
    subject?: string;
    ticket_id?: number | null;
    processed_at: string;
  },
) {
  await tx.updateTable('inbound_mails').set(set).where('id', '=', id).execute();
}

/** Whether a mail with this Message-ID already arrived for the organisation (sent twice, or delivered twice). */
export async function alreadyReceived(db: Db | Tx, organisationId: number, messageId: string, exceptId: number) {
  const row = await db
    .selectFrom('inbound_mails')
    .where('organisation_id', '=', organisationId)
    .where('message_id', '=', messageId)
    .where('id', '<>', exceptId)
    .where('status', 'in', ['ticket', 'reply'])
    .select('id')
    .executeTakeFirst();
  return !!row;
}

export async function recentFromSender(db: Db | Tx, organisationId: number, from: string, since: string) {
  const r = await db
    .selectFrom('inbound_mails')
    .where('organisation_id', '=', organisationId)
    .where('from_address', '=', from)
    .where('received_at', '>=', since)
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Claims a kept mail for reading, so that two instances never read one twice; a claim older than
 * five minutes (its reader stopped) can be taken again.
 */
export async function claimForReading(db: Db, id: number, now: string, staleBefore: string) {
  const r = await db
    .updateTable('inbound_mails')
    .set({ processed_at: now })
    .where('id', '=', id)
    .where('status', '=', 'received')
    .where((w) => w.or([w('processed_at', 'is', null), w('processed_at', '<', staleBefore)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Mail accepted but not read to the end (the server stopped half way): read again by the sweep. */
export async function waitingMail(db: Db, before: string, limit: number) {
  return db.selectFrom('inbound_mails').where('status', '=', 'received').where('received_at', '<', before).select('id').orderBy('id').limit(limit).execute();
}

export async function recentInbound(db: Db, organisationId: number, limit = 50) {
  return db
    .selectFrom('inbound_mails as m')
    .leftJoin('tickets as t', 't.id', 'm.ticket_id')
    .where('m.organisation_id', '=', organisationId)
    .select(['m.id', 'm.from_address', 'm.envelope_from', 'm.subject', 'm.size', 'm.received_at', 'm.status', 'm.outcome', 't.reference'])
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
}

export async function emailsOf(db: Db, ids: number[]) {
  const rows = await db.selectFrom('people').where('id', 'in', ids).select(['id', 'email']).execute();
  return new Map(rows.map((r) => [Number(r.id), r.email]));
}

/** The newest open ticket someone raised, for the demo's reply by email. */
export async function newestOpenTicketOf(db: Db, organisationId: number, requesterId: number) {
  const row = await db
    .selectFrom('tickets')
    .where('organisation_id', '=', organisationId)
    .where('requester_id', '=', requesterId)
    .where('open', '=', 1)
    .select('reference')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.reference ?? null;
}
