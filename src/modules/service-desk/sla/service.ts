import { auditedWrite, NotFoundError, UserError, type Actor, type Db, type Tx } from '../../../platform/index.js';
import { nowIso } from '../../../db/columns.js';
import { defaultPriorityMatrix, type PriorityMatrix } from '../tickets/rules.js';
import { parseBankHolidays, shippedBankHolidays, type Division } from './bank-holidays.js';
import type { OpeningHours, WorkingCalendar } from './business-time.js';
import * as q from './queries.js';

export type Targets = Record<'1' | '2' | '3' | '4', { response: number; resolution: number }>;

export interface Policy {
  id: number;
  name: string;
  warnShare: number;
  targets: Targets;
  calendar: WorkingCalendar;
}

/** What councils commonly set (working minutes): P1 2 hours, P2 a working day, P3 5 days, P4 10 days. */
export const councilTargets: Targets = {
  '1': { response: 15, resolution: 120 },
  '2': { response: 60, resolution: 510 },
  '3': { response: 240, resolution: 5 * 510 },
  '4': { response: 510, resolution: 10 * 510 },
};
const weekdays = (h: OpeningHours) => ({ '1': h, '2': h, '3': h, '4': h, '5': h });
export const councilHours = weekdays({ open: 8 * 60 + 30, close: 17 * 60 });

// Calendars, policies and settings change rarely and are read on every ticket change; a short cache
// keeps ticket creation fast, and every instance sees a change within this time. The caches belong
// to one database (its Kysely adapter, shared by its transactions), so two databases in one process
// never mix.
const cacheMs = 30_000;
interface Caches {
  calendars: Map<string, { at: number; calendar: WorkingCalendar }>;
  policies: Map<string, { at: number; row: NonNullable<Awaited<ReturnType<typeof q.findPolicy>>> }>;
  settings: Map<number, { at: number; settings: DeskSettings }>;
}
const cachesByDatabase = new WeakMap<object, Caches>();
function caches(db: Db | Tx): Caches {
  const key = db.getExecutor().adapter;
  let c = cachesByDatabase.get(key);
  if (!c) cachesByDatabase.set(key, (c = { calendars: new Map(), policies: new Map(), settings: new Map() }));
  return c;
}

export async function loadCalendar(db: Db | Tx, organisationId: number, calendarId: number): Promise<WorkingCalendar> {
  const key = `${organisationId}:${calendarId}`;
  const calendarCache = caches(db).calendars;
  const hit = calendarCache.get(key);
  if (hit && Date.now() - hit.at < cacheMs) return hit.calendar;
  const row = await q.findCalendar(db, organisationId, calendarId);
  if (!row) throw new NotFoundError('There is no such working calendar');
  const closed = new Set<string>();
  if (row.division) for (const h of await q.bankHolidaysOf(db, row.division)) closed.add(h.date);
  for (const c of await q.closuresOf(db, calendarId)) closed.add(c.date);
  const calendar: WorkingCalendar = { timeZone: row.time_zone, hours: JSON.parse(row.hours_json) as WorkingCalendar['hours'], closedDates: closed };
  calendarCache.set(key, { at: Date.now(), calendar });
  return calendar;
}

export function forgetCalendars(db: Db | Tx) {
  const c = caches(db);
  c.calendars.clear();
  c.policies.clear();
  c.settings.clear();
}

export async function loadPolicy(db: Db | Tx, organisationId: number, policyId: number): Promise<Policy> {
  const key = `${organisationId}:${policyId}`;
  const policyCache = caches(db).policies;
  const hit = policyCache.get(key);
  const fresh = hit && Date.now() - hit.at < cacheMs;
  const row = fresh ? hit.row : await q.findPolicy(db, organisationId, policyId);
  if (row && !fresh) policyCache.set(key, { at: Date.now(), row });
  if (!row) throw new NotFoundError('There is no such SLA policy');
  return {
    id: row.id,
    name: row.name,
    warnShare: row.warn_share,
    targets: JSON.parse(row.targets_json) as Targets,
    calendar: await loadCalendar(db, organisationId, row.calendar_id),
  };
}

export interface DeskSettings {
  priorityMatrix: PriorityMatrix;
  reopenWorkingDays: number;
  defaultPolicyId: number | null;
}

/**
 * The organisation's service desk settings, made on first use: a council working calendar
 * (Mon–Fri 08:30–17:00 with bank holidays), the usual council SLA targets, and the default matrix.
 */
