import { z } from 'zod';
import {
  activeMember,
  activeMemberEmail,
  anyOf,
  blankToNull,
  cursor,
  isoDate,
  line,
  optionalDate,
  optionalLine,
  optionalRef,
  pageSize,
  paragraphs,
  ref,
  refs,
  refText,
} from '../../platform/index.js';
import { stakeholderRecords } from './references.js';
import { channels, engagementKinds, frequencies, quadrants, sentiments, stakeholderKinds } from './rules.js';

const text = (max: number) => z.preprocess((v) => v ?? '', paragraphs(max));
const ticked = z.preprocess((v) => v === 'yes' || v === true, z.boolean());
const level = (what: string) =>
  z.coerce
    .number({ message: `Choose their ${what}: low, medium or high` })
    .int({ message: `Choose their ${what}: low, medium or high` })
    .min(1, `Choose their ${what}: low, medium or high`)
    .max(3, `Choose their ${what}: low, medium or high`);
const person = (message: string) => optionalRef(activeMember, message);
/** A person named by their email in Steward, or blank. */
const stewardEmail = z
  .union([
    z.literal(''),
    refText(activeMemberEmail, {
      max: 254,
      message: 'Give the email of one of the organisation’s people, or leave it blank',
      normalise: (s) => s.toLowerCase(),
    }),
  ])
  .optional();

export const stakeholderInput = z.object({
  name: line(200, { required: 'Give the stakeholder’s name, like “Anita Desai” or “UNISON branch”' }),
  kind: z.enum(stakeholderKinds, { message: 'Choose what kind of stakeholder they are' }),
  role: optionalLine(200),
  influence: level('influence'),
  interest: level('interest in IT'),
  ownerId: person('Choose someone in this organisation to keep the relationship, or no one yet'),
  accountEmail: stewardEmail,
  view: text(4000),
  sentiment: z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? 'unknown' : v),
    z.enum(sentiments, { message: 'Choose how they see the service' }),
  ),
  email: optionalLine(254),
  phone: optionalLine(40),
});
export type StakeholderInput = z.output<typeof stakeholderInput>;

export const engagementInput = z.object({
  kind: z.enum(engagementKinds, { message: 'Choose what kind of engagement it was' }),
  heldOn: isoDate('Enter the day it happened as YYYY-MM-DD'),
  title: line(200, { required: 'Say what it was, like “Revenues and benefits team meeting”' }),
  stakeholders: refs(stakeholderRecords.stakeholder, 'Choose the stakeholders met from the register'),
  heard: text(8000),
  carriesFeedback: ticked,
  fromName: optionalLine(200),
  followUp: optionalLine(300),
  followUpOwner: person('Choose someone in this organisation to own the follow-up, or no one'),
  followUpDue: optionalDate('Enter the day the follow-up is due as YYYY-MM-DD, or leave it blank'),
});
export type EngagementInput = z.output<typeof engagementInput>;

export const followUpInput = z.object({
  title: line(300, { required: 'Say what is to be done, like “Send the Wi-Fi survey results to the branch”' }),
  ownerId: person('Choose someone in this organisation to own it, or no one'),
  dueOn: optionalDate('Enter the day it is due as YYYY-MM-DD, or leave it blank'),
});
export type FollowUpInput = z.output<typeof followUpInput>;

export const replyInput = z.object({ reply: paragraphs(4000, { required: 'Write the reply you gave, or will send' }) });

export const communicationInput = z.object({
  message: line(300, { required: 'Say what people need to know, like “How to get help when a system is down”' }),
  detail: text(4000),
  audience: line(200, { required: 'Say who needs to know, like “All staff” or “Social workers”' }),
  channel: z.enum(channels, { message: 'Choose how it goes out' }),
  ownerId: person('Choose someone in this organisation to own the message, or no one yet'),
  frequency: z.enum(frequencies, { message: 'Choose how often it goes out' }),
  startsOn: isoDate('Enter the day it first goes out as YYYY-MM-DD'),
  endsOn: optionalDate('Enter the last day it goes out as YYYY-MM-DD, or leave it blank'),
});
export type CommunicationInput = z.output<typeof communicationInput>;

export const sendInput = z.object({
  sentOn: isoDate('Enter the day it was sent as YYYY-MM-DD'),
  channel: z.enum(channels, { message: 'Choose how it went out' }),
  note: text(2000),
  reach: z.preprocess(
    (v) => blankToNull(typeof v === 'string' ? v.replace(/[,\s]/g, '') : v),
    z.coerce
      .number({ message: 'Enter how many it reached as a whole number, like 450, or leave it blank' })
      .int({ message: 'Enter how many it reached as a whole number, like 450, or leave it blank' })
      .min(0, 'Enter how many it reached as a whole number, like 450, or leave it blank')
      .max(10_000_000, 'Enter how many it reached as a whole number, like 450, or leave it blank')
      .meta({ example: 450 })
      .nullable(),
  ),
});
export type SendInput = z.output<typeof sendInput>;

export const commsFeedbackInput = z.object({
  feedback: paragraphs(4000, { required: 'Write what they said' }),
  fromName: optionalLine(200),
  receivedOn: isoDate('Enter the day it came in as YYYY-MM-DD'),
  sendId: optionalRef(stakeholderRecords.send),
});
export type CommsFeedbackInput = z.output<typeof commsFeedbackInput>;

export const noFieldsForm = z.object({});

const month = z
  .string()
  .trim()
  .max(7, 'Enter the month as YYYY-MM, like 2026-12')
  .regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'Enter the month as YYYY-MM, like 2026-12')
  .meta({ example: '2026-12' });

export const stakeholdersQuery = z.object({
  kind: anyOf(z.enum(stakeholderKinds, { message: 'Choose one of the kinds of stakeholder' })),
  quadrant: anyOf(z.enum(quadrants, { message: 'Choose one of the four parts of the grid' })),
  owner: anyOf(ref(activeMember, 'Choose someone in this organisation')),
});
export const stakeholdersApiQuery = z.object({
  kind: anyOf(z.enum(stakeholderKinds, { message: 'Choose one of the kinds of stakeholder' })),
  after: cursor(z.object({ name: z.string().max(200), id: z.number().int().positive() })),
  limit: pageSize(100, 500),
});
export const engagementsQuery = z.object({
  kind: anyOf(z.enum(engagementKinds, { message: 'Choose one of the kinds of engagement' })),
  stakeholder: anyOf(ref(stakeholderRecords.stakeholder)),
  after: cursor(z.object({ on: z.string().max(10), id: z.number().int().positive() })),
});
export const engagementsApiQuery = engagementsQuery.extend({ limit: pageSize(100, 500) });
export const calendarQuery = z.object({ month: anyOf(month) });
export const communicationsApiQuery = z.object({
  after: cursor(z.object({ on: z.string().max(10), id: z.number().int().positive() })),
  limit: pageSize(100, 500),
});
