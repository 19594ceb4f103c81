import { nowIso } from '../../db/columns.js';
import { auditedWrite, type Actor, type Db } from '../audit/audit.js';
import { UserError, NotFoundError } from '../http/errors.js';
import type { Role } from '../access/roles.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { deleteSessionsOf, updatePasswordHash } from '../auth/queries.js';
import { confirmPassword } from '../auth/service.js';
import { revokeTokensOf } from '../tokens/service.js';
import * as q from './queries.js';
import type { NewPersonInput } from './schemas.js';

/** What an administrator is told for an address that already has a Steward account outside their organisation. */
export const cannotAddHere =
  'This email address cannot be added from here. Check it is the person’s address at your organisation, or ask whoever runs Steward to add them';

/**
 * Adds a person to an organisation. Someone new to Steward needs a password.
 *
 * Someone who already has a Steward account (in another organisation of a shared service) is
 * attached, keeping their password, only by Steward itself (the `steward user add` command line,
 * start-up): an administrator's form or API call could otherwise give a stranger's account a role
 * in their organisation and learn that it exists. For a person acting, every address is checked
 * the same way (a password is needed and must be strong enough), and an address with an account
 * elsewhere is refused with words that do not say why (see docs/decisions.md).
 */
export async function addPerson(
  db: Db,
  actor: Actor,
  organisationId: number,
  input: NewPersonInput,
  passwordCost: number,
): Promise<{ personId: number; existing: boolean }> {
  const byInstallation = actor.personId === null;
  const existing = await q.findPersonByEmail(db, input.email);
  if (existing && (await q.findMember(db, organisationId, existing.id))) {
    // Members are on the administrator's own list already, so saying so tells them nothing new.
    throw new UserError(`${input.email} is already a member of this organisation`, { field: 'email', status: 409 });
  }
  let hash: string | null = null;
  if (!existing || !byInstallation) {
    if (!input.password) throw new UserError('Enter a password for this person', { field: 'password' });
    const problem = passwordProblem(input.password, { email: input.email });
    if (problem) throw new UserError(problem, { field: 'password' });
    hash = await hashPassword(input.password, passwordCost);
  }
  if (existing && !byInstallation) throw new UserError(cannotAddHere, { field: 'email' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    let personId: number;
    if (existing) {
      personId = existing.id;
      if (await q.findMember(tx, organisationId, personId)) {
        throw new UserError(`${input.email} is already a member of this organisation`, { field: 'email', status: 409 });
      }
    } else {
      personId = await q.insertPerson(tx, { email: input.email, display_name: input.displayName, password_hash: hash, now });
      await audit.created('person', personId, { email: input.email, display_name: input.displayName }, `Added ${input.email}`);
    }
    await q.insertMembership(tx, { person_id: personId, organisation_id: organisationId, role: input.role, now });
    await audit.created(
      'membership',
      personId,
      { email: input.email, role: input.role, active: 1 },
      `Gave ${input.email} the ${input.role} role`,
      organisationId,
    );
    return { personId, existing: !!existing };
  });
}

async function memberOrThrow(db: Db, organisationId: number, personId: number) {
  const member = await q.findMember(db, organisationId, personId);
  if (!member) throw new NotFoundError('There is no such person in this organisation');
  return member;
}

/** An organisation always keeps at least one active administrator. */
async function keepsAnAdmin(db: Db, organisationId: number, member: { role: Role; active: number }) {
  if (member.role === 'admin' && member.active === 1 && (await q.countActiveAdmins(db, organisationId)) <= 1) {
    return false;
  }
  return true;
}

export async function changeRole(db: Db, actor: Actor, organisationId: number, personId: number, role: Role) {
  const member = await memberOrThrow(db, organisationId, personId);
  if (member.role === role) return;
  if (!(await keepsAnAdmin(db, organisationId, member))) {
    throw new UserError('This is the only administrator: give someone else the administrator role first', {
      field: 'role',
    });
  }
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateMembership(tx, organisationId, personId, { role, updated_at: nowIso() });
    await audit.updated('membership', personId, { role: member.role }, { role }, `Changed ${member.email} from ${member.role} to ${role}`, organisationId);
    // A new role should take effect at once, not at the next sign-in; sessions carry no role, so nothing to end.
  });
}

