import { describe, expect, it } from 'vitest';
import { readSpreadsheet, writeSpreadsheet } from './spreadsheet.js';

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

  it('stops reading after the row limit so a caller can refuse a long file', async () => {
    const many = Array.from({ length: 50 }, (_, i) => [String(i)]);
    const xlsx = await writeSpreadsheet('xlsx', 'x', ['n'], many);
    expect((await readSpreadsheet('x.xlsx', xlsx.body as Buffer, 10)).length).toBe(11);
    const csv = await writeSpreadsheet('csv', 'x', ['n'], many);
    expect((await readSpreadsheet('x.csv', Buffer.from(csv.body as string), 10)).length).toBe(11);
  });

  it('reads every £ and ’ of a large workbook intact, wherever they fall in the file', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [`SYS-${i}`, `£${i},000`, `Council’s system ${i}`]);
    const file = await writeSpreadsheet('xlsx', 'x', ['Ref', 'Cost', 'Name'], rows);
    const back = await readSpreadsheet('x.xlsx', file.body as Buffer);
    expect(back.slice(1).filter((r, i) => r.join('|') !== rows[i]!.join('|'))).toEqual([]);
  }, 30_000);
});
