import { describe, expect, it } from 'vitest';
import { allows, isRole } from './roles.js';

describe('allows', () => {
  it('lets anyone through a public route', () => {
    expect(allows('public', null)).toBe(true);
    expect(allows('public', 'viewer')).toBe(true);
  });
  it('needs a signed-in person for signed-in routes', () => {
    expect(allows('signed-in', null)).toBe(false);
    expect(allows('signed-in', 'requester')).toBe(true);
  });
  it('needs one of the listed roles', () => {
    expect(allows(['admin'], 'manager')).toBe(false);
    expect(allows(['admin'], 'admin')).toBe(true);
    expect(allows(['admin'], null)).toBe(false);
  });
});

describe('isRole', () => {
  it('knows the five roles and nothing else', () => {
    expect(['requester', 'agent', 'manager', 'admin', 'viewer'].every(isRole)).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
