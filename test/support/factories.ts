// Test data a test owns, made through the product's own service functions (so every rule and
// audit record applies), with unique names so tests never meet each other's records, whatever
// order they run in. Each factory takes what holds the database (a TestApp, a BrowserRig), the
// organisation, and only what the test cares about; everything else has a plain default.
//
//   const org = await anOrganisation(t);
//   const agent = await aPerson(t, org, { role: 'agent' });
//   const team = await aTeam(t, org, { members: [agent] });
//   const service = await aService(t, org, { team });
//   const { reference } = await aTicket(t, org, { service, title: 'Printer jammed' });
import type { Role } from '../../src/platform/access/roles.js';
import { systemActor, type Actor, type Db } from '../../src/platform/audit/audit.js';
import type { Identity } from '../../src/platform/auth/identity.js';
import { createOrganisation } from '../../src/platform/organisations/service.js';
import type { OrganisationInput } from '../../src/platform/organisations/schemas.js';
import { addPerson } from '../../src/platform/people/service.js';
import { addTeamMember, createTeam } from '../../src/modules/teams/service.js';
import { createService, type ServiceInput } from '../../src/modules/service-desk/catalogue/service.js';
import { assignTicket, changeStatus, createTicket, type NewTicket } from '../../src/modules/service-desk/tickets/service.js';
import { createArticle } from '../../src/modules/service-desk/knowledge/service.js';
import { createSystem, nothingKnown, type SystemInput } from '../../src/modules/estate/service.js';
import { createContract, createSupplier, type ContractInput } from '../../src/modules/estate/contracts/service.js';
import { createCapability } from '../../src/modules/estate/capabilities/service.js';
import { testPassword, testPasswordCost } from './app.js';

/** Anything that holds a test database: a TestApp, a BrowserRig. */
export interface HasDatabase {
  database: { db: Db };
}
export interface Org {
  id: number;
  name: string;
  type: OrganisationInput['type'];
  /** Steward itself, acting in this organisation (as start-up or the command line does). */
  actor: Actor;
}
export interface Person {
  id: number;
  name: string;
  email: string;
  password: string;
  role: Role;
  organisationId: number;
}

let sequence = 0;
/** A number no other record made in this process has, so names and emails never clash. */
export const unique = () => ++sequence;
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Acting as this person (for the audit log and the rules that look at who acts). */
export const actorOf = (person: Person): Actor => ({ personId: person.id, label: person.email, organisationId: person.organisationId });

/** What a signed-in session of this person in the organisation would carry. */
export const identityOf = (person: Person, org: Org): Identity => ({
  person: { id: person.id, email: person.email, displayName: person.name },
  organisation: { id: org.id, name: org.name, type: org.type, isDemo: false },
  role: person.role,
  organisationCount: 1,
  via: 'session',
});

export async function anOrganisation(t: HasDatabase, overrides: Partial<OrganisationInput> = {}): Promise<Org> {
  const name = overrides.name ?? `Test Council ${unique()}`;
  const type = overrides.type ?? 'district';
  const id = await createOrganisation(t.database.db, systemActor('test'), { name, type });
  return { id, name, type, actor: systemActor('test', id) };
}

/** A person with a role in the organisation, who signs in with `password`. */
export async function aPerson(
  t: HasDatabase,
  org: Pick<Org, 'id' | 'actor'>,
  overrides: { role?: Role; name?: string; email?: string; password?: string } = {},
): Promise<Person> {
  const role = overrides.role ?? 'requester';
  const n = unique();
  const name = overrides.name ?? `Test ${role} ${n}`;
  const email = overrides.email ?? `${slug(name)}.${n}@test-${org.id}.example`;
  const password = overrides.password ?? testPassword;
  const { personId } = await addPerson(t.database.db, org.actor, org.id, { email, displayName: name, role, password }, testPasswordCost);
  return { id: personId, name, email, password, role, organisationId: org.id };
}

export async function aTeam(t: HasDatabase, org: Pick<Org, 'id' | 'actor'>, overrides: { name?: string; description?: string; members?: Person[] } = {}) {
  const name = overrides.name ?? `Test team ${unique()}`;
  const id = await createTeam(t.database.db, org.actor, org.id, name, overrides.description ?? '');
  for (const member of overrides.members ?? []) await addTeamMember(t.database.db, org.actor, org.id, id, member.id);
  return { id, name };
}

export async function aService(
  t: HasDatabase,
  org: Pick<Org, 'id' | 'actor'>,
  overrides: Partial<Omit<ServiceInput, 'teamId'>> & { team?: { id: number } } = {},
) {
  const { team, ...input } = overrides;
  const name = input.name ?? `Test service ${unique()}`;
  const id = await createService(t.database.db, org.actor, org.id, {
    description: `What ${name} is for`,
    hours: 'Monday to Friday, 8:30am to 5pm',
    visibleToStaff: true,
    ...input,
    name,
    teamId: team?.id ?? null,
  });
  return { id, name };
}

