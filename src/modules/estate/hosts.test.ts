import { describe, expect, it } from 'vitest';
import { hostIndex, readHosts } from './hosts.js';

describe('hosts recorded on systems', () => {
  it('reads names and addresses however they are separated, and names what is not a host', () => {
    expect(readHosts('REV-APP01.eastwold.local, 10.20.1.15\n10.20.1.15; fe80::1 not/a/host')).toEqual({
      hosts: ['rev-app01.eastwold.local', '10.20.1.15', 'fe80::1'],
      bad: ['not/a/host'],
    });
  });

  it('finds a system by the whole name, an address, or a name’s first label', () => {
    const find = hostIndex([
      { id: 2, hosts: 'rev-app01\n10.20.1.15' },
      { id: 1, hosts: 'crm-web01.eastwold.local\nrev-app01' },
    ]);
    expect(find('CRM-WEB01.eastwold.local.')).toBe(1);
    expect(find('crm-web01')).toBe(1);
    expect(find('rev-app01.eastwold.local')).toBe(1);
    expect(find('10.20.1.15')).toBe(2);
    expect(find('10.20.1.16')).toBeNull();
    expect(find('10.20.1')).toBeNull();
  });
});
