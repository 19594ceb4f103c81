/** Failed sign-ins are counted over this window. */
export const throttleWindowMs = 15 * 60_000;
/** Failures allowed for one account in the window before it must wait. */
export const accountLimit = 5;
/** Failures allowed from one address in the window (an office shares one address, so this is higher). */
export const addressLimit = 30;

export function failureKeys(email: string, ip: string | null): string[] {
  return ip ? [`account:${email}`, `address:${ip}`] : [`account:${email}`];
}

export function throttleState(counts: Map<string, number>, email: string, ip: string | null) {
  const account = counts.get(`account:${email}`) ?? 0;
  const address = ip ? (counts.get(`address:${ip}`) ?? 0) : 0;
  return { throttled: account >= accountLimit || address >= addressLimit, account, address };
}
