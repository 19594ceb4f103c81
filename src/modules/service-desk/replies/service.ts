import { auditedWrite, can, UserError, type Actor, type Db, type Identity } from '../../../platform/index.js';
import { isMember, teamsOfPerson } from '../../teams/index.js';
import { desk } from '../abilities.js';
import * as q from './queries.js';
import { fillReply, firstName, placeholders, unknownPlaceholders } from './rules.js';

/** The replies this agent may use: their own and their teams’; those who run the desk see every one. */
export async function cannedRepliesFor(db: Db, identity: Identity) {
  const teams = (await teamsOfPerson(db, identity.organisation.id, identity.person.id)).map(Number);
  return q.repliesFor(db, identity.organisation.id, identity.person.id, teams, can(identity, desk.configureDesk));
}

/** A reply for a team the agent is in (anyone who runs the desk: any team), or the agent's own when no team is given. */
export async function addCannedReply(db: Db, actor: Actor, identity: Identity, v: { title: string; body: string; teamId: number | null }) {
  const unknown = unknownPlaceholders(v.body);
  if (unknown.length)
    throw new UserError(
      `Steward does not know {${unknown[0]}}: use ${Object.keys(placeholders)
        .map((p) => `{${p}}`)
        .join(', ')}`,
      { field: 'body' },
    );
  if (v.teamId !== null && !can(identity, desk.configureDesk) && !(await isMember(db, identity.organisation.id, v.teamId, identity.person.id)))
    throw new UserError('Choose one of your own teams, or keep the reply as your own', { field: 'teamId' });
  const now = new Date().toISOString();
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertReply(tx, {
      organisation_id: identity.organisation.id,
      title: v.title,
      body: v.body,
      team_id: v.teamId,
      owner_id: v.teamId === null ? identity.person.id : null,
      created_at: now,
      updated_at: now,
    });
    await audit.created('canned_reply', id, { title: v.title, team_id: v.teamId }, `Added the canned reply ${v.title}`, identity.organisation.id);
    return id;
  });
}

/** A reply filled in for a ticket, or null when the agent may not use it. */
export async function filledReply(
  db: Db,
  identity: Identity,
  replyId: number,
  ticket: { reference: string; title: string; requester_name: string | null; resolution_due_at: string | null },
  due: (iso: string) => string,
) {
  const mine = await cannedRepliesFor(db, identity);
  const reply = mine.find((r) => Number(r.id) === replyId);
  if (!reply) return null;
  return fillReply(reply.body, {
    requester: firstName(ticket.requester_name ?? 'there'),
    reference: ticket.reference,
    title: ticket.title,
    due: ticket.resolution_due_at ? due(ticket.resolution_due_at) : 'as soon as we can',
    agent: identity.person.displayName,
  });
}
