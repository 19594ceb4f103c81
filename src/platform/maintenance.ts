import type { DialectAdapter } from 'kysely';
import { analyse } from '../db/database.js';

/** How often the planner statistics are refreshed on a schedule (a platform job in src/server.ts). */
export const plannerStatisticsEveryMs = 6 * 60 * 60_000;

/**
 * Keeps the query planner's statistics current, on both databases. Without them SQLite guesses, and
 * at a million tickets it can guess a scan where a lookup would do (a search went from 20 ms to
 * 190 ms on a copy without them). Steward runs this after migrations, on a schedule, and wants it
 * after any large import (`force` then refreshes every table, not only those that grew or shrank by
 * a tenth). PostgreSQL samples on the server; SQLite's figures are worked out on a worker thread, so
 * neither holds up requests.
 */
export async function refreshPlannerStatistics(db: { getExecutor(): { readonly adapter: DialectAdapter } }, options: { force?: boolean } = {}): Promise<void> {
  await analyse(db, options);
}
