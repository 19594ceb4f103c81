import { describe, expect, it } from 'vitest';
import { allows, isRole } from './roles.js';
import { ability, can } from './abilities.js';

const approve = ability('tests.approve', { description: 'Approve a test', roles: ['manager', 'admin'] });
const ownNote = ability<{ authorId: number }>('tests.edit-own', {
  description: 'Edit a note one wrote',
  roles: ['agent', 'manager'],
  when: (identity, note) => note.authorId === identity.person.id,
});
const someone = (role: 'agent' | 'manager' | 'viewer', id = 1) =>
  ({
    person: { id, email: '', displayName: '' },
    organisation: { id: 1, name: '', type: 'district', isDemo: false },
    role,
    organisationCount: 1,
    via: 'session',
  }) as const;

describe('allows', () => {
  it('lets anyone through a public route', () => {
    expect(allows('public', null)).toBe(true);
    expect(allows('public', 'viewer')).toBe(true);
  });
  it('needs a signed-in person for signed-in routes', () => {
    expect(allows('signed-in', null)).toBe(false);
    expect(allows('signed-in', 'requester')).toBe(true);
  });
  it('needs a role that has the ability', () => {
    expect(allows(approve, 'agent')).toBe(false);
    expect(allows(approve, 'admin')).toBe(true);
    expect(allows(approve, null)).toBe(false);
  });
});

describe('abilities', () => {
  it('refuses a name declared twice or an unknown role', () => {
    expect(() => ability('tests.approve', { description: '', roles: ['admin'] })).toThrow('declared twice');
    expect(() => ability('tests.other', { description: '', roles: ['root' as never] })).toThrow('unknown role');
    expect(() => ability('Approve', { description: '', roles: ['admin'] })).toThrow('area.action');
  });
  it('checks the record when the ability depends on it', () => {
    expect(can(someone('agent', 7), ownNote, { authorId: 7 })).toBe(true);
    expect(can(someone('agent', 7), ownNote, { authorId: 8 })).toBe(false);
    expect(can(someone('viewer', 7), ownNote, { authorId: 7 })).toBe(false);
    expect(can(null, approve)).toBe(false);
  });
});

describe('isRole', () => {
  it('knows the five roles and nothing else', () => {
    expect(['requester', 'agent', 'manager', 'admin', 'viewer'].every(isRole)).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
