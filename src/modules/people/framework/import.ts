import { counted, type Db, type GoodRow, type ImportField, type ImportKind, type Read, type ReadRow, type Tx } from '../../../platform/index.js';
import { people } from '../abilities.js';
import { levelNames, nameKey, readSkillLevel, type SkillLevel } from '../rules.js';
import { foldRoles, foldSkills, type RoleRow, type SkillRow } from './reading.js';
import * as q from './queries.js';
import { peopleChanged } from '../queries.js';

const text =
  (max: number) =>
  (cell: string): Read<string> => ({ ok: true, value: cell.trim().slice(0, max) || null });

function skillLevel(cell: string): Read<SkillLevel> {
  if (!cell.trim()) return { ok: false, reason: 'has no skill level' };
  const level = readSkillLevel(cell);
  return level
    ? { ok: true, value: level }
    : { ok: false, reason: `“${cell.trim().slice(0, 40)}” is not one of the framework’s four levels (awareness, working, practitioner, expert)` };
}

const field = (key: string, label: string, max: number, required = false, extra: string[] = []): ImportField => ({
  key,
  label,
  required,
  headings: [label.toLowerCase(), ...extra],
  read: text(max),
});

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const roleRow = (r: { line: number; values: Record<string, unknown> }): RoleRow => ({
  line: r.line,
  family: str(r.values.family),
  role: str(r.values.role),
  roleDescription: str(r.values.roleDescription),
  roleLevel: str(r.values.roleLevel),
  levelDescription: str(r.values.levelDescription),
  skill: str(r.values.skill),
  skillDescription: str(r.values.skillDescription),
  skillLevel: r.values.skillLevel as SkillLevel,
  skillLevelDescription: str(r.values.skillLevelDescription),
  roleType: str(r.values.roleType),
});

const good = (rows: ReadRow[]) => rows.filter((r): r is ReadRow & { values: Record<string, unknown> } => r.values !== null);

/**
 * The Government Digital and Data Profession Capability Framework's roles export: one row per role
 * level and skill. The framework's text is Crown copyright, so Steward ships none of it: the council
 * imports the published file, and a newer version updates what it holds.
 */
