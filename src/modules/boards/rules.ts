/** What an action needs from its owner today. */
export const actionStates = ['open', 'overdue', 'done'] as const;
export type ActionState = (typeof actionStates)[number];
export const actionStateNames: Record<ActionState, string> = { open: 'Open', overdue: 'Overdue', done: 'Done' };

/** How many days before an action is due its owner is reminded, and how often once it is late. */
export const dueSoonDays = 7;
export const overdueEveryDays = 7;

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

export function actionState(a: { dueOn: string; doneOn: string | null }, today: string): ActionState {
  if (a.doneOn) return 'done';
  return a.dueOn < today ? 'overdue' : 'open';
}

/**
 * The reminder an open action's owner should have today, keyed so that each is sent once: one a
 * week before it is due, then one a week for as long as it is late. Moving the due date starts again.
 */
export function reminderDue(a: { dueOn: string; doneOn: string | null }, today: string): { kind: 'due-soon' | 'overdue'; key: string } | null {
  if (a.doneOn) return null;
  const late = daysBetween(a.dueOn, today);
  if (late > 0) return { kind: 'overdue', key: `${a.dueOn}+${Math.floor((late - 1) / overdueEveryDays)}` };
  if (-late <= dueSoonDays) return { kind: 'due-soon', key: a.dueOn };
  return null;
}

/** Where a meeting is: still to come, held with its minutes to write or sign off, or signed off. */
export type MeetingState = 'upcoming' | 'held' | 'signed-off';
export function meetingState(m: { heldOn: string; signedOffOn: string | null }, today: string): MeetingState {
  if (m.signedOffOn) return 'signed-off';
  return m.heldOn > today ? 'upcoming' : 'held';
}
export const meetingStateNames: Record<MeetingState, string> = {
  upcoming: 'To come',
  held: 'Minutes to sign off',
  'signed-off': 'Minutes signed off',
};

export const decisionReference = (n: number) => `DEC-${String(n).padStart(4, '0')}`;

/** How the attendance of a meeting reads: "6 of 9 present, 2 apologies". */
export function attendanceSummary(marks: ('present' | 'apologies' | 'absent')[], members: number) {
  const present = marks.filter((m) => m === 'present').length;
  const apologies = marks.filter((m) => m === 'apologies').length;
  if (!marks.length) return 'Attendance not recorded';
  return `${present} of ${members} present${apologies ? `, ${apologies} ${apologies === 1 ? 'apology' : 'apologies'}` : ''}`;
}
