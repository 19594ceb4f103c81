import type { TicketKind, TicketStatus } from '../tables.js';

export const statuses: readonly TicketStatus[] = ['new', 'assigned', 'in-progress', 'awaiting-requester', 'on-hold', 'resolved', 'closed', 'cancelled'];

export const statusNames: Record<TicketStatus, string> = {
  new: 'New',
  assigned: 'Assigned',
  'in-progress': 'In progress',
  'awaiting-requester': 'Awaiting requester',
  'on-hold': 'On hold',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** The workflow: from each status, where a ticket may go next. Closed and cancelled are final. */
const transitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['assigned', 'in-progress', 'awaiting-requester', 'on-hold', 'resolved', 'cancelled'],
  assigned: ['new', 'in-progress', 'awaiting-requester', 'on-hold', 'resolved', 'cancelled'],
  'in-progress': ['assigned', 'awaiting-requester', 'on-hold', 'resolved', 'cancelled'],
  'awaiting-requester': ['in-progress', 'resolved', 'cancelled'],
  'on-hold': ['in-progress', 'resolved', 'cancelled'],
  resolved: ['closed', 'in-progress'],
  closed: [],
  cancelled: [],
};

export function allowedNext(from: TicketStatus): readonly TicketStatus[] {
  return transitions[from];
}

export function canMove(from: TicketStatus, to: TicketStatus): boolean {
  return transitions[from].includes(to);
}

export function isOpen(status: TicketStatus): boolean {
  return status !== 'resolved' && status !== 'closed' && status !== 'cancelled';
}

export const resolutionCodes = [
  'Fixed',
  'Workaround given',
  'Advice given',
  'Request fulfilled',
  'Resolved by the requester',
  'Known error: fix pending',
  'Duplicate',
  'Not reproducible',
] as const;

/** Impact and urgency: 1 high, 2 medium, 3 low. */
export const levels = [1, 2, 3] as const;
export const levelNames: Record<number, string> = { 1: 'High', 2: 'Medium', 3: 'Low' };
export const priorityNames: Record<number, string> = { 1: 'P1 Critical', 2: 'P2 High', 3: 'P3 Medium', 4: 'P4 Low' };

/** matrix[impact - 1][urgency - 1] = priority (1 to 4). ITIL's usual shape, which councils adjust. */
export type PriorityMatrix = number[][];
export const defaultPriorityMatrix: PriorityMatrix = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 4],
];

export function priorityFor(matrix: PriorityMatrix, impact: number, urgency: number): number {
  const p = matrix[impact - 1]?.[urgency - 1];
  if (!p || p < 1 || p > 4) throw new RangeError(`No priority for impact ${impact} and urgency ${urgency}`);
  return p;
}

export function formatReference(kind: TicketKind, n: number): string {
  return `${kind === 'incident' ? 'INC' : 'REQ'}-${String(n).padStart(6, '0')}`;
}

/** A reference typed by a person, e.g. `inc 4213` or `INC-004213`, as stored. */
export function normaliseReference(text: string): string | null {
  const m = /^\s*(inc|req)[\s-]*0*(\d{1,9})\s*$/i.exec(text);
  return m ? formatReference(m[1]!.toLowerCase() === 'inc' ? 'incident' : 'request', Number(m[2])) : null;
}
