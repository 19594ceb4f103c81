import { z } from 'zod';
import { activeMember, anyOf, cursor, line, optionalRef, paragraphs, ref, refText } from '../../platform/index.js';
import { problemParams } from './references.js';
import { deskRecords } from '../service-desk/index.js';
import { estateRecords } from '../estate/index.js';
import { team } from '../teams/index.js';
import { problemPriorities, problemStatuses } from './rules.js';

const text = (max: number) => z.preprocess((v) => v ?? '', paragraphs(max));

/** A ticket reference as typed (`inc 42`, `INC-000042`) as stored. */
export function normaliseTicketReference(typed: string) {
  const m = /^\s*(inc|req)[\s-]*0*(\d{1,9})\s*$/i.exec(typed);
  return m ? `${m[1]!.toUpperCase()}-${m[2]!.padStart(6, '0')}` : typed.trim();
}
export const ticketReference = (required: string) =>
  refText(deskRecords.ticket, { max: 20, required, message: 'There is no incident with that reference', normalise: normaliseTicketReference }).meta({
    example: 'INC-000001',
  });

export const priorityNames = { p1: 'P1 critical', p2: 'P2 high', p3: 'P3 moderate', p4: 'P4 low' } as const;

export const problemInput = z.object({
  title: line(200, { required: 'Say what the problem is, like “VPN drops every few minutes after the client update”' }),
  description: text(8000),
  priority: z.enum(problemPriorities, { message: 'Choose the problem’s priority' }),
  serviceId: optionalRef(deskRecords.service),
  systemId: optionalRef(estateRecords.system),
  ownerId: optionalRef(activeMember),
  teamId: optionalRef(team),
  rootCause: text(8000),
  workaround: text(8000),
  fix: text(8000),
});
export type ProblemInput = z.output<typeof problemInput>;

/** A new problem, from the incident it was raised from when there is one. */
export const newProblemInput = problemInput.extend({
  incident: z.union([z.literal(''), ticketReference('Give the incident’s reference, like INC-000123')]).optional(),
  majorIncidentId: optionalRef(deskRecords.majorIncident),
});

export const moveInput = z.object({
  status: z.enum(problemStatuses, { message: 'Choose the status to move the problem to' }),
  rootCause: text(8000),
  workaround: text(8000),
  fix: text(8000),
});
export type MoveInput = z.output<typeof moveInput>;

export const linkInput = z.object({ ticket: ticketReference('Give the incident’s reference, like INC-000123') });
export const unlinkParams = problemParams.extend({ ticket: ticketReference('There is no such incident') });
export const noFieldsForm = z.object({});

export const problemsQuery = z.object({
  status: anyOf(z.enum([...problemStatuses, 'open'], { message: 'Choose one of the statuses' })),
  priority: anyOf(z.enum(problemPriorities, { message: 'Choose one of the priorities' })),
  service: anyOf(ref(deskRecords.service)),
  after: cursor(z.strictObject({ id: z.number().int().positive() })),
});
export type ProblemsQuery = z.output<typeof problemsQuery>;
