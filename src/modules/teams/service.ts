import { auditedWrite, NotFoundError, UserError, type Actor, type AuditRecorder, type Db, type Tx } from '../../platform/index.js';
import { nowIso } from '../../db/columns.js';
import * as q from './queries.js';
import { isTeamFocus } from './focus.js';

export async function createTeam(db: Db, actor: Actor, organisationId: number, name: string, description = '') {
  const existing = (await q.teamsOf(db, organisationId)).find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (existing) throw new UserError(`There is already a team called ${name}`, { field: 'name', status: 409 });
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertTeam(tx, { organisation_id: organisationId, name, description, now: nowIso() });
    await audit.created('team', id, { name, description }, `Created team ${name}`, organisationId);
    return id;
  });
}

/** Only members of the organisation can join its teams. */
export async function addTeamMember(db: Db, actor: Actor, organisationId: number, teamId: number, personId: number) {
  const team = await q.findTeam(db, organisationId, teamId);
  if (!team) throw new NotFoundError('There is no such team');
  if (!(await q.belongsToOrganisation(db, organisationId, personId))) throw new UserError('Choose someone from this organisation', { field: 'personId' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.insertMember(tx, { team_id: teamId, person_id: personId, organisation_id: organisationId });
    await audit.created('team_member', `${teamId}:${personId}`, { team: team.name, person_id: personId }, `Added a member to ${team.name}`, organisationId);
  });
}

/** A team's name, purpose, what it is organised around and its lead (a member of the department's staff, checked by the caller). */
export async function describeTeam(
  db: Db,
  actor: Actor,
  organisationId: number,
  teamId: number,
  v: { name: string; description: string; focus: string; leadStaffId: number | null },
) {
  const team = await q.findTeam(db, organisationId, teamId);
  if (!team) throw new NotFoundError('There is no such team');
  if (v.focus && !isTeamFocus(v.focus)) throw new UserError('Choose what the team is organised around from the list', { field: 'focus' });
  const clash = (await q.teamsOf(db, organisationId)).find((t) => t.id !== teamId && t.name.toLowerCase() === v.name.toLowerCase());
  if (clash) throw new UserError(`There is already a team called ${v.name}`, { field: 'name', status: 409 });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateTeam(tx, organisationId, teamId, { name: v.name, description: v.description, focus: v.focus, lead_staff_id: v.leadStaffId, now: nowIso() });
    await audit.updated(
      'team',
      teamId,
      { name: team.name, description: team.description, focus: team.focus, lead_staff_id: team.lead_staff_id },
      { name: v.name, description: v.description, focus: v.focus, lead_staff_id: v.leadStaffId },
      `Described team ${v.name}`,
      organisationId,
    );
  });
}

/** A team added inside another write (an import naming a team nobody has yet), audited with it. */
export async function addTeamWithin(tx: Tx, audit: AuditRecorder, organisationId: number, name: string, why: string) {
  const id = await q.insertTeam(tx, { organisation_id: organisationId, name, description: '', now: nowIso() });
  await audit.created('team', id, { name }, `${why}: team ${name}`, organisationId);
  return id;
}
