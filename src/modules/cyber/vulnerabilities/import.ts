import { counted, isUnknown, readDate, type GoodRow, type ImportKind, type Read } from '../../../platform/index.js';
import { normaliseHost, systemOfHost } from '../../estate/index.js';
import { cyber } from '../abilities.js';
import type { Severity } from '../tables.js';
import * as q from './queries.js';
import { deadlineOf, portOf, scanChanges, severities, severityOfScore, vulnerabilityKey } from './rules.js';

const longText = 4000;

const text =
  (max: number) =>
  (cell: string): Read<string> => {
    if (isUnknown(cell)) return { ok: true, value: null };
    const value = cell.trim();
    return value.length > max
      ? { ok: true, value: value.slice(0, max), note: `cut to its first ${max.toLocaleString('en-GB')} characters` }
      : { ok: true, value };
  };

function host(cell: string): Read<string> {
  const value = normaliseHost(cell);
  if (!value) return { ok: true, value: null };
  if (value.length > 253 || /[\s/\\<>"']/.test(value)) return { ok: false, reason: `“${cell.trim().slice(0, 60)}” is not a host name or address` };
  return { ok: true, value };
}

function score(cell: string): Read<number> {
  if (isUnknown(cell)) return { ok: true, value: null };
  const n = Number(cell.trim().replace(',', '.'));
  if (!Number.isFinite(n) || n < 0 || n > 10)
    return { ok: true, value: null, note: `“${cell.trim().slice(0, 40)}” is not a CVSS score from 0 to 10, so it is not known` };
  return { ok: true, value: Math.round(n * 10) / 10 };
}

const cvePattern = /^CVE-\d{4}-\d{4,}$/i;
function cves(cell: string): Read<string[]> {
  const words = cell.split(/[\s,;]+/).filter((w) => w && !isUnknown(w));
  const good = [...new Set(words.filter((w) => cvePattern.test(w)).map((w) => w.toUpperCase()))].slice(0, 100);
  const bad = words.filter((w) => !cvePattern.test(w));
  return { ok: true, value: good, ...(bad.length ? { note: `${bad.slice(0, 3).join(', ')} is not a CVE identifier, so it is left off` } : {}) };
}

/** Scanners write a time and a zone after the date (`Nov 25, 2026 09:14:22 UTC`): the day is what counts. */
function seenOn(cell: string): Read<string> {
  const day = cell.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|UTC|GMT|BST|[+-]\d{2}:?\d{2})?$/i, '');
  const read = readDate(day, 'start');
  if (!read.ok) return { ok: true, value: null, note: `${read.reason}, so the scan’s date is used` };
  return read.precision && read.precision !== 'day' ? { ok: true, value: null, note: `“${cell.trim()}” is not a day, so the scan’s date is used` } : read;
}

const severityWords: Record<string, string> = {
  critical: 'critical',
  urgent: 'critical',
  'very high': 'critical',
  high: 'high',
  serious: 'high',
  medium: 'medium',
  moderate: 'medium',
  low: 'low',
  info: '',
  informational: '',
  information: '',
  log: '',
  '4': 'critical',
  '3': 'high',
  '2': 'medium',
  '1': 'low',
  '0': '',
};

interface Found {
  key: string;
  vulnerabilityKey: string;
  host: string;
  port: string;
  severity: Severity;
  cvss: number | null;
  title: string;
  reference: string;
  cves: Set<string>;
  synopsis: string;
  solution: string;
  firstSeen: string | null;
  rows: GoodRow[];
}

const rank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const findingKey = (hostName: string, vulnerabilityId: number, port: string) => `${hostName}|${vulnerabilityId}|${port}`;

/**
 * A scanner's report: the CSV export of Tenable Nessus or Greenbone OpenVAS as they write it, or
 * any CSV whose columns the person matches. Each file is a full scan of the hosts it reports on.
 */
