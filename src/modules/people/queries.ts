import { sql, type Insertable, type Updateable } from 'kysely';
import { insertMany, type Db, type Tx } from '../../platform/index.js';
import type { StaffTable, VacanciesTable } from './tables.js';

export interface StaffFilter {
  text?: string;
  teamId?: number;
  contract?: string;
}

const staffColumns = [
  's.id',
  's.person_id',
  's.name',
  's.email',
  's.job_title',
  's.grade',
  's.team_id',
  's.line_manager_id',
  's.contract',
  's.start_date',
  's.end_date',
  's.day_rate',
  's.annual_cost',
  's.programme',
  's.provider',
  's.location',
  's.working_pattern',
  's.role_level_id',
  's.left_on',
] as const;

/** The department's people in post, by name, a page at a time after the cursor. */
export function staffPage(db: Db, organisationId: number, filter: StaffFilter, after: { n: string; id: number } | null | undefined, limit: number) {
  let q = db
    .selectFrom('staff as s')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .leftJoin('staff as m', 'm.id', 's.line_manager_id')
    .where('s.organisation_id', '=', organisationId)
    .where('s.left_on', 'is', null);
  if (filter.teamId) q = q.where('s.team_id', '=', filter.teamId);
  if (filter.contract) q = q.where('s.contract', '=', filter.contract as StaffTable['contract']);
  if (filter.text) {
    const like = `%${filter.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['s.name']), 'like', like), eb(eb.fn('lower', ['s.job_title']), 'like', like), eb('s.email', 'like', like)]));
  }
  if (after) q = q.where((eb) => eb(eb.refTuple('s.name', 's.id'), '>', eb.tuple(after.n, after.id)));
  return q
    .select([...staffColumns, 't.name as team_name', 'm.name as manager_name'])
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(limit)
    .execute();
}

/** Everyone in post, for the chart, the matrix and the figures: a department is hundreds, not thousands. */
export const staffInPost = (db: Db | Tx, organisationId: number) =>
  db
    .selectFrom('staff as s')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .where('s.organisation_id', '=', organisationId)
    .where('s.left_on', 'is', null)
    .select([...staffColumns, 't.name as team_name'])
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(5000)
    .execute();

export const staffById = (db: Db | Tx, organisationId: number, id: number) =>
  db
    .selectFrom('staff as s')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .leftJoin('staff as m', 'm.id', 's.line_manager_id')
    .where('s.organisation_id', '=', organisationId)
    .where('s.id', '=', id)
    .select([...staffColumns, 't.name as team_name', 'm.name as manager_name', 'm.person_id as manager_person_id', 'm.line_manager_id as managers_manager_id'])
    .executeTakeFirst();

export const staffByPerson = (db: Db | Tx, organisationId: number, personId: number) =>
  db.selectFrom('staff').where('organisation_id', '=', organisationId).where('person_id', '=', personId).select(['id', 'line_manager_id']).executeTakeFirst();

export const staffByEmail = (db: Db | Tx, organisationId: number, email: string) =>
  db.selectFrom('staff').where('organisation_id', '=', organisationId).where('email', '=', email).select(['id', 'name']).executeTakeFirst();

/** Everyone's line manager, the chart's and the loop check's whole input. */
export async function managers(db: Db | Tx, organisationId: number) {
  const rows = await db.selectFrom('staff').where('organisation_id', '=', organisationId).select(['id', 'line_manager_id']).execute();
  return new Map(rows.map((r) => [Number(r.id), r.line_manager_id === null ? null : Number(r.line_manager_id)]));
}

export const reportsOf = (db: Db | Tx, organisationId: number, managerId: number) =>
  db
    .selectFrom('staff')
    .where('organisation_id', '=', organisationId)
    .where('line_manager_id', '=', managerId)
    .where('left_on', 'is', null)
    .select(['id', 'name', 'job_title'])
    .orderBy('name')
    .execute();

/** The Steward user of the organisation with this email, so an HR record and a user are one person. */
export const memberWithEmail = (db: Db | Tx, organisationId: number, email: string) =>
  db
    .selectFrom('people as p')
    .innerJoin('memberships as m', 'm.person_id', 'p.id')
    .where('m.organisation_id', '=', organisationId)
    .where('p.email', '=', email)
    .select(['p.id'])
    .executeTakeFirst();

export async function insertStaff(tx: Tx, row: Insertable<StaffTable>) {
  const r = await tx.insertInto('staff').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateStaff(tx: Tx, organisationId: number, id: number, row: Updateable<StaffTable>) {
  await tx.updateTable('staff').set(row).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export const vacanciesOf = (db: Db | Tx, organisationId: number, open = true) =>
  db
    .selectFrom('vacancies as v')
    .leftJoin('teams as t', 't.id', 'v.team_id')
    .leftJoin('staff as r', 'r.id', 'v.reports_to_id')
    .leftJoin('staff as c', 'c.id', 'v.cover_staff_id')
    .where('v.organisation_id', '=', organisationId)
    .where('v.filled_on', open ? 'is' : 'is not', null)
    .select([
      'v.id',
      'v.title',
      'v.grade',
      'v.team_id',
      'v.reports_to_id',
      'v.role_level_id',
      'v.open_since',
      'v.times_advertised',
      'v.cover_staff_id',
      'v.notes',
      'v.filled_on',
      't.name as team_name',
      'r.name as reports_to_name',
      'c.name as cover_name',
      'c.day_rate as cover_day_rate',
      'c.contract as cover_contract',
    ])
    .orderBy('v.open_since')
    .orderBy('v.id')
    .limit(2000)
    .execute();

export const vacancyById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('vacancies').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertVacancy(tx: Tx, row: Insertable<VacanciesTable>) {
  const r = await tx.insertInto('vacancies').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateVacancy(tx: Tx, organisationId: number, id: number, row: Updateable<VacanciesTable>) {
  await tx.updateTable('vacancies').set(row).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export const jobTitlesOf = (db: Db | Tx, organisationId: number) =>
  db
    .selectFrom('job_title_levels as j')
    .innerJoin('capability_role_levels as l', 'l.id', 'j.role_level_id')
    .innerJoin('capability_roles as r', 'r.id', 'l.role_id')
    .where('j.organisation_id', '=', organisationId)
    .select(['j.id', 'j.job_title', 'j.job_title_key', 'j.grade', 'j.role_level_id', 'l.name as level_name', 'r.name as role_name'])
    .orderBy('j.job_title_key')
    .orderBy('j.grade')
    .execute();

export async function upsertJobTitle(tx: Tx, row: { organisation_id: number; job_title: string; job_title_key: string; grade: string; role_level_id: number }) {
  await tx
    .insertInto('job_title_levels')
    .values(row)
    .onConflict((oc) => oc.columns(['organisation_id', 'job_title_key', 'grade']).doUpdateSet({ job_title: row.job_title, role_level_id: row.role_level_id }))
    .execute();
}

export async function deleteJobTitle(tx: Tx, organisationId: number, id: number) {
  await tx.deleteFrom('job_title_levels').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Every role level with its role's name, for selects and the matrix. */
export const roleLevelNames = (db: Db | Tx, organisationId: number) =>
  db
    .selectFrom('capability_role_levels as l')
    .innerJoin('capability_roles as r', 'r.id', 'l.role_id')
    .where('l.organisation_id', '=', organisationId)
    .select(['l.id', 'l.name', 'l.position', 'l.withdrawn_on', 'r.id as role_id', 'r.name as role_name', 'r.family'])
    .orderBy('r.family')
    .orderBy('r.name')
    .orderBy('l.position')
    .execute();

export const skillNames = (db: Db | Tx, organisationId: number) =>
  db.selectFrom('capability_skills').where('organisation_id', '=', organisationId).select(['id', 'name', 'withdrawn_on']).orderBy('name_key').execute();

export const requirements = (db: Db | Tx, organisationId: number) =>
  db.selectFrom('capability_requirements').where('organisation_id', '=', organisationId).select(['role_level_id', 'skill_id', 'level']).execute();

export const staffSkillsOf = (db: Db | Tx, organisationId: number, staffIds?: number[]) => {
  let q = db.selectFrom('staff_skills').where('organisation_id', '=', organisationId);
  if (staffIds) q = q.where('staff_id', 'in', staffIds.length ? staffIds : [0]);
  return q.select(['staff_id', 'skill_id', 'self_level', 'agreed_level']).execute();
};

export async function setStaffSkills(
  tx: Tx,
  organisationId: number,
  staffId: number,
  rows: { skill_id: number; self_level?: number | null; agreed_level?: number | null }[],
  now: string,
) {
  for (const r of rows) {
    const set = {
      ...(r.self_level !== undefined ? { self_level: r.self_level } : {}),
      ...(r.agreed_level !== undefined ? { agreed_level: r.agreed_level } : {}),
      updated_at: now,
    };
    await tx
      .insertInto('staff_skills')
      .values({
        organisation_id: organisationId,
        staff_id: staffId,
        skill_id: r.skill_id,
        self_level: r.self_level ?? null,
        agreed_level: r.agreed_level ?? null,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['staff_id', 'skill_id']).doUpdateSet(set))
      .execute();
  }
}

export const insertStaffSkills = (
  tx: Tx,
  rows: { organisation_id: number; staff_id: number; skill_id: number; self_level: number | null; agreed_level: number | null; updated_at: string }[],
) => insertMany(tx, 'staff_skills', rows, { batch: 300, ignoreConflictOn: ['staff_id', 'skill_id'] });

export const supportersOf = (db: Db | Tx, organisationId: number) =>
  db
    .selectFrom('system_supporters as x')
    .innerJoin('staff as s', 's.id', 'x.staff_id')
    .where('x.organisation_id', '=', organisationId)
    .where('s.left_on', 'is', null)
    .select(['x.system_id', 'x.staff_id', 's.name'])
    .execute();

export const supportersOfSystem = (db: Db | Tx, organisationId: number, systemId: number) =>
  db
    .selectFrom('system_supporters as x')
    .innerJoin('staff as s', 's.id', 'x.staff_id')
    .where('x.organisation_id', '=', organisationId)
    .where('x.system_id', '=', systemId)
    .where('s.left_on', 'is', null)
    .select(['s.id', 's.name', 's.job_title'])
    .orderBy('s.name')
    .execute();

export const systemIdsSupportedBy = async (db: Db | Tx, organisationId: number, staffId: number) =>
  (await db.selectFrom('system_supporters').where('organisation_id', '=', organisationId).where('staff_id', '=', staffId).select('system_id').execute()).map(
    (r) => Number(r.system_id),
  );

export async function addSupporter(tx: Tx, row: { organisation_id: number; system_id: number; staff_id: number }) {
  await tx
    .insertInto('system_supporters')
    .values(row)
    .onConflict((oc) => oc.columns(['system_id', 'staff_id']).doNothing())
    .execute();
}

export async function removeSupporter(tx: Tx, organisationId: number, systemId: number, staffId: number) {
  await tx
    .deleteFrom('system_supporters')
    .where('organisation_id', '=', organisationId)
    .where('system_id', '=', systemId)
    .where('staff_id', '=', staffId)
    .execute();
}

export const emailOfPerson = async (db: Db | Tx, personId: number) =>
  (await db.selectFrom('people').where('id', '=', personId).select('email').executeTakeFirst())?.email;

/** Moves the organisation's people version: every write to people, skills, job titles or the framework calls it in its transaction. */
export async function peopleChanged(tx: Tx, organisationId: number) {
  await tx
    .insertInto('people_versions')
    .values({ organisation_id: organisationId, version: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ version: sql`people_versions.version + 1` }))
    .execute();
}

export async function peopleVersion(db: Db, organisationId: number) {
  const r = await db.selectFrom('people_versions').where('organisation_id', '=', organisationId).select('version').executeTakeFirst();
  return Number(r?.version ?? 0);
}

export const staffIdOfPerson = async (db: Db | Tx, organisationId: number, personId: number) => {
  const r = await db.selectFrom('staff').where('organisation_id', '=', organisationId).where('person_id', '=', personId).select('id').executeTakeFirst();
  return r ? Number(r.id) : null;
};

export const developmentOf = (db: Db | Tx, organisationId: number, staffId: number) =>
  db
    .selectFrom('development_items as d')
    .leftJoin('capability_skills as k', 'k.id', 'd.skill_id')
    .where('d.organisation_id', '=', organisationId)
    .where('d.staff_id', '=', staffId)
    .select(['d.id', 'd.skill_id', 'k.name as skill_name', 'd.target_level', 'd.activity', 'd.kind', 'd.due_on', 'd.completed_on', 'd.cost'])
    .orderBy('d.completed_on', 'desc')
    .orderBy('d.due_on')
    .orderBy('d.id')
    .limit(500)
    .execute();

export const developmentItemById = (db: Db | Tx, organisationId: number, id: number) =>
  db.selectFrom('development_items').where('organisation_id', '=', organisationId).where('id', '=', id).selectAll().executeTakeFirst();

export async function insertDevelopmentItem(
  tx: Tx,
  row: {
    organisation_id: number;
    staff_id: number;
    skill_id: number | null;
    target_level: number | null;
    activity: string;
    kind: string;
    due_on: string | null;
    cost: number | null;
    created_at: string;
  },
) {
  const r = await tx
    .insertInto('development_items')
    .values({ ...row, completed_on: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function completeDevelopmentItem(tx: Tx, organisationId: number, id: number, on: string) {
  await tx.updateTable('development_items').set({ completed_on: on }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/** Spend in a year (April to March) on development done or booked in it: by the day done, else the day due. */
export async function trainingSpend(db: Db | Tx, organisationId: number, from: string, to: string) {
  const rows = await db
    .selectFrom('development_items')
    .where('organisation_id', '=', organisationId)
    .where('cost', 'is not', null)
    .select(['cost', 'completed_on', 'due_on'])
    .limit(100_000)
    .execute();
  // Done is spent; planned (by its due day) is booked.
  const sums = { done: 0, booked: 0 };
  for (const r of rows) {
    const day = String(r.completed_on ?? r.due_on ?? '');
    if (day >= from && day < to) sums[r.completed_on ? 'done' : 'booked'] += Number(r.cost);
  }
  return sums;
}

export const trainingBudget = async (db: Db | Tx, organisationId: number, year: number) => {
  const r = await db.selectFrom('training_budgets').where('organisation_id', '=', organisationId).where('year', '=', year).select('amount').executeTakeFirst();
  return r ? Number(r.amount) : null;
};

export async function setTrainingBudget(tx: Tx, organisationId: number, year: number, amount: number) {
  await tx
    .insertInto('training_budgets')
    .values({ organisation_id: organisationId, year, amount })
    .onConflict((oc) => oc.columns(['organisation_id', 'year']).doUpdateSet({ amount }))
    .execute();
}

export const certificationsOf = (db: Db | Tx, organisationId: number, staffId: number) =>
  db
    .selectFrom('certifications')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .select(['id', 'name', 'awarded_on', 'expires_on'])
    .orderBy('expires_on')
    .orderBy('id')
    .limit(200)
    .execute();

/** Certifications of people in post that run out by `by` (or have already), soonest first. */
export const certificationsRunningOut = (db: Db | Tx, organisationId: number, by: string) =>
  db
    .selectFrom('certifications as c')
    .innerJoin('staff as s', 's.id', 'c.staff_id')
    .where('c.organisation_id', '=', organisationId)
    .where('s.left_on', 'is', null)
    .where('c.expires_on', 'is not', null)
    .where('c.expires_on', '<=', by)
    .select(['c.id', 'c.name', 'c.expires_on', 's.id as staff_id', 's.name as staff_name'])
    .orderBy('c.expires_on')
    .limit(200)
    .execute();

export async function insertCertification(
  tx: Tx,
  row: { organisation_id: number; staff_id: number; name: string; awarded_on: string | null; expires_on: string | null; created_at: string },
) {
  const r = await tx.insertInto('certifications').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Certifications of people in post, in every organisation, running out between the two days. */
export const certificationsDue = (db: Db, from: string, to: string) =>
  db
    .selectFrom('certifications as c')
    .innerJoin('staff as s', 's.id', 'c.staff_id')
    .leftJoin('staff as m', 'm.id', 's.line_manager_id')
    .where('c.expires_on', '>=', from)
    .where('c.expires_on', '<=', to)
    .where('s.left_on', 'is', null)
    .select([
      'c.id',
      'c.organisation_id',
      'c.name',
      'c.expires_on',
      's.id as staff_id',
      's.name as staff_name',
      's.person_id',
      'm.person_id as manager_person_id',
    ])
    .orderBy('c.id')
    .execute();

export async function recordReminder(tx: Tx, row: { certification_id: number; lead_days: number; expires_on: string; at: string }) {
  const r = await tx
    .insertInto('certification_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['certification_id', 'lead_days', 'expires_on']).doNothing())
    .returning('certification_id')
    .executeTakeFirst();
  return !!r;
}

/** A staff record's line manager and that manager's manager (those in post), as Steward users. */
export const managerPersonIds = (db: Db | Tx, organisationId: number, staffId: number) =>
  db
    .selectFrom('staff as s')
    .leftJoin('staff as m', (j) => j.onRef('m.id', '=', 's.line_manager_id').on('m.left_on', 'is', null))
    .leftJoin('staff as mm', (j) => j.onRef('mm.id', '=', 'm.line_manager_id').on('mm.left_on', 'is', null))
    .where('s.organisation_id', '=', organisationId)
    .where('s.id', '=', staffId)
    .select(['m.person_id as manager', 'mm.person_id as managers_manager'])
    .executeTakeFirst();

/** How many are in post and how many posts are vacant: the vacancy rate. */
export async function postsFilled(db: Db, organisationId: number) {
  const [staff, vacant] = await Promise.all([
    db
      .selectFrom('staff')
      .where('organisation_id', '=', organisationId)
      .where('left_on', 'is', null)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('vacancies')
      .where('organisation_id', '=', organisationId)
      .where('filled_on', 'is', null)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
  ]);
  return { inPost: Number(staff?.n ?? 0), vacant: Number(vacant?.n ?? 0) };
}
