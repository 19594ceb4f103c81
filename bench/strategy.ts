// The roadmap at a county's scale: 500 programmes and projects across eight objectives (bench data,
// written in bulk), with milestones and dependencies, and the pages that draw and list them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { prepare } from '../src/startup.js';
import { firstOrganisation } from '../src/platform/organisations/service.js';
import { load, signInWithForm, startServer, type Row } from './lib.js';

const email = 'bench.admin@county.example';
const password = 'bench-admin-passphrase';
const projects = 500;
const stages = ['idea', 'discovery', 'alpha', 'beta', 'live', 'closed'];
const rags = ['green', 'green', 'amber', 'red'];

export async function strategyBench(seconds: number): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-strategy-'));
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

  const sqlite = new SQLite(config.sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  const now = new Date().toISOString();
  const day = (monthsFromNow: number) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + monthsFromNow);
    return d.toISOString().slice(0, 10);
  };
  sqlite.transaction(() => {
    const objective = sqlite.prepare(
      'insert into strategy_objectives (organisation_id, title, description, owner, position, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?) returning id',
    );
    const objectives = Array.from(
      { length: 8 },
      (_, i) => (objective.get(org.id, `Bench objective ${i}`, '', 'A director', i + 1, now, now) as { id: number }).id,
    );
    const project = sqlite.prepare(
      `insert into projects (organisation_id, reference, kind, programme_id, title, description, objective_id, sponsor, manager_id, stage, rag, rag_reason, start_on, end_on, budget, spend, expected_benefits, realised_benefits, created_at, updated_at)
       values (?, ?, ?, ?, ?, '', ?, 'A director', null, ?, ?, ?, ?, ?, ?, ?, 'Benefits', '', ?, ?) returning id`,
    );
    const milestone = sqlite.prepare('insert into project_milestones (organisation_id, project_id, title, due_on, done_on) values (?, ?, ?, ?, ?)');
    const dependency = sqlite.prepare('insert into project_dependencies (organisation_id, project_id, depends_on_id) values (?, ?, ?)');
    const ids: number[] = [];
    for (let i = 0; i < projects; i++) {
      const start = (i % 36) - 18;
      const rag = rags[i % rags.length]!;
      const programme = i % 25 === 0 ? null : (ids[Math.floor(i / 25) * 25] ?? null);
      const id = (
        project.get(
          org.id,
          `PRJ-${String(i + 1).padStart(3, '0')}`,
          i % 25 === 0 ? 'programme' : 'project',
          programme,
          `Bench project ${i}`,
          objectives[i % objectives.length],
          stages[i % stages.length],
          rag,
          rag === 'green' ? '' : 'A reason the board should hear',
          i % 17 === 0 ? null : day(start),
          i % 17 === 0 ? null : day(start + 6 + (i % 18)),
          100_000 + (i % 40) * 10_000,
          50_000 + (i % 30) * 5_000,
          now,
          now,
        ) as { id: number }
      ).id;
      ids.push(id);
      for (let m = 0; m < 3; m++) milestone.run(org.id, id, `Milestone ${m}`, day(start + m * 3), m === 0 ? day(start) : null);
      if (i > 0 && i % 3 === 0) dependency.run(org.id, id, ids[i - 1]);
    }
    sqlite.prepare('insert into project_counters (organisation_id, last_number) values (?, ?)').run(org.id, projects);
  })();
  sqlite.close();

  const rows: Row[] = [];
  const steward = await startServer('steward-existing', env);
  try {
    const base = `http://127.0.0.1:${steward.port}`;
    const headers = { cookie: await signInWithForm(base, email, password) };
    for (const p of ['/strategy/roadmap', '/strategy', '/api/v1/projects', '/strategy/projects/2'])
      await load('warm-up', `${base}${p}`, { seconds: 2, headers });
    rows.push(
      await load(`the roadmap page: timeline by quarter, now / next / later and the list (${projects} projects)`, `${base}/strategy/roadmap`, {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 30 ms',
      }),
    );
    rows.push(
      await load('the roadmap filtered to amber (worked out on every request, not kept)', `${base}/strategy/roadmap?rag=amber`, {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 30 ms',
      }),
    );
    rows.push(
      await load(`the strategy overview with the portfolio by objective (${projects} projects)`, `${base}/strategy`, {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 30 ms',
      }),
    );
    rows.push(await load(`API: the roadmap's projects (${projects})`, `${base}/api/v1/projects`, { seconds, headers, connections: 1, target: 'p95 ≤ 30 ms' }));
    rows.push(
      await load('a project page with its milestones, dependencies and systems', `${base}/strategy/projects/2`, {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 30 ms',
      }),
    );
  } finally {
    steward.child.kill();
  }
  return rows;
}
