import crypto from 'node:crypto';
import type { Db } from '../audit/audit.js';
import { getSetting, putSettingIfAbsent } from '../organisations/queries.js';

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * has signed in as a person holds a signed note saying so. Its sign-ins as that person are counted
 * against the note alone, so failures from an office's shared address, or a lock-out of the account
 * by someone guessing elsewhere, do not keep them out.
 *
 * The cookie holds up to five entries (a shared desk computer), newest first, each
 * `personId.nonce.mac`, where mac is an HMAC-SHA256 with an installation secret of its own.
 */
export const deviceCookie = 'steward_device';
export const deviceCookieMaxAgeSeconds = 180 * 24 * 3600;
const maxEntries = 5;
const entryPattern = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

const keys = new WeakMap<Db, Promise<Buffer>>();

/** The installation's device-cookie key, made once and shared by every instance. */
function deviceKey(db: Db): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      await putSettingIfAbsent(db, 'device_cookie_secret', crypto.randomBytes(32).toString('base64url'));
      const secret = await getSetting(db, 'device_cookie_secret');
      if (!secret) throw new Error('Could not read the device cookie secret');
      return Buffer.from(secret, 'base64url');
    })();
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

const macOf = (key: Buffer, personId: number, nonce: string) =>
  crypto.createHmac('sha256', key).update(`steward-device-v1.${personId}.${nonce}`).digest('base64url');

function entriesOf(value: string | undefined) {
  if (!value || value.length > 1000) return [];
  return value.split('~').flatMap((entry) => {
    const m = entryPattern.exec(entry);
    return m ? [{ entry, personId: Number(m[1]), nonce: m[2]!, mac: m[3]! }] : [];
  });
}

/** The nonce of a valid entry for this person in the cookie, or null when the browser is not trusted for them. */
export async function trustedDeviceNonce(db: Db, value: string | undefined, personId: number): Promise<string | null> {
  const candidates = entriesOf(value).filter((e) => e.personId === personId);
  if (!candidates.length) return null;
  const key = await deviceKey(db);
  for (const c of candidates) {
    const expected = Buffer.from(macOf(key, personId, c.nonce));
    const actual = Buffer.from(c.mac);
    if (expected.length === actual.length && crypto.timingSafeEqual(expected, actual)) return c.nonce;
  }
  return null;
}

/** The cookie after a successful sign-in: a fresh entry for this person first, any older one for them dropped. */
export async function deviceCookieAfterSignIn(db: Db, value: string | undefined, personId: number): Promise<string> {
  const nonce = crypto.randomBytes(16).toString('base64url');
  const fresh = `${personId}.${nonce}.${macOf(await deviceKey(db), personId, nonce)}`;
  const others = entriesOf(value)
    .filter((e) => e.personId !== personId)
    .map((e) => e.entry);
  return [fresh, ...others].slice(0, maxEntries).join('~');
}
