import { z } from 'zod';
import { activeMemberEmail, anyOf, cursor, isoDate, line, optionalLine, paragraphs, ref, refs, refText, upload } from '../../platform/index.js';
import { boardRecords } from './references.js';
import { actionStates } from './rules.js';

const text = (max: number) => z.preprocess((v) => v ?? '', paragraphs(max));
const ticked = z.preprocess((v) => v === 'yes' || v === true, z.boolean());
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

export const boardInput = z.object({
  name: line(200, { required: 'Name the board, like “Digital board”' }),
  purpose: text(8000),
  meets: optionalLine(200),
});
export type BoardInput = z.output<typeof boardInput>;

export const memberInput = z.object({
  name: line(200, { required: 'Give the member’s name, like “Cllr Ann Bright”' }),
  role: optionalLine(100),
  represents: optionalLine(200),
  email: stewardEmail,
});
export type MemberInput = z.output<typeof memberInput>;

export const meetingInput = z.object({
  heldOn: isoDate('Enter the day of the meeting as YYYY-MM-DD'),
  startsAt: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : (v ?? '')),
    z
      .string()
      .max(5)
      .regex(/^$|^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time it starts like 14:00, or leave it blank')
      .meta({ example: '14:00' }),
  ),
  place: optionalLine(200),
});
export type MeetingInput = z.output<typeof meetingInput>;

export const agendaItemInput = z.object({
  item: line(300, { required: 'Say what the item is, like “Roadmap: red and amber projects”' }),
  presenter: optionalLine(200),
});
export const paperInput = z.object({
  paperTitle: line(300, { required: 'Give the paper a title, like “Cloud hosting business case”' }),
  file: upload('Choose the paper’s file'),
});

/** Ticks for present and for apologies; a member with neither was absent (one with both is refused by the service). */
export const attendanceInput = z.object({ present: refs(boardRecords.member), apologies: refs(boardRecords.member) });
export const minutesInput = z.object({ minutes: paragraphs(40000, { required: 'Write the minutes, or paste them from the council’s template' }) });

export const decisionInput = z.object({
  title: line(300, { required: 'Say what was decided, like “Approve the move of the data centre to Azure”' }),
  options: text(8000),
  rationale: text(8000),
  decidedBy: optionalLine(200),
  decidedOn: isoDate('Enter the day it was decided as YYYY-MM-DD'),
  public: ticked,
});
export type DecisionInput = z.output<typeof decisionInput>;

export const linkInput = z.object({
  kind: line(40, { required: 'Choose what kind of record the decision is about' }),
  words: line(200, { required: 'Say which record: its reference or its name' }),
});

export const actionInput = z.object({
  title: line(300, { required: 'Say what is to be done, like “Bring the Azure costs to the next meeting”' }),
  ownerEmail: stewardEmail,
  ownerName: optionalLine(200),
  dueOn: isoDate('Enter the day it is due as YYYY-MM-DD'),
});
export type ActionInput = z.output<typeof actionInput>;
export const actionDoneInput = z.object({ note: text(2000) });

export const decisionsQuery = z.object({
  board: anyOf(ref(boardRecords.board)),
  public: anyOf(z.enum(['yes', 'no'], { message: 'Choose public or not public' })),
  after: cursor(z.object({ on: z.string().max(10), id: z.number().int().positive() })),
});
export const actionsQuery = z.object({
  state: anyOf(z.enum(actionStates, { message: 'Choose open, overdue or done' })),
  board: anyOf(ref(boardRecords.board)),
});
export const noFieldsForm = z.object({});
