import {
  absoluteLink,
  activeMemberByEmail,
  auditedWrite,
  can,
  ForbiddenError,
  notify,
  NotFoundError,
  UserError,
  type Actor,
  type Db,
  type Identity,
  type Tx,
} from '../../../platform/index.js';
import { findTeam, isMember, teamsOfPerson } from '../../teams/index.js';
import { desk } from '../abilities.js';
import { findCategory, findRequestType, findService, parseFields } from '../catalogue/service.js';
import { checkAnswers } from '../catalogue/fields.js';
import { workingDaysAfter } from '../sla/business-time.js';
import { deskSettings, loadPolicy, type Policy } from '../sla/service.js';
import type { TicketKind, TicketStatus } from '../tables.js';
import * as q from './queries.js';
import { allowedNext, canMove, formatReference, isOpen, priorityFor, priorityNames, resolutionCodes, statusNames } from './rules.js';
import { ticketSla, toIntervals } from './sla.js';
import { openMajorIncidentFor } from '../major/queries.js';
import { bumpStats } from '../dashboard/queries.js';

export interface NewTicket {
  kind: TicketKind;
  title: string;
  description: string;
  requesterId: number;
  onBehalfOfId?: number | null | undefined;
  serviceId?: number | null | undefined;
  requestTypeId?: number | null | undefined;
  categoryId?: number | null | undefined;
  impact: number;
  urgency: number;
  answers?: Record<string, unknown> | undefined;
  teamId?: number | null | undefined;
  assigneeId?: number | null | undefined;
}

/** Agents, managers, admins and viewers see every ticket; a requester sees only their own. */
export function canSee(identity: Identity, ticket: { requester_id: number; on_behalf_of_id: number | null }, watching = false) {
  if (can(identity, desk.readTickets)) return true;
  return ticket.requester_id === identity.person.id || ticket.on_behalf_of_id === identity.person.id || watching;
}

export const isAgent = (identity: Identity) => can(identity, desk.workTickets);

/** Raises an incident or a request: priority from the matrix, team from the service, SLA due times from the policy. */
export async function createTicket(db: Db, actor: Actor, organisationId: number, input: NewTicket, now = new Date()) {
  const settings = await deskSettings(db, actor, organisationId);
  const priority = priorityFor(settings.priorityMatrix, input.impact, input.urgency);
  const service = input.serviceId ? await findService(db, organisationId, input.serviceId) : undefined;
  if (input.serviceId && !service) throw new UserError('Choose one of the services', { field: 'serviceId' });
  let formJson: string | null = null;
  if (input.requestTypeId) {
    const type = await findRequestType(db, organisationId, input.requestTypeId);
    if (!type || (service && type.service_id !== service.id)) throw new UserError('Choose one of the service’s requests', { field: 'requestTypeId' });
    const { answers, errors } = checkAnswers(parseFields(type.fields_json), input.answers ?? {});
    if (errors.length) throw new UserError(errors[0]!.message, { fieldErrors: errors });
    formJson = JSON.stringify(answers);
  }
  if (input.categoryId && !(await findCategory(db, organisationId, input.categoryId)))
    throw new UserError('Choose one of the categories', { field: 'categoryId' });
  const teamId = input.teamId ?? service?.team_id ?? null;
  if (input.assigneeId && teamId && !(await isMember(db, organisationId, teamId, input.assigneeId))) {
    throw new UserError('Assign the ticket to someone in its team', { field: 'assigneeId' });
  }
  const policyId = service?.sla_policy_id ?? settings.defaultPolicyId;
  const policy = policyId ? await loadPolicy(db, organisationId, policyId) : null;
  const created = now.toISOString();
  const sla = policy ? ticketSla(policy, { priority, created_at: created, first_response_at: null, resolved_at: null, status: 'new' }, [], now) : null;
  const status: TicketStatus = input.assigneeId ? 'assigned' : 'new';
  // While a service has a major incident, every ticket about it belongs to that incident.
  const major = service ? await openMajorIncidentFor(db, organisationId, service.id) : undefined;

  return auditedWrite(db, actor, async (tx, audit) => {
    const reference = formatReference(input.kind, await q.nextNumber(tx, organisationId, input.kind));
    const row = {
      organisation_id: organisationId,
      kind: input.kind,
      reference,
      title: input.title,
      description: input.description,
      requester_id: input.requesterId,
      on_behalf_of_id: input.onBehalfOfId ?? null,
      service_id: service?.id ?? null,
      request_type_id: input.requestTypeId ?? null,
      category_id: input.categoryId ?? null,
      impact: input.impact,
      urgency: input.urgency,
      priority,
      status,
      open: 1,
      team_id: teamId,
      assignee_id: input.assigneeId ?? null,
      resolution_code: null,
      resolution_notes: null,
      form_json: formJson,
      created_at: created,
      updated_at: created,
      first_response_at: null,
      resolved_at: null,
      closed_at: null,
      sla_policy_id: policy?.id ?? null,
      response_due_at: sla?.response.dueAt?.toISOString() ?? null,
      resolution_due_at: sla?.resolution.dueAt?.toISOString() ?? null,
      sla_state: sla?.state ?? 'on-track',
      paused_since: null,
      response_breached: 0,
      resolution_breached: 0,
      major_incident_id: major?.id ?? null,
    } as const;
    const id = await q.insertTicket(tx, row);
    await q.insertEvent(tx, {
      organisation_id: organisationId,
      ticket_id: id,
      kind: 'created',
      author_id: actor.personId,
      body: '',
      changes_json: null,
      at: created,
    });
    await bumpStats(tx, { organisation_id: organisationId, day: created.slice(0, 10), priority, created: 1 });
    await q.addWatcher(tx, { ticket_id: id, person_id: input.requesterId, organisation_id: organisationId });
    if (input.onBehalfOfId) await q.addWatcher(tx, { ticket_id: id, person_id: input.onBehalfOfId, organisation_id: organisationId });
    await audit.created(
      'ticket',
      id,
      { reference, title: input.title, priority, status, team_id: teamId, service_id: row.service_id },
      `Raised ${reference}`,
      organisationId,
    );
    await notify(tx, {
      organisationId,
      personId: input.requesterId,
      kind: 'ticket-created',
      subject: `${reference}: ${input.title}`,
      thread: reference,
      body: `We have logged your ${input.kind === 'incident' ? 'problem' : 'request'} as ${reference}.\n\n${input.title}\n\nFollow it or reply: ${absoluteLink(`/portal/tickets/${reference}`)}\n`,
      now: created,
    });
    if (input.assigneeId) await notifyAssignee(tx, organisationId, input.assigneeId, reference, input.title, created);
    return { id, reference, majorIncident: major ?? null, row: { ...row, id } };
  });
}

