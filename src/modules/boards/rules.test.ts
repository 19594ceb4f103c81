import { describe, expect, it } from 'vitest';
import { actionState, attendanceSummary, decisionReference, meetingState, reminderDue } from './rules.js';

describe('board rules', () => {
  it('says an open action past its day is overdue, and one done is done whatever its day', () => {
    expect(actionState({ dueOn: '2026-11-30', doneOn: null }, '2026-12-01')).toBe('overdue');
    expect(actionState({ dueOn: '2026-12-01', doneOn: null }, '2026-12-01')).toBe('open');
    expect(actionState({ dueOn: '2026-11-01', doneOn: '2026-11-20' }, '2026-12-01')).toBe('done');
  });

  it('reminds a week before an action is due, then once a week while it is late', () => {
    expect(reminderDue({ dueOn: '2026-12-20', doneOn: null }, '2026-12-01')).toBeNull();
    expect(reminderDue({ dueOn: '2026-12-08', doneOn: null }, '2026-12-01')).toEqual({ kind: 'due-soon', key: '2026-12-08' });
    expect(reminderDue({ dueOn: '2026-12-01', doneOn: null }, '2026-12-01')).toEqual({ kind: 'due-soon', key: '2026-12-01' });
    expect(reminderDue({ dueOn: '2026-11-30', doneOn: null }, '2026-12-01')).toEqual({ kind: 'overdue', key: '2026-11-30+0' });
    expect(reminderDue({ dueOn: '2026-11-30', doneOn: null }, '2026-12-07')).toEqual({ kind: 'overdue', key: '2026-11-30+0' });
    expect(reminderDue({ dueOn: '2026-11-30', doneOn: null }, '2026-12-08')).toEqual({ kind: 'overdue', key: '2026-11-30+1' });
    expect(reminderDue({ dueOn: '2026-11-30', doneOn: '2026-12-01' }, '2026-12-08')).toBeNull();
  });

  it('tells a meeting to come from one whose minutes wait to be signed off', () => {
    expect(meetingState({ heldOn: '2026-12-09', signedOffOn: null }, '2026-12-01')).toBe('upcoming');
    expect(meetingState({ heldOn: '2026-12-01', signedOffOn: null }, '2026-12-01')).toBe('held');
    expect(meetingState({ heldOn: '2026-11-10', signedOffOn: '2026-12-01' }, '2026-12-01')).toBe('signed-off');
  });

  it('numbers decisions and reads attendance as the minutes would', () => {
    expect(decisionReference(7)).toBe('DEC-0007');
    expect(attendanceSummary(['present', 'present', 'apologies', 'absent'], 5)).toBe('2 of 5 present, 1 apology');
    expect(attendanceSummary([], 5)).toBe('Attendance not recorded');
  });
});
