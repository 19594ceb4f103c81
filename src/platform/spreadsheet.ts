import { PassThrough, Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { excel } from './exceljs-loader.js';
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

/** An XLSX file is a zip: refuse one that would unpack to more than this, before unpacking it. */
const maxUnpackedBytes = 256 * 1024 * 1024;

function unpackedSize(data: Buffer): number {
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new UserError('The file is not a readable XLSX spreadsheet', { field: 'file' });
  const entries = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) throw new UserError('The file is not a readable XLSX spreadsheet', { field: 'file' });
    total += data.readUInt32LE(at + 24);
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return total;
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

async function readXlsx(data: Buffer, maxRows: number): Promise<string[][]> {
  if (unpackedSize(data) > maxUnpackedBytes) throw new UserError('The spreadsheet unpacks to more than 256 MB: save it as CSV or split it', { field: 'file' });
  const rows: string[][] = [];
  try {
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
        if (rows.length > maxRows) break;
        const cells: string[] = [];
        const values = row.values as ExcelJS.CellValue[];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        while (rows.length < row.number - 1) rows.push([]);
        rows.push(cells);
      }
      break;
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`The file could not be read as an XLSX spreadsheet: ${(error as Error).message.split('\n')[0]}`, { field: 'file' });
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/**
 * The rows of an uploaded CSV or XLSX file as text, blank rows left out. At most maxRows + 1 rows
 * are returned, so a caller can say the file is too long without reading all of it.
 */
export async function readSpreadsheet(filename: string, data: Buffer, maxRows = Number.POSITIVE_INFINITY): Promise<string[][]> {
  const format = formatOf(filename);
  if (format === 'xlsx') return readXlsx(data, maxRows);
  if (format !== 'csv') throw new UserError('The selected file must be a CSV or XLSX spreadsheet', { field: 'file' });
  try {
    const text = data.toString('utf8').replace(/^\uFEFF/, '');
    return (
      parse(text, { relax_column_count: true, skip_empty_lines: true, trim: false, ...(Number.isFinite(maxRows) ? { to: maxRows + 1 } : {}) }) as string[][]
    ).filter((r) => r.some((c) => c.trim() !== ''));
  } catch (error) {
    throw new UserError(`The file could not be read as CSV: ${(error as Error).message.split('\n')[0]}`, { field: 'file' });
  }
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
