// `npm test`: every check Steward has, in order: build the styles, type-check, lint, unit and
// integration tests (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), browser tests.
// A missing prerequisite is named with how to get it; under CI nothing may be skipped.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ci = !!process.env.CI;
const results = path.join(root, '.test-results');
fs.mkdirSync(results, { recursive: true });
const problems = [];

function step(name, command, args, env = {}) {
  console.log(`\n== ${name}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) problems.push(`${name} failed`);
  return r.status === 0;
}

async function postgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    console.log(`PostgreSQL at ${url} did not answer: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) {
  const msg =
    'PostgreSQL: TEST_DATABASE_URL is not set, so the integration suite runs on SQLite only. Set it, for example TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test, to run it on PostgreSQL too.';
  if (ci) problems.push(msg);
  console.log(msg);
} else if (!(await postgresReachable(pgUrl))) {
  problems.push(`PostgreSQL at ${pgUrl} is not reachable: start it (for example: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)`);
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = fs.existsSync(chromium);
if (!haveChromium) {
  const msg = `Chromium: not found at ${chromium}, so the browser tests are skipped. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`;
  if (ci) problems.push(msg);
  console.log(msg);
}
if (ci && problems.length) {
  console.error(`\nCannot run every test:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}

const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
step('Build styles and scripts', process.execPath, ['scripts/build.mjs', '--assets-only']);
step('Type-check', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
step('Lint', process.execPath, [path.join(root, 'node_modules/eslint/bin/eslint.js'), '.']);
step('Format (Prettier)', process.execPath, [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '.']);
const unitJson = path.join(results, 'unit-integration.json');
const browserJson = path.join(results, 'browser.json');
for (const f of [unitJson, browserJson]) fs.rmSync(f, { force: true });
// In a new order every run (the seed is printed, and `--sequence.seed=N` repeats it), so a test
// that leans on another having run first fails here rather than hiding.
step('Unit and integration tests', process.execPath, [
  vitest,
  'run',
  '--sequence.shuffle',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitJson}`,
]);
if (haveChromium) {
  step('Browser tests (Chromium, axe)', process.execPath, [
    vitest,
    'run',
    '-c',
    'vitest.browser.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${browserJson}`,
  ]);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const f of [unitJson, browserJson]) {
  if (!fs.existsSync(f)) continue;
  const r = JSON.parse(fs.readFileSync(f, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
if (!passed) problems.push('no test ran');
console.log('');
for (const p of problems) console.log(`Problem: ${p}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(problems.length || failed ? 1 : 0);
