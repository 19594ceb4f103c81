import { activeMemberByEmail, auditedWrite, date, isActiveMember, NotFoundError, UserError, type Actor, type Db } from '../../platform/index.js';
import { nowIso } from '../../db/columns.js';
import * as q from './queries.js';
import { engagementKindNames, isLocalPath } from './rules.js';
import type { CommsFeedbackInput, CommunicationInput, EngagementInput, FollowUpInput, SendInput, StakeholderInput } from './schemas.js';

export const today = () => new Date().toISOString().slice(0, 10);
export const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
const emailShape = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

async function stakeholderRow(db: Db, organisationId: number, v: StakeholderInput) {
  const account = v.accountEmail ? await activeMemberByEmail(db, organisationId, v.accountEmail) : undefined;
  if (v.accountEmail && !account) throw new UserError('There is no one with that email address in this organisation', { field: 'accountEmail' });
  if (v.email && !emailShape.test(v.email)) throw new UserError('Enter an email address like name@example.gov.uk, or leave it blank', { field: 'email' });
  return {
    name: v.name,
    kind: v.kind,
    role: v.role,
    influence: v.influence,
    interest: v.interest,
    owner_person_id: v.ownerId,
    person_id: account ? Number(account.id) : null,
    view: v.view,
    sentiment: v.sentiment,
    email: v.email,
    phone: v.phone,
  };
}

export async function addStakeholder(db: Db, actor: Actor, organisationId: number, v: StakeholderInput) {
  const row = await stakeholderRow(db, organisationId, v);
  if (await q.stakeholderNamed(db, organisationId, v.name)) throw new UserError(`${v.name} is already in the register`, { field: 'name' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const id = await q.insertStakeholder(tx, { organisation_id: organisationId, ...row, created_at: now, updated_at: now });
    await audit.created('stakeholder', id, row, `Added ${v.name} to the stakeholder register`, organisationId);
    return id;
  });
}

export async function changeStakeholder(db: Db, actor: Actor, organisationId: number, id: number, v: StakeholderInput) {
  const before = await q.stakeholderById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such stakeholder');
  const row = await stakeholderRow(db, organisationId, v);
  const same = await q.stakeholderNamed(db, organisationId, v.name);
  if (same && Number(same.id) !== id) throw new UserError(`${v.name} is already in the register`, { field: 'name' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateStakeholder(tx, organisationId, id, { ...row, updated_at: nowIso() });
    await audit.updated(
      'stakeholder',
      id,
      {
        name: before.name,
        kind: before.kind,
        role: before.role,
        influence: Number(before.influence),
        interest: Number(before.interest),
        owner_person_id: before.owner_person_id === null ? null : Number(before.owner_person_id),
        person_id: before.person_id === null ? null : Number(before.person_id),
        view: before.view,
        sentiment: before.sentiment,
        email: before.email,
        phone: before.phone,
      },
      row,
      `Changed ${v.name} in the stakeholder register`,
      organisationId,
    );
  });
}

export interface EngagementRecord extends EngagementInput {
  /** Where it came from (a post a reader commented on), and who sent it when they are not a stakeholder. */
  sourceHref?: string;
  fromPersonId?: number | null;
}

