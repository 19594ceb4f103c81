import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('passwordProblem', () => {
  it('refuses short passwords', () => {
    expect(passwordProblem('short')).toMatch(/12 characters/);
  });
  it('refuses common passwords whatever their case', () => {
    expect(passwordProblem('QWERTYUIOPASDFGH'.slice(0, 10) + 'ab')).toBeNull();
    expect(passwordProblem('Password1234')).toMatch(/too common/);
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/too common/);
  });
  it('refuses a password containing the email name', () => {
    expect(passwordProblem('janet.smith-rules', { email: 'janet.smith@council.example' })).toMatch(/email/);
  });
  it('accepts three random words', () => {
    expect(passwordProblem('kettle-orchard-lantern')).toBeNull();
  });
});

describe('hashPassword and verifyPassword', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('kettle-orchard-lantern', 10);
    expect(hash.startsWith('scrypt$10$8$1$')).toBe(true);
    expect(await verifyPassword('kettle-orchard-lantern', hash, 10)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword('kettle-orchard-lanterns', hash, 10)).ok).toBe(false);
  });
  it('asks for a rehash when the cost has been raised', async () => {
    const hash = await hashPassword('kettle-orchard-lantern', 10);
    expect(await verifyPassword('kettle-orchard-lantern', hash, 11)).toEqual({ ok: true, needsRehash: true });
  });
  it('refuses when there is no stored hash', async () => {
    expect((await verifyPassword('anything-at-all', null, 10)).ok).toBe(false);
  });
});
