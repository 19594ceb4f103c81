import {
  allows,
  auditedWrite,
  measureNamed,
  measures,
  measureUnits,
  NotFoundError,
  own,
  SharedWork,
  systemActor,
  UserError,
  type Actor,
  type Db,
  type Identity,
  type MeasureUnit,
} from '../../platform/index.js';
import { nowIso } from '../../db/columns.js';
import * as q from './queries.js';
import { periodsTo, periodValue, statusOf, targetProblem, type KpiStatus } from './rules.js';
import type { KpiInput, ReadingInput } from './schemas.js';

export const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The KPI's row from the form: a measure's unit and direction are the measure's, never typed. */
function rowOf(v: KpiInput) {
  const measure = v.measure === 'manual' ? null : measureNamed(v.measure);
  if (v.measure !== 'manual' && !measure)
    throw new UserError('Choose one of the measures Steward works out, or that it is entered by hand', { field: 'measure' });
  const unit = (measure?.unit ?? v.unit) as MeasureUnit | undefined;
  if (!unit) throw new UserError('Choose what the figure counts', { field: 'unit' });
  const direction = measure?.direction ?? v.direction;
  if (!direction) throw new UserError('Say whether more is better or less is', { field: 'direction' });
  const name = v.name || measure?.name;
  if (!name) throw new UserError('Name the KPI, like “Residents satisfied with the council website”', { field: 'name' });
  const problem = targetProblem(unit, v.target);
  if (problem) throw new UserError(`${problem}: this KPI is measured in ${own(measureUnits, unit) ?? unit}`, { field: 'target' });
  if (!measure && !v.source) throw new UserError('Say where the figure comes from, like “Residents’ survey”', { field: 'source' });
  return {
    name,
    measure_key: measure?.key ?? null,
    unit,
    direction,
    target: v.target,
    tolerance: v.tolerance ?? 0,
    period: v.period,
    owner: v.owner,
    user_outcome: (measure?.userOutcome ?? false) || v.userOutcome ? 1 : 0,
    source: measure ? '' : v.source,
  };
}

export async function addKpi(db: Db, actor: Actor, organisationId: number, v: KpiInput) {
  const row = rowOf(v);
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const id = await q.insertKpi(tx, { organisation_id: organisationId, ...row, created_at: now, updated_at: now });
    await audit.created('kpi', id, row, `Added the KPI ${row.name}`, organisationId);
    return id;
  });
}

export async function changeKpi(db: Db, actor: Actor, organisationId: number, id: number, v: KpiInput) {
  const before = await q.kpiById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such KPI');
  const row = rowOf(v);
  if (row.measure_key !== before.measure_key) throw new UserError('A KPI keeps what it measures: add a new KPI for another measure', { field: 'measure' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateKpi(tx, organisationId, id, { ...row, updated_at: nowIso() });
    await audit.updated(
      'kpi',
      id,
      { name: before.name, target: before.target, tolerance: before.tolerance, period: before.period, owner: before.owner },
      { name: row.name, target: row.target, tolerance: row.tolerance, period: row.period, owner: row.owner },
      `Changed the KPI ${row.name}`,
      organisationId,
    );
  });
}

/** A figure Steward cannot work out, entered with where it came from. */
export async function recordReading(db: Db, actor: Actor, organisationId: number, id: number, v: ReadingInput) {
  const k = await q.kpiById(db, organisationId, id);
  if (!k) throw new NotFoundError('There is no such KPI');
  if (k.measure_key) throw new UserError('Steward works this figure out from its own data: it is never typed', { field: 'value' });
  if (v.month > thisMonth()) throw new UserError('Enter a figure for a month that has begun', { field: 'month' });
  if (k.period === 'quarter') {
    if (![3, 6, 9, 12].includes(Number(v.month.slice(5))))
      throw new UserError('A quarterly figure is entered for the quarter’s last month: June, September, December or March', { field: 'month' });
    if (v.month >= thisMonth()) throw new UserError('Enter a quarter’s figure once the quarter has ended', { field: 'month' });
  }
  const problem = targetProblem(k.unit as MeasureUnit, v.value);
  if (problem) throw new UserError(problem.replace('A target', 'The figure'), { field: 'value' });
  const before = await q.readingOf(db, id, v.month);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.saveReading(tx, {
      organisation_id: organisationId,
      kpi_id: id,
      month: v.month,
      value: v.value!,
      source: 'manual',
      note: v.note,
      recorded_by: actor.personId,
      recorded_at: nowIso(),
    });
    await audit.updated('kpi_reading', `${id}:${v.month}`, before ?? {}, { value: v.value, note: v.note }, `${k.name}, ${v.month}: ${v.value}`, organisationId);
  });
}