/** Resolved at first contact: never passed on to someone else, and no need to ask the requester for more. */
const firstContact = (t: { assignment_changes: number; asked_requester: number }) => (t.assignment_changes <= 1 && t.asked_requester === 0 ? 1 : 0);
const minutesBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));

async function notifyAssignee(tx: Tx, organisationId: number, personId: number, reference: string, title: string, now: string) {
  await notify(tx, {
    organisationId,
    personId,
    kind: 'ticket-assigned',
    subject: `Assigned to you: ${reference} ${title}`,
    thread: reference,
    body: `${reference} has been assigned to you.\n\n${title}\n\n${absoluteLink(`/service-desk/tickets/${reference}`)}\n`,
    now,
  });
}

export async function ticketForViewer(db: Db, identity: Identity, reference: string) {
  const ticket = await q.findTicketByReference(db, identity.organisation.id, reference);
  if (!ticket) throw new NotFoundError('There is no such ticket');
  if (!canSee(identity, ticket, await q.isWatcher(db, ticket.id, identity.person.id))) throw new NotFoundError('There is no such ticket');
  return ticket;
}

async function policyOf(db: Db | Tx, ticket: { organisation_id: number; sla_policy_id: number | null }): Promise<Policy | null> {
  return ticket.sla_policy_id ? loadPolicy(db, ticket.organisation_id, ticket.sla_policy_id) : null;
}

/** The ticket's SLA clocks now, for the ticket page. */
export async function slaNow(db: Db, ticket: q.TicketRow, now = new Date()) {
  const policy = await policyOf(db, ticket);
  if (!policy) return null;
  return { policy: policy.name, ...ticketSla(policy, ticket, toIntervals(await q.pausesOf(db, ticket.id)), now) };
}

