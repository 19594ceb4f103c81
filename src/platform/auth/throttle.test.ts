import { describe, expect, it } from 'vitest';
import { accountLimit, addressLimit, failureKeys, throttleState } from './throttle.js';

describe('throttleState', () => {
  it('throttles an account after its limit of failures', () => {
    const counts = new Map([['account:a@b.example', accountLimit]]);
    expect(throttleState(counts, 'a@b.example', '10.0.0.1').throttled).toBe(true);
    expect(throttleState(counts, 'c@b.example', '10.0.0.1').throttled).toBe(false);
  });
  it('throttles an address after its limit, whichever account is tried', () => {
    const counts = new Map([['address:10.0.0.1', addressLimit]]);
    expect(throttleState(counts, 'new@b.example', '10.0.0.1').throttled).toBe(true);
    expect(throttleState(counts, 'new@b.example', '10.0.0.2').throttled).toBe(false);
  });
  it('counts one key per account and address', () => {
    expect(failureKeys('a@b', '1.2.3.4')).toEqual(['account:a@b', 'address:1.2.3.4']);
    expect(failureKeys('a@b', null)).toEqual(['account:a@b']);
  });
});
