import type { Db } from '../../../platform/index.js';
import * as q from './queries.js';

/** The framework as the council holds it: families of roles, each role's levels and what each level needs, and the skills. */
export async function frameworkOf(db: Db, organisationId: number) {
  const [roles, levels, skills, reqs] = await Promise.all([
    q.rolesOf(db, organisationId),
    q.roleLevelsOf(db, organisationId),
    q.skillsOf(db, organisationId),
    q.requirementsOf(db, organisationId),
  ]);
  const skillName = new Map(skills.map((s) => [Number(s.id), s.name]));
  const needs = new Map<number, { skillId: number; name: string; level: number; description: string }[]>();
  for (const r of reqs) {
    const list = needs.get(Number(r.role_level_id)) ?? [];
    list.push({ skillId: Number(r.skill_id), name: skillName.get(Number(r.skill_id)) ?? '', level: Number(r.level), description: r.description });
    needs.set(Number(r.role_level_id), list);
  }
  const shaped = roles.map((r) => ({
    id: Number(r.id),
    family: r.family,
    name: r.name,
    description: r.description,
    roleType: r.role_type,
    withdrawnOn: r.withdrawn_on ? String(r.withdrawn_on) : null,
    levels: levels
      .filter((l) => Number(l.role_id) === Number(r.id))
      .map((l) => ({
        id: Number(l.id),
        name: l.name,
        position: Number(l.position),
        description: l.description,
        withdrawnOn: l.withdrawn_on ? String(l.withdrawn_on) : null,
        skills: (needs.get(Number(l.id)) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
      })),
  }));
  const current = shaped.filter((r) => !r.withdrawnOn);
  const families = [...new Set(shaped.map((r) => r.family))].map((family) => ({ family, roles: shaped.filter((r) => r.family === family) }));
  return {
    counts: {
      families: new Set(current.map((r) => r.family)).size,
      roles: current.length,
      roleLevels: current.reduce((n, r) => n + r.levels.filter((l) => !l.withdrawnOn).length, 0),
      skills: skills.filter((s) => !s.withdrawn_on).length,
    },
    families,
    roles: shaped,
    skills: skills.map((s) => ({
      id: Number(s.id),
      name: s.name,
      description: s.description,
      levels: { awareness: s.awareness, working: s.working, practitioner: s.practitioner, expert: s.expert },
      roles: s.roles_text,
      withdrawnOn: s.withdrawn_on ? String(s.withdrawn_on) : null,
    })),
  };
}
