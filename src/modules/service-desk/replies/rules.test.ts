import { describe, expect, it } from 'vitest';
import { fillReply, firstName, unknownPlaceholders } from './rules.js';

describe('canned replies', () => {
  const values = { requester: 'Aisha', reference: 'INC-000123', title: 'Printer jam', due: 'Friday 5 December, 3:00pm', agent: 'Sam Green' };
  it('fills every placeholder it knows and leaves the others as typed', () => {
    expect(fillReply('Hello {requester}, about {reference} ({title}): fixed by {due}. {agent}', values)).toBe(
      'Hello Aisha, about INC-000123 (Printer jam): fixed by Friday 5 December, 3:00pm. Sam Green',
    );
    expect(fillReply('Hi {name}, {constructor} {requester}', values)).toBe('Hi {name}, {constructor} Aisha');
    expect(unknownPlaceholders('Hi {name} {requester} {toString}')).toEqual(['name', 'toString']);
    expect(firstName('  Aisha Khan ')).toBe('Aisha');
  });
});
