import { stringify } from 'csv-stringify/sync';

/**
 * CSV out through csv-stringify with `escape_formulas`: every cell a spreadsheet would run as a
 * formula (=, +, -, @, tab, carriage return, and their full-width forms such as ＝) gets a
 * leading apostrophe, the header row included, while a number such as -5 stays a number.
 */
export function toCsv(header: string[], rows: unknown[][]): string {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : typeof v === 'number' || typeof v === 'bigint' ? v : String(v))));
  return stringify([header, ...cells], { bom: false, escape_formulas: true, cast: { number: (n) => String(n) } });
}
