// The cost of each council service at a county's scale: 50,000 systems used by 60 service areas,
// 10,000 contracts covering them (bench data, written in bulk), the page and the API.
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

export async function costBench(seconds: number, systems = 50_000, contracts = 10_000): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-cost-'));
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
  sqlite.transaction(() => {
    const area = sqlite.prepare(
      `insert into service_areas (organisation_id, name, directorate_id, kind, created_at) values (?, ?, null, 'service-area', ?) returning id`,
    );
    const areas = Array.from({ length: 60 }, (_, i) => (area.get(org.id, `Bench service ${i}`, now) as { id: number }).id);
    const heads = sqlite.prepare('insert into service_area_headcounts (organisation_id, service_area_id, headcount) values (?, ?, ?)');
    areas.forEach((id, i) => heads.run(org.id, id, 20 + ((i * 37) % 600)));
    sqlite.prepare(`insert into cost_settings (organisation_id, shared_rule) values (?, 'headcount')`).run(org.id);
    const system = sqlite.prepare(
      `insert into systems (organisation_id, identifier, name, kind, annual_cost, recovery_plan, description, created_at, updated_at) values (?, ?, ?, 'application', ?, 0, '', ?, ?) returning id`,
    );
    const uses = sqlite.prepare('insert into system_service_areas (system_id, service_area_id, organisation_id) values (?, ?, ?)');
    const ids: number[] = [];
    for (let i = 0; i < systems; i++) {
      const id = (system.get(org.id, `BENCH-${i}`, `Bench system ${i}`, i % 7 === 0 ? null : 1000 + (i % 50) * 500, now, now) as { id: number }).id;
      ids.push(id);
      // Most systems serve one service; every fourth is shared by two or three; a few by none.
      const n = i % 20 === 19 ? 0 : i % 4 === 0 ? 2 + (i % 2) : 1;
      for (let k = 0; k < n; k++) uses.run(id, areas[(i + k * 17) % areas.length], org.id);
    }
    const supplier = sqlite.prepare(`insert into suppliers (organisation_id, name, contact, created_at, updated_at) values (?, ?, '', ?, ?) returning id`);
    const suppliers = Array.from({ length: 2000 }, (_, i) => (supplier.get(org.id, `Bench Supplier ${i} Ltd`, now, now) as { id: number }).id);
    const contract = sqlite.prepare(
      `insert into contracts (organisation_id, reference, title, supplier_id, annual_value, start_date, end_date, notice_months, notice_deadline, procurement_route, created_at, updated_at)
       values (?, ?, ?, ?, ?, '2024-04-01', '2028-03-31', 6, '2027-09-30', 'framework', ?, ?) returning id`,
    );
    const covers = sqlite.prepare('insert into contract_systems (contract_id, system_id, organisation_id) values (?, ?, ?)');
    for (let c = 0; c < contracts; c++) {
      const id = (contract.get(org.id, `CON-${c}`, `Bench contract ${c}`, suppliers[c % suppliers.length], 5000 + (c % 90) * 1000, now, now) as { id: number })
        .id;
      for (let k = 0; k < 1 + (c % 3); k++) covers.run(id, ids[(c * 5 + k * 1013) % ids.length], org.id);
    }
  })();
  sqlite.close();
  const server = await startServer('steward-existing', { ...env, STEWARD_DATA_DIR: dataDir });
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const headers = { cookie: await signInWithForm(base, email, password) };
    return [
      await load(
        `cost per service page: ${systems.toLocaleString('en-GB')} systems, ${contracts.toLocaleString('en-GB')} contracts, 60 services by headcount`,
        `${base}/budget/cost-per-service`,
        {
          seconds,
          headers,
          connections: 1,
          target: 'p95 ≤ 100 ms',
        },
      ),
      await load('cost per service in the API', `${base}/api/v1/cost-per-service`, { seconds, headers, connections: 1, target: 'p95 ≤ 100 ms' }),
    ];
  } finally {
    server.child.kill();
  }
}
