import { describe, expect, it } from 'vitest';
import { money, plainAmount } from './text.js';

describe('amounts as people type them', () => {
  it('reads £ signs and thousands commas, and leaves anything else as typed for its own message', () => {
    expect(plainAmount('£1,200')).toBe('1200');
    expect(plainAmount(' 42,500.50 ')).toBe('42500.50');
    expect(plainAmount('£ 950')).toBe('950');
    expect(plainAmount('1,20')).toBe('1,20');
    expect(money('cost').parse('£12,500')).toBe(12500);
    expect(money('cost').parse('')).toBeNull();
    expect(money('cost').safeParse('about 3k').error?.issues[0]?.message).toBe('Enter the cost in pounds, like 550');
  });
});
