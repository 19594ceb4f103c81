import { describe, expect, it } from 'vitest';
import { domainOf, threadHeaders, threadsIn } from './threads.js';

describe('mail threads', () => {
  it('writes the ticket and organisation into the Message-ID and a References root', () => {
    const h = threadHeaders('Eastwold IT <it@eastwold.gov.uk>', { id: 456, organisationId: 7, thread: 'INC-000123' });
    expect(h.messageId).toBe('<INC-000123.m456.o7@eastwold.gov.uk>');
    expect(h.references).toBe('<INC-000123.o7@eastwold.gov.uk>');
    expect(h.headers['Auto-Submitted']).toBe('auto-generated');
    expect(threadHeaders('it@eastwold.gov.uk', { id: 9, organisationId: 7, thread: null }).messageId).toBe('<steward.m9@eastwold.gov.uk>');
    expect(threadHeaders('it@eastwold.gov.uk', { id: 9, organisationId: 7, thread: 'not a ref' }).references).toBeUndefined();
  });
  it('reads threads back only for the organisation and Steward’s own domain', () => {
    const ids = [
      '<INC-000123.m456.o7@eastwold.gov.uk>',
      '<INC-000124.o8@eastwold.gov.uk>',
      '<REQ-000009.o7@elsewhere.example>',
      '<random@outlook.com>',
      '<INC-000123.o7@eastwold.gov.uk>',
    ];
    expect(threadsIn(ids, 7, 'eastwold.gov.uk')).toEqual(['INC-000123']);
    expect(domainOf('Steward <steward@localhost>')).toBe('localhost');
  });
});
