import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, withBulkCommits, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureAdmin } from './platform/bootstrap.js';
import { countOrganisations } from './platform/organisations/service.js';
import { demoAdminEmail, demoPassword, loadDemoCouncil } from './demo/council.js';

export interface Prepared {
  database: Database;
  /** Lines telling the person at the terminal how to sign in. */
  signInHelp: string[];
}

/** Opens the database, migrates it, creates or resets the first admin, and loads the demo on first start. */
export async function prepare(config: Config, log: Pick<FastifyBaseLogger, 'info'>): Promise<Prepared> {
  const database = await openDatabase({ url: config.databaseUrl, sqliteFile: config.sqliteFile });
  try {
    const migrated = await migrateToLatest(database);
    if (migrated.results?.length) log.info({ migrations: migrated.results.map((r) => r.migrationName) }, 'database migrated');
    const signInHelp: string[] = [];
    const empty = (await countOrganisations(database.db)) === 0;
    if (empty && config.demo) {
      log.info('loading the demo council (first start; set STEWARD_DEMO=0 to start empty)');
      await withBulkCommits(database.db, () => loadDemoCouncil(database.db, config.passwordCost, (message) => log.info(message)));
    }
    if (config.admin) {
      await ensureAdmin(database.db, config.admin.email, config.admin.password, config.passwordCost);
      signInHelp.push(`Sign in as ${config.admin.email} with the password in STEWARD_ADMIN_PASSWORD.`);
    }
    const hasDemo = await database.db.selectFrom('organisations').where('is_demo', '=', 1).select('id').executeTakeFirst();
    if (hasDemo)
      signInHelp.push(
        `Demo council: sign in as ${demoAdminEmail} (admin) with password ${demoPassword}; other demo people are listed under Administration > People.`,
      );
    if (!signInHelp.length) {
      signInHelp.push(
        'No one can sign in yet: set STEWARD_ADMIN_EMAIL and STEWARD_ADMIN_PASSWORD and restart, or run `npm run steward -- user add --email you@council.gov.uk --name "Your Name" --role admin`.',
      );
    }
    return { database, signInHelp };
  } catch (error) {
    await database.close();
    throw error;
  }
}
