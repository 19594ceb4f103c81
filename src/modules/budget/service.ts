import { auditedWrite, keptUntilChanged, NotFoundError, serviceAreasOf, UserError, type Actor, type Db } from '../../platform/index.js';
import { nowIso } from '../../db/columns.js';
import * as q from './queries.js';
import { allocate, financialYearOf, monthsElapsed, outturnOf, yearName } from './rules.js';
import type { ActualInput, LineInput } from './schemas.js';

export const today = () => new Date().toISOString().slice(0, 10);

async function mustBeOpen(db: Db, organisationId: number, fy: number, field: string) {
  if ((await q.closedYears(db, organisationId)).has(fy))
    throw new UserError(`The financial year ${yearName(fy)} is closed: its budget and actuals are final`, { field });
}

const lineRow = (v: LineInput) => ({
  financial_year: v.financialYear,
  kind: v.kind,
  cost_centre: v.costCentre.toUpperCase(),
  account: v.account.toUpperCase(),
  category: v.category,
  name: v.name,
  budget: v.budget!,
  forecast: v.forecast,
  savings_planned: v.savingsPlanned ?? 0,
  savings_achieved: v.savingsAchieved ?? 0,
});

export async function addLine(db: Db, actor: Actor, organisationId: number, v: LineInput) {
  await mustBeOpen(db, organisationId, v.financialYear, 'financialYear');
  if (await q.lineWithCode(db, organisationId, v.financialYear, v.costCentre, v.account))
    throw new UserError(`${yearName(v.financialYear)} already has a line for ${v.costCentre}${v.account ? ` ${v.account}` : ''}`, { field: 'costCentre' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const row = lineRow(v);
    const id = await q.insertLine(tx, { organisation_id: organisationId, ...row, created_at: now, updated_at: now });
    await audit.created('budget_line', id, row, `Budget ${yearName(v.financialYear)}: ${v.name}`, organisationId);
    return id;
  });
}

export async function changeLine(db: Db, actor: Actor, organisationId: number, id: number, v: LineInput) {
  const before = await q.lineById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such budget line');
  await mustBeOpen(db, organisationId, Number(before.financial_year), 'financialYear');
  if (v.financialYear !== Number(before.financial_year))
    throw new UserError('A line stays in its financial year: add a line to the other year', { field: 'financialYear' });
  const same = await q.lineWithCode(db, organisationId, v.financialYear, v.costCentre, v.account);
  if (same && Number(same.id) !== id) throw new UserError(`${yearName(v.financialYear)} already has a line for ${v.costCentre}`, { field: 'costCentre' });
  await auditedWrite(db, actor, async (tx, audit) => {
    const row = lineRow(v);
    await q.updateLine(tx, organisationId, id, { ...row, updated_at: nowIso() });
    await audit.updated(
      'budget_line',
      id,
      { budget: before.budget, forecast: before.forecast, savings_achieved: before.savings_achieved },
      row,
      `Changed ${v.name}`,
      organisationId,
    );
  });
}

export async function recordActual(db: Db, actor: Actor, organisationId: number, lineId: number, v: ActualInput) {
  const line = await q.lineById(db, organisationId, lineId);
  if (!line) throw new NotFoundError('There is no such budget line');
  const fy = Number(line.financial_year);
  await mustBeOpen(db, organisationId, fy, 'postedOn');
  if (v.postedOn > today()) throw new UserError('Record an actual once it is posted: that day is still to come', { field: 'postedOn' });
  if (financialYearOf(v.postedOn) !== fy)
    throw new UserError(`A line of ${yearName(fy)} takes actuals posted from 1 April ${fy} to 31 March ${fy + 1}`, { field: 'postedOn' });
  await auditedWrite(db, actor, async (tx, audit) => {
    const row = { posted_on: v.postedOn, amount: v.amount, supplier: v.supplier, description: v.description, reference: v.reference };
    await q.insertActuals(tx, [{ organisation_id: organisationId, line_id: lineId, ...row, import_id: null, created_at: nowIso() }]);
    await audit.created('budget_actual', `${lineId}:${v.postedOn}:${v.reference}`, row, `${line.name}: £${v.amount} on ${v.postedOn}`, organisationId);
  });
}

export async function closeYear(db: Db, actor: Actor, organisationId: number, fy: number) {
  await mustBeOpen(db, organisationId, fy, 'financialYear');
  if (fy >= financialYearOf(today())) throw new UserError(`${yearName(fy)} has not ended yet: a year is closed after 31 March`, { field: 'financialYear' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.closeYear(tx, organisationId, fy, nowIso());
    await audit.created('budget_closed_year', `${organisationId}:${fy}`, { financial_year: fy }, `Closed the financial year ${yearName(fy)}`, organisationId);
  });
}

export async function setCostRule(db: Db, actor: Actor, organisationId: number, rule: 'equal' | 'headcount') {
  const before = await q.costSettings(db, organisationId);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.saveCostSettings(tx, organisationId, rule);
    await audit.updated(
      'cost_settings',
      organisationId,
      { shared_rule: before },
      { shared_rule: rule },
      `Shared costs split ${rule === 'equal' ? 'equally' : 'by headcount'}`,
      organisationId,
    );
  });
}

