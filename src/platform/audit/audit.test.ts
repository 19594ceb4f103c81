import { describe, expect, it } from 'vitest';
import { changedFields, redactSecrets } from './audit.js';

describe('changedFields', () => {
  it('keeps only what changed and ignores updated_at', () => {
    expect(changedFields({ name: 'A', role: 'agent', updated_at: '1' }, { name: 'A', role: 'admin', updated_at: '2' })).toEqual({
      before: { role: 'agent' },
      after: { role: 'admin' },
    });
  });
  it('sees a field that appears or disappears', () => {
    expect(changedFields({}, { note: 'x' })).toEqual({ before: { note: undefined }, after: { note: 'x' } });
  });
});

describe('redactSecrets', () => {
  it('hides password hashes and token hashes', () => {
    expect(redactSecrets({ password_hash: 'scrypt$...', token_hash: 'abc', email: 'a@b' })).toEqual({
      password_hash: '[redacted]',
      token_hash: '[redacted]',
      email: 'a@b',
    });
  });
  it('leaves a null secret as null', () => {
    expect(redactSecrets({ password_hash: null })).toEqual({ password_hash: null });
  });
});