/** After any change, store what queues need: due times, the SLA state and breaches (which never un-happen). */
async function refreshSla(tx: Tx, ticketId: number, organisationId: number, now: Date) {
  const t = await q.findTicket(tx, organisationId, ticketId);
  if (!t) return;
  const policy = await policyOf(tx, t);
  if (!policy) return;
  const sla = ticketSla(policy, t, toIntervals(await q.pausesOf(tx, ticketId)), now);
  await q.updateTicket(tx, ticketId, {
    response_due_at: sla.response.dueAt?.toISOString() ?? t.response_due_at,
    resolution_due_at: sla.resolution.dueAt?.toISOString() ?? (sla.resolution.state === 'paused' ? null : t.resolution_due_at),
    sla_state: sla.state,
    response_breached: t.response_breached || sla.response.state === 'breached' ? 1 : 0,
    resolution_breached: t.resolution_breached || sla.resolution.state === 'breached' ? 1 : 0,
  });
}

export interface StatusChange {
  status: TicketStatus;
  resolutionCode?: string | undefined;
  resolutionNotes?: string | undefined;
}

/** Moves a ticket through the workflow; anything the workflow forbids is refused and changes nothing. */
export async function changeStatus(db: Db, actor: Actor, identity: Identity, reference: string, change: StatusChange, now = new Date()) {
  const ticket = await ticketForViewer(db, identity, reference);
  const to = change.status;
  const agent = isAgent(identity);
  const mine = ticket.requester_id === identity.person.id || ticket.on_behalf_of_id === identity.person.id;
  // A requester may only confirm (close), reopen or cancel their own ticket.
  if (!agent && !(mine && (to === 'closed' || to === 'cancelled' || (ticket.status === 'resolved' && to === 'in-progress')))) throw new ForbiddenError();
  if (!canMove(ticket.status, to)) {
    const next = allowedNext(ticket.status).map((s) => statusNames[s].toLowerCase());
    throw new UserError(
      next.length
        ? `A ticket that is ${statusNames[ticket.status].toLowerCase()} can only become ${next.join(', ')}`
        : `A ticket that is ${statusNames[ticket.status].toLowerCase()} cannot be changed`,
      { field: 'status' },
    );
  }
  const fieldErrors = [];
  if (to === 'resolved' && !resolutionCodes.includes(change.resolutionCode as never))
    fieldErrors.push({ field: 'resolutionCode', message: 'Choose how the ticket was resolved' });
  if (to === 'resolved' && !change.resolutionNotes?.trim()) fieldErrors.push({ field: 'resolutionNotes', message: 'Say what was done, for the requester' });
  if (fieldErrors.length) throw new UserError(fieldErrors[0]!.message, { fieldErrors });
  const reopening = ticket.status === 'resolved' && to === 'in-progress';
  if (reopening) {
    const settings = await deskSettings(db, actor, ticket.organisation_id);
    const policy = await policyOf(db, ticket);
    const days = policy && ticket.resolved_at ? workingDaysAfter(policy.calendar, new Date(ticket.resolved_at), now) : 0;
    if (days > settings.reopenWorkingDays) {
      throw new UserError(`This ticket was resolved more than ${settings.reopenWorkingDays} working days ago, so it cannot be reopened: raise a new one`, {
        field: 'status',
      });
    }
  }
  // The agent who resolves a ticket is the one who worked it: the timeline never reads "nobody".
  const taking = to === 'resolved' && agent && ticket.assignee_id !== identity.person.id ? await takenBy(db, identity, ticket) : null;
  const at = now.toISOString();
  await auditedWrite(db, actor, async (tx, audit) => {
    const set: Parameters<typeof q.updateTicket>[2] = { status: to, open: isOpen(to) ? 1 : 0, updated_at: at };
    if (taking) {
      set.team_id = taking.teamId;
      set.assignee_id = taking.assigneeId;
    }
    if (ticket.status === 'awaiting-requester') await q.closePauses(tx, ticket.id, at);
    if (to === 'awaiting-requester') {
      await q.openPause(tx, ticket.organisation_id, ticket.id, at);
      set.paused_since = at;
      set.asked_requester = 1;
    } else set.paused_since = null;
    if (to === 'resolved') {
      set.resolved_at = at;
      set.resolution_code = change.resolutionCode ?? null;
      set.resolution_notes = change.resolutionNotes?.trim() ?? null;
    }
    if (to === 'closed' || to === 'cancelled') set.closed_at = at;
    if (reopening && ticket.resolved_at) {
      // Take the resolution back out of the dashboard's figures for the day it was counted.
      await bumpStats(tx, {
        organisation_id: ticket.organisation_id,
        day: ticket.resolved_at.slice(0, 10),
        priority: ticket.priority,
        resolved: -1,
        breached: -ticket.resolution_breached,
        first_contact: -firstContact(ticket),
        resolve_minutes: -minutesBetween(ticket.created_at, ticket.resolved_at),
      });
      // The time it sat resolved does not count against the resolution target.
      await q.insertPause(tx, { organisation_id: ticket.organisation_id, ticket_id: ticket.id, started_at: ticket.resolved_at, ended_at: at });
      set.resolved_at = null;
      set.resolution_code = null;
      set.resolution_notes = null;
    }
    if (agent && !ticket.first_response_at && (to === 'in-progress' || to === 'resolved' || to === 'awaiting-requester')) set.first_response_at = at;
    await q.updateTicket(tx, ticket.id, set);
    const changes = {
      status: [ticket.status, to],
      ...(taking && taking.teamId !== ticket.team_id ? { team_id: [ticket.team_id, taking.teamId] } : {}),
      ...(taking ? { assignee_id: [ticket.assignee_id, taking.assigneeId] } : {}),
      ...(set.resolution_code ? { resolution_code: [null, set.resolution_code] } : {}),
    };
    await q.insertEvent(tx, {
      organisation_id: ticket.organisation_id,
      ticket_id: ticket.id,
      kind: 'change',
      author_id: actor.personId,
      body: to === 'resolved' ? (set.resolution_notes ?? '') : '',
      changes_json: JSON.stringify(changes),
      at,
    });
    await audit.updated(
      'ticket',
      ticket.id,
      { status: ticket.status, ...(taking ? { team_id: ticket.team_id, assignee_id: ticket.assignee_id } : {}) },
      { status: to, ...(taking ? { team_id: taking.teamId, assignee_id: taking.assigneeId } : {}) },
      `${ticket.reference}: ${statusNames[ticket.status]} → ${statusNames[to]}`,
      ticket.organisation_id,
    );
    await refreshSla(tx, ticket.id, ticket.organisation_id, now);
    if (to === 'resolved') {
      const after = await q.findTicket(tx, ticket.organisation_id, ticket.id);
      if (after) {
        await bumpStats(tx, {
          organisation_id: ticket.organisation_id,
          day: at.slice(0, 10),
          priority: ticket.priority,
          resolved: 1,
          breached: after.resolution_breached,
          first_contact: firstContact(after),
          resolve_minutes: minutesBetween(ticket.created_at, at),
        });
      }
      await notify(tx, {
        organisationId: ticket.organisation_id,
        personId: ticket.requester_id,
        kind: 'ticket-resolved',
        subject: `Resolved: ${ticket.reference} ${ticket.title}`,
        thread: ticket.reference,
        body: `We think ${ticket.reference} is resolved: ${set.resolution_code}.\n\n${set.resolution_notes ?? ''}\n\nConfirm it is fixed, or tell us it is not: ${absoluteLink(`/portal/tickets/${ticket.reference}`)}\n`,
        now: at,
      });
    }
  });
}

