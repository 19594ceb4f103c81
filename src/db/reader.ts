import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A read-only SQLite connection on a worker thread, for the few reads whose cost grows with the data
 * (the dashboard counts every open ticket). better-sqlite3 answers on the thread that asks, so such
 * a read on Steward's own connection stalls every other request for its whole length; on the worker
 * it waits for nothing but the worker. In WAL mode it sees every transaction committed before it
 * starts, so a page never misses a change made before it was asked for.
 */

const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      if (statements.size >= 200) statements.delete(statements.keys().next().value);
      statements.set(sql, s);
    }
    parentPort.postMessage({ id, rows: s.reader ? s.all(...parameters) : [] });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

export class OffLoopReader {
  private worker: Worker | null = null;
  private next = 1;
  private waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();

  constructor(private readonly file: string) {}

  private start() {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(workerCode, { eval: true, workerData: { file: this.file, driver } });
    worker.unref();
    worker.on('message', (m: { id: number; rows?: unknown[]; error?: string }) => {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.error !== undefined) w.reject(new Error(m.error));
      else w.resolve(m.rows ?? []);
    });
    const fail = (error: Error) => {
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the read-only worker stopped')));
    this.worker = worker;
    return worker;
  }

  read<T>(sql: string, parameters: readonly unknown[]): Promise<T[]> {
    const worker = this.worker ?? this.start();
    const id = this.next++;
    return new Promise<T[]>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      worker.postMessage({ id, sql, parameters });
    });
  }

  async close() {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
