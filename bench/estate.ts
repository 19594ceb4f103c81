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
import { importThroughPages, load, signInWithForm, startServer, type Row } from './lib.js';
import { createService, createTicket } from '../src/modules/service-desk/index.js';
import { linkSystemToService } from '../src/modules/estate/service.js';
import { buildGraph, failureOf } from '../src/modules/estate/impact/graph.js';
import { graphRows } from '../src/modules/estate/impact/queries.js';

const layers = ['infrastructure', 'line-of-business', 'information-and-data', 'master-data', 'business-intelligence'];
const hostings = ['on-premises', 'iaas', 'paas', 'saas'];

let quickImport = false;

/** Where each band of the generated estate ends: core, platform, shared services; applications after. */
function bands(systems: number) {
  const core = Math.max(3, Math.round(systems * 0.001));
  const platform = core + Math.round(systems * 0.02);
  return { core, platform, shared: platform + Math.round(systems * 0.08) };
}

export async function estateBench(systems: number, seconds: number, options: { quick?: boolean; impactOnly?: boolean } = {}): Promise<Row[]> {
  quickImport = options.quick ?? false;
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
  const { core, platform, shared } = bands(systems);
  // Criticality by band: infrastructure is tier 1, so its row in a list comes first.
  sqlite.transaction(() => {
    for (let i = 1; i <= systems; i++)
      insertSystem.run(
        org.id,
        `SYS-${String(i).padStart(6, '0')}`,
        `System ${String(i).padStart(6, '0')}`,
        i <= platform ? 'infrastructure' : layers[1 + (i % 4)],
        hostings[i % 4],
        Math.round(rand() * 100000),
        Math.round(rand() * 500),
        i <= platform ? 1 : 1 + (i % 4),
        now,
        now,
      );
  })();
  // A realistic estate: a few core systems everything runs on (system 1, the core network, the
  // most depended-on), a platform band (clusters, database servers) on them, shared services
  // (integration, documents, payments) on the platform, and line-of-business applications using a
  // few shared services and a few other applications. The choice is skewed, so some platforms and
  // shared services are hubs and most are not, and most applications have a handful of dependants.
  const skewed = (from: number, to: number) => from + Math.floor((to - from) * rand() ** 3);
  let edges = 0;
  const link = (from: number, to: number, kind: string) => {
    if (from === to) return;
    edges += insertRel.run(org.id, from, to, kind, now).changes;
  };
  sqlite.transaction(() => {
    for (let i = 2; i <= core; i++) link(i, 1, 'depends-on');
    for (let i = core + 1; i <= platform; i++) {
      link(i, 1, 'runs-on');
      link(i, skewed(2, core + 1), 'depends-on');
    }
    for (let i = platform + 1; i <= shared; i++) {
      link(i, skewed(core + 1, platform + 1), 'runs-on');
      if (rand() < 0.5) link(i, skewed(core + 1, platform + 1), 'depends-on');
    }
    for (let i = shared + 1; i <= systems; i++) {
      link(i, skewed(core + 1, platform + 1), rand() < 0.3 ? 'runs-on' : 'depends-on');
      for (let k = Math.floor(rand() * 3); k > 0; k--) link(i, skewed(platform + 1, shared + 1), 'depends-on');
      // Applications lean on none to three older applications, and now and then on a newer
      // neighbour, which closes a small cycle.
      for (let k = Math.floor(rand() * 3 + 0.5); k > 0; k--) link(i, shared + 1 + Math.floor((i - shared - 1) * rand()), 'depends-on');
      if (rand() < 0.01) link(i, Math.min(systems, i + 1 + Math.floor(rand() * 5)), 'depends-on');
      if (rand() < 0.4) link(i, shared + 1 + Math.floor((systems - shared) * rand()), 'integrates-with');
    }
  })();
  sqlite.exec('analyze');
  sqlite.close();
  console.log(`  generated ${systems} systems and ${edges} relationships in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // The systems measured: the most depended-on, and a typical one (the median of a sample, by how
  // many systems fail with it), found with the product's own walk.
  const again = await prepare(config, { info: () => undefined });
  const graph = buildGraph(await graphRows(again.database.db, org.id), 0);
  const failing = (id: number) => failureOf(graph, [graph.node.get(id)!]).reached.length;
  const sample = Array.from({ length: 400 }, () => 1 + Math.floor(rand() * systems)).map((id) => ({ id, fails: failing(id) }));
  sample.sort((x, y) => x.fails - y.fails);
  const typical = sample[sample.length >> 1]!;
  const hub = { id: 1, fails: failing(1) };
  console.log(
    `  most depended-on: system 1, ${hub.fails} fail with it; typical: system ${typical.id}, ${typical.fails} fail with it; sampled 90th percentile ${sample[Math.floor(sample.length * 0.9)]!.fails}`,
  );
  // An incident against a service the typical system supports: its page shows the estate's impact panel.
  const actor = systemActor('bench', org.id);
  const serviceId = await createService(again.database.db, actor, org.id, {
    name: 'Bench service',
    description: 'A council service on the bench estate',
    hours: 'Always',
    visibleToStaff: true,
  });
  await linkSystemToService(again.database.db, actor, org.id, typical.id, serviceId);
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
  const at = `${systems.toLocaleString('en-GB')} systems`;
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const headers = { authorization: `Bearer ${token}` };
    const one = { connections: 1 };
    const first = await fetch(`${base}/api/v1/systems/1/impact`, { headers });
    if (!first.ok) throw new Error(`impact analysis answered ${first.status}: ${(await first.text()).slice(0, 500)}`);
    rows.push(
      await load(
        `impact analysis (API, first 50 with chains), the most depended-on system at ${at} (${hub.fails.toLocaleString('en-GB')} fail with it)`,
        `${base}/api/v1/systems/1/impact`,
        { seconds, headers, target: 'p95 ≤ 50 ms', ...one },
      ),
    );
    rows.push(
      await load(
        `impact analysis, a typical system at ${at} (${typical.fails.toLocaleString('en-GB')} fail with it)`,
        `${base}/api/v1/systems/${typical.id}/impact`,
        { seconds, headers, target: 'p95 ≤ 25 ms', ...one },
      ),
    );
    let pick = 99;
    rows.push(
      await load(`impact analysis, a random system on each request at ${at}`, `${base}/api/v1/systems/1/impact`, {
        seconds,
        headers,
        target: 'p95 ≤ 25 ms',
        path: () => `/api/v1/systems/${1 + ((pick = (pick * 1103515245 + 12345) % 2 ** 31) % systems)}/impact`,
        ...one,
      }),
    );
    rows.push(
      await load(`impact page of the most depended-on system at ${at} (first 50, with chains)`, `${base}/estate/systems/1/impact`, {
        seconds,
        headers,
        target: 'p95 ≤ 50 ms',
        ...one,
      }),
    );
    rows.push(await afterChangeRow(base, headers, typical.id, at));
    rows.push(
      await load('two-hop dependency graph of a system', `${base}/api/v1/systems/${typical.id}/graph?hops=2`, {
        seconds,
        headers,
        target: 'p95 ≤ 100 ms',
        ...one,
      }),
    );
    rows.push(
      await load('incident page with the estate impact panel (service on a typical system)', `${base}/service-desk/tickets/${incident.reference}`, {
        seconds,
        headers,
        target: 'p95 ≤ 30 ms (ticket page)',
        ...one,
      }),
    );
    if (options.impactOnly) return rows;
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
    // The whole register: systems, their suppliers and their contracts, in one import.
    rows.push(await importRow(base, quickImport ? 10_000 : 100_000, 'csv', 'register'));
    rows.push(await importRow(base, quickImport ? 10_000 : 100_000, 'xlsx', 'register'));
    // A county's messy registers leave a note on every cell not read exactly; written directly, as a year of imports would leave them.
    const notes = addNotes(config.sqliteFile, org.id, quickImport ? 20_000 : 200_000);
    for (const [what, query] of [
      ['cells read approximately', '?show=approximate'],
      ['cells that could not be read, one column', '?show=unreadable&column=Annual%20cost'],
    ] as const)
      rows.push(
        await load(`Needs attention: ${what} (${notes})`, `${base}/imports/attention${query}`, {
          seconds,
          headers,
          target: 'p95 ≤ 50 ms (a list page)',
          ...one,
        }),
      );
  } finally {
    server.child.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** Open data-quality notes on the bench's systems, half unreadable and half read approximately, over four columns. */
function addNotes(file: string, organisationId: number, count: number) {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 5000');
  const add =
    db.prepare(`insert into data_quality_notes (organisation_id, entity_type, entity_id, record_name, record_href, import_id, import_kind, field, label, kind, as_written, note, created_at)
    values (?, 'system', ?, ?, ?, null, 'systems', ?, ?, ?, ?, ?, ?)`);
  const columns = [
    ['annualCost', 'Annual cost', 'c. £3k'],
    ['users', 'Users', '~20'],
    ['endOfSupport', 'End of support', 'TBC'],
    ['criticality', 'Criticality', 'quite important'],
  ] as const;
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let n = 0; n < count; n++) {
      const [field, label, written] = columns[n % 4]!;
      const system = 1 + (n % 50_000);
      add.run(
        organisationId,
        system,
        `System ${system}`,
        `/estate/systems/${system}`,
        field,
        label,
        n % 2 ? 'approximate' : 'unreadable',
        written,
        `${label}: “${written}” kept as not known`,
        now,
      );
    }
  })();
  db.close();
  return `${count.toLocaleString('en-GB')} open notes`;
}

/**
 * The first impact after the estate changes: the instance sees the new version and builds the
 * graph again. Each round records a relationship through the API, then times one impact.
 */
async function afterChangeRow(base: string, headers: Record<string, string>, systemId: number, at: string): Promise<Row> {
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const added = await fetch(`${base}/api/v1/relationships`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ fromSystemId: systemId, toSystemId: 100 + i, kind: 'integrates-with' }),
    });
    if (added.status !== 201) throw new Error(`relationship not added: ${added.status}`);
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/systems/1/impact`, { headers });
    await res.arrayBuffer();
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  return {
    operation: `impact analysis just after the estate changed (the graph of ${at} read again), 10 rounds`,
    requestsPerSecond: 0,
    p50: Number(times[4]!.toFixed(1)),
    p95: Number(times[9]!.toFixed(1)),
    target: 'no target; once per change',
  };
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
async function importRow(base: string, count: number, format: 'csv' | 'xlsx' = 'csv', kind: 'systems' | 'register' = 'systems'): Promise<Row> {
  const register = kind === 'register';
  const lines = [
    `System Ref,Application Name,Hosted,Supplier,EOL,Annual Cost (£),No. of users,Tier,Dependencies${register ? ',Contract start,Contract end,Notice period' : ''}`,
  ];
  // The workbook gives every system a new cost, so each of its rows is a real update.
  const costShift = format === 'xlsx' ? 2 : 1;
  const prefix = register ? 'REG' : 'IMP';
  for (let i = 1; i <= count; i++)
    lines.push(
      `${prefix}-${i},${register ? 'Registered' : 'Imported'} system ${i},${i % 2 ? 'On Prem' : 'SaaS'},Vendor ${i % 50},Mar-2${7 + (i % 3)},"£${(i % 90) + costShift},000",${i % 500},Tier ${1 + (i % 4)},${i > 1 ? `${prefix}-${i - 1}` : ''}${register ? `,Apr-2${i % 5},Mar-2${7 + (i % 3)},${3 + (i % 10)} months` : ''}`,
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
  const cookie = await signInWithForm(base, 'bench.admin@county.example', 'bench-admin-passphrase');
  const took = await importThroughPages(base, cookie, kind, `register.${format}`, csv, count);
  const seconds = took.seconds;
  console.log(`  ${kind} ${format}: upload ${took.upload.toFixed(1)} s, preview ${took.preview.toFixed(1)} s, confirm ${took.confirm.toFixed(1)} s`);
  return {
    operation: `import of a ${count.toLocaleString('en-GB')}-row ${format.toUpperCase()}${register ? ' whole register (systems, suppliers, contracts)' : ''}: upload, preview, confirm (seconds: ${seconds.toFixed(1)})`,
    requestsPerSecond: 0,
    p50: Number((seconds * 1000).toFixed(0)),
    p95: Number((seconds * 1000).toFixed(0)),
    target: '≤ 15 s end to end',
  };
}
