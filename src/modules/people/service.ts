import { nowIso } from '../../db/columns.js';
import { auditedWrite, can, dict, keptUntilChanged, NotFoundError, own, UserError, type Actor, type Db, type Identity } from '../../platform/index.js';
import { findTeam, focusKind, focusName, teamsOf } from '../teams/index.js';
import { systemNamesByIds, systemsLookedAfter } from '../estate/index.js';
import { people } from './abilities.js';
import * as q from './queries.js';
import {
  nameKey,
  skillsMatrix,
  levelName as levelNameOf,
  levelNumber,
  timeOpen,
  wouldLoop,
  shareMet,
  skillLevels,
  heldLevel,
  reliedOn,
  type SkillLevel,
} from './rules.js';
import { recordDevelopmentTraining, trainingKinds, type TrainingKind } from '../training/index.js';
import { isContractor, type CertificationInput, type DevelopmentInput, type StaffInput, type VacancyInput } from './schemas.js';
import { layOutChart, chartTree, type ChartNode } from './org-chart.js';

export const today = () => nowIso().slice(0, 10);
/** Working days in a year, to turn a day rate into a year's cost beside employees' annual cost. */
export const workingDaysAYear = 220;

const staffRow = (v: StaffInput) => ({
  name: v.name,
  email: v.email,
  job_title: v.jobTitle,
  grade: v.grade,
  team_id: v.teamId,
  line_manager_id: v.lineManagerId,
  contract: v.contract,
  start_date: v.startDate,
  end_date: v.endDate,
  day_rate: v.dayRate,
  annual_cost: v.annualCost,
  programme: v.programme,
  provider: v.provider,
  location: v.location,
  working_pattern: v.workingPattern,
  role_level_id: v.roleLevelId,
});

async function checkStaff(db: Db, organisationId: number, id: number | null, v: StaffInput) {
  if (v.email) {
    const same = await q.staffByEmail(db, organisationId, v.email);
    if (same && Number(same.id) !== id) throw new UserError(`${same.name} already has the email address ${v.email}`, { field: 'email', status: 409 });
  }
  if (id !== null && v.lineManagerId === id) throw new UserError('Someone cannot be their own line manager', { field: 'lineManagerId' });
  if (id !== null && wouldLoop(await q.managers(db, organisationId), id, v.lineManagerId))
    throw new UserError('That line manager reports, through others, to this person: choose someone else', { field: 'lineManagerId' });
}

/** A new member of the department; a Steward user with the same email is the same person, not a copy. */
export async function recordStaff(db: Db, actor: Actor, organisationId: number, v: StaffInput) {
  await checkStaff(db, organisationId, null, v);
  const person = v.email ? await q.memberWithEmail(db, organisationId, v.email) : undefined;
  const now = nowIso();
  return auditedWrite(db, actor, async (tx, audit) => {
    const row = {
      organisation_id: organisationId,
      person_id: person ? Number(person.id) : null,
      ...staffRow(v),
      left_on: null,
      created_at: now,
      updated_at: now,
    };
    const id = await q.insertStaff(tx, row);
    await q.peopleChanged(tx, organisationId);
    await audit.created('staff', id, staffRow(v), `Added ${v.name} to the department`, organisationId);
    return id;
  });
}

export async function changeStaff(db: Db, actor: Actor, organisationId: number, id: number, v: StaffInput) {
  const before = await q.staffById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such person in the department');
  await checkStaff(db, organisationId, id, v);
  const person = v.email ? await q.memberWithEmail(db, organisationId, v.email) : undefined;
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateStaff(tx, organisationId, id, { ...staffRow(v), person_id: person ? Number(person.id) : before.person_id, updated_at: nowIso() });
    await q.peopleChanged(tx, organisationId);
    const was = {
      name: before.name,
      email: before.email,
      job_title: before.job_title,
      grade: before.grade,
      team_id: before.team_id,
      line_manager_id: before.line_manager_id,
      contract: before.contract,
      role_level_id: before.role_level_id,
    };
    await audit.updated('staff', id, was, staffRow(v), `Changed ${v.name}’s record`, organisationId);
  });
}

