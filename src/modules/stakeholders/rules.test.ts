import { describe, expect, it } from 'vitest';
import { followUpState, isLocalPath, nextOccurrence, notMetCutoff, notMetRecently, occurrencesIn, quadrantOf, shiftMonth, weeksOf } from './rules.js';

describe('stakeholder rules', () => {
  it('puts a stakeholder in a quadrant of the influence/interest grid, with only high on the high side', () => {
    expect(quadrantOf(3, 3)).toBe('manage-closely');
    expect(quadrantOf(3, 2)).toBe('keep-satisfied');
    expect(quadrantOf(3, 1)).toBe('keep-satisfied');
    expect(quadrantOf(2, 3)).toBe('keep-informed');
    expect(quadrantOf(1, 3)).toBe('keep-informed');
    expect(quadrantOf(2, 2)).toBe('monitor');
    expect(quadrantOf(1, 1)).toBe('monitor');
  });

  it('says who has not been met in 90 days: never, or more than 90 days ago', () => {
    expect(notMetRecently(null, '2026-12-04')).toBe(true);
    expect(notMetRecently('2026-09-05', '2026-12-04')).toBe(false); // 90 days
    expect(notMetRecently('2026-09-04', '2026-12-04')).toBe(true); // 91 days
    expect(notMetRecently('2026-12-04', '2026-12-04')).toBe(false);
    expect(notMetCutoff('2026-12-04')).toBe('2026-09-05');
  });

  it('keeps only a link to a page of Steward itself with a reader’s feedback', () => {
    expect(isLocalPath('/posts/12')).toBe(true);
    expect(isLocalPath('/posts/12#feedback')).toBe(true);
    for (const href of ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/', '', '/posts/1 2'])
      expect(isLocalPath(href)).toBe(false);
  });

  it('tells an open follow-up from an overdue or a done one', () => {
    expect(followUpState({ dueOn: '2026-12-10', doneOn: null }, '2026-12-04')).toBe('open');
    expect(followUpState({ dueOn: '2026-12-01', doneOn: null }, '2026-12-04')).toBe('overdue');
    expect(followUpState({ dueOn: null, doneOn: null }, '2026-12-04')).toBe('open');
    expect(followUpState({ dueOn: '2026-12-01', doneOn: '2026-12-02' }, '2026-12-04')).toBe('done');
  });
});

describe('communications plan calendar', () => {
  it('puts a one-off message on its day only', () => {
    const plan = { frequency: 'one-off' as const, startsOn: '2026-12-09', endsOn: null };
    expect(occurrencesIn('2026-12', plan)).toEqual(['2026-12-09']);
    expect(occurrencesIn('2027-01', plan)).toEqual([]);
  });

  it('repeats a weekly message on its weekday, from its start to its end', () => {
    const plan = { frequency: 'weekly' as const, startsOn: '2026-11-18', endsOn: '2026-12-23' }; // Wednesdays
    expect(occurrencesIn('2026-11', plan)).toEqual(['2026-11-18', '2026-11-25']);
    expect(occurrencesIn('2026-12', plan)).toEqual(['2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23']);
    expect(occurrencesIn('2027-01', plan)).toEqual([]);
    expect(occurrencesIn('2026-10', plan)).toEqual([]);
  });

  it('puts a monthly message on its day of the month, the last day of a shorter month', () => {
    const plan = { frequency: 'monthly' as const, startsOn: '2026-10-31', endsOn: null };
    expect(occurrencesIn('2026-10', plan)).toEqual(['2026-10-31']);
    expect(occurrencesIn('2026-11', plan)).toEqual(['2026-11-30']);
    expect(occurrencesIn('2027-02', plan)).toEqual(['2027-02-28']);
    expect(occurrencesIn('2026-09', plan)).toEqual([]);
  });

  it('puts a quarterly message in every third month from its start', () => {
    const plan = { frequency: 'quarterly' as const, startsOn: '2026-04-15', endsOn: '2027-03-31' };
    expect(['2026-04', '2026-05', '2026-06', '2026-07', '2026-10', '2027-01', '2027-04'].map((m) => occurrencesIn(m, plan))).toEqual([
      ['2026-04-15'],
      [],
      [],
      ['2026-07-15'],
      ['2026-10-15'],
      ['2027-01-15'],
      [],
    ]);
  });

  it('finds the next day a message goes out, and lays a month out in weeks from Monday', () => {
    expect(nextOccurrence({ frequency: 'monthly', startsOn: '2026-01-20', endsOn: null }, '2026-12-04')).toBe('2026-12-20');
    expect(nextOccurrence({ frequency: 'monthly', startsOn: '2026-01-02', endsOn: null }, '2026-12-04')).toBe('2027-01-02');
    expect(nextOccurrence({ frequency: 'one-off', startsOn: '2026-01-02', endsOn: null }, '2026-12-04')).toBeNull();
    expect(nextOccurrence({ frequency: 'weekly', startsOn: '2026-01-05', endsOn: '2026-06-30' }, '2026-12-04')).toBeNull();
    const weeks = weeksOf('2026-12'); // 1 December 2026 is a Tuesday
    expect(weeks[0]).toEqual([null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(weeks.at(-1)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  });
});
