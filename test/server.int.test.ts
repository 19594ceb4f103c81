import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from '../bench/lib.js';

// Starting the server is slow on a loaded machine: the first start loads the demo council (1,200
// tickets through the product's functions), measured at 14–64 s on a 2-core machine under load.
// Each wait is for the line the server prints, with a deadline well above that, and each test has
// a timeout above its deadlines, so a slow start fails with what the server printed, not vitest's limit.
const startDeadline = 150_000;
const exitDeadline = 60_000;
const testTimeout = 180_000;

/** A data folder of its own, on tmpfs when there is one: the test needs no durability, and fsync per commit is most of a cold start on a busy disk. */
function scratchDir() {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, 'steward-server-'));
}

const running = new Set<ChildProcess>();
const dirs: string[] = [];

afterEach(async () => {
  // A failed test must not leave a server running (or its data behind).
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGKILL');
      await gone;
    }
  }
  running.clear();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `src/server.ts` as a person would and collects what it prints. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server.ts')], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', STEWARD_PASSWORD_COST: '10', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // 'close' comes after the process has exited and its output has been read to the end.
  let closed = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      closed = true;
      resolve(code);
    }),
  );
  const printedSoFar = () => `\n--- stdout:\n${stdout}\n--- stderr:\n${stderr}`;

  /** Resolves when `text` has been printed; fails at once if the server exits first, or after the deadline. */
  function printed(text: string, deadline = startDeadline): Promise<void> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      let settled = false;
      const done = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.off('close', onExit);
        if (error) reject(error);
        else resolve();
      };
      const onData = () => {
        if (stdout.includes(text)) done();
      };
      const onExit = (code: number | null) => done(new Error(`The server exited (${code}) before printing “${text}”${printedSoFar()}`));
      const timer = setTimeout(
        () => done(new Error(`The server did not print “${text}” within ${(Date.now() - started) / 1000} s${printedSoFar()}`)),
        deadline,
      );
      child.stdout.on('data', onData);
      child.on('close', onExit);
      onData();
      if (closed) onExit(child.exitCode);
    });
  }

  /** The exit code, once the process ends; fails after the deadline. */
  async function exitCode(deadline = exitDeadline): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The server did not exit within ${deadline / 1000} s${printedSoFar()}`)), deadline);
    });
    try {
      return await Promise.race([exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  return { child, printed, exitCode, out: () => stdout, err: () => stderr };
}

describe('the server process', { timeout: testTimeout }, () => {
  it('starts on an empty data folder with the demo council, prints how to sign in, and stops cleanly', async () => {
    const dataDir = scratchDir();
    dirs.push(dataDir);
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const server = startServer({ STEWARD_DATA_DIR: dataDir, PORT: port });
    await server.printed('Steward is running');
    await server.printed('priya.shah@eastwold.example', 5_000);
    expect(server.out()).toContain(`Steward is running at http://localhost:${port}`);
    expect(fs.existsSync(path.join(dataDir, 'steward.sqlite'))).toBe(true);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    server.child.kill('SIGTERM');
    expect(await server.exitCode()).toBe(0);
  });

  it('creates the first admin from the environment on an empty installation without demo data', async () => {
    const dataDir = scratchDir();
    dirs.push(dataDir);
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const server = startServer({
      STEWARD_DATA_DIR: dataDir,
      PORT: port,
      STEWARD_DEMO: '0',
      STEWARD_ADMIN_EMAIL: 'head.of.it@council.example',
      STEWARD_ADMIN_PASSWORD: 'kettle-orchard-lantern',
    });
    // The sign-in help is printed after the "running" line, so wait for the line itself.
    await server.printed('Sign in as head.of.it@council.example');
    expect(server.out()).toContain('Steward is running');
    expect(server.out()).not.toContain('priya.shah');
    server.child.kill('SIGTERM');
    expect(await server.exitCode()).toBe(0);
  });

  it('says in one line that the database cannot be reached, without a stack trace', async () => {
    const server = startServer({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/steward' });
    expect(await server.exitCode(startDeadline)).toBe(1);
    const lines = server.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Steward could not reach the PostgreSQL database at postgres:\/\/nobody@127\.0\.0\.1:1\/steward: /);
  });

  it('says which setting is wrong', async () => {
    const server = startServer({ PORT: 'eighty' });
    expect(await server.exitCode(startDeadline)).toBe(1);
    expect(server.err()).toContain('PORT');
    expect(server.err()).not.toContain('    at ');
  });
});