/** An engagement in the log: a meeting attended, a briefing given, feedback heard; optionally its first follow-up. */
export async function recordEngagement(db: Db, actor: Actor, organisationId: number, v: EngagementRecord) {
  if (v.heldOn > today()) throw new UserError('The log is of what has happened: enter a day that has come', { field: 'heldOn' });
  const stakeholderIds = [...new Set(v.stakeholders)];
  const feedback = v.kind === 'feedback' || v.carriesFeedback;
  if (!stakeholderIds.length && !feedback)
    throw new UserError('Choose the stakeholders met (feedback from someone not in the register can be recorded without one)', { field: 'stakeholders' });
  if (!stakeholderIds.length && feedback && !v.fromName)
    throw new UserError('Say whom the feedback came from, or choose them from the register', { field: 'fromName' });
  if (!v.followUp && (v.followUpOwner !== null || v.followUpDue !== null))
    throw new UserError('Say what is to be done, or leave the follow-up’s owner and due day blank', { field: 'followUp' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const row = {
      kind: v.kind,
      held_on: v.heldOn,
      title: v.title,
      heard: v.heard,
      feedback: feedback ? 1 : 0,
      from_name: v.fromName,
      from_person_id: v.fromPersonId ?? null,
      source_href: v.sourceHref ?? '',
    };
    const id = await q.insertEngagement(
      tx,
      { organisation_id: organisationId, ...row, reply: '', replied_on: null, replied_by: null, recorded_by: actor.personId, created_at: now, updated_at: now },
      stakeholderIds,
    );
    await audit.created(
      'engagement',
      id,
      { ...row, stakeholder_ids: stakeholderIds },
      `Logged ${engagementKindNames[v.kind].toLowerCase()}: ${v.title} (${date(v.heldOn)})`,
      organisationId,
    );
    if (v.followUp) {
      const followUp = { engagement_id: id, title: v.followUp, owner_person_id: v.followUpOwner, due_on: v.followUpDue };
      const fid = await q.insertFollowUp(tx, { organisation_id: organisationId, ...followUp, done_on: null, created_at: now });
      await audit.created('engagement_follow_up', fid, followUp, `Follow-up from ${v.title}: ${v.followUp}`, organisationId);
    }
    return id;
  });
}

async function engagementOf(db: Db, organisationId: number, id: number) {
  const e = await q.engagementById(db, organisationId, id);
  if (!e) throw new NotFoundError('There is no such engagement');
  return e;
}

export async function addFollowUp(db: Db, actor: Actor, organisationId: number, engagementId: number, v: FollowUpInput) {
  const e = await engagementOf(db, organisationId, engagementId);
  return auditedWrite(db, actor, async (tx, audit) => {
    const row = { engagement_id: engagementId, title: v.title, owner_person_id: v.ownerId, due_on: v.dueOn };
    const id = await q.insertFollowUp(tx, { organisation_id: organisationId, ...row, done_on: null, created_at: nowIso() });
    await audit.created('engagement_follow_up', id, row, `Follow-up from ${e.title}: ${v.title}`, organisationId);
    return id;
  });
}

export async function completeFollowUp(db: Db, actor: Actor, organisationId: number, engagementId: number, followUpId: number, on = today()) {
  const f = await q.followUpById(db, organisationId, engagementId, followUpId);
  if (!f) throw new NotFoundError('There is no such follow-up of this engagement');
  if (f.done_on) throw new UserError(`This follow-up was done on ${date(day(f.done_on)!)}`);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.markFollowUpDone(tx, organisationId, followUpId, on);
    await audit.updated('engagement_follow_up', followUpId, { done_on: null }, { done_on: on }, `Done: ${f.title}`, organisationId);
  });
}

/** The reply given to feedback; it leaves "feedback with no reply". */
export async function replyToFeedback(db: Db, actor: Actor, organisationId: number, engagementId: number, reply: string, on = today()) {
  const e = await engagementOf(db, organisationId, engagementId);
  if (!e.feedback) throw new UserError('This engagement carries no feedback to reply to', { field: 'reply' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.saveReply(tx, organisationId, engagementId, { reply, replied_on: on, replied_by: actor.personId, updated_at: nowIso() });
    await audit.updated(
      'engagement',
      engagementId,
      { reply: e.reply, replied_on: day(e.replied_on) },
      { reply, replied_on: on },
      `Replied to the feedback: ${e.title}`,
      organisationId,
    );
  });
}

/**
 * A reader's feedback on a staff blog post, landed in the engagement log as feedback awaiting a
 * reply: against the stakeholder whose Steward account sent it, when there is one, else in the
 * reader's name.
 */
export async function recordPostFeedback(
  db: Db,
  actor: Actor,
  organisationId: number,
  input: { postTitle: string; postHref: string; fromPersonId: number | null; fromName: string; text: string },
): Promise<number> {
  const personId = input.fromPersonId !== null && (await isActiveMember(db, organisationId, input.fromPersonId)) ? input.fromPersonId : null;
  const stakeholder = personId === null ? undefined : await q.stakeholderOfPerson(db, organisationId, personId);
  const title = `Feedback on the post “${input.postTitle}”`.slice(0, 200);
  return recordEngagement(db, actor, organisationId, {
    kind: 'feedback',
    heldOn: today(),
    title,
    stakeholders: stakeholder ? [Number(stakeholder.id)] : [],
    heard: input.text.slice(0, 8000),
    carriesFeedback: true,
    fromName: (input.fromName.trim() || stakeholder?.name || 'A reader').slice(0, 200),
    followUp: '',
    followUpOwner: null,
    followUpDue: null,
    sourceHref: isLocalPath(input.postHref) ? input.postHref.slice(0, 500) : '',
    fromPersonId: personId,
  });
}

