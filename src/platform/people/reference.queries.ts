import type { Db } from '../audit/audit.js';

// The lookups behind the people reference kinds (src/platform/people/references.ts).

export async function memberIdsAmong(db: Db, organisationId: number, ids: number[], activeOnly: boolean) {
  let q = db.selectFrom('memberships').where('organisation_id', '=', organisationId).where('person_id', 'in', ids.slice(0, 1000)).select('person_id');
  if (activeOnly) q = q.where('active', '=', 1);
  return new Set((await q.execute()).map((r) => Number(r.person_id)));
}

export async function activeMemberEmailsAmong(db: Db, organisationId: number, emails: string[]) {
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('memberships as m', 'm.person_id', 'p.id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.active', '=', 1)
    .where('p.email', 'in', emails.map((e) => e.trim().toLowerCase()).slice(0, 1000))
    .select('p.email')
    .execute();
  return new Set(rows.map((r) => r.email));
}

export async function anyMember(db: Db, organisationId: number) {
  const r = await db
    .selectFrom('people as p')
    .innerJoin('memberships as m', 'm.person_id', 'p.id')
    .where('m.organisation_id', '=', organisationId)
    .where('m.active', '=', 1)
    .select(['p.id', 'p.email'])
    .orderBy('p.id')
    .executeTakeFirst();
  return r ? { id: Number(r.id), email: r.email } : null;
}

export async function tokenIdsAmong(db: Db, organisationId: number, ids: number[]) {
  const rows = await db.selectFrom('api_tokens').where('organisation_id', '=', organisationId).where('id', 'in', ids.slice(0, 1000)).select('id').execute();
  return new Set(rows.map((r) => Number(r.id)));
}

export async function anyToken(db: Db, organisationId: number) {
  const r = await db.selectFrom('api_tokens').where('organisation_id', '=', organisationId).select('id').orderBy('id').executeTakeFirst();
  return r ? Number(r.id) : null;
}

export async function organisationIdsOfPerson(db: Db, personId: number, ids: number[]) {
  const rows = await db
    .selectFrom('memberships')
    .where('person_id', '=', personId)
    .where('active', '=', 1)
    .where('organisation_id', 'in', ids.slice(0, 1000))
    .select('organisation_id')
    .execute();
  return new Set(rows.map((r) => Number(r.organisation_id)));
}
