import { describe, expect, it } from 'vitest';
import { automaticReason, descriptionOf, domainAllowed, domainsOf, referenceIn, replyText, titleOf } from './rules.js';

const person = { from: 'rachel.adams@eastwold.gov.uk', envelopeFrom: 'rachel.adams@eastwold.gov.uk', subject: 'Printer jammed' };
const headers = (h: Record<string, unknown>) => new Map(Object.entries(h));

describe('automatic mail', () => {
  it('is a person’s mail when nothing says otherwise, and Auto-Submitted: no is a person’s', () => {
    expect(automaticReason({ ...person, headers: headers({}) })).toBeNull();
    expect(automaticReason({ ...person, headers: headers({ 'auto-submitted': 'no' }) })).toBeNull();
  });
  it('knows auto-replies, bulk mail, lists, reports, bounces and out-of-office subjects', () => {
    expect(automaticReason({ ...person, headers: headers({ 'auto-submitted': 'auto-replied' }) })).toContain('Auto-Submitted');
    expect(automaticReason({ ...person, headers: headers({ precedence: 'bulk' }) })).toContain('Precedence');
    expect(automaticReason({ ...person, headers: headers({ 'x-autoreply': 'yes' }) })).toContain('automatic');
    expect(automaticReason({ ...person, headers: headers({ 'x-auto-response-suppress': 'DR, OOF, AutoReply' }) })).toContain('automatic');
    expect(automaticReason({ ...person, headers: headers({ 'list-id': '<staff.eastwold.gov.uk>' }) })).toContain('mailing list');
    expect(automaticReason({ ...person, headers: headers({}), contentType: 'multipart/report' })).toContain('delivery report');
    expect(automaticReason({ ...person, headers: headers({}), envelopeFrom: '' })).toContain('no return address');
    expect(automaticReason({ ...person, headers: headers({}), from: 'postmaster@eastwold.gov.uk' })).toContain('mail system');
    expect(automaticReason({ ...person, headers: headers({}), from: 'no-reply@supplier.example' })).toContain('mail system');
    for (const subject of [
      'Automatic reply: INC-000123',
      'Out of Office: back on Monday',
      'Undeliverable: Printer jammed',
      'Delivery Status Notification (Failure)',
    ])
      expect(automaticReason({ ...person, headers: headers({}), subject })).not.toBeNull();
    expect(automaticReason({ ...person, headers: headers({}), subject: 'Re: out of toner in office 3' })).toBeNull();
  });
});

describe('references, titles and text', () => {
  it('finds a ticket reference in a subject however it is written', () => {
    expect(referenceIn('Re: INC-000123: Printer jammed')).toBe('INC-000123');
    expect(referenceIn('RE: [req-004213] New starter')).toBe('REQ-004213');
    expect(referenceIn('Printer jammed in room 123456')).toBeNull();
  });
  it('makes a title from a subject without reply prefixes, hidden characters or excess length', () => {
    expect(titleOf('RE: Fwd: FW: Laptop will not charge')).toBe('Laptop will not charge');
    expect(titleOf('   ')).toBe('Email with no subject');
    expect(titleOf('Pay\u202Eroll\u0007 report')).toBe('Payroll report');
    expect(titleOf('x'.repeat(300))).toHaveLength(198);
  });
  it('keeps what a person wrote above the history their client quoted', () => {
    expect(replyText('Thanks, that worked.\n\nOn Mon, 7 Dec 2026 at 09:12, Eastwold IT wrote:\n> Try again')).toBe('Thanks, that worked.');
    expect(replyText('Still broken.\n\n-----Original Message-----\nFrom: IT')).toBe('Still broken.');
    expect(replyText('Still broken.\n________________________________\nFrom: Eastwold IT\nSent: 07 December 2026 09:12\nTo: Rachel')).toBe('Still broken.');
    expect(replyText('Yes please\n\nFrom: Eastwold IT <it@eastwold.gov.uk>\nSent: Monday\nSubject: INC-000123')).toBe('Yes please');
    expect(replyText('Sounds good\n\nSent from my iPhone')).toBe('Sounds good');
    expect(replyText('> only a quote')).toBe('> only a quote');
  });
  it('bounds a long description and says so', () => {
    const d = descriptionOf('a'.repeat(30_000), 20_000);
    expect(d.length).toBeLessThanOrEqual(20_000);
    expect(d).toContain('too long to keep');
    expect(descriptionOf('  ')).toBe('(The email had no text.)');
  });
});

describe('domains', () => {
  it('reads domains as people write them and matches subdomains', () => {
    expect(domainsOf('eastwold.gov.uk, @Eastwold-Leisure.org.uk; nonsense')).toEqual(['eastwold.gov.uk', 'eastwold-leisure.org.uk']);
    expect(domainAllowed('jo@eastwold.gov.uk', ['eastwold.gov.uk'])).toBe(true);
    expect(domainAllowed('jo@schools.eastwold.gov.uk', ['eastwold.gov.uk'])).toBe(true);
    expect(domainAllowed('jo@noteastwold.gov.uk', ['eastwold.gov.uk'])).toBe(false);
  });
});
