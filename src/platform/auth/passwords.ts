import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations as englishTranslations } from '@zxcvbn-ts/language-en';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

export const minimumPasswordLength = 12;
/** zxcvbn's score runs from 0 (guessed at once) to 4; 3 means it would take about 10^10 guesses. */
export const minimumPasswordScore = 3;
const keyLength = 32;

/** zxcvbn's warnings, in plain words that follow "because" in one GOV.UK error message. */
const warnings = {
  straightRow: 'it is a row of keys on a keyboard',
  keyPattern: 'it is a pattern of keys on a keyboard',
  simpleRepeat: 'it is a repeated character, like “aaa”',
  extendedRepeat: 'it is a repeated pattern, like “abcabc”',
  sequences: 'it is a sequence, like “abc” or “123”',
  recentYears: 'it is mostly a recent year',
  dates: 'it is mostly a date',
  topTen: 'it is one of the most used passwords',
  topHundred: 'it is one of the most used passwords',
  common: 'it is a commonly used password',
  similarToCommon: 'it is like a commonly used password',
  wordByItself: 'it is a single word',
  namesByThemselves: 'it is a single name',
  commonNames: 'it is mostly common names',
  userInputs: 'it contains your name or email address',
  pwned: 'it has appeared in a data breach',
};

/** Words people reach for when told to make a password: seasons, months, days, and this product's words. */
const predictableWords = (
  'spring summer autumn winter fall january february march april may june july august september october november december ' +
  'monday tuesday wednesday thursday friday saturday sunday welcome password letmein changeme steward council admin administrator'
).split(' ');

let checker: ZxcvbnFactory | undefined;
/** Built on first use: loading the dictionaries takes a moment, and most requests never need them. */
function strength() {
  checker ??= new ZxcvbnFactory({
    translations: { ...englishTranslations, warnings: { ...englishTranslations.warnings, ...warnings } },
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary, predictable: predictableWords },
    // Scoring runs on the event loop and grows with length; 64 strong characters are strong whatever follows.
    maxLength: 64,
  });
  return checker;
}

const tooEasy = (because: string) => `Password is too easy to guess because ${because}: choose three or four random words instead`;

/** Why a new password is refused, in words for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  if (password.length < minimumPasswordLength) {
    return `Password must be ${minimumPasswordLength} characters or more`;
  }
  if (password.length > 256) return 'Password must be 256 characters or fewer';
  const lower = password.toLowerCase();
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) {
    return 'Password must not contain your email address';
  }
  const userInputs = context.email
    ? context.email
        .toLowerCase()
        .split(/[@.\-_+]+/)
        .filter((w) => w.length >= 3)
    : [];
  const result = strength().check(password, userInputs);
  if (result.score < minimumPasswordScore) {
    return tooEasy(result.feedback.warning ?? 'it is short or predictable');
  }
  // "Summer2026!!": one guessable word with digits and symbols around it scores well, but is among
  // the first things an attacker tries. Score what is left without them.
  const core = password.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (core && core !== password && strength().check(core, userInputs).score < minimumPasswordScore) {
    return tooEasy('it is a common word with numbers or symbols added');
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
