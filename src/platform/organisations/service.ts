import { nowIso } from '../../db/columns.js';
import { auditedWrite, type Actor, type Db } from '../audit/audit.js';
import { NotFoundError, UserError } from '../http/errors.js';
import { setSessionOrganisation } from '../auth/queries.js';
import { insertMembership, findMember } from '../people/queries.js';
import * as q from './queries.js';
import type { OrganisationInput } from './schemas.js';

/**
 * Creates an organisation. The person creating it (if any) becomes its first administrator, so a
 * shared IT service can add each council it serves.
 */
export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput & { isDemo?: boolean }): Promise<number> {
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const id = await q.insertOrganisation(tx, { name: input.name, type: input.type, is_demo: input.isDemo ? 1 : 0, now });
    await audit.created('organisation', id, { name: input.name, type: input.type, is_demo: input.isDemo ? 1 : 0 }, `Created organisation ${input.name}`, id);
    if (actor.personId !== null) {
      await insertMembership(tx, { person_id: actor.personId, organisation_id: id, role: 'admin', now });
      await audit.created('membership', actor.personId, { email: actor.label, role: 'admin', active: 1 }, `Gave ${actor.label} the admin role`, id);
    }
    return id;
  });
}

export async function updateOrganisation(db: Db, actor: Actor, id: number, input: OrganisationInput) {
  const before = await q.findOrganisation(db, id);
  if (!before) throw new NotFoundError();
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateOrganisation(tx, id, { name: input.name, type: input.type, updated_at: nowIso() });
    await audit.updated(
      'organisation',
      id,
      { name: before.name, type: before.type },
      { name: input.name, type: input.type },
      `Updated organisation settings`,
      id,
    );
  });
}

/** Moves a session to another organisation the person is an active member of. */
export async function switchOrganisation(db: Db, sessionId: string, personId: number, organisationId: number) {
  const member = await findMember(db, organisationId, personId);
  if (!member || member.active !== 1) {
    throw new UserError('Choose one of your organisations', { field: 'organisationId' });
  }
  await setSessionOrganisation(db, sessionId, organisationId);
}

export { findOrganisation, firstOrganisation, organisationsOf, countOrganisations, getSetting, putSettingIfAbsent } from './queries.js';
