import { describe, expect, it } from 'vitest';
import { hostIndex, readHosts } from './hosts.js';

describe('hosts recorded on systems', () => {
  it('reads names, addresses, name patterns and address ranges however they are separated, and names what is not a host', () => {
    expect(readHosts('REV-APP01.eastwold.local, 10.20.1.15\n10.20.1.15; fe80::1 ew-lt* 10.40.0.0/16 not/a/host 10.1.1.1/40 *')).toEqual({
      hosts: ['rev-app01.eastwold.local', '10.20.1.15', 'fe80::1', 'ew-lt*', '10.40.0.0/16'],
      bad: ['not/a/host', '10.1.1.1/40', '*'],
    });
  });

  it('finds a system by the whole name, an address, a name’s first label, a pattern or a range, the most specific first', () => {
    const find = hostIndex([
      { id: 2, hosts: 'rev-app01\n10.20.1.15\new-lt*\n10.40.0.0/16' },
      { id: 1, hosts: 'crm-web01.eastwold.local\nrev-app01' },
      { id: 3, hosts: 'ew-lt9*\n10.40.9.0/24' },
    ]);
    expect(find('CRM-WEB01.eastwold.local.')).toBe(1);
    expect(find('crm-web01')).toBe(1);
    expect(find('rev-app01.eastwold.local')).toBe(1);
    expect(find('10.20.1.15')).toBe(2);
    expect(find('10.20.1.16')).toBeNull();
    expect(find('10.20.1')).toBeNull();
    expect(find('ew-lt3001.eastwold.local')).toBe(2);
    expect(find('ew-lt9001.eastwold.local')).toBe(3);
    expect(find('10.40.2.7')).toBe(2);
    expect(find('10.40.9.7')).toBe(3);
    expect(find('10.41.0.1')).toBeNull();
  });
});
