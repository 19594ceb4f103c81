/**
 * The host names and addresses recorded on a system, and how a scanner's host finds its system:
 * the whole name or address first, then a name's first label (one scanner reports
 * `rev-app01.eastwold.local` where the register says `REV-APP01`), then a name pattern
 * (`ew-lt*` for the laptops a device group counts), then an address range (`10.40.0.0/16`),
 * the most specific first.
 */
const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const ipv6 = /^[0-9a-f:]+$/;
const hostName = /^[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$/;
const pattern = /^[a-z0-9_][a-z0-9_.-]{0,100}\*$/;
const range = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/;

export const maxHosts = 50;

export const normaliseHost = (host: string) => host.trim().toLowerCase().replace(/\.$/, '');

const isAddress = (host: string) => ipv4.test(host) || (host.includes(':') && ipv6.test(host));

function addressNumber(address: string): number | null {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

function rangeOf(text: string): { start: number; bits: number } | null {
  const m = range.exec(text);
  if (!m) return null;
  const start = addressNumber(m[1]!);
  const bits = Number(m[2]);
  return start === null || bits < 8 || bits > 32 ? null : { start, bits };
}

const within = (address: number, r: { start: number; bits: number }) =>
  r.bits === 32 ? address === r.start : address >>> (32 - r.bits) === r.start >>> (32 - r.bits);

/** What a person typed as hosts, one per line or separated by commas: the hosts, and the words that are not hosts. */
export function readHosts(text: string): { hosts: string[]; bad: string[] } {
  const hosts: string[] = [];
  const bad: string[] = [];
  for (const word of text.split(/[\s,;]+/)) {
    const host = normaliseHost(word);
    if (!host) continue;
    if (host.length <= 253 && (isAddress(host) || hostName.test(host) || pattern.test(host) || rangeOf(host))) {
      if (!hosts.includes(host)) hosts.push(host);
    } else bad.push(word.slice(0, 60));
  }
  return { hosts, bad };
}

/** A lookup from every host recorded to its system; the system recorded first keeps a host two claim. */
export function hostIndex(systems: { id: number; hosts: string }[]) {
  const exact = new Map<string, number>();
  const short = new Map<string, number>();
  const prefixes: { prefix: string; id: number }[] = [];
  const ranges: { start: number; bits: number; id: number }[] = [];
  for (const s of [...systems].sort((a, b) => a.id - b.id))
    for (const host of s.hosts.split('\n').filter(Boolean)) {
      const r = rangeOf(host);
      if (r) ranges.push({ ...r, id: s.id });
      else if (host.endsWith('*')) prefixes.push({ prefix: host.slice(0, -1), id: s.id });
      else {
        if (!exact.has(host)) exact.set(host, s.id);
        if (!isAddress(host) && !short.has(host.split('.')[0]!)) short.set(host.split('.')[0]!, s.id);
      }
    }
  prefixes.sort((a, b) => b.prefix.length - a.prefix.length || a.id - b.id);
  ranges.sort((a, b) => b.bits - a.bits || a.id - b.id);
  return (host: string): number | null => {
    const h = normaliseHost(host);
    if (!h) return null;
    const found = exact.get(h);
    if (found !== undefined) return found;
    if (isAddress(h)) {
      const n = addressNumber(h);
      return n === null ? null : (ranges.find((r) => within(n, r))?.id ?? null);
    }
    return short.get(h.split('.')[0]!) ?? prefixes.find((p) => h.startsWith(p.prefix))?.id ?? null;
  };
}
