import { sql, type ExpressionBuilder } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { prepared, type Slots } from '../../db/prepared.js';
import type { Db, Tx } from '../audit/audit.js';
import type { Identity } from './identity.js';
import type { Role } from '../access/roles.js';
import type { OrganisationType } from '../organisations/types.js';

interface IdentityRow {
  person_id: number;
  email: string;
  display_name: string;
  organisation_id: number;
  organisation_name: string;
  organisation_type: OrganisationType;
  is_demo: number;
  role: Role;
  organisation_count: number | string | bigint | null;
}

export function toIdentity(row: IdentityRow, via: Identity['via']): Identity {
  return {
    person: { id: row.person_id, email: row.email, displayName: row.display_name },
    organisation: {
      id: row.organisation_id,
      name: row.organisation_name,
      type: row.organisation_type,
      isDemo: row.is_demo === 1,
    },
    role: row.role,
    organisationCount: Number(row.organisation_count ?? 1),
    via,
  };
}

/** What an identity is made of: the person, the organisation, and the role there. */
const identityColumns = [
  'p.id as person_id',
  'p.email',
  'p.display_name',
  'o.id as organisation_id',
  'o.name as organisation_name',
  'o.type as organisation_type',
  'o.is_demo',
  'm.role',
] as const;

/** How many organisations the person is active in, as a correlated subquery on `p`. */
const activeOrganisationCount = (eb: ExpressionBuilder<Schema & { p: Schema['people'] }, 'p'>) =>
  eb
    .selectFrom('memberships as mm')
    .whereRef('mm.person_id', '=', 'p.id')
    .where('mm.active', '=', 1)
    .select((e) => e.fn.countAll<number>().as('n'))
    .as('organisation_count');

/** A session with the person's active membership of the session's organisation, in one query. */
const sessionIdentity = prepared((db, p: Slots<{ sessionId: string }>) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .innerJoin('memberships as m', (j) => j.onRef('m.person_id', '=', 's.person_id').onRef('m.organisation_id', '=', 's.organisation_id'))
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .where('s.id', '=', p('sessionId'))
    .where('m.active', '=', 1)
    .select(['s.last_seen_at', 's.expires_at', ...identityColumns])
    .select(activeOrganisationCount),
);
// Every request asks one of these two first: each is built once (`prepared`).
export async function findSessionIdentity(db: Db, sessionId: string) {
  return (await sessionIdentity(db, { sessionId }))[0];
}

const tokenIdentity = prepared((db, p: Slots<{ tokenHash: string }>) =>
  db
    .selectFrom('api_tokens as t')
    .innerJoin('people as p', 'p.id', 't.person_id')
    .innerJoin('memberships as m', (j) => j.onRef('m.person_id', '=', 't.person_id').onRef('m.organisation_id', '=', 't.organisation_id'))
    .innerJoin('organisations as o', 'o.id', 't.organisation_id')
    .where('t.token_hash', '=', p('tokenHash'))
    .where('t.revoked_at', 'is', null)
    .where('m.active', '=', 1)
    .select(['t.id as token_id', 't.last_used_at', ...identityColumns])
    .select(activeOrganisationCount),
);
export async function findTokenIdentity(db: Db, tokenHash: string) {
  return (await tokenIdentity(db, { tokenHash }))[0];
}

/** An active member's identity in an organisation, for what they do by email rather than signed in. */
export async function findMemberIdentity(db: Db | Tx, organisationId: number, personId: number) {
  return db
    .selectFrom('people as p')
    .innerJoin('memberships as m', 'm.person_id', 'p.id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .where('p.id', '=', personId)
    .where('m.organisation_id', '=', organisationId)
    .where('m.active', '=', 1)
    .select([...identityColumns])
    .select(activeOrganisationCount)
    .executeTakeFirst();
}

export async function insertSession(
  db: Db | Tx,
  row: { id: string; person_id: number; organisation_id: number; now: string; expires_at: string; ip: string | null; user_agent: string | null },
) {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      person_id: row.person_id,
      organisation_id: row.organisation_id,
      created_at: row.now,
      last_seen_at: row.now,
      expires_at: row.expires_at,
      ip: row.ip,
      user_agent: row.user_agent,
    })
    .execute();
}

export async function touchSession(db: Db, sessionId: string, now: string) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function setSessionOrganisation(db: Db | Tx, sessionId: string, organisationId: number) {
  await db.updateTable('sessions').set({ organisation_id: organisationId }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db | Tx, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOf(db: Db | Tx, personId: number, organisationId?: number) {
  let q = db.deleteFrom('sessions').where('person_id', '=', personId);
  if (organisationId !== undefined) q = q.where('organisation_id', '=', organisationId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db, now: string, idleCutoff: string) {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleCutoff)]))
    .execute();
}

export async function countFailuresSince(db: Db, keys: string[], since: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('sign_in_failures')
    .where('key', 'in', keys)
    .where('at', '>', since)
    .groupBy('key')
    .select(['key', sql<number>`count(*)`.as('n')])
    .execute();
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

/** Records an attempt as a failure under each key before the password is checked; returns the rows' ids. */
export async function insertFailures(db: Db, keys: string[], at: string): Promise<number[]> {
  const rows = await db
    .insertInto('sign_in_failures')
    .values(keys.map((key) => ({ key, at })))
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id));
}

export async function deleteFailureRows(db: Db, ids: number[]) {
  if (ids.length) await db.deleteFrom('sign_in_failures').where('id', 'in', ids).execute();
}

export async function deleteFailures(db: Db, key: string) {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}

export async function deleteFailuresBefore(db: Db, before: string) {
  await db.deleteFrom('sign_in_failures').where('at', '<', before).execute();
}

export async function findPersonForSignIn(db: Db, email: string) {
  return db
    .selectFrom('people as p')
    .where('p.email', '=', email)
    .select(['p.id', 'p.email', 'p.password_hash'])
    .select((eb) =>
      eb
        .selectFrom('memberships as m')
        .whereRef('m.person_id', '=', 'p.id')
        .where('m.active', '=', 1)
        .select((e) => e.fn.min('m.organisation_id').as('o'))
        .as('first_organisation_id'),
    )
    .executeTakeFirst();
}

export async function updatePasswordHash(db: Db | Tx, personId: number, hash: string, now: string) {
  await db.updateTable('people').set({ password_hash: hash, password_changed_at: now, updated_at: now }).where('id', '=', personId).execute();
}
