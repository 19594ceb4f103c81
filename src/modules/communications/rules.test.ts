import { describe, expect, it } from 'vitest';
import { colourProblem, dailyHistory, inLanguage, postState, publishingTime, shortNameProblem, statusNow, uptime, worst } from './rules.js';

describe('the status of a component', () => {
  const now = '2026-12-04T12:00:00.000Z';
  it('is the worst of its open problems, and planned work under way outranks only all being well', () => {
    expect(worst([])).toBe('operational');
    expect(worst(['degraded', 'major', 'partial'])).toBe('major');
    const open = { impact: 'partial' as const, started_at: '2026-12-04T10:00:00.000Z', resolved_at: null };
    const over = { impact: 'major' as const, started_at: '2026-12-03T10:00:00.000Z', resolved_at: '2026-12-03T11:00:00.000Z' };
    expect(statusNow([over], [], now)).toBe('operational');
    expect(statusNow([over, open], [], now)).toBe('partial');
    expect(statusNow([], [{ from: '2026-12-04T11:00:00.000Z', to: '2026-12-04T13:00:00.000Z' }], now)).toBe('maintenance');
    expect(statusNow([], [{ from: '2026-12-04T13:00:00.000Z', to: '2026-12-04T14:00:00.000Z' }], now)).toBe('operational');
    expect(statusNow([open], [{ from: '2026-12-04T11:00:00.000Z', to: null }], now)).toBe('partial');
  });

  it('keeps 90 days, each with its worst status and the minutes of trouble, and counts outages against the time up', () => {
    const history = dailyHistory(
      [
        { impact: 'major', started_at: '2026-12-02T23:00:00.000Z', resolved_at: '2026-12-03T01:00:00.000Z' },
        { impact: 'degraded', started_at: '2026-12-03T05:00:00.000Z', resolved_at: '2026-12-03T06:00:00.000Z' },
      ],
      '2026-12-04',
    );
    expect(history).toHaveLength(90);
    expect(history[0]!.day).toBe('2026-09-06');
    expect(history.at(-1)!.day).toBe('2026-12-04');
    expect(history.at(-3)).toMatchObject({ day: '2026-12-02', status: 'major', minutes: 60 });
    expect(history.at(-2)).toMatchObject({ day: '2026-12-03', status: 'major', minutes: 120, incidents: 2 });
    expect(uptime(history)).toBe(99.8);
    expect(uptime(dailyHistory([], '2026-12-04'))).toBe(100);
  });
});

describe('the public pages', () => {
  it('refuses short names the addresses use, or that are not plain', () => {
    expect(shortNameProblem('eastwold')).toBeNull();
    expect(shortNameProblem('north-east-fire')).toBeNull();
    expect(shortNameProblem('cy')).toContain('3 to 40');
    expect(shortNameProblem('feed')).toContain('addresses use');
    expect(shortNameProblem('Eastwold')).toContain('lower-case');
    expect(shortNameProblem('east wold')).not.toBeNull();
    expect(shortNameProblem('-east')).not.toBeNull();
  });

  it('falls back to English, saying so, where the Welsh is missing', () => {
    expect(inLanguage('cy', 'Bin days', 'Diwrnodau biniau')).toEqual({ text: 'Diwrnodau biniau', lang: 'cy', fallback: false });
    expect(inLanguage('cy', 'Bin days', '  ')).toEqual({ text: 'Bin days', lang: 'en', fallback: true });
    expect(inLanguage('en', 'Bin days', 'Diwrnodau biniau')).toEqual({ text: 'Bin days', lang: 'en', fallback: false });
  });

  it('takes a colour only when white text on it is readable', () => {
    expect(colourProblem('#1d70b8')).toBeNull();
    expect(colourProblem('#005a8c')).toBeNull();
    expect(colourProblem('#ffdd00')).toContain('hard to read');
    expect(colourProblem('blue')).toContain('hex code');
    expect(colourProblem('#12345')).toContain('hex code');
  });
});

describe('publishing a post', () => {
  const now = new Date('2026-12-04T09:00:00.000Z');
  it('publishes now, and says so, when the time asked for has passed', () => {
    expect(publishingTime('2026-12-01T09:00:00.000Z', now)).toEqual({ at: now.toISOString(), movedToNow: true });
    expect(publishingTime('2026-12-10T09:00:00.000Z', now)).toEqual({ at: '2026-12-10T09:00:00.000Z', movedToNow: false });
    expect(publishingTime(null, now)).toEqual({ at: null, movedToNow: false });
  });
  it('is a draft, scheduled or published', () => {
    expect(postState(null, now.toISOString())).toBe('draft');
    expect(postState('2026-12-10T09:00:00.000Z', now.toISOString())).toBe('scheduled');
    expect(postState('2026-12-01T09:00:00.000Z', now.toISOString())).toBe('published');
  });
});
