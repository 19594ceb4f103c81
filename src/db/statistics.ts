import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * SQLite's planner statistics (sqlite_stat1), worked out off the event loop.
 *
 * SQLite's own ANALYZE reads every index in full (about 5 s at a million tickets) inside a write
 * transaction on the connection that runs it: on Steward's one connection that stalls every
 * request, and on a second connection it holds the write lock that long. With `analysis_limit` it is
 * quick but reads only the first entries of each index, so a column like organisation_id looks a
 * thousand times more selective than it is. So a worker thread with its own read-only connection
 * reads each index in order and counts its distinct prefixes (exactly what ANALYZE counts), only for
 * tables whose size moved by more than a tenth or that have an index without statistics; the main
 * connection then writes the few rows in one short transaction and has the planner reload them.
 */

export interface TableStatistics {
  table: string;
  rows: [index: string | null, stat: string][];
}

interface TableToCheck {
  name: string;
  indexes: { name: string; where: string | null }[];
  recorded: number | null;
  missing: boolean;
}

const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const q = (name) => '"' + String(name).replace(/"/g, '""') + '"';
const out = [];
for (const t of workerData.tables) {
  const n = db.prepare('select count(*) as n from ' + q(t.name)).get().n;
  const moved = t.recorded === null ? n > 0 : Math.abs(n - t.recorded) > 0.1 * Math.max(t.recorded, 10);
  if (!workerData.force && !t.missing && !moved) continue;
  const rows = [];
  if (n > 0) {
    if (!t.indexes.length) rows.push([null, String(n)]);
    for (const ix of t.indexes) {
      try {
        const cols = db.prepare('select cid, name, desc, coll from pragma_index_xinfo(?) where key = 1 order by seqno').all(ix.name);
        if (!cols.length || cols.some((c) => c.cid === -2)) continue;
        const names = cols.map((c) => (c.cid === -1 ? 'rowid' : q(c.name)));
        const order = names.map((c, i) => c + (cols[i].coll && cols[i].coll !== 'BINARY' ? ' collate ' + cols[i].coll : '') + (cols[i].desc ? ' desc' : ''));
        const text = 'select ' + names.join(', ') + ' from ' + q(t.name) + ' indexed by ' + q(ix.name) + (ix.where ? ' where ' + ix.where : '') + ' order by ' + order.join(', ');
        const distinct = names.map(() => 0);
        let prev = null;
        let count = 0;
        for (const r of db.prepare(text).raw(true).iterate()) {
          count++;
          let k = 0;
          if (prev) while (k < r.length && r[k] === prev[k]) k++;
          for (let j = k; j < r.length; j++) distinct[j]++;
          prev = r;
        }
        if (count) rows.push([ix.name, [count, ...distinct.map((d) => Math.ceil(count / d))].join(' ')]);
      } catch {
        // An index this cannot read in order keeps the planner's defaults.
      }
    }
  }
  out.push({ table: t.name, rows });
}
db.close();
parentPort.postMessage(out);
`;

/** What to look at: every table but SQLite's own and virtual ones, with its indexes and what the statistics say now. */
function tablesToCheck(connection: SQLite.Database): TableToCheck[] {
  const hasStats = !!connection.prepare(`select 1 from sqlite_schema where name = 'sqlite_stat1'`).get();
  const stats = hasStats ? (connection.prepare('select tbl, idx, stat from sqlite_stat1').all() as { tbl: string; idx: string | null; stat: string }[]) : [];
  const schema = connection
    .prepare(
      `select type, name, tbl_name, sql from sqlite_schema where type in ('table', 'index') and name not like 'sqlite_stat%' and name <> 'sqlite_sequence'`,
    )
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  return schema
    .filter((s) => s.type === 'table' && !/^\s*create\s+virtual/i.test(s.sql ?? ''))
    .map((t) => {
      const indexes = schema
        .filter((s) => s.type === 'index' && s.tbl_name === t.name)
        .map((s) => ({ name: s.name, where: /\)\s*where\s+([\s\S]+)$/i.exec(s.sql ?? '')?.[1]?.trim() ?? null }));
      const own = stats.filter((s) => s.tbl === t.name);
      return {
        name: t.name,
        indexes,
        recorded: own.length ? Math.max(...own.map((s) => Number(s.stat.split(' ')[0]))) : null,
        missing: own.length > 0 && indexes.some((i) => !own.some((s) => s.idx === i.name)),
      };
    });
}

/** Works the statistics out on a worker thread with its own read-only connection to `file`. */
export function computeStatistics(connection: SQLite.Database, file: string, force: boolean): Promise<TableStatistics[]> {
  const tables = tablesToCheck(connection);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerCode, { eval: true, workerData: { file, tables, force, driver } });
    worker.once('message', (m: TableStatistics[]) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the statistics worker stopped with ${code}`))));
  });
}

/** Writes worked-out statistics in one short transaction and has the planner read them again. */
export function writeStatistics(connection: SQLite.Database, results: TableStatistics[]) {
  if (!results.length) return;
  // SQLite makes its statistics tables itself (they cannot be created); this makes them without analysing anything.
  if (!connection.prepare(`select 1 from sqlite_schema where name = 'sqlite_stat1'`).get()) connection.exec('analyze sqlite_schema');
  const stat4 = !!connection.prepare(`select 1 from sqlite_schema where name = 'sqlite_stat4'`).get();
  connection.transaction(() => {
    const remove = connection.prepare('delete from sqlite_stat1 where tbl = ?');
    const removeSamples = stat4 ? connection.prepare('delete from sqlite_stat4 where tbl = ?') : null;
    const insert = connection.prepare('insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)');
    for (const r of results) {
      remove.run(r.table);
      removeSamples?.run(r.table);
      for (const [idx, stat] of r.rows) insert.run(r.table, idx, stat);
    }
  })();
  connection.exec('analyze sqlite_schema');
}