export async function setActive(db: Db, actor: Actor, organisationId: number, personId: number, active: boolean) {
  const member = await memberOrThrow(db, organisationId, personId);
  if ((member.active === 1) === active) return;
  if (!active && actor.personId === personId) {
    throw new UserError('You cannot disable your own account');
  }
  if (!active && !(await keepsAnAdmin(db, organisationId, member))) {
    throw new UserError('This is the only administrator: give someone else the administrator role first');
  }
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateMembership(tx, organisationId, personId, { active: active ? 1 : 0, updated_at: nowIso() });
    if (!active) {
      // Their sessions and tokens here end now, and stay ended if they are enabled again.
      await deleteSessionsOf(tx, personId, organisationId);
      await revokeTokensOf(tx, audit, personId, `${member.email} was disabled`, organisationId);
    }
    await audit.updated(
      'membership',
      personId,
      { active: member.active },
      { active: active ? 1 : 0 },
      `${active ? 'Enabled' : 'Disabled'} ${member.email}`,
      organisationId,
    );
  });
}

export async function changeOwnPassword(db: Db, actor: Actor, personId: number, current: string, next: string, passwordCost: number, keepSessionId?: string) {
  const person = await q.findPerson(db, personId);
  if (!person) throw new NotFoundError();
  await confirmPassword(db, { passwordCost }, person.email, current, { field: 'currentPassword', message: 'Your current password is not right' });
  const problem = passwordProblem(next, { email: person.email });
  if (problem) throw new UserError(problem, { field: 'newPassword' });
  await setPassword(db, actor, personId, next, passwordCost, keepSessionId);
}

/**
 * Sets a password and ends the person's other sessions and all their API tokens, which may belong
 * to whoever knew the old one, in the same change.
 */
export async function setPassword(db: Db, actor: Actor, personId: number, password: string, passwordCost: number, keepSessionId?: string) {
  const person = await q.findPerson(db, personId);
  if (!person) throw new NotFoundError();
  const problem = passwordProblem(password, { email: person.email });
  if (problem) throw new UserError(problem, { field: 'password' });
  const hash = await hashPassword(password, passwordCost);
  await auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    await updatePasswordHash(tx, personId, hash, now);
    let del = tx.deleteFrom('sessions').where('person_id', '=', personId);
    if (keepSessionId) del = del.where('id', '!=', keepSessionId);
    await del.execute();
    await revokeTokensOf(tx, audit, personId, `the password of ${person.email} changed`);
    await audit.updated('person', personId, { password_hash: 'old' }, { password_hash: 'new' }, `Set a new password for ${person.email}`);
  });
}

export async function renamePerson(db: Db, actor: Actor, personId: number, displayName: string) {
  const person = await q.findPerson(db, personId);
  if (!person) throw new NotFoundError();
  if (person.display_name === displayName) return;
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updatePersonName(tx, personId, displayName, nowIso());
    await audit.updated('person', personId, { display_name: person.display_name }, { display_name: displayName }, `Renamed ${person.email}`);
  });
}

/**
 * Makes someone who emailed the service desk a requester, without a password (they sign in with
 * single sign-on or are given one later). Only a new address: one with an account anywhere in the
 * installation is left alone (null), as an administrator's form leaves it, so a mail cannot attach
 * a stranger's account to an organisation.
 */
export async function addRequesterFromMail(db: Db, actor: Actor, organisationId: number, email: string, displayName: string): Promise<number | null> {
  const address = email.trim().toLowerCase();
  if (await q.findPersonByEmail(db, address)) return null;
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const personId = await q.insertPerson(tx, { email: address, display_name: displayName, password_hash: null, now });
    await audit.created('person', personId, { email: address, display_name: displayName }, `Added ${address}, who emailed the service desk`, organisationId);
    await q.insertMembership(tx, { person_id: personId, organisation_id: organisationId, role: 'requester', now });
    await audit.created('membership', personId, { email: address, role: 'requester', active: 1 }, `Gave ${address} the requester role`, organisationId);
    return personId;
  });
}

export { listMembers, findMember, findPersonByEmail, membershipsOf, activeMemberByEmail, isActiveMember } from './queries.js';
