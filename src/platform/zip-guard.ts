import zlib from 'node:zlib';
import { UserError } from './http/errors.js';

/**
 * An XLSX file is a zip, and a zip's declared sizes can be edited. Before a reader unpacks one,
 * every entry is inflated here once with the output counted and thrown away, so the bytes a file
 * really unpacks to are known, not trusted from its headers. The entries must also lie end to end
 * as the central directory says, so a reader walking the local headers (as exceljs's does) sees
 * exactly the entries that were counted.
 */
const unreadable = () => new UserError('The file is not a readable XLSX spreadsheet', { field: 'file' });

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  offset: number;
}

function centralDirectory(data: Buffer): { entries: Entry[]; start: number } {
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable();
  const count = data.readUInt16LE(end + 10);
  const start = data.readUInt32LE(end + 16);
  if (count === 0xffff || start === 0xffffffff) throw new UserError('The spreadsheet is too large to read: save it as CSV or split it', { field: 'file' });
  const entries: Entry[] = [];
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) throw unreadable();
    const nameLength = data.readUInt16LE(at + 28);
    entries.push({
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
      offset: data.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return { entries, start };
}

async function inflatedSize(compressed: Buffer, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw();
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) {
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', () => reject(unreadable()));
    inflate.end(compressed);
  });
}

/**
 * Refuses a zip that unpacks to more than `maxBytes`, counted while inflating, or whose entries do
 * not lie where its directory says. Returns the bytes it unpacks to.
 */
export async function checkZip(data: Buffer, maxBytes: number, tooBig: string): Promise<number> {
  const { entries, start } = centralDirectory(data);
  const refuseSize = () => new UserError(tooBig, { field: 'file' });
  if (entries.reduce((sum, e) => sum + e.size, 0) > maxBytes) throw refuseSize();
  let expected = 0;
  let total = 0;
  for (const e of [...entries].sort((a, b) => a.offset - b.offset)) {
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff) throw refuseSize();
    const at = e.offset;
    if (at !== expected || at + 30 > data.length || data.readUInt32LE(at) !== 0x04034b50) throw unreadable();
    const localName = data.toString('utf8', at + 30, at + 30 + data.readUInt16LE(at + 26));
    if (localName !== e.name || data.readUInt16LE(at + 8) !== e.method) throw unreadable();
    const dataStart = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
    const dataEnd = dataStart + e.compressedSize;
    if (dataEnd > start) throw unreadable();
    const compressed = data.subarray(dataStart, dataEnd);
    // A reader that looks for the data descriptor would stop at a false one inside the data.
    const usesDescriptor = (e.flags & 0x08) !== 0;
    if (usesDescriptor && compressed.includes(Buffer.from([0x50, 0x4b, 0x07, 0x08]))) throw unreadable();
    let size: number;
    if (e.method === 0) size = compressed.length;
    else if (e.method === 8) size = await inflatedSize(compressed, maxBytes - total);
    else throw unreadable();
    total += size;
    if (total > maxBytes) throw refuseSize();
    if (size !== e.size) throw unreadable();
    expected = dataEnd;
    if (usesDescriptor) {
      // The descriptor follows the data: 12 bytes, or 16 with its optional signature.
      expected += data.readUInt32LE(dataEnd) === 0x08074b50 ? 16 : 12;
    }
  }
  if (expected !== start) throw unreadable();
  return total;
}
