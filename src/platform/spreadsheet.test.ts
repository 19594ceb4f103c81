import { describe, expect, it } from 'vitest';
import { readSpreadsheet, writeSpreadsheet } from './spreadsheet.js';
import { sheetXml, workbook } from '../../test/support/xlsx.js';

describe('spreadsheets in and out', () => {
  it('writes XLSX with numbers and dates as Excel keeps them, and reads it back as text', async () => {
    const file = await writeSpreadsheet(
      'xlsx',
      'systems',
      ['Identifier', 'Cost', 'End of support', 'Note'],
      [
        ['A-1', 12500, '2027-03-31', '=HYPERLINK("http://evil")'],
        ['A-2', null, null, 'plain'],
      ],
    );
    expect(file.filename).toBe('systems.xlsx');
    const rows = await readSpreadsheet(file.filename, file.body as Buffer);
    expect(rows).toEqual([
      ['Identifier', 'Cost', 'End of support', 'Note'],
      ['A-1', '12500', '2027-03-31', '=HYPERLINK("http://evil")'],
      ['A-2', '', '', 'plain'],
    ]);
  });

  it('neutralises formulas in CSV and strips a byte-order mark when reading', async () => {
    const file = await writeSpreadsheet('csv', 'systems', ['Name'], [['=1+1'], ['@SUM(A1)']]);
    expect(file.body).toBe("Name\n'=1+1\n'@SUM(A1)\n");
    expect(await readSpreadsheet('a.csv', Buffer.from('\uFEFFName\r\nx\r\n\r\n'))).toEqual([['Name'], ['x']]);
  });

  it('refuses a workbook that would unpack to more than 256 MB, before unpacking it', async () => {
    const file = (await writeSpreadsheet('xlsx', 'x', ['a'], [['b']])).body as Buffer;
    const bomb = Buffer.from(file);
    // Claim a huge uncompressed size in the zip's first central directory entry.
    const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(0xfffffff0, central + 24);
    await expect(readSpreadsheet('bomb.xlsx', bomb)).rejects.toThrow('unpacks to more than 256 MB');
    await expect(readSpreadsheet('junk.xlsx', Buffer.from('not a zip at all, just words'))).rejects.toThrow('not a readable XLSX');
  });

  it('refuses a file longer than the row limit, naming the limit', async () => {
    const many = Array.from({ length: 50 }, (_, i) => [String(i)]);
    const xlsx = await writeSpreadsheet('xlsx', 'x', ['n'], many);
    await expect(readSpreadsheet('x.xlsx', xlsx.body as Buffer, { rows: 10 })).rejects.toThrow('more than 10 rows');
    const csv = await writeSpreadsheet('csv', 'x', ['n'], many);
    await expect(readSpreadsheet('x.csv', Buffer.from(csv.body as string), { rows: 10 })).rejects.toThrow('more than 10 rows');
    expect(await readSpreadsheet('x.csv', Buffer.from(csv.body as string), { rows: 51 })).toHaveLength(51);
    await expect(readSpreadsheet('x.csv', Buffer.from(csv.body as string), { rows: 50 })).rejects.toThrow('more than 50 rows');
  });

  it('reads every £ and ’ of a large workbook intact, wherever they fall in the file', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [`SYS-${i}`, `£${i},000`, `Council’s system ${i}`]);
    const file = await writeSpreadsheet('xlsx', 'x', ['Ref', 'Cost', 'Name'], rows);
    const back = await readSpreadsheet('x.xlsx', file.body as Buffer);
    expect(back.slice(1).filter((r, i) => r.join('|') !== rows[i]!.join('|'))).toEqual([]);
  }, 30_000);
});

describe('spreadsheets that lie about their size', () => {
  it('refuses a workbook with cells far out to the right without padding every row out to them', async () => {
    const rows = [new Map([[1, 'Identifier']]), ...Array.from({ length: 40_000 }, (_, i) => new Map([[16_384, `x${i}`]]))];
    const file = workbook(sheetXml(rows));
    expect(file.length).toBeLessThan(1_000_000);
    const before = process.memoryUsage().heapUsed;
    await expect(readSpreadsheet('wide.xlsx', file)).rejects.toThrow('Row 2 has a value in column XFD: Steward reads the first 250 columns (A to IP)');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('keeps cells beyond the last filled column out of the rows, and counts every cell against the limit', async () => {
    const rows = [
      new Map([
        [1, 'Ref'],
        [3, 'Name'],
      ]),
      new Map([[3, 'Payroll']]),
      new Map([[1, 'A-2']]),
    ];
    expect(await readSpreadsheet('gaps.xlsx', workbook(sheetXml(rows)))).toEqual([['Ref', '', 'Name'], ['', '', 'Payroll'], ['A-2']]);
    await expect(readSpreadsheet('gaps.xlsx', workbook(sheetXml(rows)), { cells: 4 })).rejects.toThrow('more than 4 cells of data');
    await expect(readSpreadsheet('wide.csv', Buffer.from(`a,b\n${','.repeat(300)}x\n`))).rejects.toThrow('Row 2 has a value in column KO');
  });

  it('counts the bytes a workbook really unpacks to, whatever its headers declare', async () => {
    const padding = `<!--${' '.repeat(3_000_000)}-->`;
    const sheet = sheetXml([new Map([[1, 'Ref']]), new Map([[1, 'A-1']])]).replace('<sheetData>', `${padding}<sheetData>`);
    const lying = workbook(sheet, { declaredSheetSize: 100 });
    await expect(readSpreadsheet('bomb.xlsx', lying, { unpackedBytes: 1_000_000 })).rejects.toThrow('unpacks to more than 1 MB');
    // Within the limit, a size that does not match what the entry holds is still a broken file.
    await expect(readSpreadsheet('bomb.xlsx', lying)).rejects.toThrow('not a readable XLSX');
    expect(await readSpreadsheet('honest.xlsx', workbook(sheet))).toEqual([['Ref'], ['A-1']]);
  });

  it('refuses a zip with an entry hidden from its directory', async () => {
    const honest = workbook(sheetXml([new Map([[1, 'Ref']])]));
    const hidden = Buffer.concat([Buffer.from('PK\x03\x04junk that is not in the directory'), honest]);
    const end = hidden.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    // Move the directory's recorded start along, as if the junk were part of the file.
    hidden.writeUInt32LE(hidden.readUInt32LE(end + 16) + 38, end + 16);
    await expect(readSpreadsheet('hidden.xlsx', hidden)).rejects.toThrow('not a readable XLSX');
  });

  it('stops a read that runs past its time limit', async () => {
    const file = await writeSpreadsheet('xlsx', 'x', ['n'], [['1']]);
    await expect(readSpreadsheet('x.xlsx', file.body as Buffer, { seconds: -1 })).rejects.toThrow('took longer than');
  });
});
