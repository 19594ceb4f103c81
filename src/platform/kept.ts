import type { Db } from './audit/audit.js';

/**
 * Figures worked out from an organisation's records, kept by each instance until the records'
 * version moves (checked on every read, so every instance agrees) or the day changes. The module
 * moves the version in the transaction that changes the records.
 *
 *   export const coverage = keptUntilChanged(q.trainingVersion, workOutCoverage);
 *   const c = await coverage(db, organisationId, today);
 *
 * Where the records belong to another module that keeps no version of them, the version may be a
 * fingerprint read from the records themselves (counts, weighted sums, the latest change): cheaper
 * than the work it saves, and different whenever the records are.
 */
export function keptUntilChanged<T>(
  versionOf: (db: Db, organisationId: number) => Promise<number | string>,
  workOut: (db: Db, organisationId: number, on: string) => Promise<T>,
) {
  const kept = new WeakMap<Db, Map<string, { version: number | string; value: T }>>();
  return async (db: Db, organisationId: number, on: string): Promise<T> => {
    const version = await versionOf(db, organisationId);
    const key = `${organisationId}|${on}`;
    let forDb = kept.get(db);
    if (!forDb) kept.set(db, (forDb = new Map()));
    const hit = forDb.get(key);
    if (hit && hit.version === version) return hit.value;
    const value = await workOut(db, organisationId, on);
    if (forDb.size > 1000) forDb.clear();
    forDb.set(key, { version, value });
    return value;
  };
}
