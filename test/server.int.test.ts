import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { root } from '../bench/lib.js';

/** Runs `src/server.ts` as a person would and collects what it prints. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server.ts')], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', STEWARD_PASSWORD_COST: '10', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function waitFor(check: () => boolean, ms = 30_000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the server process', () => {
  it('starts on an empty data folder with the demo council, prints how to sign in, and stops cleanly', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-server-'));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const server = startServer({ STEWARD_DATA_DIR: dataDir, PORT: port });
    await waitFor(() => server.out().includes('Steward is running'));
    expect(server.out()).toContain(`Steward is running at http://localhost:${port}`);
    expect(server.out()).toContain('priya.shah@eastwold.example');
    expect(fs.existsSync(path.join(dataDir, 'steward.sqlite'))).toBe(true);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the first admin from the environment on an empty installation without demo data', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-server-'));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const server = startServer({
      STEWARD_DATA_DIR: dataDir,
      PORT: port,
      STEWARD_DEMO: '0',
      STEWARD_ADMIN_EMAIL: 'head.of.it@council.example',
      STEWARD_ADMIN_PASSWORD: 'kettle-orchard-lantern',
    });
    await waitFor(() => server.out().includes('Steward is running'));
    expect(server.out()).toContain('Sign in as head.of.it@council.example');
    expect(server.out()).not.toContain('priya.shah');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('says in one line that the database cannot be reached, without a stack trace', async () => {
    const server = startServer({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/steward' });
    expect(await server.exited).toBe(1);
    const lines = server.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Steward could not reach the PostgreSQL database at postgres:\/\/nobody@127\.0\.0\.1:1\/steward: /);
  });

  it('says which setting is wrong', async () => {
    const server = startServer({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.err()).toContain('PORT');
    expect(server.err()).not.toContain('    at ');
  });
});
