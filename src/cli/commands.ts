import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { DatabaseUnreachableError, openDatabase, type Database } from '../db/database.js';
import { MigrationFailedError, migrateToLatest } from '../db/migrate.js';
import { systemActor } from '../platform/audit/audit.js';
import { UserError } from '../platform/http/errors.js';
import { isRole, roles } from '../platform/access/roles.js';
import { createOrganisation, firstOrganisation, findOrganisation } from '../platform/organisations/service.js';
import { addPerson, changeRole, findPersonByEmail, membershipsOf, setActive, setPassword } from '../platform/people/service.js';
import { emailField } from '../platform/people/schemas.js';
import { createToken } from '../platform/tokens/service.js';
import { loadDemoCouncil, demoAdminEmail, demoPassword } from '../demo/council.js';

const usage = `Usage: steward <command>

  migrate                                         run database migrations
  user add --email E --name N --role R [--password P] [--organisation ID]
  user disable --email E [--organisation ID]      disable in one organisation, or in all of them
  user set-role --email E --role R [--organisation ID]
  user reset-password --email E [--password P]
  token create --email E [--name N] [--organisation ID]   print a new personal API token
  demo                                            load the demo council into an empty database

Roles: ${roles.join(', ')}. Without --password, the password is read from standard input.
The database is the one Steward uses: DATABASE_URL, or the SQLite file under STEWARD_DATA_DIR.`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UserError('Give --password, or pipe the password on standard input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function personByEmail(database: Database, raw: string | undefined) {
  if (!raw) throw new UserError('Give --email');
  const email = emailField.parse(raw);
  const person = await findPersonByEmail(database.db, email);
  if (!person) throw new UserError(`There is no one with the email ${email}`);
  return person;
}

async function organisationFor(database: Database, raw: string | undefined) {
  const org = raw ? await findOrganisation(database.db, Number(raw)) : await firstOrganisation(database.db);
  if (!org) throw new UserError(raw ? `There is no organisation ${raw}` : 'There is no organisation yet');
  return org;
}

export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      organisation: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (!command || values.help) {
    out(usage);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, sqliteFile: config.sqliteFile });
  const cost = config.passwordCost;
  try {
    await migrateToLatest(database);
    const db = database.db;
    switch (`${command} ${sub ?? ''}`.trim()) {
      case 'migrate':
        out('The database is up to date.');
        return 0;
      case 'demo': {
        const demo = await loadDemoCouncil(db, cost);
        out(`Loaded the demo council with ${demo.people.length} people. Sign in as ${demoAdminEmail} with password ${demoPassword}.`);
        return 0;
      }
      case 'user add': {
        if (!isRole(values.role)) throw new UserError(`Give --role, one of: ${roles.join(', ')}`);
        let org = values.organisation ? await organisationFor(database, values.organisation) : await firstOrganisation(db);
        if (!org) {
          await createOrganisation(db, systemActor('cli'), { name: 'Your organisation', type: 'other' });
          org = await organisationFor(database, undefined);
          out(`Created the first organisation (${org.id}); an admin can rename it under Administration.`);
        }
        const email = emailField.parse(values.email ?? '');
        const existing = await findPersonByEmail(db, email);
        const password = existing ? undefined : (values.password ?? (await readStdin()));
        await addPerson(db, systemActor('cli', org.id), org.id, { email, displayName: values.name ?? email, role: values.role, password }, cost);
        out(`Added ${email} to ${org.name} as ${values.role}.`);
        return 0;
      }
      case 'user disable': {
        const person = await personByEmail(database, values.email);
        const orgs = values.organisation ? [await organisationFor(database, values.organisation)] : await membershipsOf(db, person.id);
        for (const o of orgs) await setActive(db, systemActor('cli', o.id), o.id, person.id, false);
        out(`Disabled ${person.email} in ${orgs.length} organisation(s); their sessions there have ended.`);
        return 0;
      }
      case 'user set-role': {
        if (!isRole(values.role)) throw new UserError(`Give --role, one of: ${roles.join(', ')}`);
        const person = await personByEmail(database, values.email);
        const org = await organisationFor(database, values.organisation);
        await changeRole(db, systemActor('cli', org.id), org.id, person.id, values.role);
        out(`${person.email} is now ${values.role} in ${org.name}.`);
        return 0;
      }
      case 'user reset-password': {
        const person = await personByEmail(database, values.email);
        const password = values.password ?? (await readStdin());
        await setPassword(db, systemActor('cli'), person.id, password, cost);
        out(`Set a new password for ${person.email} and ended their sessions.`);
        return 0;
      }
      case 'token create': {
        const person = await personByEmail(database, values.email);
        const org = values.organisation
          ? await organisationFor(database, values.organisation)
          : (await membershipsOf(db, person.id)).find((m) => m.active === 1);
        if (!org) throw new UserError(`${person.email} is not active in any organisation`);
        const { token } = await createToken(db, systemActor('cli', org.id), person.id, org.id, values.name ?? 'Created with the steward CLI');
        out(token);
        return 0;
      }
      default:
        out(`Unknown command: ${positionals.join(' ')}\n\n${usage}`);
        return 2;
    }
  } finally {
    await database.close();
  }
}

export function explain(error: unknown): string {
  if (error instanceof UserError || error instanceof ConfigError || error instanceof DatabaseUnreachableError || error instanceof MigrationFailedError)
    return error.message;
  if (error instanceof Error && error.name === 'ZodError') return 'That email address is not valid';
  if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `${(error as Error).message}\n\n${usage}`;
  return String((error as Error).stack ?? error);
}
