import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type { PassThrough as PassThroughStream } from 'node:stream';
import type ExcelJSModule from 'exceljs';
import type { SaxesParser as SaxesParserClass } from 'saxes';
import { UserError } from './http/errors.js';

const require = createRequire(import.meta.url);

/** What one read may still unpack; every chunk of XML exceljs parses is counted against it. */
const unpacking = new AsyncLocalStorage<{ left: number; tooBig: string }>();

/**
 * Runs a read of a workbook with a budget of unpacked bytes: a second guard beside the zip check,
 * counting what exceljs actually inflates and parses.
 */
export async function withinUnpackedBytes<T>(bytes: number, tooBig: string, read: () => Promise<T>): Promise<T> {
  return unpacking.run({ left: bytes, tooBig }, read);
}

function count(chunk: Buffer | string) {
  const budget = unpacking.getStore();
  if (!budget) return;
  budget.left -= typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  if (budget.left < 0) throw new UserError(budget.tooBig, { field: 'file' });
}

/**
 * exceljs 4.4.0 decodes each chunk of a sheet's XML on its own, so a character such as £ or ’ that
 * falls across two chunks of a large workbook reads as two broken characters. Until a release
 * fixes it, its SAX step is replaced, before exceljs loads, by the same step with a streaming
 * UTF-8 decoder. The version is checked, so an upgrade has to look at this again.
 */
function installFixedSaxStep() {
  const excelPath = require.resolve('exceljs');
  const fromExcel = createRequire(excelPath);
  const version = (fromExcel('./package.json') as { version: string }).version;
  if (version !== '4.4.0')
    throw new Error(`exceljs ${version} is not the version Steward's reader fix was written for (4.4.0): check src/platform/exceljs-loader.ts`);
  const { SaxesParser } = fromExcel('saxes') as { SaxesParser: typeof SaxesParserClass };
  const { PassThrough } = fromExcel('readable-stream') as { PassThrough: typeof PassThroughStream };
  async function* parseSax(iterable: AsyncIterable<Buffer | string> & { pipe?: unknown }) {
    let source: AsyncIterable<Buffer | string> = iterable;
    if (typeof iterable.pipe === 'function' && !(Symbol.asyncIterator in iterable))
      source = (iterable as unknown as NodeJS.ReadableStream).pipe(new PassThrough()) as unknown as AsyncIterable<Buffer>;
    const parser = new SaxesParser();
    const decoder = new TextDecoder('utf-8');
    let error: Error | undefined;
    let events: { eventType: string; value: unknown }[] = [];
    parser.on('error', (e) => (error = e));
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of source) {
      count(chunk);
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.decode();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }
  const saxPath = fromExcel.resolve('./lib/utils/parse-sax.js');
  require.cache[saxPath] = { id: saxPath, filename: saxPath, loaded: true, exports: parseSax, children: [], paths: [] } as unknown as NodeJS.Module;
}

let loaded: typeof ExcelJSModule | undefined;

/** exceljs, with the reader fix installed; loaded on first use so the server starts without it. */
export function excel(): typeof ExcelJSModule {
  if (!loaded) {
    installFixedSaxStep();
    loaded = require('exceljs') as typeof ExcelJSModule;
  }
  return loaded;
}