export async function recordLeaver(db: Db, actor: Actor, organisationId: number, id: number, leftOn: string) {
  const s = await q.staffById(db, organisationId, id);
  if (!s) throw new NotFoundError('There is no such person in the department');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateStaff(tx, organisationId, id, { left_on: leftOn, updated_at: nowIso() });
    await q.peopleChanged(tx, organisationId);
    await audit.updated('staff', id, { left_on: s.left_on }, { left_on: leftOn }, `Recorded that ${s.name} left`, organisationId);
  });
}

const vacancyRow = (v: VacancyInput) => ({
  title: v.title,
  grade: v.grade,
  team_id: v.teamId,
  reports_to_id: v.reportsToId,
  role_level_id: v.roleLevelId,
  open_since: v.openSince,
  times_advertised: v.timesAdvertised,
  cover_staff_id: v.coverStaffId,
  notes: v.notes,
});

export async function recordVacancy(db: Db, actor: Actor, organisationId: number, v: VacancyInput) {
  if (v.openSince > today()) throw new UserError('A post cannot become vacant after today', { field: 'openSince' });
  const now = nowIso();
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertVacancy(tx, { organisation_id: organisationId, ...vacancyRow(v), filled_on: null, created_at: now, updated_at: now });
    await audit.created('vacancy', id, vacancyRow(v), `Recorded the vacant post ${v.title}`, organisationId);
    return id;
  });
}

export async function changeVacancy(db: Db, actor: Actor, organisationId: number, id: number, v: VacancyInput) {
  const before = await q.vacancyById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such vacancy');
  if (v.openSince > today()) throw new UserError('A post cannot become vacant after today', { field: 'openSince' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateVacancy(tx, organisationId, id, { ...vacancyRow(v), updated_at: nowIso() });
    await audit.updated(
      'vacancy',
      id,
      { title: before.title, times_advertised: before.times_advertised, cover_staff_id: before.cover_staff_id },
      vacancyRow(v),
      `Changed the vacant post ${v.title}`,
      organisationId,
    );
  });
}

export async function fillVacancy(db: Db, actor: Actor, organisationId: number, id: number, filledOn: string) {
  const v = await q.vacancyById(db, organisationId, id);
  if (!v) throw new NotFoundError('There is no such vacancy');
  if (v.filled_on) throw new UserError('This post has already been filled', { field: 'filledOn' });
  if (filledOn < String(v.open_since)) throw new UserError('A post is filled on or after the day it became vacant', { field: 'filledOn' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateVacancy(tx, organisationId, id, { filled_on: filledOn, updated_at: nowIso() });
    await audit.updated('vacancy', id, { filled_on: null }, { filled_on: filledOn }, `Filled the post ${v.title}`, organisationId);
  });
}

export async function mapJobTitle(db: Db, actor: Actor, organisationId: number, v: { jobTitle: string; grade: string; roleLevelId: number }) {
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.upsertJobTitle(tx, {
      organisation_id: organisationId,
      job_title: v.jobTitle,
      job_title_key: nameKey(v.jobTitle),
      grade: v.grade,
      role_level_id: v.roleLevelId,
    });
    await audit.created(
      'job_title_level',
      nameKey(v.jobTitle),
      v,
      `Mapped the job title ${v.jobTitle}${v.grade ? ` (${v.grade})` : ''} to a framework role level`,
      organisationId,
    );
  });
}

export async function unmapJobTitle(db: Db, actor: Actor, organisationId: number, id: number) {
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.deleteJobTitle(tx, organisationId, id);
    await q.peopleChanged(tx, organisationId);
    await audit.deleted('job_title_level', id, {}, 'Removed a job title’s mapping to the framework', organisationId);
  });
}

/** The role level a person's job is: set for them, else their job title and grade, else their job title at any grade. */
export function roleLevelResolver(mappings: { job_title_key: string; grade: string; role_level_id: number }[]) {
  const byTitle = new Map(mappings.map((m) => [`${m.job_title_key}\u0000${nameKey(m.grade)}`, Number(m.role_level_id)]));
  return (s: { role_level_id: number | null; job_title: string; grade: string }) =>
    s.role_level_id !== null
      ? Number(s.role_level_id)
      : (byTitle.get(`${nameKey(s.job_title)}\u0000${nameKey(s.grade)}`) ?? byTitle.get(`${nameKey(s.job_title)}\u0000`) ?? null);
}

