import { describe, expect, it } from 'vitest';
import { accountLimit, addressLimit, deviceFailureKey, deviceLimit, failureKeys, throttled } from './throttle.js';

describe('throttled', () => {
  it('throttles an account after its limit of failures', () => {
    const counts = new Map([['account:a@b.example', accountLimit]]);
    expect(throttled(counts, failureKeys('a@b.example', '10.0.0.1'))).toBe(true);
    expect(throttled(counts, failureKeys('c@b.example', '10.0.0.1'))).toBe(false);
    expect(throttled(new Map([['account:a@b.example', accountLimit - 1]]), failureKeys('a@b.example', '10.0.0.1'))).toBe(false);
  });
  it('throttles an address after its limit, whichever account is tried', () => {
    const counts = new Map([['address:10.0.0.1', addressLimit]]);
    expect(throttled(counts, failureKeys('new@b.example', '10.0.0.1'))).toBe(true);
    expect(throttled(counts, failureKeys('new@b.example', '10.0.0.2'))).toBe(false);
  });
  it('counts a trusted browser by its device cookie only', () => {
    const counts = new Map([
      ['address:10.0.0.1', addressLimit],
      ['account:a@b.example', accountLimit],
    ]);
    expect(throttled(counts, [deviceFailureKey('n1')])).toBe(false);
    expect(throttled(new Map([['device:n1', deviceLimit]]), [deviceFailureKey('n1')])).toBe(true);
  });
  it('counts one key per account and address', () => {
    expect(failureKeys('a@b', '1.2.3.4')).toEqual(['account:a@b', 'address:1.2.3.4']);
    expect(failureKeys('a@b', null)).toEqual(['account:a@b']);
  });
});
