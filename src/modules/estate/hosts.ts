/**
 * The host names and addresses recorded on a system, and how a scanner's host finds its system:
 * the whole name or address first, then a name's first label, since one scanner reports
 * `rev-app01.eastwold.local` where the register says `REV-APP01`.
 */
const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const ipv6 = /^[0-9a-f:]+$/;
const hostName = /^[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$/;

export const maxHosts = 50;

export const normaliseHost = (host: string) => host.trim().toLowerCase().replace(/\.$/, '');

const isAddress = (host: string) => ipv4.test(host) || (host.includes(':') && ipv6.test(host));

/** What a person typed as hosts, one per line or separated by commas: the hosts, and the words that are not hosts. */
export function readHosts(text: string): { hosts: string[]; bad: string[] } {
  const hosts: string[] = [];
  const bad: string[] = [];
  for (const word of text.split(/[\s,;]+/)) {
    const host = normaliseHost(word);
    if (!host) continue;
    if (host.length <= 253 && (isAddress(host) || hostName.test(host))) {
      if (!hosts.includes(host)) hosts.push(host);
    } else bad.push(word.slice(0, 60));
  }
  return { hosts, bad };
}

/** A lookup from every host recorded to its system; the system recorded first keeps a host two claim. */
export function hostIndex(systems: { id: number; hosts: string }[]) {
  const exact = new Map<string, number>();
  const short = new Map<string, number>();
  for (const s of [...systems].sort((a, b) => a.id - b.id))
    for (const host of s.hosts.split('\n').filter(Boolean)) {
      if (!exact.has(host)) exact.set(host, s.id);
      if (!isAddress(host)) {
        const first = host.split('.')[0]!;
        if (!short.has(first)) short.set(first, s.id);
      }
    }
  return (host: string): number | null => {
    const h = normaliseHost(host);
    if (!h) return null;
    return exact.get(h) ?? (isAddress(h) ? null : (short.get(h.split('.')[0]!) ?? null));
  };
}
