import type { Severity } from '../tables.js';

export const severities: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
export const severityOrder: Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Days to fix a finding, counted from when it was first seen. Cyber Essentials asks for critical
 * and high-risk security updates within 14 days; the rest follow the common practice of a month
 * for medium and a quarter for low. Each council sets its own.
 */
export const defaultDeadlines: Record<Severity, number> = { critical: 14, high: 14, medium: 30, low: 90 };

/** The CVSS qualitative bands (v3 and v4): 0 is information, not a finding. */
export function severityOfScore(score: number): Severity | 'none' {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const deadlineOf = (firstSeen: string, severity: Severity, deadlines: Record<Severity, number>) => addDays(firstSeen, deadlines[severity]);

/**
 * How a scan's row names what it found, so the next scan finds it again: the scanner's own
 * reference (a Nessus plugin ID, an OpenVAS OID) where it gives one, else a single CVE, else the title.
 */
export function vulnerabilityKey(reference: string | null, cves: string[], title: string): string {
  if (reference?.trim()) return `ref:${reference.trim().toLowerCase()}`;
  if (cves.length === 1) return `cve:${cves[0]!.toLowerCase()}`;
  return `title:${title.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

/** `443/tcp`, or blank for the host as a whole (Nessus reports that as port 0). */
export function portOf(port: string | null, protocol: string | null): string {
  const p = (port ?? '').trim().toLowerCase();
  const proto = (protocol ?? '').trim().toLowerCase();
  // OpenVAS writes `443/tcp` in the port column, or `general/tcp` for the host itself.
  const [number, inPort] = p.split('/');
  if (!number || number === '0' || number === 'general' || number === 'package') return '';
  return `${number}/${inPort || proto || 'tcp'}`;
}

export interface KnownFinding {
  id: number;
  key: string;
  status: 'open' | 'accepted' | 'closed';
  lastSeen: string;
  closedOn: string | null;
}

/**
 * What a full scan does to what was known about the hosts it covered: a finding seen again stays
 * (or reopens, if it had been closed), one not seen again on a host the scan reported on is closed,
 * and hosts the scan did not report are left alone (a host that was down is not a host that was fixed).
 */
export function scanChanges(known: KnownFinding[], seen: Set<string>, scannedOn: string) {
  const stillOpen: number[] = [];
  const reopen: number[] = [];
  const close: number[] = [];
  const existing = new Set<string>();
  for (const f of known) {
    existing.add(f.key);
    // An older scan imported late changes nothing a newer scan has already said; of two scans on
    // the same day, the one imported later is the later scan (the rescan that checks a fix).
    if (seen.has(f.key)) {
      if (f.status !== 'closed') stillOpen.push(f.id);
      else if (!f.closedOn || f.closedOn <= scannedOn) reopen.push(f.id);
    } else if (f.status !== 'closed' && f.lastSeen <= scannedOn) close.push(f.id);
  }
  return { stillOpen, reopen, close, isNew: (key: string) => !existing.has(key) };
}