/** Who a staff record's managers are as Steward users: the line manager and theirs may read and agree. */
export async function managerPeopleOf(db: Db, organisationId: number, staffId: number) {
  const r = await q.managerPersonIds(db, organisationId, staffId);
  return [r?.manager, r?.managers_manager].filter((p): p is number => p !== null && p !== undefined).map(Number);
}

/**
 * A person's skill levels: as they see them (only they may say), or as agreed with their manager
 * (their line manager, that manager's manager, or a manager of the department).
 */
export async function assessSkills(
  db: Db,
  actor: Actor,
  identity: Identity,
  staffId: number,
  as: 'self' | 'agreed',
  levels: { skillId: number; level: SkillLevel | null }[],
) {
  const organisationId = identity.organisation.id;
  const s = await q.staffById(db, organisationId, staffId);
  if (!s) throw new NotFoundError('There is no such person in the department');
  const allowed =
    as === 'self'
      ? can(identity, people.assessOwn, { personId: s.person_id === null ? null : Number(s.person_id) })
      : can(identity, people.manage) || can(identity, people.agreeLevels, { managerPersonIds: await managerPeopleOf(db, organisationId, staffId) });
  if (!allowed)
    throw new UserError(
      as === 'self' ? 'Only the person themselves can say what level they see themselves at' : 'Only their line manager can agree their levels',
      { status: 403 },
    );
  await recordSkillLevels(db, actor, organisationId, { id: staffId, name: s.name }, as, levels);
}

/** Writes a person's levels once who may has been settled (by `assessSkills`, or the demo loader). */
export async function recordSkillLevels(
  db: Db,
  actor: Actor,
  organisationId: number,
  staff: { id: number; name: string },
  as: 'self' | 'agreed',
  levels: { skillId: number; level: SkillLevel | null }[],
) {
  const rows = levels.map((l) => ({ skill_id: l.skillId, [as === 'self' ? 'self_level' : 'agreed_level']: l.level ? levelNumber(l.level) : null }));
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setStaffSkills(tx, organisationId, staff.id, rows, nowIso());
    await q.peopleChanged(tx, organisationId);
    await audit.updated(
      'staff_skills',
      staff.id,
      {},
      { as, skills: levels.length },
      `Recorded ${staff.name}’s skill levels ${as === 'self' ? 'as they see them' : 'as agreed'}`,
      organisationId,
    );
  });
}

export async function addSupport(db: Db, actor: Actor, organisationId: number, staffId: number, systemId: number) {
  const s = await q.staffById(db, organisationId, staffId);
  if (!s) throw new NotFoundError('There is no such person in the department');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.addSupporter(tx, { organisation_id: organisationId, system_id: systemId, staff_id: staffId });
    await audit.created(
      'system_supporter',
      `${systemId}:${staffId}`,
      { system_id: systemId, staff_id: staffId },
      `Recorded that ${s.name} can support a system`,
      organisationId,
    );
  });
}

export async function removeSupport(db: Db, actor: Actor, organisationId: number, staffId: number, systemId: number) {
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.removeSupporter(tx, organisationId, systemId, staffId);
    await audit.deleted(
      'system_supporter',
      `${systemId}:${staffId}`,
      { system_id: systemId, staff_id: staffId },
      'Removed someone from a system’s supporters',
      organisationId,
    );
  });
}

/**
 * The skills matrix of the department or of one team. The department's is kept until anything it
 * is worked out from changes (`peopleChanged`); a team's is small enough to work out each time.
 * Team names come fresh, since a team is renamed without the people's version moving.
 */
export async function matrixOf(db: Db, organisationId: number, teamId?: number) {
  if (teamId) return workOutMatrix(db, organisationId, teamId);
  const [m, teams] = await Promise.all([departmentMatrix(db, organisationId, today()), teamsOf(db, organisationId)]);
  const names = new Map(teams.map((t) => [Number(t.id), t.name]));
  return { ...m, people: m.people.map((p) => ({ ...p, team_name: p.team_id === null ? null : (names.get(Number(p.team_id)) ?? null) })) };
}

const departmentMatrix = keptUntilChanged(q.peopleVersion, (db, organisationId) => workOutMatrix(db, organisationId));

