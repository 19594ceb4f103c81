import { sql, type Insertable } from 'kysely';
import { insertMany, type Db, type Tx } from '../../../platform/index.js';
import type { FindingStatus, Severity, VulnerabilitiesTable, VulnerabilityFindingsTable, VulnerabilityScansTable } from '../tables.js';
import { defaultDeadlines, severityOrder } from './rules.js';

/** Ids in one statement: well under SQLite's and PostgreSQL's limits on bound values. */
const chunk = 500;
function* chunks<T>(items: readonly T[], size = chunk) {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export async function deadlinesOf(db: Db | Tx, organisationId: number): Promise<Record<Severity, number>> {
  const rows = await db.selectFrom('vulnerability_deadlines').where('organisation_id', '=', organisationId).select(['severity', 'days']).execute();
  const set = { ...defaultDeadlines };
  for (const r of rows) if (r.severity in set) set[r.severity] = Number(r.days);
  return set;
}

export async function setDeadlines(tx: Tx, organisationId: number, days: Record<Severity, number>) {
  await tx.deleteFrom('vulnerability_deadlines').where('organisation_id', '=', organisationId).execute();
  await tx
    .insertInto('vulnerability_deadlines')
    .values(severityOrder.map((severity) => ({ organisation_id: organisationId, severity, days: days[severity] })))
    .execute();
}

/** Moves the deadline of every finding not yet fixed to the new number of days, from when each was first seen. */
export async function redateOpenFindings(tx: Tx, organisationId: number, severity: Severity, days: number, dialect: 'sqlite' | 'postgres') {
  const due = dialect === 'postgres' ? sql<string>`(first_seen + ${days}::integer)` : sql<string>`date(first_seen, ${`+${days} days`})`;
  await tx
    .updateTable('vulnerability_findings')
    .set({ due_on: due })
    .where('organisation_id', '=', organisationId)
    .where('severity', '=', severity)
    .where('status', '<>', 'closed')
    .execute();
}

export async function vulnerabilityIds(db: Db | Tx, organisationId: number) {
  const rows = await db.selectFrom('vulnerabilities').where('organisation_id', '=', organisationId).select(['id', 'key']).execute();
  return new Map(rows.map((r) => [r.key, Number(r.id)]));
}

export const insertVulnerabilities = (tx: Tx, rows: Insertable<VulnerabilitiesTable>[]) => insertMany(tx, 'vulnerabilities', rows);
export const insertFindings = (tx: Tx, rows: Insertable<VulnerabilityFindingsTable>[]) => insertMany(tx, 'vulnerability_findings', rows);

/** What is already known about the hosts a scan covered. */
export async function findingsOnHosts(db: Db | Tx, organisationId: number, hosts: string[]) {
  const out: {
    id: number;
    vulnerability_id: number;
    host: string;
    port: string;
    status: FindingStatus;
    system_id: number | null;
    last_seen: string;
    closed_on: string | null;
  }[] = [];
  for (const some of chunks(hosts))
    out.push(
      ...(await db
        .selectFrom('vulnerability_findings')
        .where('organisation_id', '=', organisationId)
        .where('host', 'in', some)
        .select(['id', 'vulnerability_id', 'host', 'port', 'status', 'system_id', 'last_seen', 'closed_on'])
        .execute()),
    );
  return out.map((r) => ({
    ...r,
    id: Number(r.id),
    vulnerability_id: Number(r.vulnerability_id),
    system_id: r.system_id === null ? null : Number(r.system_id),
  }));
}

export async function markSeen(tx: Tx, ids: number[], seenOn: string, scanId: number) {
  // Never back in time: a scan imported late leaves a later sighting as it was.
  for (const some of chunks(ids))
    await tx
      .updateTable('vulnerability_findings')
      .set({ last_seen: seenOn, last_scan_id: scanId })
      .where('id', 'in', some)
      .where('last_seen', '<=', seenOn)
      .execute();
}

/** Findings whose host now belongs to another system (or to one at last), moved there. */
export async function moveToSystem(tx: Tx, ids: number[], systemId: number | null) {
  for (const some of chunks(ids)) await tx.updateTable('vulnerability_findings').set({ system_id: systemId }).where('id', 'in', some).execute();
}

export async function reopen(tx: Tx, ids: number[], seenOn: string, scanId: number) {
  for (const some of chunks(ids))
    await tx
      .updateTable('vulnerability_findings')
      .set({ status: 'open', closed_on: null, accepted_until: null, last_seen: seenOn, last_scan_id: scanId, reopened: sql`reopened + 1` })
      .where('id', 'in', some)
      .execute();
}

export async function close(tx: Tx, ids: number[], closedOn: string) {
  for (const some of chunks(ids))
    await tx.updateTable('vulnerability_findings').set({ status: 'closed', closed_on: closedOn, accepted_until: null }).where('id', 'in', some).execute();
}

export async function insertScan(tx: Tx, row: Insertable<VulnerabilityScansTable>) {
  const r = await tx.insertInto('vulnerability_scans').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function finishScan(tx: Tx, id: number, set: Partial<Pick<VulnerabilityScansTable, 'added' | 'closed' | 'reopened' | 'open_json'>>) {
  await tx.updateTable('vulnerability_scans').set(set).where('id', '=', id).execute();
}

/** Open findings by severity: one index range per severity. */
export async function openBySeverity(db: Db | Tx, organisationId: number, today: string) {
  const counts = { open: {} as Record<Severity, number>, overdue: {} as Record<Severity, number> };
  for (const severity of severityOrder) {
    const r = await db
      .selectFrom('vulnerability_findings')
      .where('organisation_id', '=', organisationId)
      .where('severity', '=', severity)
      .where('status', '=', 'open')
      .select([
        (eb) => eb.fn.countAll<number>().as('open'),
        (eb) => eb.fn.sum<number>(eb.case().when('due_on', '<', today).then(1).else(0).end()).as('overdue'),
      ])
      .executeTakeFirst();
    counts.open[severity] = Number(r?.open ?? 0);
    counts.overdue[severity] = Number(r?.overdue ?? 0);
  }
  return counts;
}

export async function acceptedCount(db: Db, organisationId: number) {
  const r = await db
    .selectFrom('vulnerability_findings')
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'accepted')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Hosts the scans reported that no system records, with how many open findings each has. */
export function unmatchedHosts(db: Db, organisationId: number, limit = 50) {
  return db
    .selectFrom('vulnerability_findings')
    .where('organisation_id', '=', organisationId)
    .where('system_id', 'is', null)
    .where('status', '=', 'open')
    .groupBy('host')
    .select((eb) => ['host', eb.fn.max('host_name').as('host_name'), eb.fn.countAll<number>().as('open')])
    .orderBy('open', 'desc')
    .orderBy('host')
    .limit(limit)
    .execute();
}

/** One system's open findings by severity, and how many of each are overdue. */
export const openOnSystem = (db: Db, organisationId: number, systemId: number, today: string) =>
  db
    .selectFrom('vulnerability_findings')
    .where('organisation_id', '=', organisationId)
    .where('system_id', '=', systemId)
    .where('status', '=', 'open')
    .groupBy('severity')
    .select((eb) => [
      'severity',
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(eb.case().when('due_on', '<', today).then(1).else(0).end()).as('overdue'),
    ])
    .execute();

export function scansOf(db: Db, organisationId: number, limit = 24) {
  return db
    .selectFrom('vulnerability_scans')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .orderBy('scanned_on', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** What a list row and a finding's page both show of a finding. */
const findingColumns = [
  'f.id',
  'f.host',
  'f.host_name',
  'f.port',
  'f.severity',
  'f.first_seen',
  'f.last_seen',
  'f.due_on',
  'f.status',
  'f.closed_on',
  'f.reopened',
  'f.accepted_until',
  'f.system_id',
  's.name as system_name',
  'v.title',
  'v.cves',
  'v.cvss',
  'v.reference',
] as const;

export interface FindingFilter {
  severity?: Severity | undefined;
  systemId?: number | undefined;
  unmatched?: boolean | undefined;
  status: FindingStatus;
  /** Only findings past their deadline on this day. */
  overdueOn?: string | undefined;
  host?: string | undefined;
}

/** A page of findings in deadline order; every filter has an index that ends in that order. */
export function findingsPage(db: Db, organisationId: number, filter: FindingFilter, after: { due: string; id: number } | null, limit: number) {
  let q = db
    .selectFrom('vulnerability_findings as f')
    .innerJoin('vulnerabilities as v', 'v.id', 'f.vulnerability_id')
    .leftJoin('systems as s', 's.id', 'f.system_id')
    .where('f.organisation_id', '=', organisationId)
    .where('f.status', '=', filter.status);
  if (filter.severity) q = q.where('f.severity', '=', filter.severity);
  if (filter.systemId) q = q.where('f.system_id', '=', filter.systemId);
  if (filter.unmatched) q = q.where('f.system_id', 'is', null);
  if (filter.host) q = q.where((eb) => eb.or([eb('f.host', '=', filter.host!), eb('f.host_name', '=', filter.host!)]));
  if (filter.overdueOn) q = q.where('f.due_on', '<', filter.overdueOn);
  if (after) q = q.where((eb) => eb.or([eb('f.due_on', '>', after.due), eb.and([eb('f.due_on', '=', after.due), eb('f.id', '>', after.id)])]));
  return q.select(findingColumns).orderBy('f.due_on').orderBy('f.id').limit(limit).execute();
}

export const findingById = (db: Db | Tx, organisationId: number, id: number) =>
  db
    .selectFrom('vulnerability_findings as f')
    .innerJoin('vulnerabilities as v', 'v.id', 'f.vulnerability_id')
    .leftJoin('systems as s', 's.id', 'f.system_id')
    .where('f.organisation_id', '=', organisationId)
    .where('f.id', '=', id)
    .select([...findingColumns, 's.criticality', 'v.synopsis', 'v.solution'])
    .executeTakeFirst();

export const acceptancesOf = (db: Db, findingId: number) =>
  db
    .selectFrom('vulnerability_acceptances as a')
    .leftJoin('people as p', 'p.id', 'a.person_id')
    .leftJoin('risks as r', 'r.id', 'a.risk_id')
    .where('a.finding_id', '=', findingId)
    .select([
      'a.id',
      'a.reason',
      'a.expires_on',
      'a.created_at',
      'a.ended_at',
      'p.display_name as person_name',
      'r.id as risk_id',
      'r.reference as risk_reference',
      'r.title as risk_title',
    ])
    .orderBy('a.id', 'desc')
    .execute();

export async function insertAcceptance(
  tx: Tx,
  row: {
    organisation_id: number;
    finding_id: number;
    risk_id: number | null;
    reason: string;
    expires_on: string;
    person_id: number | null;
    created_at: string;
  },
) {
  const r = await tx.insertInto('vulnerability_acceptances').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function setAccepted(tx: Tx, findingId: number, until: string | null) {
  await tx
    .updateTable('vulnerability_findings')
    .set({ status: until ? 'accepted' : 'open', accepted_until: until })
    .where('id', '=', findingId)
    .execute();
}

export async function endAcceptances(tx: Tx, findingId: number, at: string) {
  await tx.updateTable('vulnerability_acceptances').set({ ended_at: at }).where('finding_id', '=', findingId).where('ended_at', 'is', null).execute();
}

/** Acceptances past their expiry, whose findings go back to being fixed. */
export const expiredAcceptances = (db: Db, today: string) =>
  db
    .selectFrom('vulnerability_findings')
    .where('status', '=', 'accepted')
    .where('accepted_until', '<', today)
    .select(['id', 'organisation_id', 'accepted_until'])
    .limit(5000)
    .execute();

/** The findings a risk's acceptances cover, for the risk's page. */
export const findingsAcceptedUnder = (db: Db, organisationId: number, riskId: number) =>
  db
    .selectFrom('vulnerability_acceptances as a')
    .innerJoin('vulnerability_findings as f', 'f.id', 'a.finding_id')
    .innerJoin('vulnerabilities as v', 'v.id', 'f.vulnerability_id')
    .where('a.organisation_id', '=', organisationId)
    .where('a.risk_id', '=', riskId)
    .where('a.ended_at', 'is', null)
    .select(['f.id', 'f.host', 'f.severity', 'v.title', 'a.expires_on'])
    .orderBy('a.expires_on')
    .limit(100)
    .execute();

/** Marks the organisation's findings changed, inside the transaction that changed them. */
export async function findingsChanged(tx: Tx, organisationId: number) {
  await tx
    .insertInto('vulnerability_versions')
    .values({ organisation_id: organisationId, version: 1 })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ version: sql`vulnerability_versions.version + 1` }))
    .execute();
}

export async function findingsVersion(db: Db, organisationId: number) {
  const r = await db.selectFrom('vulnerability_versions').where('organisation_id', '=', organisationId).select('version').executeTakeFirst();
  return Number(r?.version ?? 0);
}

/** Every system's open findings, how many are overdue or serious, and the oldest deadline missed: one pass over the open findings. */
export const openPerSystem = (db: Db, organisationId: number, today: string) =>
  db
    .selectFrom('vulnerability_findings')
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'open')
    .where('system_id', 'is not', null)
    .groupBy('system_id')
    .select((eb) => [
      'system_id',
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(eb.case().when('due_on', '<', today).then(1).else(0).end()).as('overdue'),
      eb.fn.sum<number>(eb.case().when('severity', 'in', ['critical', 'high']).then(1).else(0).end()).as('serious'),
      eb.fn.min<string | null>(eb.case().when('due_on', '<', today).then(eb.ref('due_on')).end()).as('oldest'),
    ])
    .execute();
