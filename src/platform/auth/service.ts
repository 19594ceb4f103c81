import crypto from 'node:crypto';
import type { Db } from '../audit/audit.js';
import { nowIso } from '../../db/columns.js';
import type { Identity } from './identity.js';
import { UserError } from '../http/errors.js';
import * as q from './queries.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { throttled, failureKeys, deviceFailureKey, throttleWindowMs } from './throttle.js';
import { deviceCookieAfterSignIn, trustedDeviceNonce } from './device.js';

export interface AuthSettings {
  idleMinutes: number;
  maxHours: number;
  passwordCost: number;
}

export const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
export const newSecret = () => crypto.randomBytes(32).toString('base64url');

export type SignInResult = { ok: true; sessionToken: string; personId: number; deviceCookie: string } | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * Records a password attempt as a failure under each key before the password is checked, then
 * counts: every attempt sees the ones already in flight, so attempts sent at once cannot all slip
 * under the limit. Returns the rows to remove if the password is right, or null when a key is
 * over its limit (the attempt is removed again: it was never checked, so it is not a failure).
 */
async function recordAttempt(db: Db, keys: string[], now: Date): Promise<number[] | null> {
  const rows = await q.insertFailures(db, keys, now.toISOString());
  const counts = await q.countFailuresSince(db, keys, new Date(now.getTime() - throttleWindowMs).toISOString());
  // The counts include this attempt; the limits are about the failures before it.
  for (const key of keys) counts.set(key, (counts.get(key) ?? 1) - 1);
  if (!throttled(counts, keys)) return rows;
  await q.deleteFailureRows(db, rows);
  return null;
}

/**
 * Checks an email and password and opens a session. Failures are counted in the database, so
 * throttling holds across every instance: per account and per address for a browser that has not
 * signed in as this person before, and per device cookie for one that has (see device.ts). Each
 * attempt is counted before the (slow) password check (see recordAttempt).
 *
 * A person with no active membership is answered as a wrong password is, after the same password
 * check, and the attempt counts as a failure: the answer tells nothing about the account.
 */
export async function signIn(
  db: Db,
  settings: AuthSettings,
  attempt: { email: string; password: string; ip: string | null; userAgent: string | null; deviceCookie?: string | undefined },
  now = new Date(),
): Promise<SignInResult> {
  const email = attempt.email.trim().toLowerCase();
  const person = await q.findPersonForSignIn(db, email);
  const device = person ? await trustedDeviceNonce(db, attempt.deviceCookie, person.id) : null;
  const keys = device ? [deviceFailureKey(device)] : failureKeys(email, attempt.ip);
  const attemptRows = await recordAttempt(db, keys, now);
  if (!attemptRows) return { ok: false, reason: 'throttled' };

  const check = await verifyPassword(attempt.password, person?.password_hash ?? null, settings.passwordCost);
  const organisationId = person?.first_organisation_id == null ? null : Number(person.first_organisation_id);
  if (!person || !check.ok || organisationId === null) return { ok: false, reason: 'invalid' };
  if (check.needsRehash) {
    await q.updatePasswordHash(db, person.id, await hashPassword(attempt.password, settings.passwordCost), nowIso());
  }
  await q.deleteFailureRows(db, attemptRows);
  // A right password clears what it was counted under: the account's count for an untrusted
  // browser, the cookie's own for a trusted one (which leaves someone guessing elsewhere locked out).
  await q.deleteFailures(db, keys[0]!);
  const sessionToken = await openSession(db, settings, person.id, organisationId, attempt, now);
  return { ok: true, sessionToken, personId: person.id, deviceCookie: await deviceCookieAfterSignIn(db, attempt.deviceCookie, person.id) };
}

/**
 * Checks a signed-in person's password again (before a sensitive change), counted and throttled
 * with their account's sign-in failures, so a session in the wrong hands cannot guess it freely.
 * Throws a UserError on the given field when it is wrong or when there have been too many.
 */
export async function confirmPassword(
  db: Db,
  settings: Pick<AuthSettings, 'passwordCost'>,
  rawEmail: string,
  password: string,
  answer: { field: string; message: string },
  now = new Date(),
) {
  const email = rawEmail.trim().toLowerCase();
  const rows = await recordAttempt(db, failureKeys(email, null), now);
  if (!rows) {
    throw new UserError('There have been too many wrong passwords. Wait 15 minutes and try again', { field: answer.field, status: 429 });
  }
  const person = await q.findPersonForSignIn(db, email);
  const check = await verifyPassword(password, person?.password_hash ?? null, settings.passwordCost);
  if (!check.ok) throw new UserError(answer.message, { field: answer.field });
  await q.deleteFailureRows(db, rows);
}

/** A fresh random session id on every sign-in; only its hash is stored. */
export async function openSession(
  db: Db,
  settings: AuthSettings,
  personId: number,
  organisationId: number,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<string> {
  const token = newSecret();
  await q.insertSession(db, {
    id: sha256(token),
    person_id: personId,
    organisation_id: organisationId,
    now: now.toISOString(),
    expires_at: new Date(now.getTime() + settings.maxHours * 3600_000).toISOString(),
    ip: meta.ip,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/** The identity behind a session cookie, or null when it is unknown, idle too long or past its limit. */
export async function identityFromSession(db: Db, settings: AuthSettings, token: string, now = new Date()): Promise<Identity | null> {
  const id = sha256(token);
  const row = await q.findSessionIdentity(db, id);
  if (!row) return null;
  const idleLimit = new Date(row.last_seen_at).getTime() + settings.idleMinutes * 60_000;
  if (now.getTime() > idleLimit || now.toISOString() > row.expires_at) {
    await q.deleteSession(db, id);
    return null;
  }
  // Writing on every request would make every page a write; a minute's precision is enough.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await q.touchSession(db, id, now.toISOString());
  }
  return { ...q.toIdentity(row, 'session'), sessionId: id };
}

export async function signOut(db: Db, sessionId: string) {
  await q.deleteSession(db, sessionId);
}

export async function identityFromToken(db: Db, token: string, now = new Date()): Promise<Identity | null> {
  const row = await q.findTokenIdentity(db, sha256(token));
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.token_id).execute();
  }
  return { ...q.toIdentity(row, 'token'), tokenId: row.token_id };
}

/** An active member acting by email: their role in the organisation, or null when they are not one. */
export async function identityByMail(db: Db, organisationId: number, personId: number): Promise<Identity | null> {
  const row = await q.findMemberIdentity(db, organisationId, personId);
  return row ? q.toIdentity(row, 'mail') : null;
}

/** Removes what has expired; run now and then, by any instance. */
export async function sweepExpired(db: Db, settings: AuthSettings, now = new Date()) {
  await q.deleteExpiredSessions(db, now.toISOString(), new Date(now.getTime() - settings.idleMinutes * 60_000).toISOString());
  await q.deleteFailuresBefore(db, new Date(now.getTime() - throttleWindowMs).toISOString());
}