/**
 * The team and person a ticket goes to when an agent takes it: the agent, in the ticket's team when
 * they are in it, otherwise in a team of their own (the team follows the person who works it).
 */
async function takenBy(db: Db, identity: Identity, ticket: { team_id: number | null }) {
  const me = identity.person.id;
  if (ticket.team_id && (await isMember(db, identity.organisation.id, ticket.team_id, me))) return { teamId: ticket.team_id, assigneeId: me };
  const [mine] = await teamsOfPerson(db, identity.organisation.id, me);
  return mine === undefined ? null : { teamId: Number(mine), assigneeId: me };
}

/** Assign to me, from any team: the ticket moves to a team of mine when I am not in its team. */
export async function takeTicket(db: Db, actor: Actor, identity: Identity, reference: string, now = new Date()) {
  if (!isAgent(identity)) throw new ForbiddenError();
  const ticket = await ticketForViewer(db, identity, reference);
  if (ticket.assignee_id === identity.person.id) return;
  const taken = await takenBy(db, identity, ticket);
  if (!taken) throw new UserError('You are in no team yet: ask a manager to add you to one, then take the ticket', { field: 'assigneeId' });
  await assignTicket(db, actor, identity, reference, taken, now);
}

/**
 * Sets a ticket's priority by hand, with the reason on the timeline: its SLA targets follow the new
 * priority, and the dashboard's figures move the ticket from the old priority's count to the new.
 */
