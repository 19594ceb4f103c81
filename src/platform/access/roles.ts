import type { Ability } from './abilities.js';
export const roles = ['requester', 'agent', 'manager', 'admin', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, string> = {
  requester: 'Requester',
  agent: 'Service desk agent',
  manager: 'Manager',
  admin: 'Administrator',
  viewer: 'Viewer (read only)',
};

export const roleDescriptions: Record<Role, string> = {
  requester: 'Any member of staff: raises requests and incidents and follows them',
  agent: 'Works tickets on the service desk and keeps records up to date',
  manager: 'Runs teams and services; approves and reports',
  admin: 'Manages people, roles and organisation settings',
  viewer: 'Reads everything, changes nothing: for board members and auditors',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/**
 * Who may use a route. Every route declares one of these in `config.access`; the server refuses to
 * start if a route does not, and enforces it on every request.
 * - 'public': anyone, signed in or not
 * - 'signed-in': anyone signed in, in any role (reading only: a route that changes anything names an ability)
 * - an ability: a person whose role in the current organisation has it
 */
export type Access = 'public' | 'signed-in' | Ability<never>;

export function allows(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signed-in') return true;
  return access.roles.includes(role);
}
