import { describe, expect, it } from 'vitest';
import { canMove, defaultPriorityMatrix, formatReference, isOpen, normaliseReference, priorityFor, statuses } from './rules.js';

describe('the ticket workflow', () => {
  it('never leaves closed or cancelled', () => {
    for (const to of statuses) {
      expect(canMove('closed', to)).toBe(false);
      expect(canMove('cancelled', to)).toBe(false);
    }
  });
  it('reopens a resolved ticket into progress, and closes it', () => {
    expect(canMove('resolved', 'in-progress')).toBe(true);
    expect(canMove('resolved', 'closed')).toBe(true);
    expect(canMove('resolved', 'new')).toBe(false);
  });
  it('does not close a ticket that was never resolved', () => {
    expect(canMove('in-progress', 'closed')).toBe(false);
  });
  it('knows which statuses are open', () => {
    expect(statuses.filter(isOpen)).toEqual(['new', 'assigned', 'in-progress', 'awaiting-requester', 'on-hold']);
  });
});

describe('priority from impact and urgency', () => {
  it('follows the matrix', () => {
    expect(priorityFor(defaultPriorityMatrix, 1, 1)).toBe(1);
    expect(priorityFor(defaultPriorityMatrix, 2, 2)).toBe(3);
    expect(priorityFor(defaultPriorityMatrix, 3, 3)).toBe(4);
  });
  it('refuses levels outside the matrix', () => {
    expect(() => priorityFor(defaultPriorityMatrix, 4, 1)).toThrow(RangeError);
  });
});

describe('references', () => {
  it('formats and reads them back', () => {
    expect(formatReference('incident', 4213)).toBe('INC-004213');
    expect(formatReference('request', 1877)).toBe('REQ-001877');
    expect(normaliseReference(' inc 4213 ')).toBe('INC-004213');
    expect(normaliseReference('REQ-001877')).toBe('REQ-001877');
    expect(normaliseReference('printer')).toBeNull();
  });
});
