import type { Identity } from '../auth/identity.js';
import { roles, type Role } from './roles.js';

/**
 * What a person may do, by name: `tickets.work`, `estate.edit`. Each module declares its own; the
 * roles that have each one are written beside it, and together they are the one table of who may
 * do what (Administration › What each role may do, at /admin/roles, shows it). Routes, services and templates ask for an
 * ability, never for a role.
 */
export interface Ability<R = never> {
  readonly name: string;
  readonly description: string;
  readonly roles: readonly Role[];
  /**
   * Viewers (board members, auditors) are read-only. An ability that lets a viewer change
   * anything must say so here; the platform refuses every other write by a viewer.
   */
  readonly viewersMayWrite: boolean;
  /** A rule that also depends on the record: the owner, a line manager, a named approver. */
  readonly when?: (identity: Identity, record: R) => boolean;
}

const table = new Map<string, Ability<unknown>>();

export function ability<R = never>(
  name: string,
  options: { description: string; roles: readonly Role[]; viewersMayWrite?: boolean; when?: (identity: Identity, record: R) => boolean },
): Ability<R> {
  if (!/^[a-z][a-z-]*(\.[a-z][a-z-]*)+$/.test(name)) throw new Error(`An ability is named area.action, like tickets.work: not ${name}`);
  if (table.has(name)) throw new Error(`The ability ${name} is declared twice`);
  for (const role of options.roles) if (!roles.includes(role)) throw new Error(`The ability ${name} names an unknown role ${role}`);
  const declared: Ability<R> = {
    name,
    description: options.description,
    roles: options.roles,
    viewersMayWrite: options.viewersMayWrite ?? false,
    ...(options.when ? { when: options.when } : {}),
  };
  table.set(name, declared as Ability<unknown>);
  return declared;
}

/** May this person do it (to this record, when the ability depends on one)? */
export function can<R>(identity: Identity | null | undefined, what: Ability<R>, ...record: [R] | []): boolean {
  if (!identity || !what.roles.includes(identity.role)) return false;
  if (what.when && record.length) return what.when(identity, record[0] as R);
  return true;
}

/** An ability by its name, for templates (`can('tickets.work')`); an unknown name is a programming error. */
export function abilityNamed(name: string): Ability<unknown> {
  const found = table.get(name);
  if (!found) throw new Error(`There is no ability called ${name}`);
  return found;
}

const headings = new Map<string, string>();

/**
 * Declares a module's abilities under the heading people know its area by, so the table of who may
 * do what reads area by area: `export const estate = abilitiesOf('Tech estate', { read: ability(...) })`.
 */
export function abilitiesOf<T extends Record<string, Ability<never>>>(heading: string, group: T): T {
  for (const a of Object.values(group)) headings.set(a.name, heading);
  return group;
}

/** The table of who may do what, area by area in the order they were declared, each in its own order. */
export function abilitiesByArea(): { heading: string; abilities: Ability<unknown>[] }[] {
  const areas = new Map<string, Ability<unknown>[]>();
  for (const a of table.values()) {
    const heading = headings.get(a.name) ?? 'Other';
    areas.set(heading, [...(areas.get(heading) ?? []), a]);
  }
  return [...areas].map(([heading, abilities]) => ({ heading, abilities }));
}

/** The abilities every module shares, declared by the platform. */
export const platformAbilities = abilitiesOf('Your account and administration', {
  /** Signing out, changing one's own password and tokens: every role, viewers included. */
  ownAccount: ability('account.own', { description: 'Manage your own account: password, API tokens, signing out', roles, viewersMayWrite: true }),
  readDepartment: ability('department.read', {
    description: 'Read the department’s records: tickets, the estate, contracts, reports',
    roles: ['agent', 'manager', 'admin', 'viewer'],
  }),
  administer: ability('organisation.administer', { description: 'Manage people, roles and the organisation’s settings', roles: ['admin'] }),
  /** Opening the import pages; each kind of import then asks for its own ability. */
  runImports: ability('imports.run', {
    description: 'Import records from a spreadsheet, of the kinds you may record',
    roles: ['agent', 'manager', 'admin'],
  }),
  readAudit: ability('audit.read', { description: 'Read the audit log', roles: ['admin'] }),
  readMail: ability('mail.read', { description: 'See outgoing email and retry it', roles: ['admin'] }),
});
