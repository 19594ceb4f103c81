import type { Role } from '../platform/access/roles.js';
import { systemActor, type Actor, type Db } from '../platform/audit/audit.js';
import { createServiceArea } from '../platform/service-areas/service.js';
import { countOrganisations, createOrganisation } from '../platform/organisations/service.js';
import { addPerson } from '../platform/people/service.js';
import { AlreadyHasDataError } from '../platform/bootstrap.js';
import { modules } from '../modules/index.js';
import { dict } from '../platform/dict.js';

/** Everyone in the demo council signs in with this password; it is printed at start. */
export const demoPassword = 'eastwold-demo-council';
export const demoDomain = 'eastwold.example';

/** Eastwold Council: a fictional unitary authority, made through the same functions the pages call. */
const demoPeople: { key: string; name: string; role: Role; job: string }[] = [
  { key: 'headOfIt', name: 'Priya Shah', role: 'admin', job: 'Head of IT and Digital' },
  { key: 'serviceDeskManager', name: 'Tom Okafor', role: 'manager', job: 'Service desk manager' },
  { key: 'infrastructureManager', name: 'Helen Walsh', role: 'manager', job: 'Infrastructure and security manager' },
  { key: 'applicationsManager', name: 'Raj Patel', role: 'manager', job: 'Applications manager' },
  { key: 'agentSam', name: 'Sam Green', role: 'agent', job: 'Service desk analyst' },
  { key: 'agentAisha', name: 'Aisha Rahman', role: 'agent', job: 'Service desk analyst' },
  { key: 'agentDan', name: 'Dan Price', role: 'agent', job: 'Infrastructure engineer' },
  { key: 'agentMegan', name: 'Megan Hughes', role: 'agent', job: 'Applications support analyst' },
  { key: 'socialWorker', name: 'Rachel Adams', role: 'requester', job: 'Social worker, adult social care' },
  { key: 'planner', name: 'Mark Evans', role: 'requester', job: 'Planning officer' },
  { key: 'financeOfficer', name: 'Fatima Begum', role: 'requester', job: 'Finance officer' },
  { key: 'wasteOfficer', name: 'Gareth Jones', role: 'requester', job: 'Waste and street services officer' },
  { key: 'councillor', name: 'Susan Hill', role: 'viewer', job: 'Councillor, chair of the digital board' },
  { key: 'auditor', name: 'Paul Carter', role: 'viewer', job: 'Internal auditor' },
];

export const emailFor = (name: string) => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${demoDomain}`;
export const demoAdminEmail = emailFor('Priya Shah');

/** Eastwold's directorates and the service areas in them: the council's structure, which every module cuts by. */
const structure: [string, string[]][] = [
  ['Adults and health', ['Adult social care', 'Public health']],
  ['Children and families', ['Children’s social care', 'Education and skills']],
  ['Place', ['Waste and street services', 'Planning and building control', 'Highways and transport', 'Housing', 'Licensing and regulatory services']],
  ['Resources', ['Revenues and benefits', 'Finance', 'HR and payroll', 'Digital and ICT', 'Legal and democratic services']],
  ['Customer and communities', ['Customer services', 'Libraries', 'Bereavement services', 'Parking services']],
];

async function loadStructure(db: Db, actor: Actor, organisationId: number) {
  for (const [directorate, areas] of structure) {
    const directorateId = await createServiceArea(db, actor, organisationId, { name: directorate, kind: 'directorate', directorateId: null });
    for (const area of areas) await createServiceArea(db, actor, organisationId, { name: area, kind: 'service-area', directorateId });
  }
}

/**
 * `progress` hears each part as it finishes, with the seconds it took, so a first start never
 * sits silent long enough to look hung.
 */
export async function loadDemoCouncil(db: Db, passwordCost: number, progress: (message: string) => void = () => undefined) {
  if ((await countOrganisations(db)) > 0) {
    throw new AlreadyHasDataError('The database already has an organisation: the demo council loads only into an empty database');
  }
  const organisationId = await createOrganisation(db, systemActor('demo loader'), {
    name: 'Eastwold Council (demo)',
    type: 'unitary',
    isDemo: true,
  });
  const actor = systemActor('demo loader', organisationId);
  const people = dict<number>();
  let since = performance.now();
  // Each is a real sign-up with its own password hash, exactly as the admin page makes it; the
  // hashes are worked out side by side (most of the time is there), the records written in turn.
  const added = await Promise.all(
    demoPeople.map((p) =>
      addPerson(db, actor, organisationId, { email: emailFor(p.name), displayName: p.name, role: p.role, password: demoPassword }, passwordCost),
    ),
  );
  demoPeople.forEach((p, i) => (people[p.key] = added[i]!.personId));
  const done = (part: string) => {
    const now = performance.now();
    progress(`demo council: ${part} loaded (${((now - since) / 1000).toFixed(1)} s)`);
    since = now;
  };
  done(`${demoPeople.length} people`);
  await loadStructure(db, actor, organisationId);
  for (const m of modules)
    if (m.demo) {
      await m.demo({ db, organisationId, actor, people, passwordCost });
      done(m.name);
    }
  return { organisationId, people: demoPeople.map((p) => ({ ...p, email: emailFor(p.name) })) };
}

/**
 * The demo's people and records in another organisation of the same installation, under another
 * email domain: what the tests use for a second council that looks like a real one.
 */
export async function loadDemoOrganisation(db: Db, options: { name: string; domain: string; passwordCost: number; demoTickets?: number }) {
  const organisationId = await createOrganisation(db, systemActor('demo loader'), { name: options.name, type: 'unitary', isDemo: true });
  const actor = systemActor('demo loader', organisationId);
  const people = dict<number>();
  const email = (name: string) => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${options.domain}`;
  for (const p of demoPeople) {
    const { personId } = await addPerson(
      db,
      actor,
      organisationId,
      { email: email(p.name), displayName: p.name, role: p.role, password: demoPassword },
      options.passwordCost,
    );
    people[p.key] = personId;
  }
  await loadStructure(db, actor, organisationId);
  for (const m of modules) {
    if (m.demo)
      await m.demo({
        db,
        organisationId,
        actor,
        people,
        passwordCost: options.passwordCost,
        ...(options.demoTickets !== undefined ? { demoTickets: options.demoTickets } : {}),
      });
  }
  return { organisationId, people: demoPeople.map((p) => ({ ...p, email: email(p.name) })) };
}
