import { z } from 'zod';
import { nowIso } from '../../../db/columns.js';
import { auditedWrite, can, isoDate, line, NotFoundError, paragraphs, UserError, type Actor, type Db, type Identity } from '../../../platform/index.js';
import { people } from '../abilities.js';
import * as staffQueries from '../queries.js';
import { managerPeopleOf, today } from '../service.js';
import * as q from './queries.js';

export const objectiveStatuses = { 'on-track': 'On track', 'at-risk': 'At risk', 'off-track': 'Off track', met: 'Met', dropped: 'Dropped' } as const;
const statusKeys = Object.keys(objectiveStatuses) as [keyof typeof objectiveStatuses, ...(keyof typeof objectiveStatuses)[]];
const list = (max: number, message: string) =>
  z
    .union([z.literal(''), line(max), z.array(z.union([z.literal(''), line(max)])).max(10, message)])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat()));

export const objectiveInput = z.object({
  year: z.coerce
    .number({ message: 'Enter the year the objective is for, like 2026' })
    .int('Enter a year like 2026')
    .min(2000, 'Enter a year from 2000')
    .max(2100, 'Enter a year before 2100'),
  title: line(300, { required: 'Enter the objective' }),
  measure: z.preprocess((v) => v ?? '', paragraphs(2000)),
});
export const reviewInput = z.object({
  reviewedOn: isoDate('Enter the day of the review as YYYY-MM-DD'),
  status: z.enum(statusKeys, { message: 'Choose how the objective is going' }),
  note: z.preprocess((v) => v ?? '', paragraphs(5000)),
});
export const oneToOneInput = z
  .object({
    heldOn: isoDate('Enter the day of the 1:1 as YYYY-MM-DD'),
    notes: z.preprocess((v) => v ?? '', paragraphs(20_000)),
    action: list(300, 'Up to 10 actions at a time'),
    owner: list(10, 'Up to 10 actions at a time'),
    due: list(10, 'Up to 10 actions at a time'),
  })
  .refine((v) => v.notes.trim() !== '' || v.action.some((a) => a.trim() !== ''), {
    message: 'Write what was discussed, or an action agreed',
    path: ['notes'],
  });
export const noFields = z.object({});

/**
 * Who may read a person's objectives and 1:1s: the person, their line manager and that manager's
 * manager, and nobody else, not even an admin. Anyone else is told there is no such page, since
 * that the record exists is private too.
 */
async function allowedFor(db: Db, identity: Identity, staffId: number, write = false) {
  const s = await staffQueries.staffById(db, identity.organisation.id, staffId);
  if (!s) throw new NotFoundError('There is no such page');
  const allowedPersonIds = [...(s.person_id !== null ? [Number(s.person_id)] : []), ...(await managerPeopleOf(db, identity.organisation.id, staffId))];
  if (!can(identity, write ? people.keepPrivateRecords : people.privateRecords, { allowedPersonIds })) throw new NotFoundError('There is no such page');
  return { staff: s, isSelf: s.person_id !== null && Number(s.person_id) === identity.person.id };
}

/** Whether the person may see someone's private records (for a link to them); never throws. */
export async function mayReadPrivate(db: Db, identity: Identity, staffId: number) {
  return allowedFor(db, identity, staffId).then(
    () => true,
    () => false,
  );
}

export async function privateRecordsOf(db: Db, identity: Identity, staffId: number) {
  const { staff, isSelf } = await allowedFor(db, identity, staffId);
  const orgId = identity.organisation.id;
  const [objectives, meetings] = await Promise.all([q.objectivesOf(db, orgId, staffId), q.oneToOnesOf(db, orgId, staffId)]);
  const [reviews, actions] = await Promise.all([
    q.reviewsOf(
      db,
      orgId,
      objectives.map((o) => Number(o.id)),
    ),
    q.actionsOf(
      db,
      orgId,
      meetings.map((m) => Number(m.id)),
    ),
  ]);
  return {
    staff,
    isSelf,
    objectives: objectives.map((o) => ({ ...o, id: Number(o.id), reviews: reviews.filter((r) => Number(r.objective_id) === Number(o.id)) })),
    meetings: meetings.map((m) => ({ ...m, id: Number(m.id), actions: actions.filter((a) => Number(a.one_to_one_id) === Number(m.id)) })),
    openActions: actions.filter((a) => !a.done_on),
  };
}

