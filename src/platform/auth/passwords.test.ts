import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

describe('passwordProblem', () => {
  it('refuses short passwords', () => {
    expect(passwordProblem('short')).toMatch(/12 characters/);
  });
  it('refuses common passwords whatever their case', () => {
    expect(passwordProblem('Password1234')).toMatch(/too easy to guess/);
    expect(passwordProblem('PASSWORD1234')).toMatch(/too easy to guess/);
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/too easy to guess/);
  });
  it.each(['abcabcabcabc', 'qwertyuiopas', 'QWERTYUIOPab', 'letmein12345', 'Summer2026!!', 'Winter2025!!', 'Welcome2026!!', 'Steward12345'])(
    'refuses %s, which is long enough but easy to guess',
    (password) => {
      expect(passwordProblem(password)).toMatch(/^Password is too easy to guess/);
    },
  );
  it('says why in plain words', () => {
    expect(passwordProblem('abcabcabcabc')).toMatch(/repeated/i);
    expect(passwordProblem('qwertyuiopas')).toMatch(/keyboard|common/i);
    expect(passwordProblem('letmein12345')).toMatch(/common/i);
    expect(passwordProblem('Summer2026!!')).toMatch(/word with numbers or symbols added/);
    // GOV.UK error messages: no full stop at the end, no American spelling from the library.
    for (const p of ['abcabcabcabc', 'qwertyuiopas', 'letmein12345', 'Summer2026!!']) {
      expect(passwordProblem(p)).not.toMatch(/\.$/);
      expect(passwordProblem(p)).not.toMatch(/Capitalize/);
    }
  });
  it('refuses a password containing the email name', () => {
    expect(passwordProblem('janet.smith-rules-orchard', { email: 'janet.smith@council.example' })).toMatch(/email/);
  });
  it('accepts three random words, and the passwords the tests and demo use', () => {
    for (const p of ['kettle-orchard-lantern', 'lantern-orchard-kettle', 'correct-horse-battery-staple', 'eastwold-demo-council', 'a-new-long-passphrase']) {
      expect(passwordProblem(p)).toBeNull();
    }
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
