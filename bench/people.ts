// People and skills at a county's scale: a 2,000-row capability framework export with 188 skills
// imported through the pages, then a department of 300 people (bench data, written in bulk) with
// their assessed skills, and the skills matrix and organisation chart over all of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { prepare } from '../src/startup.js';
import { firstOrganisation } from '../src/platform/organisations/service.js';
import { importThroughPages, load, signInWithForm, startServer, type Row } from './lib.js';

const email = 'bench.admin@county.example';
const password = 'bench-admin-passphrase';
const skillCount = 188;
const roleCount = 40;
const levelsPerRole = 5;
const skillsPerLevel = 10;
const people = 300;
const levels = ['Awareness', 'Working', 'Practitioner', 'Expert'];
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function skillsFile() {
  const lines = ['Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,Roles that require Skill'];
  for (let s = 0; s < skillCount; s++)
    lines.push(
      [`Bench skill ${s}`, `What bench skill ${s} is about`, 'knows of it', 'does it', 'does the hard cases', 'leads it', 'Several roles'].map(quote).join(','),
    );
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

function rolesFile() {
  const lines = [
    'Role Family,Role,Role Description,Role Level,Role Level Description,Skill Name,Skill Description,Skill Level,Skill Level Description,Role Type',
  ];
  for (let r = 0; r < roleCount; r++)
    for (let l = 0; l < levelsPerRole; l++)
      for (let k = 0; k < skillsPerLevel; k++) {
        const skill = (r * 7 + l * 3 + k * 19) % skillCount;
        lines.push(
          [
            `Family ${r % 8}`,
            `Bench role ${r}`,
            `What bench role ${r} does`,
            `Level ${l + 1}`,
            `The ${l + 1} level of bench role ${r}`,
            `Bench skill ${skill}`,
            '',
            levels[Math.min(3, Math.floor((l + k) / 3))]!,
            'what that level means here',
            'Specialist',
          ]
            .map(quote)
            .join(','),
        );
      }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

export async function peopleBench(seconds: number): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-people-'));
  const env = {
    STEWARD_DATA_DIR: dataDir,
    STEWARD_DEMO: '0',
    STEWARD_ADMIN_EMAIL: email,
    STEWARD_ADMIN_PASSWORD: password,
    STEWARD_PASSWORD_COST: '10',
    LOG_LEVEL: 'silent',
  };
  const config = loadConfig(env);
  const { database } = await prepare(config, { info: () => undefined });
  const org = (await firstOrganisation(database.db))!;
  await database.close();

  const rows: Row[] = [];
  let steward = await startServer('steward-existing', env);
  try {
    let base = `http://127.0.0.1:${steward.port}`;
    let cookie = await signInWithForm(base, email, password);
    await importThroughPages(base, cookie, 'capability-skills', 'skills.csv', skillsFile(), skillCount);
    const roles = rolesFile();
    const took = await importThroughPages(base, cookie, 'capability-roles', 'roles.csv', roles, roleCount * levelsPerRole * skillsPerLevel);
    console.log(
      `  framework roles file (${roleCount * levelsPerRole * skillsPerLevel} rows): upload ${took.upload.toFixed(2)} s, preview ${took.preview.toFixed(2)} s, confirm ${took.confirm.toFixed(2)} s`,
    );
    rows.push({
      operation: `import of a ${(roleCount * levelsPerRole * skillsPerLevel).toLocaleString('en-GB')}-row framework roles export (${skillCount} skills): upload, preview, confirm (seconds: ${took.seconds.toFixed(2)})`,
      requestsPerSecond: 0,
      p50: Math.round(took.seconds * 1000),
      p95: Math.round(took.seconds * 1000),
      target: '≤ 3 s',
    });
    steward.child.kill();

    // The department, in bulk: a head, ten managers, thirty team leads and the rest in their teams.
    const sqlite = new SQLite(config.sqliteFile);
    sqlite.pragma('journal_mode = WAL');
    const now = new Date().toISOString();
    const levelIds = (sqlite.prepare('select id from capability_role_levels where organisation_id = ? order by id').all(org.id) as { id: number }[]).map(
      (r) => r.id,
    );
    const skillIds = (sqlite.prepare('select id from capability_skills where organisation_id = ? order by id').all(org.id) as { id: number }[]).map(
      (r) => r.id,
    );
    const addTeam = sqlite.prepare(
      'insert into teams (organisation_id, name, description, focus, created_at, updated_at) values (?, ?, ?, ?, ?, ?) returning id',
    );
    const addStaff = sqlite.prepare(
      `insert into staff (organisation_id, name, email, job_title, grade, team_id, line_manager_id, contract, start_date, role_level_id, day_rate, annual_cost, programme, provider, location, working_pattern, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, '2020-04-01', ?, ?, ?, '', '', 'County Hall', 'Full time', ?, ?) returning id`,
    );
    const addSkill = sqlite.prepare(
      'insert into staff_skills (organisation_id, staff_id, skill_id, self_level, agreed_level, updated_at) values (?, ?, ?, ?, ?, ?)',
    );
    const addVacancy = sqlite.prepare(
      'insert into vacancies (organisation_id, title, grade, team_id, reports_to_id, open_since, times_advertised, notes, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)',
    );
    sqlite.transaction(() => {
      const teams = Array.from(
        { length: 10 },
        (_, i) => (addTeam.get(org.id, `Bench team ${i}`, 'A team of the bench department', 'infrastructure', now, now) as { id: number }).id,
      );
      let n = 0;
      const person = (team: number, manager: number | null, title: string) => {
        const id = (
          addStaff.get(
            org.id,
            `Bench Person ${n}`,
            `bench.person.${n}@county.example`,
            title,
            `Grade ${6 + (n % 7)}`,
            team,
            manager,
            n % 11 === 0 ? 'contractor' : 'permanent',
            levelIds[n % levelIds.length],
            n % 11 === 0 ? 550 : null,
            n % 11 === 0 ? null : 48_000,
            now,
            now,
          ) as {
            id: number;
          }
        ).id;
        const held = new Set<number>();
        for (let k = 0; k < 40; k++) held.add(skillIds[(n * 13 + k * 29) % skillIds.length]!);
        for (const s of held) addSkill.run(org.id, id, s, 1 + ((n + s) % 4), (n + s) % 5 === 0 ? null : 1 + ((n + s * 3) % 4), now);
        n++;
        return id;
      };
      const head = person(teams[0]!, null, 'Director of digital');
      for (let m = 0; m < 10; m++) {
        const manager = person(teams[m]!, head, 'Head of service');
        for (let l = 0; l < 3; l++) {
          const lead = person(teams[m]!, manager, 'Team leader');
          while (n < 1 + 10 * 4 + ((m * 3 + l + 1) * (people - 41)) / 30) person(teams[m]!, lead, 'Engineer');
          if (l === 0) addVacancy.run(org.id, `Vacant engineer ${m}`, 'Grade 8', teams[m]!, lead, '2025-06-01', 'Bench vacancy', now, now);
        }
      }
      console.log(
        `  bench department: ${n} people, ${sqlite.prepare('select count(*) as c from staff_skills').get() ? (sqlite.prepare('select count(*) as c from staff_skills').get() as { c: number }).c : 0} assessed skills`,
      );
    })();
    sqlite.close();

    steward = await startServer('steward-existing', env);
    base = `http://127.0.0.1:${steward.port}`;
    cookie = await signInWithForm(base, email, password);
    const headers = { cookie };
    const matrix = (await (await fetch(`${base}/api/v1/skills-matrix`, { headers })).json()) as { people: unknown[]; skills: unknown[] };
    const size = `${matrix.people.length} people × ${matrix.skills.length} skills`;
    for (const p of ['/api/v1/skills-matrix', '/people/skills', '/people/org-chart', '/people']) await load('warm-up', `${base}${p}`, { seconds: 2, headers });
    rows.push(
      await load(`API: the skills matrix of the department (${size})`, `${base}/api/v1/skills-matrix`, {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 50 ms',
      }),
    );
    rows.push(
      await load(`the skills matrix page, the whole department (${size}), with gaps and single points`, `${base}/people/skills`, {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 50 ms',
      }),
    );
    const teams = (await (await fetch(`${base}/api/v1/teams`, { headers })).json()) as { items: { id: number; members: unknown[] }[] };
    const team = teams.items.find((t) => t.members.length > 20)!.id;
    rows.push(
      await load('the skills matrix page of one team (30 people), worked out on every request', `${base}/people/skills?teamId=${team}`, {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 50 ms',
      }),
    );
    rows.push(
      await load(`the organisation chart, picture and list (${people} people, 30 vacancies)`, `${base}/people/org-chart`, {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 50 ms',
      }),
    );
    rows.push(
      await load('people and skills: the department’s figures and teams', `${base}/people`, { seconds, headers, connections: 1, target: 'p95 ≤ 50 ms' }),
    );
  } finally {
    steward.child.kill();
  }
  return rows;
}
