import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { prepare } from '../../src/startup.js';
import { configFor, scratchDir } from './demo-database.js';
import type { Database } from '../../src/db/database.js';
import { systemActor } from '../../src/platform/audit/audit.js';
import { demoPassword, emailFor } from '../../src/demo/council.js';
import type { Org } from '../support/factories.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = fs.existsSync(chromiumPath);
if (!haveChromium && process.env.CI) throw new Error(`Chromium is not at ${chromiumPath}: install it with apt-get install -y chromium`);

export interface BrowserRig {
  browser: Browser;
  baseUrl: string;
  app: FastifyInstance;
  database: Database;
  /** The demo council every rig starts with: tests add their own people, tickets and records to it, or make an organisation of their own. */
  demo: Org;
  /** Pages and states already checked with axe in this rig (a page is checked once per state, whichever test visits it first). */
  checked: Set<string>;
  close(): Promise<void>;
}

/**
 * Steward as a person gets it on first start (a SQLite file with the demo council), served on
 * loopback, with Chromium. The demo database is built once per run (global-setup.ts) and copied.
 */
export async function startRig(): Promise<BrowserRig> {
  const dataDir = scratchDir('steward-browser-');
  const config = configFor(dataDir);
  const demoFile = inject('demoDatabase');
  if (demoFile) fs.copyFileSync(demoFile, config.sqliteFile);
  const { database } = await prepare(config, { info: () => undefined });
  const demo = await database.db
    .selectFrom('organisations')
    .where('is_demo', '=', 1)
    .select(['id', 'name', 'type'])
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    browser,
    app,
    database,
    demo: { ...demo, actor: systemActor('browser test', demo.id) },
    baseUrl: `http://127.0.0.1:${port}`,
    checked: new Set(),
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A person of the demo council, who signs in with the demo password. */
export const demoPerson = (name: string) => ({ name, email: emailFor(name), password: demoPassword });
