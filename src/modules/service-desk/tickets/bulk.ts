import { auditedWrite, NotFoundError, UserError, type Actor, type Db, type Identity } from '../../../platform/index.js';
import { isMember } from '../../teams/index.js';
import type { TicketStatus } from '../tables.js';
import * as q from './queries.js';
import { canMove, statusNames } from './rules.js';
import { assignTicket, changeStatus, ticketForViewer } from './service.js';

export interface BulkChange {
  status?: TicketStatus | undefined;
  teamId?: number | null | undefined;
  assigneeId?: number | null | undefined;
}

/**
 * Changes many tickets at once. Every ticket is checked first; if any would be refused, none is
 * changed and each refusal is named.
 */
export async function bulkUpdate(db: Db, actor: Actor, identity: Identity, references: string[], change: BulkChange) {
  if (!references.length) throw new UserError('Select at least one ticket', { field: 'references' });
  if (references.length > 200) throw new UserError('Change at most 200 tickets at once', { field: 'references' });
  if (!change.status && change.teamId === undefined) throw new UserError('Choose a new status or an assignment', { field: 'status' });
  if (change.status === 'resolved') throw new UserError('Resolve tickets one at a time, with a resolution for each', { field: 'status' });
  if (change.assigneeId && change.teamId && !(await isMember(db, identity.organisation.id, change.teamId, change.assigneeId))) {
    throw new UserError('That person is not in the team', { field: 'assigneeId' });
  }
  const tickets = [];
  const problems: { field: string; message: string }[] = [];
  for (const reference of new Set(references)) {
    try {
      const t = await ticketForViewer(db, identity, reference);
      if (change.status && t.status !== change.status && !canMove(t.status, change.status)) {
        problems.push({
          field: 'references',
          message: `${t.reference} is ${statusNames[t.status].toLowerCase()} and cannot become ${statusNames[change.status].toLowerCase()}`,
        });
      } else if (change.teamId !== undefined && !t.open) {
        problems.push({ field: 'references', message: `${t.reference} is ${statusNames[t.status].toLowerCase()}: reopen it before assigning it` });
      }
      tickets.push(t);
    } catch (error) {
      if (error instanceof NotFoundError) problems.push({ field: 'references', message: `There is no ticket ${reference}` });
      else throw error;
    }
  }
  if (problems.length) throw new UserError(`Nothing was changed: ${problems.length} of the tickets cannot be changed that way`, { fieldErrors: problems });
  for (const t of tickets) {
    if (change.teamId !== undefined) await assignTicket(db, actor, identity, t.reference, { teamId: change.teamId, assigneeId: change.assigneeId ?? null });
    if (change.status && change.status !== t.status) await changeStatus(db, actor, identity, t.reference, { status: change.status });
  }
  return tickets.length;
}

export async function saveView(db: Db, actor: Actor, identity: Identity, name: string, query: string) {
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertSavedView(tx, {
      organisation_id: identity.organisation.id,
      person_id: identity.person.id,
      name,
      query,
      created_at: new Date().toISOString(),
    });
    await audit.created('saved_view', id, { name, query }, `Saved the view “${name}”`, identity.organisation.id);
    return id;
  });
}

export async function deleteView(db: Db, actor: Actor, identity: Identity, id: number) {
  await auditedWrite(db, actor, async (tx, audit) => {
    if (!(await q.deleteSavedView(tx, identity.organisation.id, identity.person.id, id))) throw new NotFoundError('There is no such saved view');
    await audit.deleted('saved_view', id, {}, 'Deleted a saved view', identity.organisation.id);
  });
}

export { savedViewsOf } from './queries.js';
