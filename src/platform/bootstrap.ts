import { nowIso } from '../db/columns.js';
import { auditedWrite, systemActor, type Db } from './audit/audit.js';
import { UserError } from './http/errors.js';
import { firstOrganisation, createOrganisation } from './organisations/service.js';
import { addPerson, findMember, findPersonByEmail, setPassword } from './people/service.js';
import { insertMembership, updateMembership } from './people/queries.js';
import { emailField } from './people/schemas.js';
import { findPersonForSignIn } from './auth/queries.js';
import { verifyPassword } from './auth/passwords.js';

/**
 * Makes sure `email` can sign in as an administrator of the first organisation with `password`:
 * creates the person (and, on an empty installation, the organisation), or resets them.
 */
export async function ensureAdmin(db: Db, rawEmail: string, password: string, passwordCost: number) {
  const email = emailField.parse(rawEmail);
  let organisation = await firstOrganisation(db);
  if (!organisation) {
    await createOrganisation(db, systemActor('start-up'), { name: 'Your organisation', type: 'other' });
    organisation = await firstOrganisation(db);
  }
  if (!organisation) throw new Error('Could not create the first organisation');
  const actor = systemActor('start-up', organisation.id);
  const person = await findPersonByEmail(db, email);
  if (!person) {
    await addPerson(db, actor, organisation.id, { email, displayName: 'Administrator', role: 'admin', password }, passwordCost);
    return { created: true, organisationId: organisation.id };
  }
  // Every restart passes the same password: setting it again would sign the admin out and revoke
  // their API tokens each time, so it is set only when it is not the one already held.
  const held = await findPersonForSignIn(db, email);
  if (!(await verifyPassword(password, held?.password_hash ?? null, passwordCost)).ok) await setPassword(db, actor, person.id, password, passwordCost);
  const member = await findMember(db, organisation.id, person.id);
  const orgId = organisation.id;
  await auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    if (!member) {
      await insertMembership(tx, { person_id: person.id, organisation_id: orgId, role: 'admin', now });
      await audit.created('membership', person.id, { email, role: 'admin', active: 1 }, `Gave ${email} the admin role`);
    } else if (member.role !== 'admin' || member.active !== 1) {
      await updateMembership(tx, orgId, person.id, { role: 'admin', active: 1, updated_at: now });
      await audit.updated('membership', person.id, { role: member.role, active: member.active }, { role: 'admin', active: 1 }, `Made ${email} an active admin`);
    }
  });
  return { created: false, organisationId: orgId };
}

export class AlreadyHasDataError extends UserError {}
