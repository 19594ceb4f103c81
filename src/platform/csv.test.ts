import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from './csv.js';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would treat as formulas', () => {
    for (const bad of ['=HYPERLINK("http://evil.example")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralise(bad).startsWith("'")).toBe(true);
    expect(neutralise('Printer jammed')).toBe('Printer jammed');
    expect(neutralise(42)).toBe('42');
    expect(neutralise(null)).toBe('');
  });
  it('quotes commas, quotes and new lines', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"\nthere']])).toBe('a,b\n"x, y","say ""hi""\nthere"\n');
  });
});
