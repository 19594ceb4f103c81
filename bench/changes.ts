// The change calendar at a county's scale: 50,000 systems with 100,000 dependencies between them and
// 10,000 changes over a year (2,000 of them in one month), written in bulk. Conflict detection for
// one change (the API's change, which carries its conflicts) and the calendar's month page.
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
const hourMs = 3_600_000;

export async function changesBench(seconds: number, systems = 50_000, changes = 10_000, inMonth = 2_000): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-changes-'));
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
  // The busy month: next month. The other changes spread over the year around it.
  const today = new Date();
  const monthStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1);
  const monthEnd = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 2, 1);
  const month = new Date(monthStart).toISOString().slice(0, 7);
  const yearStart = monthStart - 180 * 24 * hourMs;
  const references: string[] = [];
  sqlite.transaction(() => {
    const system = sqlite.prepare(
      `insert into systems (organisation_id, identifier, name, kind, recovery_plan, description, created_at, updated_at) values (?, ?, ?, 'application', 0, '', ?, ?) returning id`,
    );
    const ids: number[] = [];
    for (let i = 0; i < systems; i++) ids.push((system.get(org.id, `BENCH-${i}`, `Bench system ${i}`, now, now) as { id: number }).id);
    const depends = sqlite.prepare(
      `insert or ignore into system_relationships (organisation_id, from_system_id, to_system_id, kind, created_at) values (?, ?, ?, 'depends-on', ?)`,
    );
    for (let i = 0; i < systems; i++) {
      depends.run(org.id, ids[i], ids[(i * 7 + 1) % systems], now);
      depends.run(org.id, ids[i], ids[(i * 13 + 5) % systems], now);
    }
    const change = sqlite.prepare(
      `insert into changes (organisation_id, number, reference, title, description, kind, status, risk_score, risk_level, planned_start, planned_end, cab_round, created_at, updated_at)
       values (?, ?, ?, ?, '', ?, ?, 6, 'low', ?, ?, 1, ?, ?) returning id`,
    );
    const touches = sqlite.prepare('insert or ignore into change_systems (organisation_id, change_id, system_id) values (?, ?, ?)');
    const statuses = ['scheduled', 'approved', 'implemented', 'reviewed', 'awaiting_cab'];
    for (let c = 0; c < changes; c++) {
      // Every fifth change falls in the busy month; the rest anywhere in the year.
      const busy = c < inMonth;
      // The busy month holds exactly its 2,000: the others are spread over the rest of the year around it.
      const spread = yearStart + Math.floor(((c * 104_729) % (changes - inMonth)) * ((365 * 24 * hourMs - (monthEnd - monthStart)) / (changes - inMonth)));
      const start = busy
        ? monthStart + Math.floor(((c * 7919) % inMonth) * ((monthEnd - monthStart - 6 * hourMs) / inMonth))
        : spread + 5 * hourMs > monthStart
          ? spread + (monthEnd - monthStart) + 5 * hourMs
          : spread;
      const startIso = new Date(Math.floor(start / 900_000) * 900_000).toISOString();
      const endIso = new Date(Date.parse(startIso) + (1 + (c % 4)) * hourMs).toISOString();
      const reference = `CHG-${String(c + 1).padStart(6, '0')}`;
      references.push(reference);
      const id = (
        change.get(
          org.id,
          c + 1,
          reference,
          `Bench change ${c}`,
          c % 10 === 0 ? 'emergency' : c % 3 === 0 ? 'standard' : 'normal',
          statuses[c % statuses.length],
          startIso,
          endIso,
          now,
          now,
        ) as {
          id: number;
        }
      ).id;
      // Changes cluster on the busier systems: 1 to 3 of the first 2,000, so some share systems.
      for (let k = 0; k < 1 + (c % 3); k++) touches.run(org.id, id, ids[(c * 31 + k * 977) % 2_000]);
    }
    sqlite.prepare('insert into change_counters (organisation_id, changes) values (?, ?)').run(org.id, changes);
    sqlite
      .prepare(`insert into change_freeze_windows (organisation_id, name, reason, starts_at, ends_at, created_at, updated_at) values (?, ?, '', ?, ?, ?, ?)`)
      .run(org.id, 'Bench freeze', new Date(monthStart + 10 * 24 * hourMs).toISOString(), new Date(monthStart + 12 * 24 * hourMs).toISOString(), now, now);
  })();
  sqlite.close();
  const server = await startServer('steward-existing', { ...env, STEWARD_DATA_DIR: dataDir });
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const headers = { cookie: await signInWithForm(base, email, password) };
    const busyOnes = references.slice(0, inMonth);
    let n = 0;
    const oneChange = () => `/api/v1/changes/${busyOnes[(n++ * 37) % busyOnes.length]}`;
    await load('warm-up', `${base}${oneChange()}`, { seconds: 2, headers, path: oneChange });
    const scale = `${changes.toLocaleString('en-GB')} changes, ${systems.toLocaleString('en-GB')} systems`;
    return [
      await load(`conflicts of one change (the API’s change, a random one in the busy month): ${scale}`, `${base}${oneChange()}`, {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 50 ms',
        path: oneChange,
      }),
      await load(
        `change calendar month page, ${inMonth.toLocaleString('en-GB')} changes in the month, with their conflicts`,
        `${base}/changes/calendar?month=${month}`,
        {
          seconds,
          headers,
          connections: 1,
          target: 'p95 ≤ 50 ms',
        },
      ),
      await load(
        `change calendar in the API for the month (${inMonth.toLocaleString('en-GB')} changes)`,
        `${base}/api/v1/change-calendar?from=${new Date(monthStart).toISOString()}&to=${new Date(monthEnd).toISOString()}`,
        { seconds, headers, connections: 1, target: 'p95 ≤ 50 ms' },
      ),
    ];
  } finally {
    server.child.kill();
  }
}
