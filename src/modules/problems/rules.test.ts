import { describe, expect, it } from 'vitest';
import { canMove, moveRefusal, problemNumber, problemReference, proposeProblems, publishesWorkaround, workaroundArticle, type IncidentFact } from './rules.js';

describe('problem rules', () => {
  it('moves a problem along its workflow, and back to investigation when a fix does not hold', () => {
    expect(canMove('logged', 'investigating')).toBe(true);
    expect(canMove('known_error', 'investigating')).toBe(true);
    expect(canMove('resolved', 'investigating')).toBe(true);
    expect(canMove('closed', 'investigating')).toBe(false);
    expect(canMove('investigating', 'logged')).toBe(false);
  });

  it('needs a root cause and a workaround for a known error, and a root cause to resolve', () => {
    expect(moveRefusal('investigating', 'known_error', { rootCause: 'Update KB5034441', workaround: null })?.field).toBe('workaround');
    expect(moveRefusal('investigating', 'known_error', { rootCause: ' ', workaround: 'Sign out and back in' })?.field).toBe('rootCause');
    expect(moveRefusal('investigating', 'known_error', { rootCause: 'Update KB5034441', workaround: 'Sign out and back in' })).toBeNull();
    expect(moveRefusal('logged', 'resolved', { rootCause: null, workaround: null })?.field).toBe('rootCause');
    expect(moveRefusal('closed', 'logged', { rootCause: null, workaround: null })?.field).toBe('status');
  });

  it('publishes a workaround only once the problem is a known error', () => {
    expect(publishesWorkaround('investigating', 'Restart')).toBe(false);
    expect(publishesWorkaround('known_error', 'Restart')).toBe(true);
    expect(publishesWorkaround('known_error', '  ')).toBe(false);
    expect(publishesWorkaround('resolved', 'Restart')).toBe(true);
    const article = workaroundArticle({
      reference: 'PRB-000042',
      title: 'Citrix sessions freeze after the monthly Windows update',
      workaround: 'Sign out of Citrix and back in.',
      serviceName: 'Citrix',
    });
    expect(article.title).toBe('Known error: Citrix sessions freeze after the monthly Windows update');
    expect(article.body).toContain('PRB-000042');
    expect(article.body).toContain('Sign out of Citrix and back in.');
  });

  it('makes references per organisation like PRB-000042 and reads them back as typed', () => {
    expect(problemReference(42)).toBe('PRB-000042');
    expect(problemNumber('PRB-000042')).toBe(42);
    expect(problemNumber('prb 42')).toBe(42);
    expect(problemNumber('42')).toBe(42);
    expect(problemNumber('INC-000042')).toBeNull();
  });

  it('proposes a problem for three incidents on one service within five days that no problem covers', () => {
    const at = (day: number) => new Date(Date.UTC(2026, 10, 1 + day, 9)).toISOString();
    const incidents: IncidentFact[] = [
      { id: 1, serviceId: 7, openedAt: at(0), covered: false },
      { id: 2, serviceId: 7, openedAt: at(2), covered: false },
      { id: 3, serviceId: 7, openedAt: at(4), covered: false },
      { id: 4, serviceId: 7, openedAt: at(20), covered: false },
      { id: 5, serviceId: 8, openedAt: at(0), covered: false },
      { id: 6, serviceId: 8, openedAt: at(1), covered: true },
      { id: 7, serviceId: 8, openedAt: at(2), covered: false },
      { id: 8, serviceId: 9, openedAt: at(0), covered: false },
      { id: 9, serviceId: 9, openedAt: at(3), covered: false },
      { id: 10, serviceId: 9, openedAt: at(9), covered: false },
    ];
    const proposals = proposeProblems(incidents);
    expect(proposals).toEqual([expect.objectContaining({ serviceId: 7, incidentIds: [1, 2, 3] })]);
    expect(proposeProblems(incidents, { incidents: 2, days: 5 }).map((p) => p.serviceId)).toEqual([7, 8, 9]);
  });

  it('proposes a cluster on a system once, not again under its service', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 10, 1, h)).toISOString();
    const incidents: IncidentFact[] = [1, 2, 3].map((id) => ({ id, serviceId: 7, systemId: 70, openedAt: at(id), covered: false }));
    expect(proposeProblems(incidents)).toHaveLength(1);
  });
});
