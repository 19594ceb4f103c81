// Vulnerabilities at a county's scale: a 200,000-finding Nessus export imported through the pages,
// a full rescan that closes 50,000 of them, then bench data up to 1,000,000 findings and the list
// filtered by severity and system.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { prepare } from '../src/startup.js';
import { firstOrganisation } from '../src/platform/organisations/service.js';
import { importThroughPages, load, signInWithForm, startServer, type Row } from './lib.js';

const systems = 1_000;
const hostsPerScan = 2_000;
const email = 'bench.admin@county.example';
const password = 'bench-admin-passphrase';

const risk = (i: number) => (['Critical', 'High', 'Medium', 'Low'] as const)[i % 4]!;
const cvss = (i: number) => ['9.8', '8.1', '5.3', '3.1'][i % 4]!;
const address = (h: number) => `10.${60 + Math.floor(h / 60_000)}.${Math.floor(h / 250) % 240}.${(h % 250) + 1}`;

/** A Nessus CSV export with the columns a council keeps: `perHost` findings on each of the hosts. */
function nessusScan(perHost: number, skip: (host: number, finding: number) => boolean) {
  const lines = ['Plugin ID,CVE,CVSS v3.0 Base Score,Risk,Host,Protocol,Port,Name,Synopsis,Solution'];
  for (let h = 0; h < hostsPerScan; h++) {
    // Half the hosts are servers the register records (by address); half are workstations it does not.
    const host = h < systems ? address(h) : `ws-${String(h).padStart(5, '0')}.county.local`;
    for (let f = 0; f < perHost; f++) {
      if (skip(h, f)) continue;
      const plugin = 100_000 + ((h * 7 + f * 13) % 5_000);
      lines.push(
        `"${plugin}","CVE-2026-${String(plugin).slice(1)}","${cvss(plugin)}","${risk(plugin)}","${host}","tcp","${443 + (f % 5)}","Bench check ${plugin}: component out of date","A component on the host is older than its fixed release.","Update the component to the supplier's fixed release."`,
      );
    }
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

export async function vulnerabilityBench(seconds: number, options: { quick?: boolean } = {}): Promise<Row[]> {
  const perHost = options.quick ? 10 : 100;
  const total = options.quick ? 100_000 : 1_000_000;
  const scanned = hostsPerScan * perHost;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-bench-vulnerabilities-'));
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
  const addSystem = sqlite.prepare(`insert into systems (organisation_id, identifier, name, kind, criticality, description, hosts, created_at, updated_at)
    values (?, ?, ?, 'server', ?, '', ?, ?, ?)`);
  sqlite.transaction(() => {
    for (let i = 0; i < systems; i++)
      addSystem.run(org.id, `SRV-${i}`, `Server ${i}`, 1 + (i % 4), `srv-${String(i).padStart(4, '0')}.county.local\n${address(i)}`, now, now);
  })();
  sqlite.close();

  const rows: Row[] = [];
  let steward = await startServer('steward-existing', env);
  try {
    const base = () => `http://127.0.0.1:${steward.port}`;
    let cookie = await signInWithForm(base(), email, password);
    const first = nessusScan(perHost, () => false);
    const took = await importThroughPages(base(), cookie, 'vulnerabilities', 'nessus-full-scan.csv', first, scanned);
    console.log(
      `  scan of ${scanned} findings (${(first.length / 2 ** 20).toFixed(0)} MB): upload ${took.upload.toFixed(1)} s, preview ${took.preview.toFixed(1)} s, confirm ${took.confirm.toFixed(1)} s`,
    );
    rows.push({
      operation: `import of a ${scanned.toLocaleString('en-GB')}-finding Nessus CSV (${(first.length / 2 ** 20).toFixed(0)} MB): upload, preview, confirm (seconds: ${took.seconds.toFixed(1)})`,
      requestsPerSecond: 0,
      p50: Math.round(took.seconds * 1000),
      p95: Math.round(took.seconds * 1000),
      target: '≤ 20 s end to end',
    });
    // The next month's full scan of the same hosts: a quarter of each host's findings fixed.
    const rescan = nessusScan(perHost, (_h, f) => f % 4 === 0);
    const closes = scanned - (rescan.toString('latin1').split('\r\n').length - 2);
    const again = await importThroughPages(base(), cookie, 'vulnerabilities', 'nessus-full-scan-next-month.csv', rescan, scanned - closes);
    console.log(
      `  rescan closing ${closes}: upload ${again.upload.toFixed(1)} s, preview ${again.preview.toFixed(1)} s, confirm ${again.confirm.toFixed(1)} s`,
    );
    const done = await (await fetch(`${base()}${again.page}`, { headers: { cookie } })).text();
    if (!done.includes(`${closes.toLocaleString('en-GB')} findings closed`))
      throw new Error(
        `bench: the rescan did not close ${closes} findings: ${
          /[^<>]*findings closed[^<>]*/.exec(done)?.[0] ??
          done
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .slice(0, 1500)
        }`,
      );
    rows.push({
      operation: `re-import of a full scan that closes ${closes.toLocaleString('en-GB')} findings (seconds: ${again.seconds.toFixed(1)})`,
      requestsPerSecond: 0,
      p50: Math.round(again.seconds * 1000),
      p95: Math.round(again.seconds * 1000),
      target: '≤ 20 s end to end',
    });
    steward.child.kill();

    // Bench data up to the total: more scans' worth of findings on the same systems, written directly.
    const db = new SQLite(config.sqliteFile);
    db.pragma('journal_mode = WAL');
    const vulnerabilities = db.prepare('select id, severity from vulnerabilities where organisation_id = ?').all(org.id) as { id: number; severity: string }[];
    const have = (db.prepare('select count(*) as n from vulnerability_findings').get() as { n: number }).n;
    const add =
      db.prepare(`insert into vulnerability_findings (organisation_id, vulnerability_id, system_id, host, host_name, port, severity, first_seen, last_seen, due_on, status, reopened)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`);
    const today = new Date();
    const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    db.transaction(() => {
      for (let n = 0; n < total - have; n++) {
        const v = vulnerabilities[n % vulnerabilities.length]!;
        const system = n % systems;
        const seen = -((n * 7) % 200);
        add.run(
          org.id,
          v.id,
          system + 1,
          bulkAddress(Math.floor(n / 100)),
          `srv-bulk-${Math.floor(n / 100)}.eastwold.local`,
          `${(n % 100) + 1}/tcp`,
          v.severity,
          day(seen),
          day(seen + 10),
          day(seen + 14 + (n % 60)),
          n % 3 === 0 ? 'closed' : 'open',
        );
      }
    })();
    db.exec('analyze');
    const count = (db.prepare('select count(*) as n from vulnerability_findings').get() as { n: number }).n;
    db.close();

    steward = await startServer('steward-existing', env);
    cookie = await signInWithForm(base(), email, password);
    const headers = { cookie };
    const system = 42;
    const list = (q: string) => `${base()}/cyber/vulnerabilities/findings?${q}`;
    // The first read after a start or a change works the counts out; later reads use what it kept.
    const cold = performance.now();
    await (await fetch(`${base()}/cyber/vulnerabilities`, { headers })).text();
    const coldMs = performance.now() - cold;
    for (const q of [`severity=high&system=${system}`, 'severity=critical', 'show=overdue']) await load('warm-up', list(q), { seconds: 2, headers });
    const at = `${count.toLocaleString('en-GB')} findings`;
    rows.push(
      await load(`findings list filtered by severity and system (${at})`, list(`severity=high&system=${system}`), {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 50 ms',
      }),
    );
    rows.push(
      await load(`findings list filtered by severity and system, page 2 (${at})`, await nextPage(list(`severity=high&system=${system}`), headers), {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 50 ms',
      }),
    );
    rows.push(await load(`findings list, critical only (${at})`, list('severity=critical'), { seconds, headers, connections: 1, target: 'p95 ≤ 50 ms' }));
    rows.push(await load(`findings list, overdue (${at})`, list('show=overdue'), { seconds, headers, connections: 1, target: 'p95 ≤ 50 ms' }));
    rows.push(
      await load(`findings list for one host by name (${at})`, list('host=srv-bulk-4321.eastwold.local'), {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 50 ms',
      }),
    );
    rows.push(
      await load(`API: findings filtered by severity and system (${at})`, `${base()}/api/v1/vulnerabilities?severity=high&system=${system}`, {
        seconds,
        headers,
        connections: 1,
        target: 'p95 ≤ 50 ms',
      }),
    );
    rows.push({
      operation: `vulnerabilities overview, first read after the findings change (${at})`,
      requestsPerSecond: 0,
      p50: Math.round(coldMs),
      p95: Math.round(coldMs),
      target: 'no target; works out every open finding once',
    });
    rows.push(await load(`cyber page (${at})`, `${base()}/cyber`, { seconds, headers, connections: 1, target: 'p95 ≤ 50 ms' }));
    rows.push(
      await load(`vulnerabilities overview (${at})`, `${base()}/cyber/vulnerabilities`, {
        seconds,
        headers,
        connections: 1,
        target: 'no target; counts kept until the findings change',
      }),
    );
  } finally {
    steward.child.kill();
  }
  return rows;
}

/** A distinct address per bulk host, as a scanner reports it. */
const bulkAddress = (g: number) => `172.${16 + ((g >> 16) & 15)}.${(g >> 8) & 255}.${g & 255}`;

async function nextPage(url: string, headers: Record<string, string>) {
  const page = await (await fetch(url, { headers })).text();
  const href = /href="([^"]+)" rel="next"/.exec(page)?.[1];
  if (!href) throw new Error('bench: the findings list has no next page');
  return new URL(href.replace(/&amp;/g, '&'), url).toString();
}
