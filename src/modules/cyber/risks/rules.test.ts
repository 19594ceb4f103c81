import { describe, expect, it } from 'vitest';
import { bandOf, heatMap, outsideAppetite, reviewOverdue, scoreOf } from './rules.js';

describe('the risk matrix', () => {
  it('scores likelihood by impact and bands the score', () => {
    expect(scoreOf(4, 5)).toBe(20);
    expect(bandOf(20).key).toBe('very-high');
    expect(bandOf(12).key).toBe('high');
    expect(bandOf(6).key).toBe('medium');
    expect(bandOf(4).key).toBe('low');
  });
  it('is outside appetite above the appetite, not at it', () => {
    expect(outsideAppetite(12, 12)).toBe(false);
    expect(outsideAppetite(15, 12)).toBe(true);
  });
  it('is overdue for review the day after it was due', () => {
    expect(reviewOverdue('2026-11-30', '2026-12-01')).toBe(true);
    expect(reviewOverdue('2026-12-01', '2026-12-01')).toBe(false);
    expect(reviewOverdue(null, '2026-12-01')).toBe(false);
  });
  it('counts risks per cell and ignores a score off the matrix', () => {
    const cells = heatMap([
      { likelihood: 1, impact: 1 },
      { likelihood: 5, impact: 4 },
      { likelihood: 5, impact: 4 },
      { likelihood: 6, impact: 1 },
    ]);
    expect(cells[0]![0]).toBe(1);
    expect(cells[4]![3]).toBe(2);
    expect(cells.flat().reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe('a council’s own matrix', () => {
  it('bands and counts by the council’s steps, and says what is wrong with a matrix it cannot use', async () => {
    const { matrixProblems, bandOf: band, heatMap: cells, defaultAppetite } = await import('./rules.js');
    const four = { likelihoods: ['a', 'b', 'c', 'd'], impacts: ['w', 'x', 'y', 'z'], bands: { medium: 3, high: 8, veryHigh: 12 } };
    expect(matrixProblems(four)).toEqual([]);
    expect(band(12, four).key).toBe('very-high');
    expect(
      cells(
        [
          { likelihood: 4, impact: 4 },
          { likelihood: 5, impact: 1 },
        ],
        four,
      )[3]![3],
    ).toBe(1);
    expect(defaultAppetite(four)).toBe(8);
    expect(matrixProblems({ ...four, impacts: ['w', 'W', 'y'] })[0]!.message).toContain('a name of its own');
    expect(matrixProblems({ ...four, bands: { medium: 3, high: 8, veryHigh: 17 } })[0]!.field).toBe('medium');
  });
});
