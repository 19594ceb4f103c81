import { describe, expect, it } from 'vitest';
import {
  cabOutcome,
  canMove,
  changeNumber,
  changeReference,
  conflictsOf,
  emergencyShare,
  overlaps,
  requiredApprovers,
  riskLevel,
  riskScore,
  scheduleRefusal,
  successRate,
} from './rules.js';

const freeze = { id: 1, name: 'Annual council tax billing', start: '2027-03-01T00:00:00.000Z', end: '2027-03-20T00:00:00.000Z' };

describe('change rules', () => {
  it('moves a change along its workflow; only a standard change skips the CAB', () => {
    expect(canMove('standard', 'draft', 'scheduled')).toBe(true);
    expect(canMove('normal', 'draft', 'scheduled')).toBe(false);
    expect(canMove('normal', 'awaiting_cab', 'approved_with_conditions')).toBe(true);
    expect(canMove('normal', 'in_progress', 'backed_out')).toBe(true);
    expect(canMove('normal', 'reviewed', 'draft')).toBe(false);
  });

  it('makes and reads references like CHG-000123', () => {
    expect(changeReference(123)).toBe('CHG-000123');
    expect(changeNumber('chg-000123')).toBe(123);
    expect(changeNumber('PRB-000123')).toBeNull();
  });

  it('sets who must approve from the risk score', () => {
    const low = riskScore({ impactOnResidents: 0, systemsAffected: 1, untestedOrNew: 0, hardToBackOut: 0, duringBusinessHours: 1 });
    const high = riskScore({ impactOnResidents: 3, systemsAffected: 3, untestedOrNew: 3, hardToBackOut: 3, duringBusinessHours: 3 });
    expect(riskLevel(low)).toBe('low');
    expect(riskLevel(10)).toBe('medium');
    expect(riskLevel(high)).toBe('high');
    expect(requiredApprovers('normal', 'low')).toEqual(['change_manager']);
    expect(requiredApprovers('normal', 'medium')).toEqual(['cab']);
    expect(requiredApprovers('normal', 'high')).toEqual(['cab', 'head_of_it']);
    expect(requiredApprovers('emergency', 'low')).toEqual(['ecab']);
    expect(requiredApprovers('standard', 'high')).toEqual([]);
  });

  it('decides a CAB outcome only at quorum, and any rejection rejects', () => {
    expect(cabOutcome(['approve'], 3)).toBeNull();
    expect(cabOutcome(['approve', 'approve', 'approve'], 3)).toBe('approved');
    expect(cabOutcome(['approve', 'approve_with_conditions', 'approve'], 3)).toBe('approved_with_conditions');
    expect(cabOutcome(['reject'], 3)).toBe('rejected');
  });

  it('refuses a change ending before it starts, or in a freeze window without an emergency reason', () => {
    expect(scheduleRefusal({ kind: 'normal', start: '2027-02-02T10:00:00.000Z', end: '2027-02-02T09:00:00.000Z', emergencyReason: null }, [])?.field).toBe(
      'plannedEnd',
    );
    expect(
      scheduleRefusal({ kind: 'normal', start: '2027-03-02T10:00:00.000Z', end: '2027-03-02T12:00:00.000Z', emergencyReason: null }, [freeze])?.message,
    ).toContain('Annual council tax billing');
    expect(
      scheduleRefusal({ kind: 'emergency', start: '2027-03-02T10:00:00.000Z', end: '2027-03-02T12:00:00.000Z', emergencyReason: ' ' }, [freeze])?.field,
    ).toBe('plannedStart');
    expect(
      scheduleRefusal({ kind: 'emergency', start: '2027-03-02T10:00:00.000Z', end: '2027-03-02T12:00:00.000Z', emergencyReason: 'Zero-day in the firewall' }, [
        freeze,
      ]),
    ).toBeNull();
  });

  it('finds conflicts on the same system, a dependency, a freeze and outside maintenance windows', () => {
    expect(overlaps({ start: 'a', end: 'b' }, { start: 'b', end: 'c' })).toBe(false);
    const change = { id: 1, start: '2027-03-10T20:00:00.000Z', end: '2027-03-10T22:00:00.000Z', systemIds: [10] };
    const others = [
      { id: 2, start: '2027-03-10T21:00:00.000Z', end: '2027-03-10T23:00:00.000Z', systemIds: [10] },
      { id: 3, start: '2027-03-10T19:00:00.000Z', end: '2027-03-10T20:30:00.000Z', systemIds: [20] },
      { id: 4, start: '2027-03-11T20:00:00.000Z', end: '2027-03-11T22:00:00.000Z', systemIds: [10] },
      { id: 5, start: '2027-03-10T20:00:00.000Z', end: '2027-03-10T22:00:00.000Z', systemIds: [30] },
    ];
    const found = conflictsOf(change, others, new Map([[10, [20]]]), [freeze], [{ start: '2027-03-10T18:00:00.000Z', end: '2027-03-10T21:00:00.000Z' }]);
    expect(found.map((c) => c.type)).toEqual(['same_system', 'dependency', 'freeze', 'outside_maintenance']);
    expect(conflictsOf(change, [], new Map(), [], [])).toEqual([]);
  });

  it('measures success rate and emergency share', () => {
    expect(successRate({ implemented: 8, failed: 1, backedOut: 1 })).toBe(0.8);
    expect(successRate({ implemented: 0, failed: 0, backedOut: 0 })).toBeNull();
    expect(emergencyShare({ emergency: 1, total: 4 })).toBe(0.25);
  });
});
