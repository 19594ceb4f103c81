import type { Insertable } from 'kysely';
import { insertMany, type Db, type Tx } from '../../../platform/index.js';
import type { CapabilityRequirementsTable } from '../tables.js';

export const rolesOf = (db: Db | Tx, organisationId: number) =>
  db
    .selectFrom('capability_roles')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'family', 'name', 'name_key', 'description', 'role_type', 'withdrawn_on'])
    .orderBy('family')
    .orderBy('name')
    .execute();

export const roleLevelsOf = (db: Db | Tx, organisationId: number) =>
  db
    .selectFrom('capability_role_levels')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'role_id', 'name', 'name_key', 'description', 'position', 'withdrawn_on'])
    .orderBy('role_id')
    .orderBy('position')
    .execute();

export const skillsOf = (db: Db | Tx, organisationId: number) =>
  db
    .selectFrom('capability_skills')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'name', 'name_key', 'description', 'awareness', 'working', 'practitioner', 'expert', 'roles_text', 'withdrawn_on'])
    .orderBy('name_key')
    .execute();

export const requirementsOf = (db: Db | Tx, organisationId: number) =>
  db
    .selectFrom('capability_requirements')
    .where('organisation_id', '=', organisationId)
    .select(['role_level_id', 'skill_id', 'level', 'description'])
    .execute();

export const roleById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('capability_roles').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertRole(
  tx: Tx,
  row: { organisation_id: number; family: string; name: string; name_key: string; description: string; role_type: string; now: string },
) {
  const r = await tx
    .insertInto('capability_roles')
    .values({
      organisation_id: row.organisation_id,
      family: row.family,
      name: row.name,
      name_key: row.name_key,
      description: row.description,
      role_type: row.role_type,
      withdrawn_on: null,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateRole(
  tx: Tx,
  id: number,
  row: { family: string; name: string; description: string; role_type: string; withdrawn_on: string | null; now: string },
) {
  await tx
    .updateTable('capability_roles')
    .set({ family: row.family, name: row.name, description: row.description, role_type: row.role_type, withdrawn_on: row.withdrawn_on, updated_at: row.now })
    .where('id', '=', id)
    .execute();
}

export async function insertRoleLevel(
  tx: Tx,
  row: { organisation_id: number; role_id: number; name: string; name_key: string; description: string; position: number },
) {
  const r = await tx
    .insertInto('capability_role_levels')
    .values({ ...row, withdrawn_on: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateRoleLevel(tx: Tx, id: number, row: { name: string; description: string; position: number; withdrawn_on: string | null }) {
  await tx.updateTable('capability_role_levels').set(row).where('id', '=', id).execute();
}

export async function insertSkill(tx: Tx, row: { organisation_id: number; name: string; name_key: string; description: string; now: string }) {
  const r = await tx
    .insertInto('capability_skills')
    .values({
      organisation_id: row.organisation_id,
      name: row.name,
      name_key: row.name_key,
      description: row.description,
      withdrawn_on: null,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateSkill(
  tx: Tx,
  id: number,
  row: Partial<{
    name: string;
    description: string;
    awareness: string;
    working: string;
    practitioner: string;
    expert: string;
    roles_text: string;
    withdrawn_on: string | null;
  }> & {
    now: string;
  },
) {
  const { now, ...set } = row;
  await tx
    .updateTable('capability_skills')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** A role level's requirements replaced by what the newer file says. */
export async function replaceRequirements(tx: Tx, organisationId: number, levelIds: number[], rows: Insertable<CapabilityRequirementsTable>[]) {
  for (let i = 0; i < levelIds.length; i += 500)
    await tx
      .deleteFrom('capability_requirements')
      .where('organisation_id', '=', organisationId)
      .where('role_level_id', 'in', levelIds.slice(i, i + 500))
      .execute();
  await insertMany(tx, 'capability_requirements', rows, { batch: 200 });
}

export async function recordVersion(
  tx: Tx,
  row: { organisation_id: number; kind: 'roles' | 'skills'; filename: string; imported_at: string; changes_json: string },
) {
  await tx.insertInto('capability_versions').values(row).execute();
}

export const versionsOf = (db: Db | Tx, organisationId: number, limit = 10) =>
  db
    .selectFrom('capability_versions')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'kind', 'filename', 'imported_at', 'changes_json'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
