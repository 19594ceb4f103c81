import { stringify } from 'csv-stringify/sync';

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
export function neutralise(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((r) => r.map(neutralise))], { bom: false });
}
