import { z } from 'zod';
import {
  keptUntilChanged,
  auditedWrite,
  cursor,
  isoDate,
  line,
  NotFoundError,
  organisationRows,
  pageOf,
  pageSize,
  ref,
  anyOf,
  UserError,
  type Actor,
  type Db,
  type Tx,
} from '../../platform/index.js';
import { nowIso } from '../../db/columns.js';
import * as q from './queries.js';
import { coverage, expiresOn, inDate, trainingKindKeys, type TrainingKind } from './rules.js';

export const trainingRecords = {
  course: organisationRows('training_courses', { noun: 'course', message: 'There is no such course' }),
};
export const courseParams = z.object({ id: ref(trainingRecords.course) });

export const today = () => new Date().toISOString().slice(0, 10);

const coverageKept = keptUntilChanged(q.trainingVersion, (db, organisationId, on) => workOutCoverage(db, organisationId, on));

/**
 * Coverage of the required courses by directorate, and everyone without an in-date completion of
 * one: worked out again only when the records change or the day does.
 */
export const trainingCoverage = (db: Db, organisationId: number, on = today()) => coverageKept(db, organisationId, on);

async function workOutCoverage(db: Db, organisationId: number, on: string) {
  const courses = await q.coursesOf(db, organisationId);
  const required = courses.filter((c) => c.required).map((c) => ({ ...c, id: Number(c.id), refresh_months: Number(c.refresh_months) }));
  const learners = await q.learnersOf(db, organisationId);
  const latest = await q.latestCompletions(
    db,
    organisationId,
    required.map((c) => c.id),
  );
  const people = learners.map((l) => ({ ...l, id: Number(l.id) }));
  const { directorates, total } = coverage(people, required, latest, on);
  const overdue = people.flatMap((l) =>
    required
      .filter((c) => !inDate(latest.get(`${l.id}|${c.id}`), c.refresh_months, on))
      .map((c) => {
        const last = latest.get(`${l.id}|${c.id}`) ?? null;
        return { ...l, course: c.name, courseId: c.id, last, lapsedOn: last ? expiresOn(last, c.refresh_months) : null };
      }),
  );
  return { courses, required, people: people.length, directorates, total, overdue };
}

export const courseInput = z.object({
  required: z.enum(['yes', 'no'], { message: 'Say whether everyone must complete the course' }),
  refreshMonths: z.coerce
    .number({ message: 'Enter how many months a completion counts for, as a whole number' })
    .int({ message: 'Enter how many months a completion counts for, as a whole number' })
    .min(1, 'A completion counts for at least 1 month')
    .max(60, 'A completion counts for up to 60 months'),
});

export async function setCourse(db: Db, actor: Actor, organisationId: number, id: number, input: z.output<typeof courseInput>) {
  const before = await q.courseById(db, organisationId, id);
  if (!before) throw new NotFoundError('There is no such course');
  await auditedWrite(db, actor, async (tx, audit) => {
    const after = { required: input.required === 'yes' ? 1 : 0, refresh_months: input.refreshMonths };
    await q.setCourse(tx, id, after);
    await q.trainingChanged(tx, organisationId);
    await audit.updated(
      'training_course',
      id,
      { required: before.required, refresh_months: before.refresh_months },
      after,
      `Changed the course ${before.name}`,
      organisationId,
    );
  });
}

const count = (label: string) =>
  z.coerce
    .number({ message: `Enter how many were ${label} as a whole number` })
    .int({ message: `Enter how many were ${label} as a whole number` })
    .min(0, `The number ${label} cannot be negative`)
    .max(1_000_000, `Enter up to 1,000,000 ${label}`);
export const phishingInput = z.object({
  name: line(200, { required: 'Name the exercise, as the council knows it', tooLong: 'The exercise’s name must be 200 characters or fewer' }),
  sentOn: isoDate('Enter the day it was sent as YYYY-MM-DD'),
  sent: count('sent'),
  clicked: count('clicked'),
  reported: count('reported'),
});

export async function recordPhishing(db: Db, actor: Actor, organisationId: number, input: z.output<typeof phishingInput>) {
  if (input.clicked > input.sent) throw new UserError('More people cannot click than were sent the email', { field: 'clicked' });
  if (input.reported > input.sent) throw new UserError('More people cannot report it than were sent the email', { field: 'reported' });
  if (input.sentOn > today()) throw new UserError('The exercise must have been sent already', { field: 'sentOn' });
  return auditedWrite(db, actor, async (tx, audit) => {
    const id = await q.insertPhishing(tx, {
      organisation_id: organisationId,
      name: input.name,
      sent_on: input.sentOn,
      sent: input.sent,
      clicked: input.clicked,
      reported: input.reported,
      created_at: nowIso(),
    });
    await audit.created('phishing_exercise', id, input, `Recorded the phishing exercise ${input.name}`, organisationId);
    return id;
  });
}

export const recordsQuery = z.object({
  email: z.string().trim().toLowerCase().max(254, 'An email address is 254 characters or fewer').optional(),
  course: anyOf(ref(trainingRecords.course, 'Choose one of the courses')),
  kind: anyOf(z.enum(trainingKindKeys, { message: 'Choose one of the kinds of training' })),
  after: cursor(
    z.strictObject({
      id: z.number().int().positive(),
      on: z
        .string()
        .max(10)
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
  ),
  limit: pageSize(100, 500),
});

export async function trainingRecordsPage(
  db: Db,
  organisationId: number,
  v: z.output<typeof recordsQuery>,
  { on = today(), newestFirst = false, limit = v.limit }: { on?: string; newestFirst?: boolean; limit?: number } = {},
) {
  const filter = { email: v.email || undefined, courseId: v.course, kind: v.kind };
  const rows = await q.recordsPage(db, organisationId, filter, v.after ?? null, limit + 1, newestFirst);
  const page = pageOf(rows, limit, (r) => (newestFirst ? { id: Number(r.id), on: String(r.completed_on).slice(0, 10) } : { id: Number(r.id) }));
  return {
    ...page,
    items: page.items.map((r) => ({
      ...r,
      inDate: inDate(String(r.completed_on), Number(r.refresh_months), on),
      expires: expiresOn(String(r.completed_on), Number(r.refresh_months)),
    })),
  };
}

/**
 * An activity from someone's development plan, done: it joins everyone's training records (one
 * list of training), inside the caller's transaction, which audits the activity itself. The person
 * is the learner with their email, so the learning system's records of them are the same person.
 */
export async function recordDevelopmentTraining(
  tx: Tx,
  organisationId: number,
  done: {
    email: string;
    name: string;
    team: string;
    activity: string;
    kind: TrainingKind;
    completedOn: string;
    cost: number | null;
    developmentItemId: number;
  },
) {
  if (await q.developmentRecord(tx, organisationId, done.developmentItemId)) return;
  const learnerId = await q.learnerFor(tx, organisationId, { email: done.email.toLowerCase(), name: done.name, team: done.team });
  const courseId = await q.courseFor(tx, organisationId, done.activity);
  await q.insertCompletion(tx, {
    organisation_id: organisationId,
    learner_id: learnerId,
    course_id: courseId,
    completed_on: done.completedOn,
    score: null,
    import_id: null,
    kind: done.kind,
    cost: done.cost,
    development_item_id: done.developmentItemId,
  });
  await q.trainingChanged(tx, organisationId);
}