/** Objectives and reviews: their words stay out of the audit log, which says only that they changed. */
export async function setObjective(db: Db, actor: Actor, identity: Identity, staffId: number, v: z.output<typeof objectiveInput>) {
  const { staff } = await allowedFor(db, identity, staffId, true);
  const orgId = identity.organisation.id;
  await auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertObjective(tx, {
      organisation_id: orgId,
      staff_id: staffId,
      year: v.year,
      title: v.title,
      measure: v.measure,
      status: 'on-track',
      now: nowIso(),
    });
    await audit.created('objective', id, { staff_id: staffId, year: v.year }, `Set an objective for ${staff.name} (${v.year} to ${v.year + 1})`, orgId);
  });
}

export async function reviewObjective(db: Db, actor: Actor, identity: Identity, objectiveId: number, v: z.output<typeof reviewInput>) {
  const orgId = identity.organisation.id;
  const o = await q.objectiveById(db, orgId, objectiveId);
  if (!o) throw new NotFoundError('There is no such page');
  const { staff } = await allowedFor(db, identity, Number(o.staff_id), true);
  if (v.reviewedOn > today()) throw new UserError('A review is on or before today', { field: 'reviewedOn' });
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.insertReview(tx, { organisation_id: orgId, objective_id: objectiveId, reviewed_on: v.reviewedOn, status: v.status, note: v.note, now: nowIso() });
    await audit.updated('objective', objectiveId, { status: o.status }, { status: v.status }, `Reviewed an objective of ${staff.name}`, orgId);
  });
  return Number(o.staff_id);
}

export async function recordOneToOne(db: Db, actor: Actor, identity: Identity, staffId: number, v: z.output<typeof oneToOneInput>) {
  const { staff } = await allowedFor(db, identity, staffId, true);
  const orgId = identity.organisation.id;
  if (v.heldOn > today()) throw new UserError('Record a 1:1 once it has happened', { field: 'heldOn' });
  const actions = v.action
    .map((a, i) => ({ action: a, owner: v.owner[i] === 'manager' ? ('manager' as const) : ('person' as const), due: v.due[i] ?? '' }))
    .filter((a) => a.action);
  for (const a of actions) if (a.due && !/^\d{4}-\d{2}-\d{2}$/.test(a.due)) throw new UserError('Enter each action’s due date as YYYY-MM-DD', { field: 'due' });
  await auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertOneToOne(
      tx,
      { organisation_id: orgId, staff_id: staffId, held_on: v.heldOn, notes: v.notes, now: nowIso() },
      actions.map((a) => ({ action: a.action, owner: a.owner, due_on: a.due || null })),
    );
    await audit.created('one_to_one', id, { staff_id: staffId, held_on: v.heldOn, actions: actions.length }, `Recorded a 1:1 with ${staff.name}`, orgId);
  });
}

export async function completeOneToOneAction(db: Db, actor: Actor, identity: Identity, actionId: number) {
  const orgId = identity.organisation.id;
  const a = await q.actionById(db, orgId, actionId);
  if (!a) throw new NotFoundError('There is no such page');
  const { staff } = await allowedFor(db, identity, Number(a.staff_id), true);
  await auditedWrite(db, actor, async (tx, audit) => {
    await q.completeAction(tx, orgId, actionId, today());
    await audit.updated(
      'one_to_one_action',
      actionId,
      { done_on: a.done_on },
      { done_on: today() },
      `Marked done an action from a 1:1 with ${staff.name}`,
      orgId,
    );
  });
  return Number(a.staff_id);
}
