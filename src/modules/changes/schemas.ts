import { z } from 'zod';
import {
  activeMember,
  activeMemberEmail,
  anyOf,
  blankToNull,
  cursor,
  line,
  optionalLine,
  optionalRef,
  paragraphs,
  refs,
  refText,
} from '../../platform/index.js';
import { estateRecords } from '../estate/index.js';
import { changeKinds, changeStatuses } from './rules.js';

const text = (max: number) => z.preprocess((v) => v ?? '', paragraphs(max));

const instantPattern = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z)?)?$/;
const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
/** How far UK time is ahead of UTC at this instant: 0 in winter, an hour in summer. */
function londonOffset(ms: number) {
  const p = Object.fromEntries(londonParts.formatToParts(new Date(ms)).map((x) => [x.type, x.value])) as Record<string, string>;
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(ms / 1000) * 1000;
}
/** A UK wall-clock time (`2027-07-14T19:00`) as the UTC instant it is. */
export function fromUkTime(wall: string): string {
  const ms = Date.parse(`${wall}Z`);
  const guess = ms - londonOffset(ms);
  return new Date(ms - londonOffset(guess)).toISOString();
}
/** A stored instant as UK wall-clock text for a form: `2027-07-14T19:00`. */
export function toUkTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  return new Date(ms + londonOffset(ms)).toISOString().slice(0, 16);
}

/**
 * A moment as people type it, in UK time: `2027-01-14T19:00` (or `2027-01-14 19:00`, or a day for
 * its midnight); with a trailing `Z` (the API) it is UTC. Stored as ISO-8601 UTC.
 */
export function instant(message: string) {
  return z
    .string({ message })
    .trim()
    .max(30, message)
    .regex(instantPattern, message)
    .refine((s) => {
      const m = instantPattern.exec(s);
      if (!m) return false;
      const iso = `${m[1]}T${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}.000Z`;
      const t = Date.parse(iso);
      return Number.isFinite(t) && new Date(t).toISOString() === iso;
    }, message)
    .meta({ example: '2027-01-14T19:00' })
    .transform((s) => {
      const m = instantPattern.exec(s)!;
      const wall = `${m[1]}T${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}`;
      return m[5] ? `${wall}.000Z` : fromUkTime(wall);
    });
}
const optionalInstant = (message: string) =>
  z
    .preprocess(blankToNull, instant(message).nullable())
    .optional()
    .transform((v) => v ?? null);

const answer = (message: string) => z.coerce.number({ message }).int({ message }).min(0, message).max(3, message);

export const riskQuestions = [
  { name: 'riskImpact', question: 'How much would residents or staff be affected if it went wrong?' },
  { name: 'riskSystems', question: 'How many systems or services does it touch?' },
  { name: 'riskUntested', question: 'How new or untested is what is being done?' },
  { name: 'riskBackout', question: 'How hard would it be to back out?' },
  { name: 'riskHours', question: 'How much of it falls in working hours?' },
] as const;
export const riskAnswerNames = ['None', 'Low', 'Moderate', 'Severe'];

export const changeInput = z.object({
  title: line(200, { required: 'Say what the change is, like “Upgrade the revenues and benefits system to version 5.2”' }),
  description: text(8000),
  kind: z.enum(changeKinds, { message: 'Choose standard, normal or emergency' }),
  riskImpact: answer('Answer how much residents or staff would be affected'),
  riskSystems: answer('Answer how many systems or services it touches'),
  riskUntested: answer('Answer how new or untested it is'),
  riskBackout: answer('Answer how hard it would be to back out'),
  riskHours: answer('Answer how much of it falls in working hours'),
  systems: refs(estateRecords.system, 'Choose systems from the estate'),
  plannedStart: optionalInstant('Enter the planned start like 2027-01-14T19:00 (UK time), or leave it blank'),
  plannedEnd: optionalInstant('Enter the planned end like 2027-01-14T21:00 (UK time), or leave it blank'),
  implementer: optionalRef(activeMember, 'Choose who will carry out the change'),
  backoutPlan: text(8000),
  testPlan: text(8000),
  communicationPlan: text(8000),
  emergencyReason: optionalLine(1000),
});
export type ChangeInput = z.output<typeof changeInput>;