/** Everything the matrix needs, in five queries, and the matrix. */
async function workOutMatrix(db: Db, organisationId: number, teamId?: number) {
  const [staff, mappings, levels, skills, reqs] = await Promise.all([
    q.staffInPost(db, organisationId),
    q.jobTitlesOf(db, organisationId),
    q.roleLevelNames(db, organisationId),
    q.skillNames(db, organisationId),
    q.requirements(db, organisationId),
  ]);
  const levelOf = roleLevelResolver(mappings);
  const shown = staff.filter((s) => !teamId || Number(s.team_id) === teamId);
  const assessed = await q.staffSkillsOf(db, organisationId, teamId ? shown.map((s) => Number(s.id)) : undefined);
  const requirements = new Map<number, Map<number, number>>();
  for (const r of reqs) {
    const m = requirements.get(Number(r.role_level_id)) ?? new Map<number, number>();
    m.set(Number(r.skill_id), Number(r.level));
    requirements.set(Number(r.role_level_id), m);
  }
  const byStaff = new Map<number, Map<number, { self_level: number | null; agreed_level: number | null }>>();
  for (const a of assessed) {
    const m = byStaff.get(Number(a.staff_id)) ?? new Map();
    m.set(Number(a.skill_id), { self_level: a.self_level, agreed_level: a.agreed_level });
    byStaff.set(Number(a.staff_id), m);
  }
  const rows = shown.map((s) => ({ ...s, id: Number(s.id), roleLevelId: levelOf(s) }));
  // The skills the people shown need or hold: a matrix of every skill in the framework is mostly empty columns.
  const used = new Set<number>();
  for (const p of rows) {
    for (const k of requirements.get(p.roleLevelId ?? -1)?.keys() ?? []) used.add(k);
    for (const k of byStaff.get(p.id)?.keys() ?? []) used.add(k);
  }
  const columns = skills.filter((s) => used.has(Number(s.id))).map((s) => ({ id: Number(s.id), name: s.name }));
  const m = skillsMatrix({ people: rows, skills: columns, requirements, assessed: byStaff });
  const levelName = new Map(levels.map((l) => [Number(l.id), `${l.role_name}: ${l.name}`]));
  return { people: rows.map((p) => ({ ...p, roleLevel: p.roleLevelId ? (levelName.get(p.roleLevelId) ?? null) : null })), skills: columns, matrix: m };
}

/** Each system a team looks after, with who can support it: those supported by one person or none are the risk. */
export async function supportCover(db: Db, organisationId: number) {
  const [systems, supporters] = await Promise.all([systemsLookedAfter(db, organisationId), q.supportersOf(db, organisationId)]);
  const bySystem = new Map<number, { id: number; name: string }[]>();
  for (const s of supporters) bySystem.set(Number(s.system_id), [...(bySystem.get(Number(s.system_id)) ?? []), { id: Number(s.staff_id), name: s.name }]);
  return systems.map((s) => ({
    id: Number(s.id),
    name: s.name,
    teamId: Number(s.team_id),
    criticality: s.criticality,
    supporters: bySystem.get(Number(s.id)) ?? [],
  }));
}

export async function systemsOfStaff(db: Db, organisationId: number, staffId: number) {
  return systemNamesByIds(db, organisationId, await q.systemIdsSupportedBy(db, organisationId, staffId));
}

/** The organisation chart of everyone in post and the open vacancies, as a picture and as a list. */
export async function orgChart(db: Db, organisationId: number) {
  const [staff, vacancies] = await Promise.all([q.staffInPost(db, organisationId), q.vacanciesOf(db, organisationId)]);
  const inPost = new Set(staff.map((s) => Number(s.id)));
  const nodes: ChartNode[] = [
    ...staff.map((s) => ({
      key: `s${s.id}`,
      parent: s.line_manager_id !== null && inPost.has(Number(s.line_manager_id)) ? `s${s.line_manager_id}` : null,
      label: s.name,
      detail: s.job_title || 'Job title not recorded',
      vacancy: false,
      href: `/people/staff/${s.id}`,
    })),
    ...vacancies.map((v) => ({
      key: `v${v.id}`,
      parent: v.reports_to_id !== null && inPost.has(Number(v.reports_to_id)) ? `s${v.reports_to_id}` : null,
      label: `Vacant: ${v.title}`,
      detail: `Open ${timeOpen(String(v.open_since), today()).text}`,
      vacancy: true,
      href: `/people/vacancies#vacancy-${v.id}`,
    })),
  ];
  return { picture: layOutChart(nodes), list: chartTree(nodes), people: staff.length, vacancies: vacancies.length };
}