function communicationRow(v: CommunicationInput) {
  if (v.endsOn !== null && v.endsOn < v.startsOn)
    throw new UserError(`The last day is before the first (${date(v.startsOn)}): enter a later day, or leave it blank`, { field: 'endsOn' });
  return {
    message: v.message,
    detail: v.detail,
    audience: v.audience,
    channel: v.channel,
    owner_person_id: v.ownerId,
    frequency: v.frequency,
    starts_on: v.startsOn,
    ends_on: v.frequency === 'one-off' ? null : v.endsOn,
  };
}

export async function addCommunication(db: Db, actor: Actor, organisationId: number, v: CommunicationInput) {
  const row = communicationRow(v);
  return auditedWrite(db, actor, async (tx, audit) => {
    const now = nowIso();
    const id = await q.insertCommunication(tx, { organisation_id: organisationId, ...row, created_at: now, updated_at: now });
    await audit.created('communication', id, row, `Added to the communications plan: ${v.message}`, organisationId);
    return id;
  });
}

export async function changeCommunication(db: Db, actor: Actor, organisationId: number, id: number, v: CommunicationInput) {
  const before = await q.communicationById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such message in the plan');
  const row = communicationRow(v);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.updateCommunication(tx, organisationId, id, { ...row, updated_at: nowIso() });
    await audit.updated(
      'communication',
      id,
      {
        message: before.message,
        detail: before.detail,
        audience: before.audience,
        channel: before.channel,
        owner_person_id: before.owner_person_id === null ? null : Number(before.owner_person_id),
        frequency: before.frequency,
        starts_on: day(before.starts_on),
        ends_on: day(before.ends_on),
      },
      row,
      `Changed the plan’s message: ${v.message}`,
      organisationId,
    );
  });
}

async function communicationOf(db: Db, organisationId: number, id: number) {
  const c = await q.communicationById(db, organisationId, id);
  if (!c) throw new NotFoundError('There is no such message in the plan');
  return c;
}

/** What was sent: a message gone out on a day. */
export async function recordSend(db: Db, actor: Actor, organisationId: number, communicationId: number, v: SendInput) {
  const c = await communicationOf(db, organisationId, communicationId);
  if (v.sentOn > today()) throw new UserError('Record a send once it has gone out: enter a day that has come', { field: 'sentOn' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const row = { communication_id: communicationId, sent_on: v.sentOn, channel: v.channel, note: v.note, reach: v.reach };
    const id = await q.insertSend(tx, { organisation_id: organisationId, ...row, recorded_by: actor.personId, created_at: nowIso() });
    await audit.created('communication_send', id, row, `Sent ${c.message} on ${date(v.sentOn)}`, organisationId);
    return id;
  });
}

/** What people said about a message (and, when known, about which time it went out). */
export async function recordCommsFeedback(db: Db, actor: Actor, organisationId: number, communicationId: number, v: CommsFeedbackInput) {
  const c = await communicationOf(db, organisationId, communicationId);
  if (v.receivedOn > today()) throw new UserError('Enter a day that has come', { field: 'receivedOn' });
  if (v.sendId !== null) {
    const send = await q.sendById(db, organisationId, v.sendId);
    if (!send || Number(send.communication_id) !== communicationId)
      throw new UserError('Choose one of the times this message was sent, or none', { field: 'sendId' });
  }
  return auditedWrite(db, actor, async (tx, audit) => {
    const row = { communication_id: communicationId, send_id: v.sendId, received_on: v.receivedOn, from_name: v.fromName, text: v.feedback };
    const id = await q.insertCommsFeedback(tx, { organisation_id: organisationId, ...row, recorded_by: actor.personId, created_at: nowIso() });
    await audit.created('communication_feedback', id, row, `Feedback on ${c.message}`, organisationId);
    return id;
  });
}
