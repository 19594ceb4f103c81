import { auditedWrite, UserError, type Actor, type Db, type Identity } from '../../../platform/index.js';
import type { TicketStatus } from '../tables.js';
import { assignTicket, changePriority, changeStatus, ticketForViewer } from './service.js';

export interface TicketUpdate {
  /** Unchanged when it is the ticket's status now. */
  status: TicketStatus;
  priority: number;
  /** Needed when the priority changes. */
  reason?: string | undefined;
  teamId: number | null;
  assigneeId: number | null;
  resolutionCode?: string | undefined;
  resolutionNotes?: string | undefined;
}

/**
 * The ticket page's one form: team and assignee, priority and status changed together, in one
 * transaction, each by the rules of its own move (so each is audited and on the timeline as it
 * would be alone). Any refusal changes nothing. Returns what changed, for the page's message.
 */
export async function updateTicket(db: Db, actor: Actor, identity: Identity, reference: string, input: TicketUpdate, now = new Date()) {
  const before = await ticketForViewer(db, identity, reference);
  const moves = {
    assignment: input.teamId !== before.team_id || input.assigneeId !== before.assignee_id,
    priority: input.priority !== before.priority,
    status: input.status !== before.status,
  };
  if (moves.priority && !input.reason?.trim()) throw new UserError('Say why the priority changes, for the timeline', { field: 'reason' });
  await auditedWrite(db, actor, async (tx) => {
    if (moves.assignment) await assignTicket(tx, actor, identity, reference, { teamId: input.teamId, assigneeId: input.assigneeId }, now);
    if (moves.priority) await changePriority(tx, actor, identity, reference, { priority: input.priority, reason: input.reason!.trim() }, now);
    if (moves.status)
      await changeStatus(
        tx,
        actor,
        identity,
        reference,
        { status: input.status, resolutionCode: input.resolutionCode, resolutionNotes: input.resolutionNotes },
        now,
      );
  });
  return [moves.assignment && 'assignment', moves.priority && 'priority', moves.status && 'status'].filter((m): m is string => !!m);
}
