import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/support/databases.js';
import { seedOrganisation, startTestApp, testPassword, type SeededOrganisation, type TestApp } from '../../../../test/support/app.js';
import { signedInClient, type Client } from '../../../../test/support/client.js';
import { unique } from '../../../../test/support/factories.js';
import { systemActor } from '../../../platform/index.js';
import { createSystem, nothingKnown } from '../../estate/index.js';
import { addDays } from './rules.js';

const csv = (rows: string[]) => Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`);
const nessusHeader = 'Plugin ID,CVE,CVSS v2.0 Base Score,Risk,Host,Protocol,Port,Name,Synopsis,Description,Solution,See Also,Plugin Output';
const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => addDays(today, -n);

interface Finding {
  id: number;
  title: string;
  cves: string[];
  severity: string;
  host: string;
  port: string;
  system: { id: number; name: string } | null;
  firstSeen: string;
  fixBy: string;
  overdue: boolean;
  status: string;
  reopened: number;
}

describe.each(testDatabases())('vulnerability findings from scanner reports (%s)', (dialect) => {
  let t: TestApp;
  let org: SeededOrganisation;
  let manager: Client;
  let agent: Client;
  let serverId: number;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  beforeEach(async () => {
    org = await seedOrganisation(t, `Scan Council ${unique()}`);
    manager = await signedInClient(t.app, org.people.manager.email, testPassword);
    agent = await signedInClient(t.app, org.people.agent.email, testPassword);
    const actor = systemActor('test', org.id);
    serverId = await createSystem(t.database.db, actor, org.id, {
      ...nothingKnown,
      identifier: 'SRV-REV-01',
      name: 'Revenues application server',
      kind: 'server',
      criticality: 1,
      hosts: 'rev-app01.eastwold.local\n10.20.1.15',
    });
  });
  afterAll(() => t.close());

  async function importScan(rows: string[], filename = 'scan.csv') {
    await manager.get('/imports');
    const res = await manager.upload('/imports', { kind: 'vulnerabilities' }, { filename, type: 'text/csv', data: csv(rows) });
    expect(res.statusCode).toBe(303);
    const path = String(res.headers.location);
    const preview = await manager.get(path);
    const confirmed = await manager.post(`${path}/confirm`);
    expect(confirmed.statusCode).toBe(303);
    return { preview: preview.body, done: (await manager.get(path)).body };
  }
  const list = async (query = '') => (await agent.json('GET', `/api/v1/vulnerabilities${query}`)).json<{ items: Finding[]; next: string | null }>();

  it('reads a Nessus export: one finding per plugin, host and port with every CVE, hosts matched to systems, deadlines by severity, unmatched hosts kept', async () => {
    const { preview, done } = await importScan([
      nessusHeader,
      `"97833","CVE-2017-0143","9.3","Critical","10.20.1.15","tcp","445","MS17-010: Windows SMB update","Missing update","","Apply the update","",""`,
      `"97833","CVE-2017-0144","9.3","Critical","10.20.1.15","tcp","445","MS17-010: Windows SMB update","Missing update","","Apply the update","",""`,
      `"51192","","6.4","Medium","REV-APP01.eastwold.local","tcp","443","SSL certificate cannot be trusted","","","Buy a certificate","",""`,
      `"19506","","","None","10.20.1.15","tcp","0","Nessus scan information","","","","",""`,
      `"10114","CVE-1999-0524","0","Low","print-07.eastwold.local","icmp","0","ICMP timestamp request disclosure","","","Filter ICMP","",""`,
    ]);
    expect(preview).toContain('No system records the host print-07.eastwold.local');
    expect(done).toContain('3 hosts scanned: 3 new findings');
    const { items } = await list();
    expect(items).toHaveLength(3);
    const smb = items.find((f) => f.title.startsWith('MS17-010'))!;
    expect(smb).toMatchObject({ cves: ['CVE-2017-0143', 'CVE-2017-0144'], severity: 'critical', port: '445/tcp', system: { id: serverId }, firstSeen: today });
    expect(smb.fixBy).toBe(addDays(today, 14));
    expect(items.find((f) => f.title.startsWith('SSL'))).toMatchObject({
      severity: 'medium',
      host: 'rev-app01.eastwold.local',
      system: { id: serverId },
      fixBy: addDays(today, 30),
    });
    expect(items.find((f) => f.title.startsWith('ICMP'))).toMatchObject({ severity: 'low', system: null, port: '' });
    expect((await list('?show=unmatched')).items.map((f) => f.host)).toEqual(['print-07.eastwold.local']);
    expect((await list(`?system=${serverId}&severity=critical`)).items).toHaveLength(1);
    // A bad filter gets the filter's own message.
    const bogus = await agent.json('GET', '/api/v1/vulnerabilities?severity=bogus');
    expect(bogus.statusCode).toBe(400);
    expect(bogus.body).toContain('Choose a severity from the list');
    expect((await agent.get('/cyber/vulnerabilities/findings?show=everything')).body).toContain('Choose what to show from the list');
    const overview = await agent.get('/cyber/vulnerabilities');
    expect(overview.body).toContain('Revenues application server');
    expect(overview.body).toContain('print-07.eastwold.local');
  });

  it('closes what a later full scan of the same hosts no longer finds, reopens what returns, and leaves hosts it did not scan alone', async () => {
    const header = 'IP,Hostname,Port,Port Protocol,CVSS,Severity,Solution Type,NVT Name,Summary,Specific Result,NVT OID,CVEs,Timestamp,Solution';
    const row = (ip: string, name: string, oid: string, title: string, when: string, cvss = '7.5', sev = 'High') =>
      `${ip},${name},443,tcp,${cvss},${sev},VendorFix,${title},Summary,,${oid},,${when}T08:00:00Z,Update`;
    await importScan([
      header,
      row('10.20.1.15', 'rev-app01.eastwold.local', '1.3.6.1.4.1.25623.1.0.1', 'Old TLS protocol', daysAgo(40)),
      row('10.20.1.15', 'rev-app01.eastwold.local', '1.3.6.1.4.1.25623.1.0.2', 'Web server out of date', daysAgo(40)),
      row('10.30.4.9', '', '1.3.6.1.4.1.25623.1.0.3', 'Weak SSH ciphers', daysAgo(40), '5.3', 'Medium'),
    ]);
    const first = await list();
    expect(first.items).toHaveLength(3);
    expect(first.items.find((f) => f.title === 'Old TLS protocol')).toMatchObject({ firstSeen: daysAgo(40), fixBy: daysAgo(26), overdue: true });

    const { preview, done } = await importScan(
      [
        header,
        row('10.20.1.15', 'rev-app01.eastwold.local', '1.3.6.1.4.1.25623.1.0.2', 'Web server out of date', daysAgo(10)),
        row('10.20.1.15', 'rev-app01.eastwold.local', '1.3.6.1.4.1.25623.1.0.4', 'Directory listing enabled', daysAgo(10), '5.0', 'Medium'),
      ],
      'scan-2.csv',
    );
    expect(preview).toContain('1 open finding on those hosts is not in this file and will be closed as fixed');
    expect(done).toContain('1 new finding, 1 finding seen again');
    expect(done).toContain('1 finding closed as no longer found');
    const open = await list();
    expect(open.items.map((f) => f.title).sort()).toEqual(['Directory listing enabled', 'Weak SSH ciphers', 'Web server out of date']);
    expect((await list('?show=closed')).items.map((f) => f.title)).toEqual(['Old TLS protocol']);

    await importScan([header, row('10.20.1.15', 'rev-app01.eastwold.local', '1.3.6.1.4.1.25623.1.0.1', 'Old TLS protocol', daysAgo(1))], 'scan-3.csv');
    const returned = (await list()).items.find((f) => f.title === 'Old TLS protocol')!;
    // It was never fixed: it keeps the day it was first seen, and its deadline.
    expect(returned).toMatchObject({ status: 'open', reopened: 1, firstSeen: daysAgo(40), overdue: true });
    expect((await list()).items.find((f) => f.title === 'Weak SSH ciphers')).toBeTruthy();
    // An older scan imported late closes nothing a newer one saw.
    await importScan(
      [header, row('10.20.1.15', 'rev-app01.eastwold.local', '1.3.6.1.4.1.25623.1.0.9', 'Something from last year', daysAgo(300))],
      'old-scan.csv',
    );
    expect((await list()).items.map((f) => f.title).sort()).toEqual(['Old TLS protocol', 'Something from last year', 'Weak SSH ciphers']);
  });

  it('brings a host’s findings to its system once the host is recorded on it', async () => {
    await importScan([nessusHeader, `"51192","","6.4","Medium","10.77.0.9","tcp","443","SSL certificate cannot be trusted","","","","",""`]);
    expect((await list()).items[0]!.system).toBeNull();
    await createSystem(t.database.db, systemActor('test', org.id), org.id, {
      ...nothingKnown,
      identifier: 'SRV-PRN',
      name: 'Print server',
      kind: 'server',
      hosts: '10.77.0.0/24',
    });
    await importScan([nessusHeader, `"51192","","6.4","Medium","10.77.0.9","tcp","443","SSL certificate cannot be trusted","","","","",""`], 'again.csv');
    expect((await list()).items[0]!.system).toMatchObject({ name: 'Print server' });
  });

  it('derives a severity from the CVSS score, and leaves out a row with neither, saying why', async () => {
    const { preview } = await importScan([
      'Host,Vulnerability,CVSS score,Severity',
      'rev-app01,Remote code execution in the web framework,9.8,',
      'rev-app01,Something odd,,Urgentish',
      'rev-app01,Clock drift,,',
    ]);
    expect(preview).toContain('Urgentish');
    const items = (await list()).items;
    expect(items).toEqual([
      expect.objectContaining({ title: 'Remote code execution in the web framework', severity: 'critical', system: expect.objectContaining({ id: serverId }) }),
    ]);
  });

  it('accepts a finding’s risk until a date under a risk, ends it, and refuses what is not allowed', async () => {
    await importScan([nessusHeader, `"97833","CVE-2017-0143","9.3","Critical","10.20.1.15","tcp","445","MS17-010: Windows SMB update","","","","",""`]);
    const [smb] = (await list()).items;
    // The overview's counts are kept between reads; an acceptance must show on it at once.
    expect((await agent.get('/cyber/vulnerabilities')).body).toContain('0 with the risk accepted');
    await manager.get('/cyber/risks/new');
    await manager.post('/cyber/risks', {
      title: 'Unpatched servers',
      category: 'security',
      inherentLikelihood: '4',
      inherentImpact: '5',
      currentLikelihood: '3',
      currentImpact: '5',
      targetLikelihood: '2',
      targetImpact: '4',
      treatment: 'treat',
    });
    const risk = (await manager.json('GET', '/api/v1/risks')).json<{ items: { id: number }[] }>().items[0]!;
    await manager.get(`/cyber/vulnerabilities/${smb!.id}`);
    const tooLong = await manager.post(`/cyber/vulnerabilities/${smb!.id}/acceptance`, {
      reason: 'Vendor patch breaks the revenues client',
      expiresOn: addDays(today, 400),
      risk: String(risk.id),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('up to a year');
    const notADay = await manager.post(`/cyber/vulnerabilities/${smb!.id}/acceptance`, { reason: 'x', expiresOn: '2027-02-31' });
    expect(notADay.statusCode).toBe(400);
    expect(notADay.body).toContain('Enter the date the acceptance ends as YYYY-MM-DD');
    const noReason = await manager.post(`/cyber/vulnerabilities/${smb!.id}/acceptance`, { reason: '', expiresOn: addDays(today, 60) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Say why the risk of leaving it is accepted');
    const byAgent = await agent.post(`/cyber/vulnerabilities/${smb!.id}/acceptance`, { reason: 'x', expiresOn: addDays(today, 60) });
    expect(byAgent.statusCode).toBe(403);
    expect((await list()).items[0]!.status).toBe('open');

    const ok = await manager.post(`/cyber/vulnerabilities/${smb!.id}/acceptance`, {
      reason: 'Vendor patch breaks the revenues client',
      expiresOn: addDays(today, 60),
      risk: String(risk.id),
    });
    expect(ok.statusCode).toBe(303);
    expect((await list('?show=accepted')).items.map((f) => f.id)).toEqual([smb!.id]);
    expect((await agent.get('/cyber/vulnerabilities')).body).toContain('1 with the risk accepted');
    const page = await agent.get(`/cyber/vulnerabilities/${smb!.id}`);
    expect(page.body).toContain('Vendor patch breaks the revenues client');
    expect(page.body).toContain('Unpatched servers');
    await manager.post(`/cyber/vulnerabilities/${smb!.id}/acceptance/end`);
    expect((await list()).items[0]!.status).toBe('open');
    expect((await agent.get('/cyber/vulnerabilities')).body).toContain('0 with the risk accepted');
  });

  it('moves the deadlines of open findings when the council changes the days, and refuses days that are not a number', async () => {
    await importScan([nessusHeader, `"97833","","9.3","Critical","10.20.1.15","tcp","445","MS17-010: Windows SMB update","","","","",""`]);
    await manager.get('/cyber/vulnerabilities/deadlines');
    const bad = await manager.post('/cyber/vulnerabilities/deadlines', { critical: 'soon', high: '14', medium: '30', low: '90' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter the days to fix a critical finding as a whole number');
    expect((await manager.post('/cyber/vulnerabilities/deadlines', { critical: '7', high: '14', medium: '30', low: '90' })).statusCode).toBe(303);
    expect((await list()).items[0]!.fixBy).toBe(addDays(today, 7));
  });

  it('keeps another organisation’s findings out of sight', async () => {
    await importScan([nessusHeader, `"97833","","9.3","Critical","10.20.1.15","tcp","445","MS17-010: Windows SMB update","","","","",""`]);
    const [smb] = (await list()).items;
    const other = await seedOrganisation(t, `Other Council ${unique()}`);
    const outsider = await signedInClient(t.app, other.people.manager.email, testPassword);
    expect((await outsider.get(`/cyber/vulnerabilities/${smb!.id}`)).statusCode).toBe(404);
    expect((await outsider.json('GET', '/api/v1/vulnerabilities')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await outsider.json('GET', `/api/v1/vulnerabilities?system=${serverId}`)).statusCode).toBe(422);
  });

  it('records host names on a system from its form, and names one that is not a host', async () => {
    await manager.get(`/estate/systems/${serverId}/edit`);
    const bad = await manager.post(`/estate/systems/${serverId}`, {
      identifier: 'SRV-REV-01',
      name: 'Revenues application server',
      kind: 'server',
      hosts: 'rev-app01\nnot a/host',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('“a/host” is not a host name or address');
    const other = await createSystem(t.database.db, systemActor('test', org.id), org.id, {
      ...nothingKnown,
      identifier: 'SRV-2',
      name: 'File server',
      kind: 'server',
    });
    await manager.get(`/estate/systems/${other}/edit`);
    const taken = await manager.post(`/estate/systems/${other}`, { identifier: 'SRV-2', name: 'File server', kind: 'server', hosts: 'files01\n10.20.1.15' });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('10.20.1.15 is already recorded on Revenues application server');
    expect(
      (await manager.post(`/estate/systems/${other}`, { identifier: 'SRV-2', name: 'File server', kind: 'server', hosts: 'files01\n10.20.1.0/24' })).statusCode,
    ).toBe(303);
  });
});
