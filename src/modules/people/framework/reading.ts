import { levelNumber, nameKey, plainText, tidyName, type SkillLevel } from '../rules.js';

/** One row of the roles export as the import read it. */
export interface RoleRow {
  line: number;
  family: string;
  role: string;
  roleDescription: string;
  roleLevel: string;
  levelDescription: string;
  skill: string;
  skillDescription: string;
  skillLevel: SkillLevel;
  skillLevelDescription: string;
  roleType: string;
}

export interface FileRoleLevel {
  name: string;
  description: string;
  position: number;
  /** Skill key → level needed (1–4) and what that level means for this role. */
  skills: Map<string, { level: number; description: string }>;
}
export interface FileRole {
  family: string;
  name: string;
  description: string;
  roleType: string;
  levels: Map<string, FileRoleLevel>;
}
export interface FileSkill {
  name: string;
  description: string;
  awareness: string;
  working: string;
  practitioner: string;
  expert: string;
  roles: string;
}

/** Notes on what was odd in a file, counted, with a few examples: what a person reading it would remark on. */
class Oddities {
  private counts = new Map<string, { n: number; examples: string[] }>();
  note(kind: string, example: string) {
    const c = this.counts.get(kind) ?? { n: 0, examples: [] };
    c.n++;
    if (example && c.examples.length < 3 && !c.examples.includes(example)) c.examples.push(example);
    this.counts.set(kind, c);
  }
  list(words: Map<string, (n: number) => string>) {
    return [...this.counts].map(([kind, c]) => `${words.get(kind)!(c.n)}${c.examples.length ? `: ${c.examples.join('; ')}` : ''}`);
  }
}

const rowsWord = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'row' : 'rows'}`;
const oddWords = new Map<string, (n: number) => string>(
  Object.entries({
    repeat: (n: number) => `${rowsWord(n)} repeated an earlier row exactly and ${n === 1 ? 'was' : 'were'} counted once`,
    conflict: (n: number) => `${rowsWord(n)} gave a role level a skill it already had at another level; the higher level is kept`,
    spelling: (n: number) =>
      `${n.toLocaleString('en-GB')} ${n === 1 ? 'name was' : 'names were'} written in more than one way (capitals, quotes, spaces) and taken as the same`,
    markup: (n: number) =>
      `${n.toLocaleString('en-GB')} ${n === 1 ? 'description held' : 'descriptions held'} bits of web page (list items, tags); kept as plain text`,
    described: (n: number) =>
      `${n.toLocaleString('en-GB')} ${n === 1 ? 'role, level or skill was' : 'roles, levels or skills were'} described differently on different rows; the first description is kept`,
    family: (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'role was' : 'roles were'} listed under more than one role family; the first is kept`,
    noLevels: (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'skill has' : 'skills have'} no description for one or more of the four levels`,
  }),
);

function spellings() {
  const seen = new Map<string, string>();
  return (name: string, odd: Oddities) => {
    const key = nameKey(name);
    const shown = tidyName(name);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, shown);
    else if (first !== shown) {
      odd.note('spelling', `“${first}” and “${shown}”`);
      seen.set(key, shown);
    }
    return key;
  };
}

const text = (s: string, odd: Oddities) => {
  const p = plainText(s);
  if (p.hadMarkup) odd.note('markup', '');
  return p.text;
};

/** The roles file folded into roles, their levels in the order the file gives them, and the skills each level needs. */
export function foldRoles(rows: RoleRow[]) {
  const odd = new Oddities();
  const key = spellings();
  const roles = new Map<string, FileRole>();
  const skills = new Map<string, { name: string; description: string }>();
  const seenRows = new Set<string>();
  for (const r of rows) {
    const exact = [r.family, r.role, r.roleLevel, r.skill, r.skillLevel, r.roleDescription, r.levelDescription, r.skillDescription, r.skillLevelDescription]
      .map(nameKey)
      .join('\u0000');
    if (seenRows.has(exact)) {
      odd.note('repeat', `line ${r.line}`);
      continue;
    }
    seenRows.add(exact);
    const roleKey = key(r.role, odd);
    let role = roles.get(roleKey);
    if (!role) {
      role = {
        family: tidyName(r.family),
        name: tidyName(r.role),
        description: text(r.roleDescription, odd),
        roleType: tidyName(r.roleType),
        levels: new Map(),
      };
      roles.set(roleKey, role);
    } else {
      if (nameKey(r.family) !== nameKey(role.family)) odd.note('family', `${role.name} (line ${r.line})`);
      if (r.roleDescription.trim() && nameKey(plainText(r.roleDescription).text) !== nameKey(role.description)) {
        if (!role.description) role.description = text(r.roleDescription, odd);
        else odd.note('described', `${role.name} (line ${r.line})`);
      }
    }
    const levelKey = key(r.roleLevel, odd);
    let level = role.levels.get(levelKey);
    if (!level) {
      level = { name: tidyName(r.roleLevel), description: text(r.levelDescription, odd), position: role.levels.size + 1, skills: new Map() };
      role.levels.set(levelKey, level);
    } else if (r.levelDescription.trim() && nameKey(plainText(r.levelDescription).text) !== nameKey(level.description)) {
      if (!level.description) level.description = text(r.levelDescription, odd);
      else odd.note('described', `${level.name} (line ${r.line})`);
    }
    const skillKey = key(r.skill, odd);
    const skill = skills.get(skillKey);
    if (!skill) skills.set(skillKey, { name: tidyName(r.skill), description: text(r.skillDescription, odd) });
    else if (!skill.description && r.skillDescription.trim()) skill.description = text(r.skillDescription, odd);
    const n = levelNumber(r.skillLevel);
    const had = level.skills.get(skillKey);
    if (had && had.level !== n) odd.note('conflict', `${level.name}, ${tidyName(r.skill)} (line ${r.line})`);
    if (!had || n > had.level) level.skills.set(skillKey, { level: n, description: text(r.skillLevelDescription, odd) });
  }
  return { roles, skills, oddities: odd.list(oddWords) };
}

export interface SkillRow {
  line: number;
  skill: string;
  description: string;
  awareness: string;
  working: string;
  practitioner: string;
  expert: string;
  roles: string;
}

/** The skills file folded into one entry per skill. */
export function foldSkills(rows: SkillRow[]) {
  const odd = new Oddities();
  const key = spellings();
  const skills = new Map<string, FileSkill>();
  const seenRows = new Set<string>();
  for (const r of rows) {
    const exact = [r.skill, r.description, r.awareness, r.working, r.practitioner, r.expert, r.roles].map(nameKey).join('\u0000');
    if (seenRows.has(exact)) {
      odd.note('repeat', `line ${r.line}`);
      continue;
    }
    seenRows.add(exact);
    const k = key(r.skill, odd);
    if (skills.has(k)) {
      odd.note('described', `${tidyName(r.skill)} (line ${r.line})`);
      continue;
    }
    const s: FileSkill = {
      name: tidyName(r.skill),
      description: text(r.description, odd),
      awareness: text(r.awareness, odd),
      working: text(r.working, odd),
      practitioner: text(r.practitioner, odd),
      expert: text(r.expert, odd),
      roles: text(r.roles, odd),
    };
    if (!s.awareness || !s.working || !s.practitioner || !s.expert) odd.note('noLevels', s.name);
    skills.set(k, s);
  }
  return { skills, oddities: odd.list(oddWords) };
}
