import { importSpreadsheet, toCsv, type DemoContext } from '../../../platform/index.js';
import { systemsWithHosts } from '../../estate/index.js';
import { openRisks } from '../risks/service.js';
import type { Severity } from '../tables.js';
import { vulnerabilitiesImport } from './import.js';
import * as q from './queries.js';
import { acceptFinding } from './service.js';
import { addDays } from './rules.js';

type Check = [
  oid: string,
  title: string,
  cvss: number,
  port: string,
  cves: string,
  summary: string,
  solution: string,
  kind: 'windows' | 'linux' | 'db' | 'any',
];

/** What a Greenbone scan of a council's servers finds, in Steward's own words (demo text, not the scanner's). */
const checks: Check[] = [
  [
    '1.3.6.1.4.1.25623.1.0.900001',
    'Windows security updates missing (October 2026)',
    8.8,
    '445/tcp',
    '',
    'Demo: the October cumulative update is not installed.',
    'Install the latest cumulative update.',
    'windows',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900002',
    'Windows security updates missing (November 2026)',
    9.8,
    '445/tcp',
    '',
    'Demo: the November cumulative update is not installed.',
    'Install the latest cumulative update.',
    'windows',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900003',
    'SMB version 1 enabled',
    8.1,
    '445/tcp',
    'CVE-2017-0144',
    'Demo: the server still accepts the first version of the SMB protocol.',
    'Turn off SMB version 1.',
    'windows',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900004',
    'SMB signing not required',
    5.3,
    '445/tcp',
    '',
    'Demo: SMB traffic can be relayed because signing is optional.',
    'Require SMB signing by group policy.',
    'windows',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900005',
    'Remote Desktop without network level authentication',
    6.5,
    '3389/tcp',
    '',
    'Demo: Remote Desktop accepts connections before the user is authenticated.',
    'Require network level authentication.',
    'windows',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900006',
    'Operating system out of support',
    10,
    '',
    '',
    'Demo: the operating system no longer receives security updates.',
    'Move the service to a supported operating system.',
    'windows',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900007',
    'TLS 1.0 and 1.1 accepted',
    5.9,
    '443/tcp',
    '',
    'Demo: the service accepts old versions of TLS.',
    'Allow TLS 1.2 and above only.',
    'any',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900008',
    'TLS certificate expired',
    5.3,
    '443/tcp',
    '',
    'Demo: the certificate presented has passed its expiry date.',
    'Renew the certificate.',
    'any',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900009',
    'Self-signed TLS certificate',
    4.3,
    '443/tcp',
    '',
    'Demo: the certificate is not issued by a trusted authority.',
    'Use a certificate from the council’s certificate authority.',
    'any',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900010',
    'Weak SSH key exchange algorithms',
    5.3,
    '22/tcp',
    '',
    'Demo: the SSH server offers key exchange methods no longer considered safe.',
    'Remove the weak algorithms from the SSH configuration.',
    'linux',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900011',
    'OpenSSH out of date',
    8.1,
    '22/tcp',
    'CVE-2024-6387',
    'Demo: the installed OpenSSH is older than the fixed release.',
    'Update OpenSSH from the distribution’s repositories.',
    'linux',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900012',
    'Kernel security updates missing',
    7.8,
    '',
    '',
    'Demo: kernel updates published by the distribution are not installed.',
    'Install the updates and restart.',
    'linux',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900013',
    'Database server out of support',
    9.8,
    '1433/tcp',
    '',
    'Demo: this database server version no longer receives security updates.',
    'Upgrade to a supported version.',
    'db',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900014',
    'Database cumulative update missing',
    7.2,
    '1433/tcp',
    '',
    'Demo: the latest cumulative update for the database server is not installed.',
    'Install the cumulative update in the next maintenance window.',
    'db',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900015',
    'Database listener reachable from user networks',
    6.5,
    '1433/tcp',
    '',
    'Demo: the database port answers from the corporate user network.',
    'Restrict the port to the application servers.',
    'db',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900016',
    'Java runtime out of date',
    7.5,
    '',
    '',
    'Demo: an old Java runtime is installed alongside the application.',
    'Update or remove the runtime.',
    'any',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900017',
    'Web server version disclosed',
    2.6,
    '443/tcp',
    '',
    'Demo: the web server names its version in every response.',
    'Hide the version in the server configuration.',
    'any',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900018',
    'HTTP security headers missing',
    3.1,
    '443/tcp',
    '',
    'Demo: responses lack headers that protect browsers.',
    'Add the headers at the web server or load balancer.',
    'any',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900019',
    'Log4j library vulnerable to remote code execution',
    10,
    '8443/tcp',
    'CVE-2021-44228',
    'Demo: an application bundles a vulnerable logging library.',
    'Update the application to the supplier’s fixed release.',
    'any',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900020',
    'SNMP agent answers the default community',
    7.5,
    '161/udp',
    '',
    'Demo: the management agent answers the well-known community string.',
    'Change the community or move to SNMP version 3.',
    'any',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900021',
    'ICMP timestamp replies',
    2.1,
    '',
    'CVE-1999-0524',
    'Demo: the host reveals its clock to anyone who asks.',
    'Filter ICMP timestamp requests.',
    'any',
  ],
  [
    '1.3.6.1.4.1.25623.1.0.900022',
    'Hypervisor management interface out of date',
    9.1,
    '443/tcp',
    '',
    'Demo: the hypervisor host is behind on security patches.',
    'Apply the hypervisor patch.',
    'linux',
  ],
];

