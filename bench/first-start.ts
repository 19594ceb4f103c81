// A newcomer's first start: from a checkout to a signed-in page, as the README tells them to do
// it. Steward's own part (build, migrations, demo load, first page) is timed apart from npm ci,
// measured in a fresh clone with npm's cache warm (better-sqlite3 compiled once on this machine, then
// taken from the cache, as scripts/keep-native-build.mjs keeps it).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { root, signInWithForm, type Row } from './lib.js';
import { demoAdminEmail, demoPassword } from '../src/demo/council.js';

const seconds = (ms: number) => Number((ms / 1000).toFixed(1));
const row = (operation: string, ms: number, target: string): Row => ({
  operation: `${operation} (seconds: ${seconds(ms)})`,
  requestsPerSecond: 0,
  p50: Math.round(ms),
  p95: Math.round(ms),
  target,
});

function timed(command: string, args: string[], cwd: string) {
  const started = performance.now();
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
  return performance.now() - started;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the built server on an empty data directory, as `npm start` does after building, and signs in as the demo admin. */
async function startAndSignIn(checkout: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-first-start-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--max-semi-space-size=32', 'dist/src/server.js'], {
    cwd: checkout,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', STEWARD_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
  });
  let demoStarted = 0;
  let demoDone = 0;
  const lines: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const now = performance.now();
        if (!demoStarted && out.includes('loading the demo council')) demoStarted = now;
        if (/demo council: estate loaded/.test(out) && !demoDone) demoDone = now;
        if (out.includes('Steward is running')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
    });
    const running = performance.now();
    const base = `http://127.0.0.1:${port}`;
    const cookie = await signInWithForm(base, demoAdminEmail, demoPassword);
    const home = await fetch(base, { headers: { cookie } });
    if (!home.ok || !(await home.text()).includes('Eastwold')) throw new Error(`the first page answered ${home.status}`);
    const page = performance.now();
    lines.push(`  started in ${seconds(running - started)} s (demo load ${seconds(demoDone - demoStarted)} s), signed in ${seconds(page - running)} s later`);
    return { start: running - started, demo: demoDone - demoStarted, firstPage: page - running, total: page - started, lines };
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function firstStartBench(options: { withNpmCi: boolean }): Promise<Row[]> {
  const rows: Row[] = [];
  let checkout = root;
  let clone: string | null = null;
  let install = 0;
  let cloning = 0;
  try {
    if (options.withNpmCi) {
      clone = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-clone-'));
      cloning = timed('git', ['clone', '--quiet', root, clone], root);
      install = timed('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], clone);
      checkout = clone;
      rows.push(row('npm ci in a fresh clone, npm cache warm (better-sqlite3 compiled before, taken from the cache)', install, 'reported apart'));
    }
    const build = timed(process.execPath, ['scripts/build.mjs'], checkout);
    const run = await startAndSignIn(checkout);
    for (const line of run.lines) console.log(line);
    rows.push(row('build: stylesheet, scripts and TypeScript', build, 'part of the 30 s'));
    rows.push(row('demo council loaded on first start', run.demo, '≤ 15 s'));
    rows.push(row('first start: migrations, demo load, listening', run.start, 'part of the 30 s'));
    rows.push(row('Steward’s own part: build, first start, sign in and first page', build + run.total, '< 30 s'));
    if (options.withNpmCi)
      rows.push(row('clone to signed-in: clone, npm ci, build, start, first page', cloning + install + build + run.total, '< 60 s, npm cache warm'));
  } finally {
    if (clone) fs.rmSync(clone, { recursive: true, force: true });
  }
  return rows;
}
