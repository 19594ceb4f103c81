import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { dictionary } from '@zxcvbn-ts/language-common';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

export const minimumPasswordLength = 12;
const keyLength = 32;

const commonPasswords = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** Why a new password is refused, in words for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < minimumPasswordLength) {
    return `Password must be ${minimumPasswordLength} characters or more`;
  }
  if (password.length > 256) return 'Password must be 256 characters or fewer';
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower) || /^(.)\1+$/.test(password)) {
    return 'Password is too common: choose one that is harder to guess, such as three random words';
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) {
    return 'Password must not contain your email address';
  }
  return null;
}

/**
 * scrypt with the parameters stored beside the hash (`scrypt$log2N$r$p$salt$hash`), so the cost can
 * be raised later and old hashes still verify.
 */
export async function hashPassword(password: string, log2N: number): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await derive(password, salt, log2N, 8, 1);
  return ['scrypt', log2N, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2N;
  return scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}

export interface Verification {
  ok: boolean;
  /** The hash was made at a lower cost than today's setting and should be replaced. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string | null, log2N: number): Promise<Verification> {
  const parts = stored?.split('$');
  if (!parts || parts.length !== 6 || parts[0] !== 'scrypt') {
    // Spend the same time as a real check, so a missing account cannot be told from a wrong password.
    await derive(password, crypto.randomBytes(16), log2N, 8, 1);
    return { ok: false, needsRehash: false };
  }
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  const ok = actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  return { ok, needsRehash: ok && Number(n) < log2N };
}