export async function deskSettings(db: Db, actor: Actor, organisationId: number): Promise<DeskSettings> {
  const settingsCache = caches(db).settings;
  const hit = settingsCache.get(organisationId);
  if (hit && Date.now() - hit.at < cacheMs) return hit.settings;
  let row = await q.findSettings(db, organisationId);
  if (!row) {
    await auditedWrite(db, actor, async (tx, audit) => {
      if (await q.findSettings(tx, organisationId)) return;
      await ensureBankHolidays(tx);
      const now = nowIso();
      const calendarId = await q.insertCalendar(tx, {
        organisation_id: organisationId,
        name: 'Office hours (England and Wales)',
        time_zone: 'Europe/London',
        hours_json: JSON.stringify(councilHours),
        division: 'england-and-wales',
        now,
      });
      await audit.created('calendar', calendarId, { name: 'Office hours (England and Wales)' }, 'Created the default working calendar', organisationId);
      const policyId = await q.insertPolicy(tx, {
        organisation_id: organisationId,
        name: 'Standard council SLA',
        calendar_id: calendarId,
        warn_share: 0.75,
        targets_json: JSON.stringify(councilTargets),
        now,
      });
      await audit.created('sla_policy', policyId, { name: 'Standard council SLA', targets: councilTargets }, 'Created the default SLA policy', organisationId);
      await q.insertSettings(tx, {
        organisation_id: organisationId,
        priority_matrix_json: JSON.stringify(defaultPriorityMatrix),
        reopen_working_days: 5,
        default_sla_policy_id: policyId,
      });
    });
    row = await q.findSettings(db, organisationId);
  }
  if (!row) throw new Error('Could not create the service desk settings');
  const settings = {
    priorityMatrix: JSON.parse(row.priority_matrix_json) as PriorityMatrix,
    reopenWorkingDays: row.reopen_working_days,
    defaultPolicyId: row.default_sla_policy_id,
  };
  settingsCache.set(organisationId, { at: Date.now(), settings });
  return settings;
}

/** Changes how impact and urgency give a priority, and how long a requester may reopen a resolved ticket. */
export async function updateDeskSettings(db: Db, actor: Actor, organisationId: number, input: { matrix: PriorityMatrix; reopenWorkingDays: number }) {
  const before = await deskSettings(db, actor, organisationId);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateSettings(tx, organisationId, { priority_matrix_json: JSON.stringify(input.matrix), reopen_working_days: input.reopenWorkingDays });
    caches(db).settings.delete(organisationId);
    await audit.updated(
      'service_desk_settings',
      organisationId,
      { priority_matrix: before.priorityMatrix, reopen_working_days: before.reopenWorkingDays },
      { priority_matrix: input.matrix, reopen_working_days: input.reopenWorkingDays },
      'Changed the priority matrix or reopening window',
      organisationId,
    );
  });
}

/** Sets an SLA policy's targets (working minutes per priority) and the share of a target at which tickets warn. */
export async function updatePolicyTargets(db: Db, actor: Actor, organisationId: number, policyId: number, input: { targets: Targets; warnShare: number }) {
  const before = await q.findPolicy(db, organisationId, policyId);
  if (!before) throw new NotFoundError('There is no such SLA policy');
  for (const p of ['1', '2', '3', '4'] as const) {
    if (input.targets[p].response > input.targets[p].resolution) {
      throw new UserError(`P${p}: the response target must not be longer than the resolution target`, { field: `p${p}-response` });
    }
  }
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updatePolicy(tx, policyId, { warn_share: input.warnShare, targets_json: JSON.stringify(input.targets), updated_at: nowIso() });
    await audit.updated(
      'sla_policy',
      policyId,
      { targets: JSON.parse(before.targets_json), warn_share: before.warn_share },
      { targets: input.targets, warn_share: input.warnShare },
      `Changed the targets of ${before.name}`,
      organisationId,
    );
  });
  forgetCalendars(db);
}

/** Bank holidays are the same for every organisation; Steward ships the dates it knows. */
async function ensureBankHolidays(tx: Tx) {
  if ((await q.countBankHolidays(tx)) === 0) await q.upsertBankHolidays(tx, shippedBankHolidays());
}

/** Imports a newer copy of GOV.UK's bank-holidays.json, adding one-off holidays no rule predicts. */
export async function importBankHolidays(db: Db, actor: Actor, text: string) {
  const holidays = parseBankHolidays(text);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.upsertBankHolidays(tx, holidays);
    await audit.created('bank_holidays', 'import', { dates: holidays.length }, `Imported ${holidays.length} bank holiday dates`);
  });
  forgetCalendars(db);
  return holidays.length;
}

export async function addClosureDay(db: Db, actor: Actor, organisationId: number, calendarId: number, date: string, title: string) {
  if (!(await q.findCalendar(db, organisationId, calendarId))) throw new NotFoundError();
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.insertClosure(tx, { organisation_id: organisationId, calendar_id: calendarId, date, title });
    await audit.created('calendar_closure', `${calendarId}:${date}`, { date, title }, `Closed on ${date}: ${title}`);
  });
  forgetCalendars(db);
}

export type { Division };