export const capabilityRolesImport: ImportKind = {
  name: 'capability-roles',
  title: 'Capability framework roles',
  ability: people.framework,
  publishedFormat: 'the capability framework’s roles export',
  home: { text: 'Go to the capability framework', href: '/people/framework' },
  fields: [
    field('family', 'Role Family', 200, true, ['role family name', 'family']),
    field('role', 'Role', 200, true, ['role name', 'job role']),
    field('roleDescription', 'Role Description', 20_000),
    field('roleLevel', 'Role Level', 200, true, ['role level name', 'level']),
    field('levelDescription', 'Role Level Description', 20_000),
    field('skill', 'Skill Name', 200, true, ['skill']),
    field('skillDescription', 'Skill Description', 20_000),
    {
      key: 'skillLevel',
      label: 'Skill Level',
      required: true,
      headings: ['skill level', 'skill level name', 'level of skill'],
      read: skillLevel,
      whenUnreadable: 'leave-row-out',
    },
    field('skillLevelDescription', 'Skill Level Description', 20_000),
    field('roleType', 'Role Type', 200),
  ],
  template: [
    [
      'Role Family',
      'Role',
      'Role Description',
      'Role Level',
      'Role Level Description',
      'Skill Name',
      'Skill Description',
      'Skill Level',
      'Skill Level Description',
      'Role Type',
    ].map(() => ''),
  ],

  async check(db, organisationId, rows) {
    const folded = foldRoles(good(rows).map(roleRow));
    const changes = await rolesChanges(db, organisationId, folded);
    return { updates: changes.changedRoles, says: [...changes.says, ...folded.oddities] };
  },

  async apply(tx, audit, { organisationId, filename, now, wrote, progress }, rows) {
    const folded = foldRoles(rows.map(roleRow));
    const before = await rolesChanges(tx, organisationId, folded);
    const today = now.slice(0, 10);
    const roles = new Map((await q.rolesOf(tx, organisationId)).map((r) => [r.name_key, r]));
    const levels = await q.roleLevelsOf(tx, organisationId);
    const skills = new Map((await q.skillsOf(tx, organisationId)).map((s) => [s.name_key, s]));
    const roleIds = new Map<string, number>();
    for (const [key, r] of folded.roles) {
      const was = roles.get(key);
      if (!was)
        roleIds.set(
          key,
          await q.insertRole(tx, {
            organisation_id: organisationId,
            family: r.family,
            name: r.name,
            name_key: key,
            description: r.description,
            role_type: r.roleType,
            now,
          }),
        );
      else {
        roleIds.set(key, Number(was.id));
        if (was.family !== r.family || was.name !== r.name || was.description !== r.description || was.role_type !== r.roleType || was.withdrawn_on)
          await q.updateRole(tx, Number(was.id), {
            family: r.family,
            name: r.name,
            description: r.description,
            role_type: r.roleType,
            withdrawn_on: null,
            now,
          });
      }
    }
    for (const [key, was] of roles)
      if (!folded.roles.has(key) && !was.withdrawn_on) await q.updateRole(tx, Number(was.id), { ...was, withdrawn_on: today, now });
    await progress(Math.floor(rows.length / 3));

    const skillIds = new Map<string, number>();
    for (const [key, s] of folded.skills) {
      const was = skills.get(key);
      if (!was) skillIds.set(key, await q.insertSkill(tx, { organisation_id: organisationId, name: s.name, name_key: key, description: s.description, now }));
      else {
        skillIds.set(key, Number(was.id));
        // The skills file is the word on what a skill is: the roles file only fills a description nobody has given.
        if ((s.description && !was.description) || was.withdrawn_on)
          await q.updateSkill(tx, Number(was.id), { description: was.description || s.description, withdrawn_on: null, now });
      }
    }

    const levelIds: number[] = [];
    const requirements: { organisation_id: number; role_level_id: number; skill_id: number; level: number; description: string }[] = [];
    for (const [roleKey, r] of folded.roles) {
      const roleId = roleIds.get(roleKey)!;
      const held = new Map(levels.filter((l) => Number(l.role_id) === roleId).map((l) => [l.name_key, l]));
      for (const [levelKey, l] of r.levels) {
        const was = held.get(levelKey);
        let id: number;
        if (!was)
          id = await q.insertRoleLevel(tx, {
            organisation_id: organisationId,
            role_id: roleId,
            name: l.name,
            name_key: levelKey,
            description: l.description,
            position: l.position,
          });
        else {
          id = Number(was.id);
          if (was.name !== l.name || was.description !== l.description || Number(was.position) !== l.position || was.withdrawn_on)
            await q.updateRoleLevel(tx, id, { name: l.name, description: l.description, position: l.position, withdrawn_on: null });
        }
        levelIds.push(id);
        for (const [skillKey, need] of l.skills)
          requirements.push({
            organisation_id: organisationId,
            role_level_id: id,
            skill_id: skillIds.get(skillKey)!,
            level: need.level,
            description: need.description,
          });
      }
      for (const [levelKey, was] of held)
        if (!r.levels.has(levelKey) && !was.withdrawn_on)
          await q.updateRoleLevel(tx, Number(was.id), { name: was.name, description: was.description, position: Number(was.position), withdrawn_on: today });
    }
    await progress(Math.floor((rows.length * 2) / 3));
    await q.replaceRequirements(tx, organisationId, levelIds, requirements);
    for (const row of rows) {
      const roleKey = nameKey(str(row.values.role));
      wrote(row as GoodRow, {
        entityType: 'capability_role',
        entityId: roleIds.get(roleKey)!,
        name: str(row.values.role),
        href: `/people/framework/roles/${roleIds.get(roleKey)!}`,
      });
    }
    const summary = { ...before.counts, oddities: folded.oddities };
    await q.recordVersion(tx, {
      organisation_id: organisationId,
      kind: 'roles',
      filename,
      imported_at: now,
      changes_json: JSON.stringify({ says: before.says, oddities: folded.oddities }),
    });
    await audit.created(
      'capability_framework',
      filename,
      summary,
      `Imported the capability framework’s roles from ${filename}: ${before.says.join('; ')}`,
      organisationId,
    );
    return {
      added: before.counts.rolesAdded,
      updated: before.changedRoles,
      roleLevels: folded.roles.size ? [...folded.roles.values()].reduce((n, r) => n + r.levels.size, 0) : 0,
      skills: folded.skills.size,
      withdrawn: before.counts.rolesWithdrawn,
    };
  },

  describe: (r) =>
    `${counted(r.added, 'role', 'roles')} added, ${counted(r.updated, 'role', 'roles')} changed, ${counted(r.withdrawn ?? 0, 'role', 'roles')} no longer in the framework; ${counted(r.roleLevels ?? 0, 'role level', 'role levels')} and ${counted(r.skills ?? 0, 'skill', 'skills')} in the file; ${counted(r.skipped, 'row', 'rows')} left out`,
  fixable: () => false,
};

