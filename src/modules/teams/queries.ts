import type { Db, Tx } from '../../platform/index.js';

export async function teamsOf(db: Db | Tx, organisationId: number) {
  return db
    .selectFrom('teams')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'name', 'description', 'focus', 'lead_staff_id'])
    .orderBy('name')
    .execute();
}

export async function findTeam(db: Db | Tx, organisationId: number, id: number) {
  return db
    .selectFrom('teams')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .select(['id', 'name', 'description', 'focus', 'lead_staff_id'])
    .executeTakeFirst();
}

export async function isMember(db: Db | Tx, organisationId: number, teamId: number, personId: number) {
  return !!(await db
    .selectFrom('team_members')
    .where('organisation_id', '=', organisationId)
    .where('team_id', '=', teamId)
    .where('person_id', '=', personId)
    .select('person_id')
    .executeTakeFirst());
}

export async function teamsOfPerson(db: Db | Tx, organisationId: number, personId: number) {
  const rows = await db.selectFrom('team_members').where('organisation_id', '=', organisationId).where('person_id', '=', personId).select('team_id').execute();
  return rows.map((r) => r.team_id);
}

export async function membersOf(db: Db | Tx, organisationId: number, teamId: number) {
  return db
    .selectFrom('team_members as tm')
    .innerJoin('people as p', 'p.id', 'tm.person_id')
    .where('tm.organisation_id', '=', organisationId)
    .where('tm.team_id', '=', teamId)
    .select(['p.id', 'p.display_name', 'p.email'])
    .orderBy('p.display_name')
    .execute();
}

export async function insertTeam(tx: Tx, row: { organisation_id: number; name: string; description: string; now: string }) {
  const r = await tx
    .insertInto('teams')
    .values({ organisation_id: row.organisation_id, name: row.name, description: row.description, created_at: row.now, updated_at: row.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertMember(tx: Tx, row: { team_id: number; person_id: number; organisation_id: number }) {
  await tx
    .insertInto('team_members')
    .values(row)
    .onConflict((oc) => oc.columns(['team_id', 'person_id']).doNothing())
    .execute();
}

export async function belongsToOrganisation(db: Db | Tx, organisationId: number, personId: number) {
  return !!(await db
    .selectFrom('memberships')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .select('person_id')
    .executeTakeFirst());
}

/** Every team's members in one query, for pickers that list people by team. */
export async function allTeamMembers(db: Db | Tx, organisationId: number) {
  return db
    .selectFrom('team_members as tm')
    .innerJoin('people as p', 'p.id', 'tm.person_id')
    .where('tm.organisation_id', '=', organisationId)
    .select(['tm.team_id', 'p.id', 'p.display_name'])
    .orderBy('p.display_name')
    .execute();
}

export async function updateTeam(
  tx: Tx,
  organisationId: number,
  id: number,
  row: { name: string; description: string; focus: string; lead_staff_id: number | null; now: string },
) {
  await tx
    .updateTable('teams')
    .set({ name: row.name, description: row.description, focus: row.focus, lead_staff_id: row.lead_staff_id, updated_at: row.now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}
