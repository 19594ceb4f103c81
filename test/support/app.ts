import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { DialectName } from '../../src/db/database.js';
import type { Role } from '../../src/platform/access/roles.js';
import { roles } from '../../src/platform/access/roles.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { createOrganisation } from '../../src/platform/organisations/service.js';
import { addPerson } from '../../src/platform/people/service.js';
import { openTestDatabase, type TestDatabase } from './databases.js';
import { checkApiResponses, type ApiResponseCheck } from './api-responses.js';

export const testPassword = 'correct-horse-battery-staple';
export const testPasswordCost = 10;

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Every API response is checked against the OpenAPI document; `close()` fails on any mismatch. */
  apiResponses: ApiResponseCheck;
  close(): Promise<void>;
}

export async function startTestApp(dialect: DialectName, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase(dialect);
  const config = loadConfig({
    STEWARD_PASSWORD_COST: String(testPasswordCost),
    STEWARD_DEMO: '0',
    LOG_LEVEL: process.env.DEBUG_LOG ? 'error' : 'silent',
    ...env,
  });
  const app = await buildApp({ config, database, logger: !!process.env.DEBUG_LOG });
  const apiResponses = checkApiResponses(app);
  await app.ready();
  return {
    app,
    database,
    apiResponses,
    async close() {
      await app.close();
      await database.drop();
      if (apiResponses.violations.length) {
        const list = [...new Set(apiResponses.violations)];
        throw new Error(`${list.length} API response(s) did not match the OpenAPI document:\n- ${list.join('\n- ')}`);
      }
    },
  };
}

export interface SeededOrganisation {
  id: number;
  name: string;
  /** One person per role, e.g. people.admin.email. */
  people: Record<Role, { id: number; email: string }>;
}

/** An organisation with one person in every role, made through the product's own functions. */
export async function seedOrganisation(app: TestApp, name: string): Promise<SeededOrganisation> {
  const db = app.database.db;
  const id = await createOrganisation(db, systemActor('test'), { name, type: 'district' });
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const people = {} as SeededOrganisation['people'];
  for (const role of roles) {
    const email = `${role}@${slug}.example`;
    const { personId } = await addPerson(
      db,
      systemActor('test', id),
      id,
      { email, displayName: `${role} of ${name}`, role, password: testPassword },
      testPasswordCost,
    );
    people[role] = { id: personId, email };
  }
  return { id, name, people };
}
