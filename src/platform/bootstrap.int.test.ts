import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabases, type TestDatabase } from '../../test/support/databases.js';
import { testPasswordCost } from '../../test/support/app.js';
import { unique } from '../../test/support/factories.js';
import { ensureAdmin } from './bootstrap.js';
import { systemActor } from './audit/audit.js';
import { findPersonByEmail } from './people/service.js';
import { createToken } from './tokens/service.js';

describe.each(testDatabases())('the administrator named in the environment (%s)', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(() => database.drop());

  const revoked = async (tokenId: number) =>
    (await database.db.selectFrom('api_tokens').where('id', '=', tokenId).select('revoked_at').executeTakeFirstOrThrow()).revoked_at;

  it('keeps their sessions and API tokens across restarts with the same password, and revokes them when it changes', async () => {
    const email = `head.of.it.${unique()}@council.example`;
    const { organisationId } = await ensureAdmin(database.db, email, 'kettle-orchard-lantern', testPasswordCost);
    const person = (await findPersonByEmail(database.db, email))!;
    const token = await createToken(database.db, systemActor('test', organisationId), person.id, organisationId, 'reports');
    await ensureAdmin(database.db, email, 'kettle-orchard-lantern', testPasswordCost);
    expect(await revoked(token.id)).toBeNull();
    await ensureAdmin(database.db, email, 'another-orchard-lantern', testPasswordCost);
    expect(await revoked(token.id)).not.toBeNull();
  });
});
