import { keptUntilChanged, type Db } from '../../../platform/index.js';
import { systemNamesByIds } from '../../estate/index.js';
import * as q from './queries.js';

/**
 * The counts the overview and the cyber page show: open and overdue by severity, per system, the
 * accepted and the unmatched. At a million findings they take a pass over every open one, so each
 * instance keeps them until the findings change or the day does.
 */
export const findingsSummary = keptUntilChanged(q.findingsVersion, workOut);

async function workOut(db: Db, organisationId: number, on: string) {
  const [counts, accepted, perSystem, unmatched] = await Promise.all([
    q.openBySeverity(db, organisationId, on),
    q.acceptedCount(db, organisationId),
    q.openPerSystem(db, organisationId, on),
    q.unmatchedHosts(db, organisationId, 20),
  ]);
  return {
    counts,
    accepted,
    perSystem: perSystem.map((s) => ({
      id: Number(s.system_id),
      open: Number(s.open),
      overdue: Number(s.overdue ?? 0),
      serious: Number(s.serious ?? 0),
      oldest: s.oldest ? String(s.oldest).slice(0, 10) : null,
    })),
    unmatched: unmatched.map((u) => ({ host: u.host, host_name: u.host_name, open: Number(u.open) })),
  };
}

/** The systems with the most to fix (most overdue, then most open), named as the register names them now. */
export async function systemsWithMostToFix(db: Db, organisationId: number, on: string, limit = 10) {
  const { perSystem } = await findingsSummary(db, organisationId, on);
  const top = [...perSystem].sort((a, b) => b.overdue - a.overdue || b.open - a.open).slice(0, limit);
  const named = new Map(
    (
      await systemNamesByIds(
        db,
        organisationId,
        top.map((s) => s.id),
      )
    ).map((s) => [Number(s.id), s] as const),
  );
  return top.flatMap((s) => {
    const system = named.get(s.id);
    return system ? [{ ...s, name: system.name, criticality: system.criticality }] : [];
  });
}

/** Tier-1 systems with findings past their deadline, most overdue first: the cyber page's list. */
export async function overdueOnTierOne(db: Db, organisationId: number, on: string, limit = 10) {
  const { perSystem } = await findingsSummary(db, organisationId, on);
  const late = perSystem.filter((s) => s.overdue > 0);
  const named = await systemNamesByIds(
    db,
    organisationId,
    late.map((s) => s.id),
  );
  const tierOne = new Map(named.filter((s) => s.criticality === 1).map((s) => [Number(s.id), s.name] as const));
  return late
    .filter((s) => tierOne.has(s.id))
    .map((s) => ({ id: s.id, name: tierOne.get(s.id)!, overdue: s.overdue, oldest: s.oldest }))
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name))
    .slice(0, limit);
}
