import crypto from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database, type DialectName } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * The databases the integration suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL
 * is set. In CI a missing TEST_DATABASE_URL is a failure, never a silent skip.
 */
export function testDatabases(): DialectName[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI) throw new Error('TEST_DATABASE_URL is not set: CI must run the integration suite on PostgreSQL too');
    return ['sqlite'];
  }
  return ['sqlite', 'postgres'];
}

export interface TestDatabase extends Database {
  drop(): Promise<void>;
}

/** A fresh, migrated database: in-memory SQLite, or a PostgreSQL schema of its own. */
export async function openTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const database = await openDatabase({ sqliteFile: ':memory:' });
    await migrateToLatest(database);
    return { ...database, drop: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `steward_test_${crypto.randomBytes(5).toString('hex')}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const database = await openDatabase({ url, searchPath: schema, poolSize: 5 });
  await migrateToLatest(database);
  return {
    ...database,
    async drop() {
      await database.close();
      const again = await openDatabase({ url, poolSize: 1 });
      await sql`drop schema ${sql.id(schema)} cascade`.execute(again.db);
      await again.close();
    },
  };
}