/** What importing the roles file would change, in counts and in sentences for the preview. */
async function rolesChanges(db: Db | Tx, organisationId: number, folded: ReturnType<typeof foldRoles>) {
  const [roles, levels, skills, reqs] = await Promise.all([
    q.rolesOf(db, organisationId),
    q.roleLevelsOf(db, organisationId),
    q.skillsOf(db, organisationId),
    q.requirementsOf(db, organisationId),
  ]);
  const roleByKey = new Map(roles.map((r) => [r.name_key, r]));
  const skillKeyById = new Map(skills.map((s) => [Number(s.id), s.name_key]));
  const needs = new Map<number, Map<string, number>>();
  for (const r of reqs) {
    const m = needs.get(Number(r.role_level_id)) ?? new Map<string, number>();
    m.set(skillKeyById.get(Number(r.skill_id)) ?? '', Number(r.level));
    needs.set(Number(r.role_level_id), m);
  }
  let rolesAdded = 0;
  let changedRoles = 0;
  const changedNames: string[] = [];
  for (const [key, r] of folded.roles) {
    const was = roleByKey.get(key);
    if (!was) {
      rolesAdded++;
      continue;
    }
    const held = levels.filter((l) => Number(l.role_id) === Number(was.id));
    const differs =
      was.family !== r.family ||
      was.description !== r.description ||
      held.filter((l) => !l.withdrawn_on).length !== r.levels.size ||
      [...r.levels].some(([lk, l]) => {
        const h = held.find((x) => x.name_key === lk);
        if (!h || h.description !== l.description) return true;
        const m = needs.get(Number(h.id)) ?? new Map<string, number>();
        return m.size !== l.skills.size || [...l.skills].some(([sk, need]) => m.get(sk) !== need.level);
      });
    if (differs) {
      changedRoles++;
      if (changedNames.length < 5) changedNames.push(r.name);
    }
  }
  const withdrawn = roles.filter((r) => !r.withdrawn_on && !folded.roles.has(r.name_key));
  const newSkills = [...folded.skills.keys()].filter((k) => !skills.some((s) => s.name_key === k)).length;
  const says: string[] = [];
  if (!roles.length) says.push(`Sets up the framework: ${counted(folded.roles.size, 'role', 'roles')} and ${counted(folded.skills.size, 'skill', 'skills')}`);
  else {
    says.push(
      `Compared with the framework held now: ${counted(rolesAdded, 'new role', 'new roles')}, ${counted(changedRoles, 'role', 'roles')} changed${changedNames.length ? ` (${changedNames.join(', ')}${changedRoles > changedNames.length ? ' and others' : ''})` : ''}, ${counted(newSkills, 'new skill', 'new skills')}`,
    );
    if (withdrawn.length)
      says.push(
        `${counted(withdrawn.length, 'role is', 'roles are')} no longer in the file and will be marked withdrawn, kept for the jobs mapped to them: ${withdrawn
          .slice(0, 5)
          .map((r) => r.name)
          .join(', ')}${withdrawn.length > 5 ? ' and others' : ''}`,
      );
  }
  return { says, changedRoles, counts: { rolesAdded, rolesChanged: changedRoles, rolesWithdrawn: withdrawn.length, skillsAdded: newSkills } };
}

const skillRow = (r: { line: number; values: Record<string, unknown> }): SkillRow => ({
  line: r.line,
  skill: str(r.values.skill),
  description: str(r.values.description),
  awareness: str(r.values.awareness),
  working: str(r.values.working),
  practitioner: str(r.values.practitioner),
  expert: str(r.values.expert),
  roles: str(r.values.roles),
});

