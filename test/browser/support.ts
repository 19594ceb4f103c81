import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { prepare } from '../../src/startup.js';
import type { Database } from '../../src/db/database.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserRig {
  browser: Browser;
  baseUrl: string;
  app: FastifyInstance;
  database: Database;
  visited: Set<string>;
  close(): Promise<void>;
}

/** Steward as a person gets it on first start (a SQLite file, the demo council), served on loopback. */
export async function startRig(): Promise<BrowserRig> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-browser-'));
  const config = loadConfig({ STEWARD_DATA_DIR: dataDir, STEWARD_PASSWORD_COST: '10', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' });
  const { database } = await prepare(config, { info: () => undefined });
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
    baseUrl: `http://127.0.0.1:${port}`,
    visited: new Set(),
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs axe (WCAG 2.2 AA tags) on the page and returns serious or critical violations, described. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
