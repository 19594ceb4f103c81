import { sql } from 'kysely';
import { containsPattern } from '../../db/like.js';
import type { Db, Tx } from '../audit/audit.js';
import type { Role } from '../access/roles.js';

export interface MemberFilter {
  search?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | undefined;
}

const memberColumns = ['p.id', 'p.email', 'p.display_name', 'p.created_at', 'm.role', 'm.active', 'm.organisation_id', 'm.updated_at'] as const;

export async function listMembers(db: Db, organisationId: number, filter: MemberFilter, limit = 500) {
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('m.organisation_id', '=', organisationId)
    .select(memberColumns)
    .orderBy('p.display_name')
    .orderBy('p.id')
    .limit(limit);
  if (filter.role) q = q.where('m.role', '=', filter.role);
  if (filter.status) q = q.where('m.active', '=', filter.status === 'active' ? 1 : 0);
  if (filter.search) {
    const like = containsPattern(filter.search);
    q = q.where((eb) => eb.or([sql<boolean>`lower(p.display_name) like ${like} escape '\\'`, sql<boolean>`p.email like ${like} escape '\\'`]));
  }
  return q.execute();
}

export async function findMember(db: Db | Tx, organisationId: number, personId: number) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.person_id', '=', personId)
    .select(memberColumns)
    .executeTakeFirst();
}

export async function findPersonByEmail(db: Db | Tx, email: string) {
  return db.selectFrom('people').where('email', '=', email).selectAll().executeTakeFirst();
}

/**
 * The person with this email among the organisation's active members, or undefined: the lookup for
 * anything that makes someone a requester, watcher or owner, or mails them.
 */
export async function activeMemberByEmail(db: Db | Tx, organisationId: number, email: string) {
  return db
    .selectFrom('people as p')
    .innerJoin('memberships as m', 'm.person_id', 'p.id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.active', '=', 1)
    .where('p.email', '=', email.trim().toLowerCase())
    .select(['p.id', 'p.email', 'p.display_name', 'm.role'])
    .executeTakeFirst();
}

/** Whether the person is an active member of the organisation. */
export async function isActiveMember(db: Db | Tx, organisationId: number, personId: number): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('active', '=', 1)
    .select('person_id')
    .executeTakeFirst();
  return !!row;
}

export async function findPerson(db: Db | Tx, id: number) {
  return db.selectFrom('people').where('id', '=', id).selectAll().executeTakeFirst();
}

export async function insertPerson(tx: Tx, row: { email: string; display_name: string; password_hash: string | null; now: string }): Promise<number> {
  const r = await tx
    .insertInto('people')
    .values({
      email: row.email,
      display_name: row.display_name,
      password_hash: row.password_hash,
      password_changed_at: row.password_hash ? row.now : null,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertMembership(tx: Tx, row: { person_id: number; organisation_id: number; role: Role; now: string }) {
  await tx
    .insertInto('memberships')
    .values({
      person_id: row.person_id,
      organisation_id: row.organisation_id,
      role: row.role,
      active: 1,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export async function updateMembership(tx: Tx, organisationId: number, personId: number, set: { role?: Role; active?: number; updated_at: string }) {
  await tx.updateTable('memberships').set(set).where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
}

export async function updatePersonName(tx: Tx, personId: number, displayName: string, now: string) {
  await tx.updateTable('people').set({ display_name: displayName, updated_at: now }).where('id', '=', personId).execute();
}

export async function countActiveAdmins(db: Db | Tx, organisationId: number): Promise<number> {
  const r = await db
    .selectFrom('memberships')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function membershipsOf(db: Db | Tx, personId: number) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .where('m.person_id', '=', personId)
    .select(['o.id', 'o.name', 'm.role', 'm.active'])
    .orderBy('o.name')
    .execute();
}

/**
 * The organisation's active people by lower-case email and by display name, for reading a name
 * from a spreadsheet; a display name two people share is left out (it names neither for sure).
 */
export async function activeMemberLookup(db: Db | Tx, organisationId: number) {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.active', '=', 1)
    .select(['p.id', 'p.email', 'p.display_name'])
    .execute();
  const out = new Map<string, number>();
  const names = new Map<string, number[]>();
  for (const r of rows) {
    out.set(r.email.toLowerCase(), Number(r.id));
    names.set(r.display_name.toLowerCase(), [...(names.get(r.display_name.toLowerCase()) ?? []), Number(r.id)]);
  }
  for (const [name, ids] of names) if (ids.length === 1 && !out.has(name)) out.set(name, ids[0]!);
  return out;
}