/** The API's patch: any of the change's fields. */
export const changePatch = changeInput.partial();
export type ChangePatch = z.output<typeof changePatch>;

export const decisions = ['approve', 'approve_with_conditions', 'reject'] as const;
export const voteInput = z.object({
  decision: z.enum(decisions, { message: 'Choose approve, approve with conditions or reject' }),
  conditions: text(2000),
});
export type VoteInput = z.output<typeof voteInput>;

/** The change manager's or the Head of IT's decision: its own field names, as a CAB member's vote may be on the same page. */
export const approvalInput = z.object({
  approval: z.enum(decisions, { message: 'Choose approve, approve with conditions or reject' }),
  approvalConditions: text(2000),
});

export const scheduleInput = z.object({
  plannedStart: instant('Enter the planned start like 2027-01-14T19:00 (UK time)'),
  plannedEnd: instant('Enter the planned end like 2027-01-14T21:00 (UK time)'),
  emergencyReason: optionalLine(1000),
});
export type ScheduleInput = z.output<typeof scheduleInput>;

export const moveInput = z.object({
  to: z.enum(changeStatuses, { message: 'Choose what the change moves to' }),
  notes: text(8000),
});

export const freezeInput = z.object({
  name: line(200, { required: 'Name the freeze, like “Council tax annual billing”' }),
  reason: text(2000),
  startsAt: instant('Enter when the freeze starts like 2026-12-14 or 2026-12-14T00:00 (UK time)'),
  endsAt: instant('Enter when the freeze ends like 2027-01-04 or 2027-01-04T00:00 (UK time)'),
});
export type FreezeInput = z.output<typeof freezeInput>;

const clock = (message: string) =>
  z
    .string({ message })
    .trim()
    .max(5, message)
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, message)
    .meta({ example: '18:00' });
export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const maintenanceInput = z.object({
  weekday: z.coerce
    .number({ message: 'Choose the day of the week' })
    .int({ message: 'Choose the day of the week' })
    .min(1, 'Choose the day of the week')
    .max(7, 'Choose the day of the week'),
  starts: clock('Enter when it starts like 18:00'),
  ends: clock('Enter when it ends like 22:00'),
});
export type MaintenanceInput = z.output<typeof maintenanceInput>;

export const cabMemberInput = z.object({
  email: refText(activeMemberEmail, {
    max: 254,
    required: 'Give the email of the person joining the CAB',
    message: 'Give the email of one of the organisation’s people',
    normalise: (s) => s.toLowerCase(),
  }),
  role: optionalLine(100),
});
const quorum = (message: string) => z.coerce.number({ message }).int({ message }).min(1, message).max(20, message);
export const settingsInput = z.object({
  cabQuorum: quorum('The CAB’s quorum is a number of votes from 1 to 20'),
  ecabQuorum: quorum('The emergency CAB’s quorum is a number of votes from 1 to 20'),
});

export const changesQuery = z.object({
  status: anyOf(z.enum(changeStatuses, { message: 'Choose one of the statuses' })),
  kind: anyOf(z.enum(changeKinds, { message: 'Choose standard, normal or emergency' })),
  risk: anyOf(z.enum(['low', 'medium', 'high'], { message: 'Choose low, medium or high risk' })),
  after: cursor(z.strictObject({ id: z.number().int().positive() })),
});

const monthText = z
  .string()
  .max(7, 'Enter the month as YYYY-MM')
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Enter the month as YYYY-MM')
  .meta({ example: '2026-12' });
const dayText = z
  .string()
  .max(10, 'Enter the day as YYYY-MM-DD')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the day as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Enter a real day')
  .meta({ example: '2026-12-07' });
export const calendarQuery = z.object({
  view: anyOf(z.enum(['month', 'week', 'list'], { message: 'Choose month, week or list' })),
  month: anyOf(monthText),
  week: anyOf(dayText),
});

export const calendarApiQuery = z.object({
  from: instant('Give from as an ISO-8601 time, like 2026-12-01T00:00:00Z'),
  to: instant('Give to as an ISO-8601 time, like 2027-01-01T00:00:00Z'),
});
export const noFieldsForm = z.object({});