/** The framework's skills export: one row per skill, what each of the four levels means, and the roles that need it. */
export const capabilitySkillsImport: ImportKind = {
  name: 'capability-skills',
  title: 'Capability framework skills',
  ability: people.framework,
  publishedFormat: 'the capability framework’s skills export',
  key: 'skill',
  home: { text: 'Go to the capability framework', href: '/people/framework' },
  fields: [
    field('skill', 'Skill Name', 200, true, ['skill']),
    field('description', 'Skill Description', 20_000, false, ['description']),
    field('awareness', levelNames.awareness, 20_000),
    field('working', levelNames.working, 20_000),
    field('practitioner', levelNames.practitioner, 20_000),
    field('expert', levelNames.expert, 20_000),
    field('roles', 'Roles that require Skill', 20_000, false, ['roles that require this skill', 'roles']),
  ],
  template: [['', '', '', '', '', '', '']],

  async check(db, organisationId, rows) {
    const folded = foldSkills(good(rows).map(skillRow));
    const held = new Map((await q.skillsOf(db, organisationId)).map((s) => [s.name_key, s]));
    const added = [...folded.skills.keys()].filter((k) => !held.has(k)).length;
    const changed = [...folded.skills].filter(([k, s]) => {
      const h = held.get(k);
      return (
        h &&
        (h.description !== s.description ||
          h.awareness !== s.awareness ||
          h.working !== s.working ||
          h.practitioner !== s.practitioner ||
          h.expert !== s.expert)
      );
    }).length;
    const says = held.size
      ? [`Compared with the skills held now: ${counted(added, 'new skill', 'new skills')}, ${counted(changed, 'skill', 'skills')} described differently`]
      : [];
    return { updates: changed, says: [...says, ...folded.oddities] };
  },

  async apply(tx, audit, { organisationId, filename, now, wrote }, rows) {
    const folded = foldSkills(rows.map(skillRow));
    const held = new Map((await q.skillsOf(tx, organisationId)).map((s) => [s.name_key, s]));
    let added = 0;
    let updated = 0;
    let unchanged = 0;
    const ids = new Map<string, number>();
    for (const [key, s] of folded.skills) {
      const h = held.get(key);
      const fields = {
        name: s.name,
        description: s.description,
        awareness: s.awareness,
        working: s.working,
        practitioner: s.practitioner,
        expert: s.expert,
        roles_text: s.roles,
      };
      if (!h) {
        const id = await q.insertSkill(tx, { organisation_id: organisationId, name: s.name, name_key: key, description: s.description, now });
        await q.updateSkill(tx, id, { ...fields, now });
        ids.set(key, id);
        added++;
      } else {
        ids.set(key, Number(h.id));
        const same = (Object.keys(fields) as (keyof typeof fields)[]).every((k) => (k === 'roles_text' ? h.roles_text : h[k]) === fields[k]);
        if (same && !h.withdrawn_on) unchanged++;
        else {
          await q.updateSkill(tx, Number(h.id), { ...fields, withdrawn_on: null, now });
          updated++;
        }
      }
    }
    for (const row of rows) {
      const key = nameKey(str(row.values.skill));
      wrote(row, { entityType: 'capability_skill', entityId: ids.get(key)!, name: str(row.values.skill), href: `/people/framework#skills` });
    }
    const changes = {
      says: [`${counted(added, 'skill', 'skills')} added, ${counted(updated, 'skill', 'skills')} described differently`],
      oddities: folded.oddities,
    };
    await peopleChanged(tx, organisationId);
    await q.recordVersion(tx, { organisation_id: organisationId, kind: 'skills', filename, imported_at: now, changes_json: JSON.stringify(changes) });
    await audit.created(
      'capability_framework',
      filename,
      { added, updated, unchanged, oddities: folded.oddities },
      `Imported the capability framework’s skills from ${filename}`,
      organisationId,
    );
    return { added, updated, unchanged };
  },

  describe: (r) =>
    `${counted(r.added, 'skill', 'skills')} added, ${counted(r.updated, 'skill', 'skills')} described differently, ${counted(r.unchanged ?? 0, 'skill', 'skills')} as before; ${counted(r.skipped, 'row', 'rows')} left out`,
  fixable: () => false,
};
