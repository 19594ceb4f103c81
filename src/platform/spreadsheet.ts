import { PassThrough, Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { excel, withinUnpackedBytes } from './exceljs-loader.js';
import { checkZip } from './zip-guard.js';
import { UserError } from './http/errors.js';
import { toCsv } from './csv.js';

/**
 * Spreadsheets in and out, as rows of text. The one place that knows about CSV and XLSX files, so
 * exceljs (pinned: it is large and slow-moving) can be swapped without touching a module.
 */
export type SpreadsheetFormat = 'csv' | 'xlsx';

export function formatOf(filename: string): SpreadsheetFormat | null {
  const m = /\.(csv|xlsx)$/i.exec(filename.trim());
  return m ? (m[1]!.toLowerCase() as SpreadsheetFormat) : null;
}

/** How much of a file Steward will read; a file past any of them is refused with a message naming it. */
export interface ReadLimits {
  rows: number;
  columns: number;
  cells: number;
  /** Bytes an XLSX file unpacks to, counted while inflating. */
  unpackedBytes: number;
  seconds: number;
}

export const readLimits: ReadLimits = { rows: 200_000, columns: 250, cells: 5_000_000, unpackedBytes: 256 * 1024 * 1024, seconds: 60 };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** Column letters as a spreadsheet shows them: 1 → A, 16384 → XFD. */
export function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** Keeps the rows within the limits as they are read: the caller adds each row, cells by column. */
class BoundedRows {
  readonly rows: string[][] = [];
  private cells = 0;
  private readonly deadline: number;
  constructor(private readonly limits: ReadLimits) {
    this.deadline = Date.now() + limits.seconds * 1000;
  }

  add(line: number, cells: Map<number, string> | string[]) {
    if (this.rows.length >= this.limits.rows)
      throw new UserError(`The file has more than ${plural(this.limits.rows, 'row')}: split it into smaller files`, { field: 'file' });
    if (Date.now() > this.deadline)
      throw new UserError(`The file took longer than ${plural(this.limits.seconds, 'second')} to read: split it into smaller files`, { field: 'file' });
    const row: string[] = [];
    const entries = cells instanceof Map ? [...cells] : cells.map((v, i) => [i, v] as const);
    for (const [column, text] of entries) {
      if (text.trim() === '') continue;
      if (column >= this.limits.columns) {
        throw new UserError(
          `Row ${line} has a value in column ${columnLetters(column + 1)}: Steward reads the first ${this.limits.columns} columns (A to ${columnLetters(this.limits.columns)}). Delete what is beyond them, or move it nearer`,
          { field: 'file' },
        );
      }
      while (row.length < column) row.push('');
      row.push(text);
    }
    if (!row.length) return;
    this.cells += row.length;
    if (this.cells > this.limits.cells)
      throw new UserError(`The file has more than ${plural(this.limits.cells, 'cell')} of data: split it into smaller files`, { field: 'file' });
    this.rows.push(row);
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(data: Buffer, limits: ReadLimits): Promise<string[][]> {
  const tooBig = `The spreadsheet unpacks to more than ${Math.round(limits.unpackedBytes / 1024 / 1024)} MB: save it as CSV or split it`;
  await checkZip(data, limits.unpackedBytes, tooBig);
  const out = new BoundedRows(limits);
  try {
    await withinUnpackedBytes(limits.unpackedBytes, tooBig, async () => {
      const reader = new (excel().stream.xlsx.WorkbookReader)(Readable.from(data), {
        worksheets: 'emit',
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        entries: 'ignore',
      });
      for await (const sheet of reader) {
        // Only the first sheet is the register; the rest are usually notes or lookups.
        for await (const row of sheet) {
          const cells = new Map<number, string>();
          // forEach visits only the cells the file holds, never the gaps between them.
          (row.values as ExcelJS.CellValue[]).forEach((value, column) => {
            if (column >= 1) cells.set(column - 1, cellText(value));
          });
          out.add(row.number, cells);
        }
        break;
      }
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`The file could not be read as an XLSX spreadsheet: ${(error as Error).message.split('\n')[0]}`, { field: 'file' });
  }
  return out.rows;
}

function readCsv(data: Buffer, limits: ReadLimits): string[][] {
  const out = new BoundedRows(limits);
  try {
    const text = data.toString('utf8').replace(/^\uFEFF/, '');
    const parser = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: false, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    for (const { record, info } of parser) out.add(info.lines, record);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`The file could not be read as CSV: ${(error as Error).message.split('\n')[0]}`, { field: 'file' });
  }
  return out.rows;
}

/**
 * The rows of an uploaded CSV or XLSX file as text, blank rows left out and trailing blank cells
 * dropped. A file past any of the limits is refused with a message that names the limit.
 */
export async function readSpreadsheet(filename: string, data: Buffer, limits: Partial<ReadLimits> = {}): Promise<string[][]> {
  const bounded = { ...readLimits, ...limits };
  const format = formatOf(filename);
  if (format === 'xlsx') return readXlsx(data, bounded);
  if (format !== 'csv') throw new UserError('The selected file must be a CSV or XLSX spreadsheet', { field: 'file' });
  return readCsv(data, bounded);
}

export interface SpreadsheetFile {
  body: string | Buffer;
  contentType: string;
  filename: string;
}

/**
 * A table as a download. CSV cells that a spreadsheet would run as formulas are neutralised; in
 * XLSX every text cell is written as text, which Excel never evaluates.
 */
export async function writeSpreadsheet(format: SpreadsheetFormat, name: string, header: string[], rows: unknown[][]): Promise<SpreadsheetFile> {
  if (format === 'csv') return { body: toCsv(header, rows), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` };
  // The streaming writer: about four times faster than building the workbook in memory.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Steward';
  const dates = new Set<number>();
  const cells = rows.map((r) =>
    r.map((v, i) => {
      if (v === null || v === undefined) return null;
      if (typeof v === 'number' || v instanceof Date) return v;
      // Dates go in as dates, so Excel sorts and filters them as dates.
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
        dates.add(i + 1);
        return new Date(`${v}T00:00:00Z`);
      }
      return String(v);
    }),
  );
  const sheet = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((h, i) => ({
    header: h,
    width: Math.min(40, Math.max(10, h.length + 2)),
    ...(dates.has(i + 1) ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const r of cells) sheet.addRow(r).commit();
  sheet.commit();
  await workbook.commit();
  await finished;
  const body = Buffer.concat(chunks);
  return { body, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx` };
}

export function sendSpreadsheet(reply: FastifyReply, file: SpreadsheetFile) {
  return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
}