/** The department in figures other modules use: vacancy rate, time vacant, skills met, apprentices, contractors' share of cost. */
export async function departmentFigures(db: Db, organisationId: number, on = today()) {
  const [staff, vacancies, m] = await Promise.all([q.staffInPost(db, organisationId), q.vacanciesOf(db, organisationId), matrixOf(db, organisationId)]);
  const established = staff.filter((s) => !isContractor(s.contract)).length;
  const open = vacancies.map((v) => timeOpen(String(v.open_since), on));
  const yearCost = (s: { contract: string; day_rate: number | null; annual_cost: number | null }) =>
    isContractor(s.contract) ? (s.day_rate === null ? null : Number(s.day_rate) * workingDaysAYear) : s.annual_cost === null ? null : Number(s.annual_cost);
  const costs = staff.map((s) => ({ contractor: isContractor(s.contract), cost: yearCost(s) }));
  const known = costs.filter((c) => c.cost !== null);
  const total = known.reduce((n, c) => n + c.cost!, 0);
  const contractors = known.filter((c) => c.contractor).reduce((n, c) => n + c.cost!, 0);
  const training = await trainingMoney(db, organisationId, staff.length, on);
  return {
    training,
    trainingSpendPerHead: training.perHead,
    people: staff.length,
    employees: established,
    contractors: staff.filter((s) => isContractor(s.contract)).length,
    apprentices: staff.filter((s) => s.contract === 'apprentice').length,
    graduates: staff.filter((s) => s.contract === 'graduate').length,
    vacancies: vacancies.length,
    /** Open posts as a share of the establishment (employees in post and open posts), in whole per cent. */
    vacancyRate: established + vacancies.length ? Math.round((vacancies.length / (established + vacancies.length)) * 100) : null,
    longestVacantDays: open.length ? Math.max(...open.map((o) => o.days)) : null,
    averageVacantDays: open.length ? Math.round(open.reduce((n, o) => n + o.days, 0) / open.length) : null,
    vacantOverAYear: open.filter((o) => o.overAYear).length,
    requiredSkillsMet: shareMet(m.matrix.metCount, m.matrix.requiredCount),
    contractorsShareOfCost: total ? Math.round((contractors / total) * 100) : null,
    costsKnownFor: known.length,
  };
}

export async function teamsWithPeople(db: Db, organisationId: number) {
  const [teams, staff, cover] = await Promise.all([teamsOf(db, organisationId), q.staffInPost(db, organisationId), supportCover(db, organisationId)]);
  return teams.map((t) => {
    const members = staff.filter((s) => Number(s.team_id) === Number(t.id));
    const systems = cover.filter((c) => c.teamId === Number(t.id));
    return {
      ...t,
      id: Number(t.id),
      focusName: focusName(t.focus),
      focusKind: focusKind(t.focus),
      members,
      lead: staff.find((s) => Number(s.id) === Number(t.lead_staff_id)) ?? null,
      systems,
      unsupported: systems.filter((s) => s.supporters.length === 0).length,
      onePerson: systems.filter((s) => s.supporters.length === 1).length,
    };
  });
}

export async function teamOf(db: Db, organisationId: number, teamId: number) {
  const team = await findTeam(db, organisationId, teamId);
  if (!team) throw new NotFoundError('There is no such team');
  return (await teamsWithPeople(db, organisationId)).find((t) => t.id === teamId)!;
}

export { heldLevel, reliedOn };

