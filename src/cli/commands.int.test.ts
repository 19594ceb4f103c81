import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run } from './commands.js';
import { openDatabase } from '../db/database.js';
import { verifyPassword } from '../platform/auth/passwords.js';

describe('the steward command line', () => {
  let dataDir: string;
  const saved = { ...process.env };
  const lines: string[] = [];
  const steward = (...args: string[]) => run(args, (l) => lines.push(l));

  beforeAll(() => {
    Object.assign(process.env, { STEWARD_PASSWORD_COST: '10' });
    delete process.env.DATABASE_URL;
  });
  afterAll(() => {
    process.env = saved;
  });
  // Each test starts from an empty data directory of its own, so the tests pass in any order.
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-cli-'));
    process.env.STEWARD_DATA_DIR = dataDir;
    lines.length = 0;
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const firstAdmin = () =>
    steward('user', 'add', '--email', 'Jo.Bloggs@council.example', '--name', 'Jo Bloggs', '--role', 'admin', '--password', 'kettle-orchard-lantern');

  const db = async () => openDatabase({ sqliteFile: path.join(dataDir, 'steward.sqlite') });

  it('migrates', async () => {
    expect(await steward('migrate')).toBe(0);
    expect(lines.pop()).toContain('up to date');
  });

  it('adds the first admin, creating the organisation', async () => {
    expect(await firstAdmin()).toBe(0);
    expect(lines.join('\n')).toContain('Created the first organisation');
    expect(lines.join('\n')).toContain('Added jo.bloggs@council.example');
  });

  it('refuses a weak password and an unknown role, writing nothing', async () => {
    await firstAdmin();
    await expect(steward('user', 'add', '--email', 'x.y@council.example', '--role', 'admin', '--password', 'password1234')).rejects.toThrow(
      /too easy to guess/,
    );
    await expect(steward('user', 'add', '--email', 'x.y@council.example', '--role', 'king', '--password', 'kettle-orchard-lantern')).rejects.toThrow(/--role/);
    const d = await db();
    expect(await d.db.selectFrom('people').where('email', '=', 'x.y@council.example').selectAll().execute()).toEqual([]);
    await d.close();
  });

  it('sets a role, resets a password, disables, and prints a token', async () => {
    await firstAdmin();
    await steward('user', 'add', '--email', 'sam@council.example', '--role', 'agent', '--password', 'kettle-orchard-lantern');
    expect(await steward('user', 'set-role', '--email', 'sam@council.example', '--role', 'manager')).toBe(0);
    expect(await steward('user', 'reset-password', '--email', 'sam@council.example', '--password', 'another-long-passphrase')).toBe(0);
    expect(await steward('token', 'create', '--email', 'sam@council.example')).toBe(0);
    expect(lines.pop()).toMatch(/^stw_[A-Za-z0-9_-]{40,}$/);
    expect(await steward('user', 'disable', '--email', 'sam@council.example')).toBe(0);
    const d = await db();
    const row = await d.db
      .selectFrom('people as p')
      .innerJoin('memberships as m', 'm.person_id', 'p.id')
      .where('p.email', '=', 'sam@council.example')
      .select(['m.role', 'm.active', 'p.password_hash'])
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'manager', active: 0 });
    expect((await verifyPassword('another-long-passphrase', row.password_hash, 10)).ok).toBe(true);
    const audit = await d.db.selectFrom('audit_events').where('actor', '=', 'cli').select('summary').execute();
    expect(audit.map((a) => a.summary)).toEqual(expect.arrayContaining(['Changed sam@council.example from agent to manager', 'Disabled sam@council.example']));
    await d.close();
  });

  it('loads the demo only into an empty database', async () => {
    await firstAdmin();
    await expect(steward('demo')).rejects.toThrow(/empty database/);
  });

  it('shows its usage for an unknown command', async () => {
    expect(await steward('frobnicate')).toBe(2);
    expect(lines.pop()).toContain('Usage: steward');
  });
});