/**
 * Keeps this month's reading of every KPI computed from a measure of how things stand (the estate
 * past end of support, the vacancy rate), so that its trend has the months before this one.
 */
export async function keepMonthlyReadings(db: Db, now = new Date()) {
  const month = now.toISOString().slice(0, 7);
  const standing = measures().filter((m) => !m.history);
  let kept = 0;
  for (const k of await q.computedKpis(
    db,
    standing.map((m) => m.key),
  )) {
    const measure = standing.find((m) => m.key === k.measure_key)!;
    const organisationId = Number(k.organisation_id);
    const [value] = await measure.monthly(db, organisationId, [month], new SharedWork());
    if (value === null || value === undefined) continue;
    await auditedWrite(db, systemActor('KPI readings', organisationId), async (tx) => {
      await q.saveReading(tx, {
        organisation_id: organisationId,
        kpi_id: Number(k.id),
        month,
        value,
        source: 'computed',
        note: '',
        recorded_by: null,
        recorded_at: now.toISOString(),
      });
    });
    kept++;
  }
  return kept;
}

export interface KpiFigure {
  id: number;
  name: string;
  unit: string;
  direction: 'up' | 'down';
  target: number | null;
  tolerance: number;
  period: 'month' | 'quarter';
  owner: string;
  userOutcome: boolean;
  source: 'computed' | 'manual';
  /** Where it comes from: the measure's area and description, or the source written for it. */
  from: string;
  description: string;
  /** False where the person may not read what the figure is worked out from. */
  visible: boolean;
  value: number | null;
  status: KpiStatus;
  trend: { period: string; value: number | null }[];
}

/** Every KPI with its current figure and trend, computed where Steward can: one pass for the page. */
export async function kpiFigures(db: Db, identity: Identity, only?: number): Promise<KpiFigure[]> {
  const organisationId = identity.organisation.id;
  const month = thisMonth();
  const list = (await q.kpisOf(db, organisationId)).filter((k) => only === undefined || Number(k.id) === only);
  const earliest = `${Number(month.slice(0, 4)) - 2}-01`;
  const readings = await q.readingsFrom(db, organisationId, earliest);
  const shared = new SharedWork();
  return Promise.all(
    list.map(async (k) => {
      const id = Number(k.id);
      const periods = periodsTo(month, k.period);
      const months = periods.flatMap((p) => p.months);
      const mine = new Map(readings.filter((r) => Number(r.kpi_id) === id).map((r) => [r.month, Number(r.value)]));
      const measure = k.measure_key ? measureNamed(k.measure_key) : null;
      const visible = !measure || allows(measure.access, identity.role);
      let values: (number | null)[];
      if (!visible) values = months.map(() => null);
      else if (!measure) values = months.map((m) => mine.get(m) ?? null);
      else if (measure.history) values = await measure.monthly(db, organisationId, months, shared);
      else {
        const [now] = await measure.monthly(db, organisationId, [month], shared);
        values = months.map((m) => (m === month ? (now ?? null) : (mine.get(m) ?? null)));
      }
      const byMonth = new Map(months.map((m, i) => [m, values[i] ?? null]));
      const trend = periods.map((p) => ({ period: p.label, value: periodValue(p.months.map((m) => byMonth.get(m) ?? null)) }));
      // A figure counted over a period (SLA, satisfaction) is shown for the last whole period, not the
      // few days of this one; a figure of how things stand, or one entered by hand, is the latest there is.
      const whole = measure?.history && trend.length > 1 ? trend.slice(0, -1) : trend;
      const value = [...whole].reverse().find((t) => t.value !== null)?.value ?? null;
      const target = k.target === null ? null : Number(k.target);
      const rule = { target, tolerance: Number(k.tolerance), direction: k.direction };
      return {
        id,
        name: k.name,
        unit: k.unit,
        direction: k.direction,
        target,
        tolerance: Number(k.tolerance),
        period: k.period,
        owner: k.owner,
        userOutcome: Boolean(k.user_outcome),
        source: measure ? ('computed' as const) : ('manual' as const),
        from: measure ? measure.area : k.source,
        description: measure?.description ?? '',
        visible,
        value,
        status: statusOf(value, rule),
        trend,
      };
    }),
  );
}