/** A person's skills: each their role level needs or they hold, with their own view, the agreed level and whether they are short. */
export async function personSkills(db: Db, identity: Identity, staffId: number) {
  const orgId = identity.organisation.id;
  const s = await q.staffById(db, orgId, staffId);
  if (!s) throw new NotFoundError('There is no such person in the department');
  const [mappings, levels, skills, reqs, assessed] = await Promise.all([
    q.jobTitlesOf(db, orgId),
    q.roleLevelNames(db, orgId),
    q.skillNames(db, orgId),
    q.requirements(db, orgId),
    q.staffSkillsOf(db, orgId, [staffId]),
  ]);
  const levelId = roleLevelResolver(mappings)(s);
  const level = levels.find((l) => Number(l.id) === levelId);
  const needs = new Map(reqs.filter((r) => Number(r.role_level_id) === levelId).map((r) => [Number(r.skill_id), Number(r.level)]));
  const mine = new Map(assessed.map((a) => [Number(a.skill_id), a]));
  const rows = skills
    .filter((k) => needs.has(Number(k.id)) || mine.has(Number(k.id)))
    .map((k) => {
      const a = mine.get(Number(k.id));
      const required = needs.get(Number(k.id)) ?? null;
      const held = heldLevel(a);
      return {
        id: Number(k.id),
        name: k.name,
        required: required ? levelNameOf(required) : 'Not needed by the role',
        self: levelNameOf(a?.self_level),
        agreed: levelNameOf(a?.agreed_level),
        selfKey: a?.self_level ? (skillLevels[a.self_level - 1] ?? '') : '',
        agreedKey: a?.agreed_level ? (skillLevels[a.agreed_level - 1] ?? '') : '',
        gap: required !== null && (held ?? 0) < required,
      };
    });
  const managerPeople = await managerPeopleOf(db, orgId, staffId);
  return {
    staff: s,
    // A level named as its role (the framework often does) is said once.
    roleLevel: level ? (level.name === level.role_name ? level.name : `${level.role_name}: ${level.name}`) : null,
    roleLevelSetOn: s.role_level_id !== null ? 'person' : levelId ? 'job title' : null,
    skillRows: rows,
    gaps: rows.filter((r) => r.gap).length,
    mayAssessSelf: can(identity, people.assessOwn, { personId: s.person_id === null ? null : Number(s.person_id) }),
    mayAgree: can(identity, people.manage) || can(identity, people.agreeLevels, { managerPersonIds: managerPeople }),
    /** Everything the framework holds, for adding a skill the role does not list. */
    otherSkills: skills.filter((k) => !needs.has(Number(k.id)) && !mine.has(Number(k.id))).map((k) => ({ id: Number(k.id), name: k.name })),
  };
}

/** The year a day falls in, by the April it starts: a council's financial year. */
export const financialYearOf = (day: string) => Number(day.slice(0, 4)) - (day.slice(5, 7) < '04' ? 1 : 0);

/** Who may plan someone's development: the person, their line managers, or a manager of the department. */
async function mayPlanFor(db: Db, identity: Identity, staffId: number) {
  const s = await q.staffById(db, identity.organisation.id, staffId);
  if (!s) throw new NotFoundError('There is no such person in the department');
  const allowed =
    can(identity, people.manage) ||
    can(identity, people.assessOwn, { personId: s.person_id === null ? null : Number(s.person_id) }) ||
    can(identity, people.agreeLevels, { managerPersonIds: await managerPeopleOf(db, identity.organisation.id, staffId) });
  return { staff: s, allowed };
}

export async function personDevelopment(db: Db, identity: Identity, staffId: number) {
  const [{ allowed }, items, certifications] = await Promise.all([
    mayPlanFor(db, identity, staffId),
    q.developmentOf(db, identity.organisation.id, staffId),
    q.certificationsOf(db, identity.organisation.id, staffId),
  ]);
  const soon = new Date(Date.now() + certificationNoticeDays * 86_400_000).toISOString().slice(0, 10);
  return {
    mayPlan: allowed,
    certifications: certifications.map((c) => ({
      ...c,
      id: Number(c.id),
      state: !c.expires_on ? 'lasting' : String(c.expires_on) < today() ? 'expired' : String(c.expires_on) <= soon ? 'soon' : 'current',
    })),
    development: items.map((d) => ({
      ...d,
      id: Number(d.id),
      kindName: own(developmentKindNames, d.kind) ?? d.kind,
      target: d.target_level ? levelNameOf(d.target_level) : null,
      cost: d.cost === null ? null : Number(d.cost),
    })),
    kindItems: Object.entries(trainingKinds).map(([value, text]) => ({ value, text })),
  };
}
const developmentKindNames = dict<string>(Object.entries(trainingKinds));

