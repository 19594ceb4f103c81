import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import { analyse, type Database } from './database.js';
import { platformMigrations } from '../platform/migrations.js';
import { modules } from '../modules/index.js';

/** All migrations, platform first, then each module's; names sort in the order they must run. */
export function allMigrations(): Record<string, Migration> {
  const all: Record<string, Migration> = { ...platformMigrations };
  for (const m of modules) Object.assign(all, m.migrations ?? {});
  return all;
}

class InCodeProvider implements MigrationProvider {
  async getMigrations() {
    return allMigrations();
  }
}

export class MigrationFailedError extends Error {}

export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  // Kysely looks for its own tables across every schema, so name the schema when there is one.
  const migrator = new Migrator({
    db: database.db,
    provider: new InCodeProvider(),
    // Modules add migrations independently, so one may be added with a name that sorts before a
    // migration another module has already run; each still runs exactly once.
    allowUnorderedMigrations: true,
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new MigrationFailedError(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(result.error as Error).message ?? String(result.error)}`);
  }
  // New tables and indexes have no planner statistics until they are gathered; gather them now.
  if (result.results?.length) await analyse(database.db);
  return result;
}
