import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, dueAlerts, noticeDeadline } from './notice.js';

describe('contract notice deadlines', () => {
  it('takes the notice period from the end date', () => {
    expect(noticeDeadline('2027-03-31', 6)).toBe('2026-09-30');
    expect(noticeDeadline('2027-03-31', 0)).toBe('2027-03-31');
  });
  it('keeps month ends within the month, leap years included', () => {
    expect(addMonths('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
  it('says which lead-time alerts are due, and none after the deadline', () => {
    expect(dueAlerts('2027-06-30', [12, 6, 3], '2026-07-01')).toEqual([12]);
    expect(dueAlerts('2027-06-30', [12, 6, 3], '2027-04-15')).toEqual([12, 6, 3]);
    expect(dueAlerts('2027-06-30', [12, 6, 3], '2027-07-01')).toEqual([]);
  });
  it('counts days', () => {
    expect(daysBetween('2026-11-25', '2026-12-25')).toBe(30);
  });
});