export async function changePriority(
  db: Db,
  actor: Actor,
  identity: Identity,
  reference: string,
  input: { priority: number; reason: string },
  now = new Date(),
) {
  if (!isAgent(identity)) throw new ForbiddenError();
  const ticket = await ticketForViewer(db, identity, reference);
  if (!ticket.open) throw new UserError('Reopen the ticket before changing its priority', { field: 'priority' });
  if (ticket.priority === input.priority) throw new UserError(`It is already ${priorityNames[input.priority]}`, { field: 'priority' });
  const at = now.toISOString();
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateTicket(tx, ticket.id, { priority: input.priority, updated_at: at });
    const day = ticket.created_at.slice(0, 10);
    await bumpStats(tx, { organisation_id: ticket.organisation_id, day, priority: ticket.priority, created: -1 });
    await bumpStats(tx, { organisation_id: ticket.organisation_id, day, priority: input.priority, created: 1 });
    await q.insertEvent(tx, {
      organisation_id: ticket.organisation_id,
      ticket_id: ticket.id,
      kind: 'change',
      author_id: actor.personId,
      body: input.reason,
      changes_json: JSON.stringify({ priority: [ticket.priority, input.priority] }),
      at,
    });
    await audit.updated(
      'ticket',
      ticket.id,
      { priority: ticket.priority },
      { priority: input.priority, reason: input.reason },
      `${ticket.reference}: ${priorityNames[ticket.priority]} → ${priorityNames[input.priority]}`,
      ticket.organisation_id,
    );
    await refreshSla(tx, ticket.id, ticket.organisation_id, now);
  });
}

/** Gives a ticket to a team and optionally a person in it; someone outside the team is refused. */
export async function assignTicket(
  db: Db,
  actor: Actor,
  identity: Identity,
  reference: string,
  input: { teamId: number | null; assigneeId: number | null },
  now = new Date(),
) {
  if (!isAgent(identity)) throw new ForbiddenError();
  const ticket = await ticketForViewer(db, identity, reference);
  if (!ticket.open) throw new UserError('Reopen the ticket before assigning it', { field: 'assigneeId' });
  if (input.assigneeId && !input.teamId) throw new UserError('Choose the team first, then someone in it', { field: 'teamId' });
  // Ids reach here already resolved by the form or API; the service checks again for every other caller.
  if (input.teamId && !(await findTeam(db, identity.organisation.id, input.teamId))) throw new UserError('Choose one of the teams', { field: 'teamId' });
  if (input.assigneeId && input.teamId && !(await isMember(db, identity.organisation.id, input.teamId, input.assigneeId))) {
    throw new UserError('That person is not in the team: choose someone in the team, or change the team', { field: 'assigneeId' });
  }
  if (ticket.team_id === input.teamId && ticket.assignee_id === input.assigneeId) return;
  const at = now.toISOString();
  await auditedWrite(db, actor, async (tx, audit) => {
    const status: TicketStatus =
      input.assigneeId && ticket.status === 'new' ? 'assigned' : !input.assigneeId && ticket.status === 'assigned' ? 'new' : ticket.status;
    await q.updateTicket(tx, ticket.id, {
      team_id: input.teamId,
      assignee_id: input.assigneeId,
      status,
      updated_at: at,
      assignment_changes: ticket.assignment_changes + 1,
    });
    const before = { team_id: ticket.team_id, assignee_id: ticket.assignee_id, status: ticket.status };
    const after = { team_id: input.teamId, assignee_id: input.assigneeId, status };
    const changes = Object.fromEntries(
      Object.entries(after)
        .filter(([k, v]) => before[k as keyof typeof before] !== v)
        .map(([k, v]) => [k, [before[k as keyof typeof before], v]]),
    );
    await q.insertEvent(tx, {
      organisation_id: ticket.organisation_id,
      ticket_id: ticket.id,
      kind: 'change',
      author_id: actor.personId,
      body: '',
      changes_json: JSON.stringify(changes),
      at,
    });
    await audit.updated('ticket', ticket.id, before, after, `${ticket.reference}: assigned`, ticket.organisation_id);
    if (input.assigneeId && input.assigneeId !== ticket.assignee_id && input.assigneeId !== actor.personId) {
      await notifyAssignee(tx, ticket.organisation_id, input.assigneeId, ticket.reference, ticket.title, at);
    }
  });
}

