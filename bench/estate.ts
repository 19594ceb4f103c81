// The tech estate at a large authority's scale: systems and relationships generated in bulk (bench
// data), then the register and impact analysis measured through the HTTP stack.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { writeSpreadsheet } from '../src/platform/spreadsheet.js';
import { loadConfig } from '../src/config.js';
import { prepare } from '../src/startup.js';
import { firstOrganisation } from '../src/platform/organisations/service.js';
import { systemActor } from '../src/platform/audit/audit.js';
import { createToken } from '../src/platform/tokens/service.js';
import { findPersonByEmail } from '../src/platform/people/service.js';
import { load, startServer, type Row } from './lib.js';
import { createService, createTicket } from '../src/modules/service-desk/index.js';
import { linkSystemToService } from '../src/modules/estate/service.js';

const layers = ['infrastructure', 'line-of-business', 'information-and-data', 'master-data', 'business-intelligence'];
const hostings = ['on-premises', 'iaas', 'paas', 'saas'];

let quickImport = false;

export async function estateBench(systems: number, relationships: number, seconds: number, quick = false): Promise<Row[]> {
  quickImport = quick;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-estate-'));
  const config = loadConfig({
    STEWARD_DATA_DIR: dataDir,
    STEWARD_DEMO: '0',
    STEWARD_ADMIN_EMAIL: 'bench.admin@county.example',
    STEWARD_ADMIN_PASSWORD: 'bench-admin-passphrase',
    STEWARD_PASSWORD_COST: '10',
    LOG_LEVEL: 'silent',
  });
  const { database } = await prepare(config, { info: () => undefined });
  const org = (await firstOrganisation(database.db))!;
  const admin = (await findPersonByEmail(database.db, 'bench.admin@county.example'))!;
  const token = (await createToken(database.db, systemActor('bench', org.id), admin.id, org.id, 'bench')).token;
  await database.close();

  const started = Date.now();
  const sqlite = new SQLite(config.sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const now = new Date().toISOString();
  const insertSystem =
    sqlite.prepare(`insert into systems (organisation_id, identifier, name, kind, layer, area, hosting, lifecycle, annual_cost, users, criticality, recovery_plan, description, created_at, updated_at)
    values (?, ?, ?, 'application', ?, 'mission-it', ?, 'tolerate', ?, ?, ?, 0, '', ?, ?)`);
  const insertRel = sqlite.prepare(
    `insert or ignore into system_relationships (organisation_id, from_system_id, to_system_id, kind, created_at) values (?, ?, ?, ?, ?)`,
  );
  let seed = 7;
  const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  sqlite.transaction(() => {
    for (let i = 1; i <= systems; i++)
      insertSystem.run(
        org.id,
        `SYS-${String(i).padStart(6, '0')}`,
        `System ${String(i).padStart(6, '0')}`,
        layers[i % 5],
        hostings[i % 4],
        Math.round(rand() * 100000),
        Math.round(rand() * 500),
        1 + (i % 4),
        now,
        now,
      );
  })();
  // System 1 is the hub: 10 + 100 + 1,000 systems depend on it in three levels, 1,110 in all.
  const tree = new Set<number>([1]);
  let next = 2;
  let level = [1];
  let edges = 0;
  sqlite.transaction(() => {
    for (let depth = 0; depth < 3; depth++) {
      const children: number[] = [];
      for (const parent of level)
        for (let c = 0; c < 10; c++) {
          const child = next++;
          tree.add(child);
          children.push(child);
          insertRel.run(org.id, child, parent, 'depends-on', now);
          edges++;
        }
      level = children;
    }
    // Everything else depends on systems outside the hub's tree, cycles included, so the hub's
    // dependants stay 1,110 however many relationships there are.
    while (edges < relationships) {
      const from = 1 + Math.floor(rand() * systems);
      let to = 1 + Math.floor(rand() * systems);
      if (tree.has(to) || to === from) to = next + Math.floor(rand() * (systems - next));
      if (to === from || tree.has(to)) continue;
      insertRel.run(org.id, from, to, rand() < 0.7 ? 'depends-on' : 'runs-on', now);
      edges++;
    }
  })();
  sqlite.exec('analyze');
  sqlite.close();
  console.log(`  generated ${systems} systems and ${edges} relationships in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // An incident against a service that a leaf of the hub's tree supports: its page shows the estate's impact panel.
  const again = await prepare(config, { info: () => undefined });
  const actor = systemActor('bench', org.id);
  const serviceId = await createService(again.database.db, actor, org.id, {
    name: 'Bench service',
    description: 'A council service on the bench estate',
    hours: 'Always',
    visibleToStaff: true,
  });
  await linkSystemToService(again.database.db, actor, org.id, 1111, serviceId);
  const incident = await createTicket(again.database.db, actor, org.id, {
    kind: 'incident',
    title: 'Bench incident',
    description: 'The service is down',
    requesterId: admin.id,
    serviceId,
    impact: 2,
    urgency: 2,
  });
  await again.database.close();

  const server = await startServer('steward-existing', { STEWARD_DATA_DIR: dataDir });
  const rows: Row[] = [];
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const headers = { authorization: `Bearer ${token}` };
    const one = { connections: 1 };
    const impact = (await (await fetch(`${base}/api/v1/systems/1/impact`, { headers })).json()) as { dependants: unknown[] };
    rows.push(
      await load(`impact analysis, system with ${impact.dependants.length} transitive dependants`, `${base}/api/v1/systems/1/impact`, {
        seconds,
        headers,
        target: 'p95 ≤ 25 ms',
        ...one,
      }),
    );
    rows.push(
      await load('two-hop dependency graph of a system', `${base}/api/v1/systems/111/graph?hops=2`, { seconds, headers, target: 'p95 ≤ 100 ms', ...one }),
    );
    rows.push(
      await load('incident page with the estate impact panel (service on a leaf of the hub)', `${base}/service-desk/tickets/${incident.reference}`, {
        seconds,
        headers,
        target: 'p95 ≤ 30 ms (ticket page)',
        ...one,
      }),
    );
    rows.push(
      await load(
        'register API, filtered by layer and hosting, sorted by cost',
        `${base}/api/v1/systems?layer=line-of-business&hosting=saas&sort=cost&limit=50`,
        { seconds, headers, target: 'p95 ≤ 50 ms', ...one },
      ),
    );
    for (const format of ['csv', 'xlsx'] as const) rows.push(await exportRow(base, headers, format, systems));
    rows.push(await importRow(base, quickImport ? 10_000 : 100_000));
    // The same register again as a workbook with new costs: every row updates a system already there.
    rows.push(await importRow(base, quickImport ? 10_000 : 100_000, 'xlsx'));
  } finally {
    server.child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** Downloads the whole register once, timing it: what a Head of IT waits for when exporting the estate. */
async function exportRow(base: string, headers: Record<string, string>, format: 'csv' | 'xlsx', count: number): Promise<Row> {
  const started = performance.now();
  const res = await fetch(`${base}/estate/systems.${format}`, { headers });
  const bytes = (await res.arrayBuffer()).byteLength;
  if (!res.ok || bytes < count * 10) throw new Error(`export failed: ${res.status}, ${bytes} bytes`);
  const seconds = (performance.now() - started) / 1000;
  return {
    operation: `export of all ${count.toLocaleString('en-GB')} systems as ${format.toUpperCase()} (seconds: ${seconds.toFixed(1)})`,
    requestsPerSecond: 0,
    p50: Number((seconds * 1000).toFixed(0)),
    p95: Number((seconds * 1000).toFixed(0)),
    target: 'no target; one download',
  };
}

/** Uploads a generated register of `count` rows through the import pages, previews it and confirms it, timing all of it. */
async function importRow(base: string, count: number, format: 'csv' | 'xlsx' = 'csv'): Promise<Row> {
  const lines = ['System Ref,Application Name,Hosted,Supplier,EOL,Annual Cost (£),No. of users,Tier,Dependencies'];
  // The workbook gives every system a new cost, so each of its rows is a real update.
  const costShift = format === 'xlsx' ? 2 : 1;
  for (let i = 1; i <= count; i++)
    lines.push(
      `IMP-${i},Imported system ${i},${i % 2 ? 'On Prem' : 'SaaS'},Vendor ${i % 50},Mar-2${7 + (i % 3)},"£${(i % 90) + costShift},000",${i % 500},Tier ${1 + (i % 4)},${i > 1 ? `IMP-${i - 1}` : ''}`,
    );
  const csv =
    format === 'csv'
      ? Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`)
      : ((
          await writeSpreadsheet(
            'xlsx',
            'register',
            lines[0]!.split(','),
            lines.slice(1).map((l) => parse(l)[0] as string[]),
          )
        ).body as Buffer);
  const form = await fetch(`${base}/sign-in`);
  let cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  let csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const signedIn = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'bench.admin@county.example', password: 'bench-admin-passphrase', _csrf: csrf }).toString(),
  });
  cookie += `; ${
    signedIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('steward_session='))!
      .split(';')[0]
  }`;
  csrf = /name="_csrf" value="([^"]+)"/.exec(await (await fetch(`${base}/imports?kind=systems`, { headers: { cookie } })).text())![1]!;
  const started = performance.now();
  const body = new FormData();
  body.set('_csrf', csrf);
  body.set('kind', 'systems');
  body.set('file', new Blob([csv]), `register.${format}`);
  const uploaded = await fetch(`${base}/imports`, { method: 'POST', redirect: 'manual', headers: { cookie }, body });
  const preview = uploaded.headers.get('location');
  const uploadedAt = performance.now();
  if (!preview) throw new Error(`import upload failed: ${uploaded.status}`);
  const page = await (await fetch(`${base}${preview}`, { headers: { cookie } })).text();
  if (!page.includes(`${count.toLocaleString('en-GB').replace(/,/g, '')} rows can be imported`))
    throw new Error(`import preview did not read every row: ${/\d+ rows? can be imported[^.]*\.[^.]*\./.exec(page)?.[0] ?? page.slice(0, 300)}`);
  const previewedAt = performance.now();
  const done = await fetch(`${base}${preview}/confirm`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
  });
  if (done.status !== 303) throw new Error(`import confirm failed: ${done.status}`);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${format}: upload ${((uploadedAt - started) / 1000).toFixed(1)} s, preview ${((previewedAt - uploadedAt) / 1000).toFixed(1)} s, confirm ${((performance.now() - previewedAt) / 1000).toFixed(1)} s`,
  );
  return {
    operation: `import of a ${count.toLocaleString('en-GB')}-row ${format.toUpperCase()}: upload, preview, confirm (seconds: ${seconds.toFixed(1)})`,
    requestsPerSecond: 0,
    p50: Number((seconds * 1000).toFixed(0)),
    p95: Number((seconds * 1000).toFixed(0)),
    target: '≤ 15 s end to end',
  };
}
