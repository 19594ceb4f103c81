import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would treat as formulas, in the header too, full-width forms included', () => {
    const csv = toCsv(['=HEADER()'], [['=HYPERLINK("http://evil.example")'], ['+1+1'], ['-2+3'], ['@SUM(A1)'], ['\t=1'], ['\r=1'], ['＝1+1'], ['＋1']]);
    const lines = csv.split('\n').filter(Boolean);
    expect(lines[0]).toBe("'=HEADER()");
    for (const line of lines.slice(1)) expect(line.replace(/^"/, '').startsWith("'")).toBe(true);
  });
  it('leaves numbers and plain text alone', () => {
    expect(
      toCsv(
        ['Cost', 'Note'],
        [
          [-5, 'Printer jammed'],
          [42, null],
        ],
      ),
    ).toBe('Cost,Note\n-5,Printer jammed\n42,\n');
  });
  it('quotes commas, quotes and new lines', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"\nthere']])).toBe('a,b\n"x, y","say ""hi""\nthere"\n');
  });
});
