import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { prepare } from '../../src/startup.js';

// Used by global-setup.ts, which runs outside the test workers: nothing here may import vitest.

/** The scrypt cost of every password in the browser tests, the demo council's included. */
export const browserPasswordCost = 10;

/** A folder of its own, on tmpfs when there is one: the tests need no durability, and fsync per commit is most of a cold start on a busy disk. */
export function scratchDir(prefix: string) {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, prefix));
}

export const configFor = (dataDir: string) =>
  loadConfig({ STEWARD_DATA_DIR: dataDir, STEWARD_PASSWORD_COST: String(browserPasswordCost), LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' });

/** Steward's first start in `dir` (migrations, the demo council), closed again; returns the SQLite file. */
export async function buildDemoDatabase(dir: string): Promise<string> {
  const config = configFor(dir);
  const { database } = await prepare(config, { info: () => undefined });
  await database.close();
  return config.sqliteFile;
}
