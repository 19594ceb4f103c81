/** Failed sign-ins are counted over this window. */
export const throttleWindowMs = 15 * 60_000;
/** Failures allowed for one account in the window, from browsers it has not signed in on before. */
export const accountLimit = 5;
/** Failures allowed from one address in the window (an office shares one address, so this is higher). */
export const addressLimit = 30;
/** Failures allowed for one device cookie in the window: a stolen cookie is locked out on its own. */
export const deviceLimit = 5;

/** What an attempt from a browser without a valid device cookie for the account is counted under. */
export function failureKeys(email: string, ip: string | null): string[] {
  return ip ? [`account:${email}`, `address:${ip}`] : [`account:${email}`];
}

/** What an attempt from a browser with a valid device cookie is counted under: that cookie alone. */
export const deviceFailureKey = (nonce: string) => `device:${nonce}`;

function limitOf(key: string): number {
  if (key.startsWith('account:')) return accountLimit;
  if (key.startsWith('address:')) return addressLimit;
  if (key.startsWith('device:')) return deviceLimit;
  throw new Error(`Unknown sign-in failure key ${key}`);
}

/** Whether any of the keys has reached its limit; `counts` are the failures before this attempt. */
export function throttled(counts: Map<string, number>, keys: string[]): boolean {
  return keys.some((key) => (counts.get(key) ?? 0) >= limitOf(key));
}
