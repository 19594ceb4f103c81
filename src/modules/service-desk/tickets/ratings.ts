import { auditedWrite, ForbiddenError, UserError, type Actor, type Db, type Identity } from '../../../platform/index.js';
import * as q from './queries.js';
import { ticketForViewer } from './service.js';

/** A requester rates the service once a ticket is resolved: 1 to 5, and a comment. */
export async function rateTicket(db: Db, actor: Actor, identity: Identity, reference: string, score: number, comment: string, now = new Date()) {
  const ticket = await ticketForViewer(db, identity, reference);
  if (ticket.requester_id !== identity.person.id) throw new ForbiddenError('Only the person who raised the ticket can rate it');
  if (ticket.status !== 'resolved' && ticket.status !== 'closed')
    throw new UserError('You can rate the service once the ticket is resolved', { field: 'score' });
  if (await q.findRating(db, ticket.id)) throw new UserError('You have already rated this ticket', { field: 'score', status: 409 });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.insertRating(tx, {
      ticket_id: ticket.id,
      organisation_id: ticket.organisation_id,
      person_id: identity.person.id,
      score,
      comment,
      at: now.toISOString(),
    });
    await audit.created('ticket_rating', ticket.id, { score }, `${ticket.reference}: rated ${score} out of 5`, ticket.organisation_id);
  });
}

export const ratingOf = (db: Db, ticketId: number) => q.findRating(db, ticketId);
