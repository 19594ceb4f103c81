import { describe, expect, it } from 'vitest';
import { derivedStatus, meetsTarget, quantityOf } from './rules.js';
import { cafRule, cafScale } from './frameworks/tree.js';

const tiers = (na: [number, number], pa: [number, number], a: [number, number]) => ({
  'not-achieved': { total: na[0], holding: na[1] },
  'partially-achieved': { total: pa[0], holding: pa[1] },
  achieved: { total: a[0], holding: a[1] },
});

describe('the CAF’s rule, as data', () => {
  it('is not achieved when any not-achieved indicator holds, whatever else does', () => {
    expect(derivedStatus(cafRule, tiers([3, 1], [2, 2], [4, 4]))).toBe('not-achieved');
  });
  it('is achieved when every achieved indicator holds', () => {
    expect(derivedStatus(cafRule, tiers([3, 0], [2, 0], [4, 4]))).toBe('achieved');
  });
  it('is partially achieved when every partially-achieved indicator holds but not every achieved one', () => {
    expect(derivedStatus(cafRule, tiers([3, 0], [2, 2], [4, 3]))).toBe('partially-achieved');
  });
  it('is not achieved when neither set fully holds', () => {
    expect(derivedStatus(cafRule, tiers([3, 0], [2, 1], [4, 3]))).toBe('not-achieved');
  });
  it('is achieved or not for an outcome with no partially-achieved tier', () => {
    expect(derivedStatus(cafRule, tiers([2, 0], [0, 0], [3, 2]))).toBe('not-achieved');
    expect(derivedStatus(cafRule, tiers([2, 0], [0, 0], [3, 3]))).toBe('achieved');
  });
  it('reads a table rule by none, some and all', () => {
    expect(quantityOf(0, 0)).toBe('none');
    expect(quantityOf(3, 1)).toBe('some');
    const table = {
      kind: 'table' as const,
      order: ['achieved', 'partially-achieved', 'not-achieved'],
      statuses: { all_none_none: 'achieved', some_all_none: 'partially-achieved' },
    };
    expect(derivedStatus(table, tiers([1, 0], [2, 0], [2, 2]))).toBe('achieved');
    expect(derivedStatus(table, tiers([1, 0], [2, 2], [2, 1]))).toBe('partially-achieved');
    expect(derivedStatus(table, tiers([1, 1], [2, 2], [2, 1]))).toBeNull();
    expect(derivedStatus({ kind: 'chosen' }, tiers([1, 1], [0, 0], [0, 0]))).toBeNull();
  });
  it('meets a target at or above it on the scale', () => {
    expect(meetsTarget(cafScale, 'achieved', 'partially-achieved')).toBe(true);
    expect(meetsTarget(cafScale, 'partially-achieved', 'achieved')).toBe(false);
    expect(meetsTarget(cafScale, null, 'achieved')).toBe(false);
    expect(meetsTarget(cafScale, 'not-achieved', undefined)).toBeNull();
  });
});