export const vulnerabilitiesImport: ImportKind = {
  name: 'vulnerabilities',
  title: 'Vulnerability findings',
  ability: cyber.importVulnerabilities,
  home: { text: 'Go to the vulnerabilities', href: '/cyber/vulnerabilities' },
  fields: [
    {
      key: 'host',
      label: 'Host',
      required: true,
      headings: ['host', 'ip', 'ip address', 'host ip', 'address', 'asset', 'target', 'hostname', 'host name', 'dns name', 'fqdn'],
      read: host,
    },
    { key: 'hostName', label: 'Host name', headings: ['hostname', 'host name', 'dns name', 'fqdn', 'netbios name'], read: host },
    {
      key: 'title',
      label: 'Vulnerability',
      required: true,
      headings: ['name', 'nvt name', 'title', 'vulnerability', 'plugin name', 'vulnerability name', 'finding', 'issue'],
      read: text(500),
    },
    {
      key: 'reference',
      label: 'Scanner reference',
      headings: ['plugin id', 'plugin', 'nvt oid', 'oid', 'qid', 'check id', 'vulnerability id', 'id'],
      read: text(200),
    },
    { key: 'cves', label: 'CVE', headings: ['cve', 'cves', 'cve id', 'cve ids', 'cve list'], read: cves },
    {
      key: 'severity',
      label: 'Severity',
      headings: ['risk', 'threat', 'severity', 'risk factor', 'risk rating', 'rating'],
      choices: severities,
      synonyms: severityWords,
    },
    {
      key: 'cvss',
      label: 'CVSS score',
      headings: [
        'cvss v3.0 base score',
        'cvss v3 base score',
        'cvss v4.0 base score',
        'cvss',
        'cvss score',
        'cvss base score',
        'cvss v2.0 base score',
        'base score',
        'score',
      ],
      read: score,
    },
    { key: 'port', label: 'Port', headings: ['port', 'port number'], read: text(40) },
    { key: 'protocol', label: 'Protocol', headings: ['protocol', 'port protocol'], read: text(20) },
    {
      key: 'firstSeen',
      label: 'First seen',
      headings: ['first seen', 'first discovered', 'first found', 'first detected', 'detected', 'date found'],
      read: seenOn,
    },
    { key: 'seen', label: 'Scanned on', headings: ['last seen', 'last observed', 'last found', 'timestamp', 'scan date', 'date', 'seen'], read: seenOn },
    { key: 'synopsis', label: 'Synopsis', headings: ['synopsis', 'summary', 'description'], read: text(longText) },
    { key: 'solution', label: 'Solution', headings: ['solution', 'remediation', 'fix', 'recommendation'], read: text(longText) },
  ],
  template: [
    [
      '10.20.1.15',
      'rev-app01.eastwold.local',
      'Example web server out of support',
      '10001',
      'CVE-2026-0001',
      'Critical',
      '9.8',
      '443',
      'tcp',
      '2026-11-02',
      '2026-11-30',
      'The web server is no longer supported.',
      'Upgrade to a supported version.',
    ],
  ],

  async check(db, organisationId, rows) {
    const systemOf = await systemOfHost(db, organisationId);
    const hosts = new Set<string>();
    for (const r of rows) {
      const v = r.values;
      if (!v) continue;
      if (v.severity === null) {
        const unreadable = r.quality.find((c) => c.field === 'severity');
        const cvss = v.cvss as number | null;
        if (cvss !== null) {
          v.severity = severityOfScore(cvss);
          r.shown.severity = v.severity === 'none' ? 'Information' : `${severities[v.severity as Severity]} (from the CVSS score)`;
          if (unreadable) {
            r.notes = r.notes.filter((n) => !n.startsWith('Severity: kept as not known'));
            r.notes.push(`Severity: “${unreadable.asWritten}” is not a severity Steward knows, so it is read from the CVSS score`);
          }
          r.quality = r.quality.filter((c) => c.field !== 'severity');
        } else if (unreadable) {
          r.errors.push({ field: 'Severity', reason: `“${unreadable.asWritten}” is not a severity Steward knows, and the row has no CVSS score` });
          r.values = null;
          continue;
        } else {
          v.severity = 'none';
          r.shown.severity = 'Information';
        }
      }
      // A score above the scanner's word wins: a deadline is never shorter-sighted than the score.
      const cvss = v.cvss as number | null;
      if (cvss !== null && v.severity !== 'none') {
        const scored = severityOfScore(cvss);
        if (scored !== 'none' && rank[scored] > rank[v.severity as Severity]) {
          r.notes.push(`Severity: ${severities[scored]} from the CVSS score ${cvss}, above the scanner’s ${severities[v.severity as Severity]}`);
          v.severity = scored;
          r.shown.severity = severities[scored];
        }
      }
      const where = normaliseHost(str(v.host));
      hosts.add(where);
      if (v.severity === 'none') r.notes.push('Information only: shows the host was scanned; not a finding');
      else if (systemOf(where) === null && (!v.hostName || systemOf(str(v.hostName)) === null))
        r.notes.push(`No system records the host ${str(v.hostName) || where}: kept, and listed as unmatched`);
    }
    const ids = await q.vulnerabilityIds(db, organisationId);
    const onHosts = await q.findingsOnHosts(db, organisationId, [...hosts]);
    const known = new Set(onHosts.map((f) => findingKey(f.host, f.vulnerability_id, f.port)));
    const seen = new Set<string>();
    let updates = 0;
    for (const r of rows) {
      const v = r.values;
      if (!v || v.severity === 'none') continue;
      const id = ids.get(vulnerabilityKey(str(v.reference), (v.cves as string[]) ?? [], str(v.title)));
      const key = id ? findingKey(normaliseHost(str(v.host)), id, portOf(str(v.port), str(v.protocol))) : '';
      if (key && known.has(key) && !seen.has(key)) updates++;
      if (key) seen.add(key);
    }
    const closing = onHosts.filter((f) => f.status !== 'closed' && !seen.has(findingKey(f.host, f.vulnerability_id, f.port))).length;
    const says = [
      `This is read as a full scan of the ${counted(hosts.size, 'host', 'hosts')} it reports on.`,
      closing
        ? `${counted(closing, 'open finding', 'open findings')} on those hosts ${closing === 1 ? 'is' : 'are'} not in this file and will be closed as fixed. If the scan did not cover everything on those hosts, cancel and import a full scan.`
        : 'No open finding on those hosts will be closed.',
    ];
    return { updates, says };
  },

  async apply(tx, audit, { organisationId, importId, personId, filename, now, progress, wrote }, rows) {
    const today = now.slice(0, 10);
    const deadlines = await q.deadlinesOf(tx, organisationId);
    const systemOf = await systemOfHost(tx, organisationId);
    const scanned = new Set<string>();
    const found = new Map<string, Found>();
    let latest = '';
    let information = 0;
    for (const r of rows) {
      const v = r.values;
      const where = normaliseHost(str(v.host));
      scanned.add(where);
      const seen = str(v.seen);
      if (seen > latest) latest = seen;
      if (v.severity === 'none') {
        information++;
        continue;
      }
      const rowCves = (v.cves as string[] | null) ?? [];
      const vulnerability = vulnerabilityKey(str(v.reference), rowCves, str(v.title));
      const port = portOf(str(v.port), str(v.protocol));
      const key = `${where}|${vulnerability}|${port}`;
      // Nessus writes a finding once for each of its CVEs: one finding, every CVE.
      const same = found.get(key);
      if (same) {
        for (const c of rowCves) same.cves.add(c);
        same.rows.push(r);
        continue;
      }
      found.set(key, {
        key,
        vulnerabilityKey: vulnerability,
        host: where,
        port,
        severity: v.severity as Severity,
        cvss: (v.cvss as number | null) ?? null,
        title: str(v.title),
        reference: str(v.reference),
        cves: new Set(rowCves),
        synopsis: str(v.synopsis),
        solution: str(v.solution),
        firstSeen: (v.firstSeen as string | null) ?? null,
        rows: [r],
      });
    }
    const scanDate = latest || today;
    const ids = await q.vulnerabilityIds(tx, organisationId);
    const fresh = new Map<string, Found>();
    for (const f of found.values()) if (!ids.has(f.vulnerabilityKey) && !fresh.has(f.vulnerabilityKey)) fresh.set(f.vulnerabilityKey, f);
    if (fresh.size) {
      await q.insertVulnerabilities(
        tx,
        [...fresh.values()].map((f) => ({
          organisation_id: organisationId,
          key: f.vulnerabilityKey,
          reference: f.reference,
          title: f.title,
          cves: [...f.cves].join(', '),
          severity: f.severity,
          cvss: f.cvss,
          synopsis: f.synopsis,
          solution: f.solution,
          created_at: now,
        })),
      );
      for (const [k, id] of await q.vulnerabilityIds(tx, organisationId)) ids.set(k, id);
    }
    const scanId = await q.insertScan(tx, {
      organisation_id: organisationId,
      import_id: importId,
      filename,
      scanned_on: scanDate,
      hosts: scanned.size,
      seen: found.size,
      added: 0,
      closed: 0,
      reopened: 0,
      unmatched: 0,
      open_json: '{}',
      person_id: personId,
      created_at: now,
    });
    const byKey = new Map<string, Found>();
    for (const f of found.values()) byKey.set(findingKey(f.host, ids.get(f.vulnerabilityKey)!, f.port), f);
    const known = await q.findingsOnHosts(tx, organisationId, [...scanned]);
    const changes = scanChanges(
      known.map((k) => ({
        id: k.id,
        key: findingKey(k.host, k.vulnerability_id, k.port),
        status: k.status,
        lastSeen: String(k.last_seen),
        closedOn: k.closed_on ? String(k.closed_on) : null,
      })),
      new Set(byKey.keys()),
      scanDate,
    );
    // A host recorded on a system since the last scan brings its findings to that system.
    const hostNames = new Map<string, string>();
    for (const f of byKey.values()) {
      const name = f.rows.map((r) => str(r.values.hostName)).find(Boolean);
      if (name) hostNames.set(f.host, name);
    }
    const systemOfScanned = (h: string) => systemOf(h) ?? (hostNames.has(h) ? systemOf(hostNames.get(h)!) : null);
    const moves = new Map<number, number[]>();
    for (const k of known) {
      const now = systemOfScanned(k.host);
      if (now !== null && now !== k.system_id) moves.set(now, [...(moves.get(now) ?? []), k.id]);
    }
    for (const [systemId, ids] of moves) await q.moveToSystem(tx, ids, systemId);
    const added: Parameters<typeof q.insertFindings>[1] = [];
    let unmatched = 0;
    for (const [key, f] of byKey) {
      if (!changes.isNew(key)) continue;
      const hostName = hostNames.get(f.host);
      const systemId = systemOfScanned(f.host);
      if (systemId === null) unmatched++;
      const firstSeen = f.firstSeen && f.firstSeen <= scanDate ? f.firstSeen : scanDate;
      added.push({
        organisation_id: organisationId,
        vulnerability_id: ids.get(f.vulnerabilityKey)!,
        system_id: systemId,
        host: f.host,
        host_name: hostName && normaliseHost(hostName) !== f.host ? normaliseHost(hostName) : '',
        port: f.port,
        severity: f.severity,
        first_seen: firstSeen,
        last_seen: scanDate,
        due_on: deadlineOf(firstSeen, f.severity, deadlines),
        status: 'open',
        last_scan_id: scanId,
      });
    }
    await progress(Math.floor(rows.length / 4));
    await q.insertFindings(tx, added);
    await progress(Math.floor(rows.length / 2));
    await q.markSeen(tx, changes.stillOpen, scanDate, scanId);
    await q.reopen(tx, changes.reopen, scanDate, scanId);
    await q.close(tx, changes.close, scanDate);
    const noted = [...byKey.values()].filter((f) => f.rows.some((r) => r.quality.length));
    if (noted.length) {
      const idOf = new Map(
        (await q.findingsOnHosts(tx, organisationId, [...new Set(noted.map((f) => f.host))])).map((k) => [
          findingKey(k.host, k.vulnerability_id, k.port),
          k.id,
        ]),
      );
      for (const f of noted) {
        const id = idOf.get(findingKey(f.host, ids.get(f.vulnerabilityKey)!, f.port))!;
        for (const r of f.rows)
          wrote(r, { entityType: 'vulnerability_finding', entityId: id, name: `${f.title} on ${f.host}`, href: `/cyber/vulnerabilities/${id}` });
      }
    }
    await q.findingsChanged(tx, organisationId);
    const open = await q.openBySeverity(tx, organisationId, today);
    const counts = { added: added.length, closed: changes.close.length, reopened: changes.reopen.length, unmatched };
    await q.finishScan(tx, scanId, { ...counts, open_json: JSON.stringify(open.open) });
    await audit.created(
      'vulnerability_scan',
      scanId,
      { filename, scannedOn: scanDate, hosts: scanned.size, seen: found.size, ...counts },
      `Imported the scan ${filename} of ${scanDate}: ${counted(scanned.size, 'host', 'hosts')}, ${counted(added.length, 'new finding', 'new findings')}, ${counted(changes.close.length, 'finding', 'findings')} closed, ${counted(changes.reopen.length, 'finding', 'findings')} reopened`,
      organisationId,
    );
    return {
      added: added.length,
      updated: changes.stillOpen.length + changes.reopen.length,
      closed: changes.close.length,
      reopened: changes.reopen.length,
      unmatched,
      information,
      hosts: scanned.size,
    };
  },

  describe: (r) =>
    `${counted(r.hosts ?? 0, 'host', 'hosts')} scanned: ${counted(r.added, 'new finding', 'new findings')}, ${counted(r.updated, 'finding', 'findings')} seen again (${(r.reopened ?? 0).toLocaleString('en-GB')} of them reopened), ${counted(r.closed ?? 0, 'finding', 'findings')} closed as no longer found, ${counted(r.unmatched ?? 0, 'new finding', 'new findings')} on hosts no system records, ${counted(r.information ?? 0, 'information row', 'information rows')}, ${counted(r.skipped, 'row', 'rows')} left out`,
  fixable: () => false,
};