/** What a printer on the user network can fail: its web page, its certificate and its management agent. */
const printerChecks = new Set([
  'TLS 1.0 and 1.1 accepted',
  'Self-signed TLS certificate',
  'Web server version disclosed',
  'HTTP security headers missing',
  'SNMP agent answers the default community',
  'ICMP timestamp replies',
]);

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const header = [
  'IP',
  'Hostname',
  'Port',
  'Port Protocol',
  'CVSS',
  'Severity',
  'Solution Type',
  'NVT Name',
  'Summary',
  'NVT OID',
  'CVEs',
  'Task Name',
  'Timestamp',
  'Solution',
];
const threat = (cvss: number) => (cvss >= 7 ? 'High' : cvss >= 4 ? 'Medium' : cvss > 0 ? 'Low' : 'Log');

/**
 * Two Greenbone scans a month apart, imported as the council would: the servers the register
 * records, and workstations and printers on the user network that no system records. Between them
 * the October updates went in, the November ones did not, and a few certificates were renewed.
 */
export async function loadVulnerabilityDemo(ctx: DemoContext) {
  const { db, organisationId: org } = ctx;
  // Scans are imported, and risks accepted, by the infrastructure and security manager.
  const actor = { personId: ctx.people.infrastructureManager ?? null, label: 'demo loader', organisationId: org };
  const rand = random(20261202);
  const servers = await systemsWithHosts(db, org);
  const today = new Date().toISOString().slice(0, 10);
  const first = addDays(today, -26);
  const second = addDays(today, -3);
  const hosts: { ip: string; name: string; kind: Check[7][] }[] = [];
  for (const s of servers) {
    const pairs = s.hosts.filter((h) => !/^\d/.test(h)).map((name, i) => ({ name, ip: s.hosts.filter((h) => /^\d/.test(h))[i] ?? '' }));
    for (const p of pairs) {
      const kind: Check[7][] = p.name.includes('-db')
        ? ['db', 'windows', 'any']
        : p.name.startsWith('vc')
          ? ['linux', 'any']
          : rand() < 0.2
            ? ['linux', 'any']
            : ['windows', 'any'];
      hosts.push({ ip: p.ip, name: p.name, kind });
    }
  }
  // The user network: laptops and printers the register counts as device groups, not hosts.
  for (let i = 1; i <= 480; i++)
    hosts.push({
      ip: `10.40.${Math.ceil(i / 200)}.${(i % 200) + 20}`,
      name: i % 8 === 0 ? `prn-${String(i).padStart(3, '0')}.eastwold.local` : `ew-lt${String(3000 + i)}.eastwold.local`,
      kind: ['windows', 'any'],
    });

  const scan = (on: string, label: string, keep: (check: Check, host: string) => boolean) => {
    const rows: string[][] = [];
    for (const h of hosts) {
      rows.push([
        h.ip,
        h.name,
        'general/tcp',
        '',
        '0.0',
        'Log',
        '',
        'Host details',
        'Demo: what the scanner learned about the host.',
        '1.3.6.1.4.1.25623.1.0.103997',
        '',
        label,
        `${on}T02:14:00Z`,
        '',
      ]);
      for (const c of checks) {
        if (!h.kind.includes(c[7])) continue;
        if (h.name.startsWith('prn-') && !printerChecks.has(c[1])) continue;
        if (!keep(c, h.name)) continue;
        const [oid, title, cvss, port, cves, summary, solution] = c;
        rows.push([
          h.ip,
          h.name,
          port || 'general/tcp',
          '',
          cvss.toFixed(1),
          threat(cvss),
          'VendorFix',
          title,
          summary,
          oid,
          cves,
          label,
          `${on}T02:${String(14 + Math.floor(rand() * 40)).padStart(2, '0')}:00Z`,
          solution,
        ]);
      }
    }
    return Buffer.from(toCsv(header, rows));
  };
  // Which checks a host fails, decided once so the second scan is the same estate a month on.
  const fails = new Map<string, boolean>();
  const failing = (c: Check, host: string, chance: number) => {
    const key = `${c[0]}|${host}`;
    if (!fails.has(key)) fails.set(key, rand() < chance);
    return fails.get(key)!;
  };
  const chanceOf = (c: Check, host: string) => (host.startsWith('ew-lt') || host.startsWith('prn') ? 0.3 : c[2] >= 9.5 ? 0.15 : 0.5);
  await importSpreadsheet(
    db,
    actor,
    org,
    vulnerabilitiesImport,
    `greenbone-servers-and-clients-${first}.csv`,
    scan(first, 'Monthly: servers and clients', (c, h) => !c[1].includes('November') && failing(c, h, chanceOf(c, h))),
  );
  await importSpreadsheet(
    db,
    actor,
    org,
    vulnerabilitiesImport,
    `greenbone-servers-and-clients-${second}.csv`,
    scan(
      second,
      'Monthly: servers and clients',
      (c, h) =>
        (c[1].includes('November') ? rand() < 0.7 : !c[1].includes('October') && !(c[1].includes('certificate expired') && rand() < 0.6)) &&
        (c[1].includes('November') || failing(c, h, chanceOf(c, h))),
    ),
  );

  // The council's accepted risks: a legacy server that cannot take SMB changes until it is replaced.
  const legacy = (await openRisks(db, org)).find((r) => r.title.startsWith('Revenues and benefits system unsupported'));
  const smb = (await q.findingsPage(db, org, { status: 'open', severity: 'high' as Severity }, null, 500))
    .filter((f) => f.title === 'SMB version 1 enabled' && f.system_id)
    .slice(0, 3);
  for (const f of smb)
    await acceptFinding(db, actor, org, Number(f.id), {
      reason: 'Demo: the revenues client still needs SMB version 1 until the hosted version goes live; the server is on its own VLAN meanwhile.',
      expiresOn: addDays(today, 120),
      risk: legacy?.id,
    });
}