export async function setHeadcount(db: Db, actor: Actor, organisationId: number, serviceAreaId: number, headcount: number) {
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.saveHeadcount(tx, organisationId, serviceAreaId, headcount);
    await audit.updated('service_area_headcount', serviceAreaId, {}, { headcount }, `Headcount of a service area: ${headcount}`, organisationId);
  });
}

/** A year's budget: each line with its actuals, forecast outturn and variance, and the totals. */
export async function budgetOf(db: Db, organisationId: number, fy: number) {
  const [lines, closed] = await Promise.all([q.linesOf(db, organisationId, fy), q.closedYears(db, organisationId)]);
  const elapsed = closed.has(fy) ? 12 : monthsElapsed(fy, today());
  const rows = lines.map((l) => {
    const budget = Number(l.budget);
    const actual = Number(l.actual);
    const forecast = l.forecast === null ? null : Number(l.forecast);
    const outturn = outturnOf({ budget, forecast, actual }, elapsed);
    return {
      id: Number(l.id),
      kind: l.kind,
      costCentre: l.cost_centre,
      account: l.account,
      category: l.category,
      name: l.name,
      budget,
      actual,
      forecast,
      outturn,
      variance: outturn - budget,
      savingsPlanned: Number(l.savings_planned),
      savingsAchieved: Number(l.savings_achieved),
      transactions: Number(l.transactions),
    };
  });
  const sum = (list: typeof rows) => ({
    budget: list.reduce((n, r) => n + r.budget, 0),
    actual: list.reduce((n, r) => n + r.actual, 0),
    outturn: list.reduce((n, r) => n + r.outturn, 0),
    variance: list.reduce((n, r) => n + r.variance, 0),
    savingsPlanned: list.reduce((n, r) => n + r.savingsPlanned, 0),
    savingsAchieved: list.reduce((n, r) => n + r.savingsAchieved, 0),
  });
  return {
    fy,
    closed: closed.has(fy),
    elapsed,
    lines: rows,
    revenue: sum(rows.filter((r) => r.kind === 'revenue')),
    capital: sum(rows.filter((r) => r.kind === 'capital')),
    total: sum(rows),
    byCategory: [...new Set(rows.map((r) => r.category))].sort().map((category) => ({ category, ...sum(rows.filter((r) => r.category === category)) })),
    byCostCentre: [...new Set(rows.map((r) => r.costCentre))]
      .sort()
      .map((costCentre) => ({ costCentre, ...sum(rows.filter((r) => r.costCentre === costCentre)) })),
  };
}

/** Each system's cost and who uses it, kept until the systems, their users or the contracts change. */
const systemCostsKept = keptUntilChanged(q.costFingerprint, async (db, organisationId) => {
  const { costs, areas } = await q.systemCosts(db, organisationId);
  const areasOf = new Map<number, number[]>();
  for (const a of areas) {
    const id = Number(a.system_id);
    const list = areasOf.get(id);
    if (list) list.push(Number(a.service_area_id));
    else areasOf.set(id, [Number(a.service_area_id)]);
  }
  return costs.map((c) => ({ cost: Number(c.cost), areas: areasOf.get(Number(c.id)) ?? [] }));
});

/** What each council service costs a year in systems and contracts: its own, and its share of those it shares. */
export async function costPerService(db: Db, organisationId: number) {
  const [systems, rule, heads, serviceAreas] = await Promise.all([
    systemCostsKept(db, organisationId, today()),
    q.costSettings(db, organisationId),
    q.headcounts(db, organisationId),
    serviceAreasOf(db, organisationId),
  ]);
  const { byArea, unallocated, unallocatedSystems } = allocate(systems, rule, heads);
  const services = serviceAreas
    .filter((a) => byArea.has(Number(a.id)))
    .map((a) => {
      const f = byArea.get(Number(a.id))!;
      return {
        id: Number(a.id),
        name: a.name,
        headcount: heads.get(Number(a.id)) ?? null,
        direct: Math.round(f.direct),
        shared: Math.round(f.shared),
        total: Math.round(f.direct + f.shared),
      };
    })
    .sort((x, y) => y.total - x.total);
  return {
    rule,
    services,
    unallocated: Math.round(unallocated),
    unallocatedSystems,
    total: services.reduce((n, s) => n + s.total, 0) + Math.round(unallocated),
  };
}

/** Takes back an actual recorded by mistake (by hand or by import) while its year is open; the audit keeps what it was. */
export async function removeActual(db: Db, actor: Actor, organisationId: number, lineId: number, actualId: number) {
  const line = await q.lineById(db, organisationId, lineId);
  const a = await q.actualById(db, organisationId, lineId, actualId);
  if (!line || !a) throw new NotFoundError('There is no such actual on this line');
  await mustBeOpen(db, organisationId, Number(line.financial_year), 'actual');
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.deleteActual(tx, organisationId, actualId);
    await audit.deleted(
      'budget_actual',
      actualId,
      { line_id: lineId, posted_on: a.posted_on, amount: a.amount, supplier: a.supplier, reference: a.reference },
      `${line.name}: removed the actual ${a.reference || a.posted_on}`,
      organisationId,
    );
  });
}
