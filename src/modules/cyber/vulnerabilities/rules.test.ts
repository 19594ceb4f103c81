import { describe, expect, it } from 'vitest';
import { addDays, deadlineOf, defaultDeadlines, portOf, scanChanges, severityOfScore, vulnerabilityKey } from './rules.js';

describe('vulnerability rules', () => {
  it('bands CVSS scores as the CVSS specification does', () => {
    expect([9.8, 9, 8.9, 7, 6.9, 4, 3.9, 0.1, 0].map(severityOfScore)).toEqual([
      'critical',
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
      'none',
    ]);
  });

  it('counts the deadline from first seen, by severity', () => {
    expect(deadlineOf('2026-11-20', 'critical', defaultDeadlines)).toBe('2026-12-04');
    expect(deadlineOf('2026-11-20', 'low', defaultDeadlines)).toBe('2027-02-18');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('names a vulnerability by the scanner’s reference, a single CVE, or its title', () => {
    expect(vulnerabilityKey(' 19506 ', ['CVE-2024-1'], 'x')).toBe('ref:19506');
    expect(vulnerabilityKey('', ['CVE-2024-3400'], 'PAN-OS')).toBe('cve:cve-2024-3400');
    expect(vulnerabilityKey(null, [], 'SSL  Certificate Expired')).toBe('title:ssl certificate expired');
  });

  it('reads ports as Nessus and OpenVAS write them', () => {
    expect(portOf('443', 'tcp')).toBe('443/tcp');
    expect(portOf('0', 'tcp')).toBe('');
    expect(portOf('general/tcp', '')).toBe('');
    expect(portOf('161/udp', '')).toBe('161/udp');
    expect(portOf('', '')).toBe('');
  });

  it('closes what a full scan no longer sees, reopens what returns, and keeps the rest', () => {
    const was = { lastSeen: '2026-10-01', closedOn: null };
    const changes = scanChanges(
      [
        { id: 1, key: 'a', status: 'open', ...was },
        { id: 2, key: 'b', status: 'closed', lastSeen: '2026-10-01', closedOn: '2026-10-15' },
        { id: 3, key: 'c', status: 'accepted', ...was },
        { id: 4, key: 'd', status: 'closed', ...was },
        // Seen or closed by a scan newer than this one: left as that scan said.
        { id: 5, key: 'f', status: 'open', lastSeen: '2026-11-20', closedOn: null },
        { id: 6, key: 'g', status: 'closed', lastSeen: '2026-10-01', closedOn: '2026-11-20' },
      ],
      new Set(['a', 'b', 'e', 'g']),
      '2026-11-01',
    );
    expect(changes).toMatchObject({ stillOpen: [1], reopen: [2], close: [3] });
    expect(changes.isNew('e')).toBe(true);
    expect(changes.isNew('d')).toBe(false);
  });

  it('treats a rescan on the same day, imported later, as the later scan', () => {
    const known = [
      { id: 1, key: 'a', status: 'open' as const, lastSeen: '2026-11-01', closedOn: null },
      { id: 2, key: 'b', status: 'closed' as const, lastSeen: '2026-10-01', closedOn: '2026-11-01' },
    ];
    expect(scanChanges(known, new Set(['b']), '2026-11-01')).toMatchObject({ close: [1], reopen: [2] });
  });
});