/** A public reply or an internal note. A requester's reply takes a ticket awaiting them back into progress. */
export async function addComment(
  db: Db,
  actor: Actor,
  identity: Identity,
  reference: string,
  input: { body: string; internal: boolean; minutes?: number | undefined },
  now = new Date(),
) {
  const ticket = await ticketForViewer(db, identity, reference);
  const agent = isAgent(identity);
  if (input.internal && !agent) throw new ForbiddenError('Only the service desk can add internal notes');
  if (input.minutes && !agent) throw new ForbiddenError('Only the service desk logs time on tickets');
  if (!can(identity, desk.useThePortal)) throw new ForbiddenError();
  if (ticket.status === 'closed' || ticket.status === 'cancelled') throw new UserError('This ticket is closed: raise a new one', { field: 'body' });
  const at = now.toISOString();
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.insertEvent(tx, {
      organisation_id: ticket.organisation_id,
      ticket_id: ticket.id,
      kind: input.internal ? 'note' : 'reply',
      author_id: actor.personId,
      body: input.body,
      changes_json: null,
      at,
    });
    if (input.minutes)
      await q.insertTimeEntry(tx, { organisation_id: ticket.organisation_id, ticket_id: ticket.id, person_id: actor.personId, minutes: input.minutes, at });
    const set: Parameters<typeof q.updateTicket>[2] = { updated_at: at };
    if (!input.internal && agent && !ticket.first_response_at && ticket.requester_id !== identity.person.id) set.first_response_at = at;
    const requesterReplied = !agent && ticket.status === 'awaiting-requester';
    if (requesterReplied) {
      await q.closePauses(tx, ticket.id, at);
      set.status = 'in-progress';
      set.paused_since = null;
    }
    await q.updateTicket(tx, ticket.id, set);
    if (requesterReplied) {
      await q.insertEvent(tx, {
        organisation_id: ticket.organisation_id,
        ticket_id: ticket.id,
        kind: 'change',
        author_id: actor.personId,
        body: '',
        changes_json: JSON.stringify({ status: ['awaiting-requester', 'in-progress'] }),
        at,
      });
    }
    await audit.created(
      'ticket_comment',
      ticket.id,
      { kind: input.internal ? 'note' : 'reply', length: input.body.length, ...(input.minutes ? { minutes: input.minutes } : {}) },
      `${ticket.reference}: ${input.internal ? 'internal note' : 'reply'}`,
      ticket.organisation_id,
    );
    if (!input.internal) {
      const fromRequester = identity.person.id === ticket.requester_id || identity.person.id === ticket.on_behalf_of_id;
      const recipients = new Set<number | null>([fromRequester ? ticket.assignee_id : ticket.requester_id]);
      for (const w of await q.watchersOf(tx, ticket.id)) if (w.id !== identity.person.id && w.id !== ticket.requester_id) recipients.add(w.id);
      for (const personId of recipients)
        await notify(tx, {
          organisationId: ticket.organisation_id,
          personId,
          kind: 'ticket-replied',
          subject: `Reply on ${ticket.reference}: ${ticket.title}`,
          thread: ticket.reference,
          body: `${identity.person.displayName} wrote:\n\n${input.body}\n\n${absoluteLink(fromRequester ? `/service-desk/tickets/${ticket.reference}` : `/portal/tickets/${ticket.reference}`)}\n`,
          now: at,
        });
    }
    await refreshSla(tx, ticket.id, ticket.organisation_id, now);
  });
}

/** Adds someone from the organisation as a watcher: they can see the ticket and hear about replies. */
export async function addWatcherByEmail(db: Db, actor: Actor, identity: Identity, reference: string, email: string) {
  if (!isAgent(identity)) throw new ForbiddenError();
  const ticket = await ticketForViewer(db, identity, reference);
  const person = await activeMemberByEmail(db, ticket.organisation_id, email);
  if (!person) throw new UserError('There is no one with that email address in this organisation', { field: 'watcherEmail' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.addWatcher(tx, { ticket_id: ticket.id, person_id: person.id, organisation_id: ticket.organisation_id });
    await audit.created(
      'ticket_watcher',
      `${ticket.id}:${person.id}`,
      { email: person.email },
      `${ticket.reference}: ${person.email} is watching`,
      ticket.organisation_id,
    );
  });
}

export { listTickets, searchTicketIds, eventsOf, type TicketFilter, type TicketSort, type Cursor, type TicketRow } from './queries.js';