/**
 * A ticket raised by `requester` (a new requester when not given). With `resolvedBy`, an agent in
 * the service's team takes it and resolves it, as the agent's pages would.
 */
export async function aTicket(
  t: HasDatabase,
  org: Org,
  overrides: Partial<Omit<NewTicket, 'requesterId' | 'serviceId'>> & {
    requester?: Person;
    service?: { id: number };
    resolvedBy?: { agent: Person; team: { id: number } };
  } = {},
) {
  const { requester: given, service, resolvedBy, ...input } = overrides;
  const requester = given ?? (await aPerson(t, org));
  const title = input.title ?? `Test problem ${unique()}`;
  const made = await createTicket(t.database.db, actorOf(requester), org.id, {
    kind: 'incident',
    description: `${title}: it started this morning.`,
    impact: 3,
    urgency: 3,
    ...input,
    title,
    requesterId: requester.id,
    serviceId: service?.id ?? null,
  });
  if (resolvedBy) {
    const { agent, team } = resolvedBy;
    const as = identityOf(agent, org);
    await assignTicket(t.database.db, actorOf(agent), as, made.reference, { teamId: team.id, assigneeId: agent.id });
    await changeStatus(t.database.db, actorOf(agent), as, made.reference, {
      status: 'resolved',
      resolutionCode: 'Fixed',
      resolutionNotes: 'Fixed and confirmed working.',
    });
  }
  return { id: made.id, reference: made.reference, title, requester };
}

export async function anArticle(
  t: HasDatabase,
  org: Pick<Org, 'id' | 'actor'>,
  overrides: { title?: string; body?: string; audience?: 'staff' | 'agents'; serviceId?: number } = {},
) {
  const title = overrides.title ?? `How do I fix test problem ${unique()}?`;
  const id = await createArticle(t.database.db, org.actor, org.id, {
    title,
    body: overrides.body ?? 'Turn it off and on again.',
    audience: overrides.audience ?? 'staff',
    serviceId: overrides.serviceId,
    reviewOn: '2099-12-31',
  });
  return { id, title };
}

export async function aSystem(t: HasDatabase, org: Pick<Org, 'id' | 'actor'>, overrides: Partial<SystemInput> = {}) {
  const n = unique();
  const input: SystemInput = { ...nothingKnown, identifier: `TEST-${n}`, name: `Test system ${n}`, kind: 'application', ...overrides };
  const id = await createSystem(t.database.db, org.actor, org.id, input);
  return { id, name: input.name, identifier: input.identifier };
}

export async function aSupplier(t: HasDatabase, org: Pick<Org, 'id' | 'actor'>, overrides: { name?: string; companyNumber?: string; contact?: string } = {}) {
  const name = overrides.name ?? `Test Supplier ${unique()} Ltd`;
  const id = await createSupplier(t.database.db, org.actor, org.id, { name, companyNumber: overrides.companyNumber ?? null, contact: overrides.contact ?? '' });
  return { id, name };
}

/** A contract with a supplier (a new one when not given), owned by `owner` when given. */
export async function aContract(
  t: HasDatabase,
  org: Pick<Org, 'id' | 'actor'>,
  overrides: Partial<Omit<ContractInput, 'supplierId'>> & { supplier?: { id: number }; owner?: Person; systemIds?: number[] } = {},
) {
  const { supplier: given, owner, systemIds, ...input } = overrides;
  const supplier = given ?? (await aSupplier(t, org));
  const reference = input.reference ?? `TEST-C-${unique()}`;
  const id = await createContract(
    t.database.db,
    org.actor,
    org.id,
    {
      title: `Support for ${reference}`,
      annualValue: 12_000,
      wholeLifeValue: 36_000,
      startDate: '2025-04-01',
      endDate: '2028-03-31',
      noticeMonths: 6,
      extensionMonths: 0,
      procurementRoute: 'framework',
      framework: null,
      notes: '',
      ...input,
      reference,
      supplierId: supplier.id,
    },
    systemIds ?? [],
    owner?.id ?? null,
  );
  return { id, reference, supplier };
}

export async function aCapability(t: HasDatabase, org: Pick<Org, 'id' | 'actor'>, overrides: { name?: string; description?: string } = {}) {
  const name = overrides.name ?? `Test capability ${unique()}`;
  const id = await createCapability(t.database.db, org.actor, org.id, { name, description: overrides.description ?? '' });
  return { id, name };
}