export async function planDevelopment(db: Db, actor: Actor, identity: Identity, staffId: number, v: DevelopmentInput) {
  const { staff, allowed } = await mayPlanFor(db, identity, staffId);
  if (!allowed) throw new UserError('Only they, their line manager or a manager of the department can plan their development', { status: 403 });
  const orgId = identity.organisation.id;
  await auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertDevelopmentItem(tx, {
      organisation_id: orgId,
      staff_id: staffId,
      skill_id: v.skillId,
      target_level: v.targetLevel ? levelNumber(v.targetLevel) : null,
      activity: v.activity,
      kind: v.kind,
      due_on: v.dueOn,
      cost: v.cost,
      created_at: nowIso(),
    });
    await audit.created(
      'development_item',
      id,
      { staff_id: staffId, kind: v.kind, activity: v.activity, cost: v.cost },
      `Planned ${v.activity} for ${staff.name}`,
      orgId,
    );
  });
}

/** Records a development item done, on the day given (today, from the page; the demo says when). */
export async function completeDevelopment(db: Db, actor: Actor, identity: Identity, itemId: number, on = today()) {
  const orgId = identity.organisation.id;
  const item = await q.developmentItemById(db, orgId, itemId);
  if (!item) throw new NotFoundError('There is no such development item');
  const { staff, allowed } = await mayPlanFor(db, identity, Number(item.staff_id));
  if (!allowed) throw new UserError('Only they, their line manager or a manager of the department can record it done', { status: 403 });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.completeDevelopmentItem(tx, orgId, itemId, on);
    await recordDevelopmentTraining(tx, orgId, {
      email: staff.email,
      name: staff.name,
      team: staff.team_name ?? '',
      activity: item.activity,
      kind: item.kind as TrainingKind,
      completedOn: on,
      cost: item.cost === null ? null : Number(item.cost),
      developmentItemId: itemId,
    });
    await audit.updated(
      'development_item',
      itemId,
      { completed_on: item.completed_on },
      { completed_on: on },
      `Recorded ${item.activity} as done for ${staff.name}`,
      orgId,
    );
  });
  return Number(item.staff_id);
}

export async function setBudget(db: Db, actor: Actor, organisationId: number, v: { year: number; amount: number }) {
  const before = await q.trainingBudget(db, organisationId, v.year);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.setTrainingBudget(tx, organisationId, v.year, v.amount);
    await audit.updated(
      'training_budget',
      v.year,
      { amount: before },
      { amount: v.amount },
      `Set the training budget for ${v.year} to ${v.year + 1}`,
      organisationId,
    );
  });
}

/** This year's training budget, what has been spent or booked against it, and spend per head. */
export async function trainingMoney(db: Db, organisationId: number, people: number, on = today()) {
  const year = financialYearOf(on);
  const [budget, sums] = await Promise.all([
    q.trainingBudget(db, organisationId, year),
    q.trainingSpend(db, organisationId, `${year}-04-01`, `${year + 1}-04-01`),
  ]);
  const spent = sums.done + sums.booked;
  return { year, budget, spent, done: sums.done, booked: sums.booked, perHead: people ? Math.round(spent / people) : null };
}

export async function recordCertification(db: Db, actor: Actor, identity: Identity, staffId: number, v: CertificationInput) {
  const { staff, allowed } = await mayPlanFor(db, identity, staffId);
  if (!allowed) throw new UserError('Only they, their line manager or a manager of the department can record their certifications', { status: 403 });
  const orgId = identity.organisation.id;
  await auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertCertification(tx, {
      organisation_id: orgId,
      staff_id: staffId,
      name: v.name,
      awarded_on: v.awardedOn,
      expires_on: v.expiresOn,
      created_at: nowIso(),
    });
    await audit.created('certification', id, { staff_id: staffId, name: v.name, expires_on: v.expiresOn }, `Recorded ${staff.name}’s ${v.name}`, orgId);
  });
}

/** How far ahead certifications running out are shown: long enough to book a renewal exam. */
export const certificationNoticeDays = 90;
export const certificationsDue = (db: Db, organisationId: number, on = today()) =>
  q.certificationsRunningOut(db, organisationId, new Date(Date.parse(on) + certificationNoticeDays * 86_400_000).toISOString().slice(0, 10));
