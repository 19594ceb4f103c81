/**
 * How the service desk reads a mail, before anything is written: whether a machine sent it, which
 * ticket it answers, and the words the person wrote above the quoted history. Pure, so every case
 * a real mailbox throws up can be tested on its own.
 */

/** Header values as mailparser gives them: names lower case, values text or structured. */
export type Headers = ReadonlyMap<string, unknown>;

const headerText = (headers: Headers, name: string): string => {
  const v = headers.get(name);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') return (v as { value: string }).value;
  if (typeof v === 'object' && 'text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
  return String(v as string | number);
};

const automaticSubject =
  /^\s*(automatic reply|auto(matic)?[- ]?(reply|response)|out of (the )?office|autosvar|abwesenheitsnotiz|undeliverable|undelivered mail|delivery status notification|mail delivery (failed|subsystem)|returned mail|delivery has failed|message not delivered)\b/i;
const machineSender = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+.-][^@]*)?@/i;

/**
 * Why this mail was written by a machine rather than a person (RFC 3834 and what mail systems
 * really send), or null for a person's mail. Such mail is kept as dropped and never answered, so an
 * out-of-office and Steward's acknowledgement cannot answer each other for ever.
 */
export function automaticReason(mail: { headers: Headers; from: string | null; envelopeFrom: string; subject: string; contentType?: string }): string | null {
  const h = mail.headers;
  const autoSubmitted = headerText(h, 'auto-submitted').trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `an automatic reply (Auto-Submitted: ${autoSubmitted.slice(0, 40)})`;
  const precedence = headerText(h, 'precedence').trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `bulk or automatic mail (Precedence: ${precedence})`;
  if (h.has('x-autoreply') || h.has('x-autorespond')) return 'an automatic reply (X-Autoreply)';
  const suppress = headerText(h, 'x-auto-response-suppress').toLowerCase();
  if (/\b(all|oof|autoreply)\b/.test(suppress)) return 'an automatic reply (X-Auto-Response-Suppress)';
  if (h.has('list-id') || h.has('list-unsubscribe')) return 'mail from a mailing list';
  if ((mail.contentType ?? '').toLowerCase().startsWith('multipart/report')) return 'a delivery report';
  if (!mail.envelopeFrom.trim() || mail.envelopeFrom.trim() === '<>') return 'a bounce or delivery report (no return address)';
  if (mail.from && machineSender.test(mail.from)) return `mail from ${mail.from.split('@')[0]}, a mail system rather than a person`;
  if (automaticSubject.test(mail.subject)) return 'an automatic reply (its subject says so)';
  return null;
}

const referencePattern = /\b(INC|REQ)-?(\d{6,9})\b/i;

/** The ticket a subject names (`Re: INC-000123: Printer jammed`), or null. */
export function referenceIn(subject: string): string | null {
  const m = referencePattern.exec(subject);
  return m ? `${m[1]!.toUpperCase()}-${m[2]!}` : null;
}

const replyPrefix = /^\s*((re|fw|fwd|aw|wg|sv|vs|tr)\s*(\[\d+\])?\s*:\s*)+/i;

/** A ticket's title from a mail's subject: reply and forward prefixes gone, within 200 characters. */
export function titleOf(subject: string): string {
  const plain = cleanText(subject).replace(/\s+/g, ' ').replace(replyPrefix, '').trim();
  if (!plain) return 'Email with no subject';
  return plain.length > 200 ? `${plain.slice(0, 197).trimEnd()}…` : plain;
}

// Characters that hide or reorder what a reader sees (as the platform refuses in forms), taken out
// of mail rather than refused: the sender cannot be asked to type it again.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const hidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(hidden, '').replace(loneSurrogate, '');
}

const quoteStarts = [
  /^On .{1,200}(wrote|écrit|schrieb):\s*$/i,
  /^-{2,}\s*(Original Message|Forwarded message)\s*-{2,}/i,
  /^_{20,}\s*$/,
  /^From:\s.+/i,
  /^Sent from my (iPhone|iPad|Android|mobile)/i,
];

/**
 * What the person wrote in a reply, without the history their mail client quoted below it. When
 * cutting would leave nothing (a forward with a line on top, say), the whole text is kept.
 */
export function replyText(text: string, max = 20_000): string {
  const lines = cleanText(text).split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const fromHeader = /^From:\s/i.test(line) && lines.slice(i + 1, i + 5).some((l) => /^(Sent|Date|To|Subject):\s/i.test(l.trim()));
    if (quoteStarts.some((p, n) => n !== 3 && p.test(line)) || fromHeader) {
      end = i;
      break;
    }
  }
  while (end > 0 && (lines[end - 1]!.trim() === '' || lines[end - 1]!.trim().startsWith('>'))) end--;
  const kept = lines.slice(0, end).join('\n').trim();
  return bounded(kept || cleanText(text).trim(), max);
}

/** A new ticket's description: the whole mail, within bounds, saying so when it had to be cut. */
export function descriptionOf(text: string, max = 20_000): string {
  return bounded(cleanText(text).trim(), max) || '(The email had no text.)';
}

function bounded(text: string, max: number) {
  if (text.length <= max) return text;
  const note = '\n\n[The rest of this email was too long to keep here: the full message is kept with the mail received.]';
  return text.slice(0, max - note.length).trimEnd() + note;
}

/** Domains written by a person: `eastwold.gov.uk, @eastwold-council.org.uk` → two domains. */
export function domainsOf(written: string): string[] {
  return [
    ...new Set(
      written
        .split(/[\s,;]+/)
        .map((d) => d.trim().replace(/^@/, '').toLowerCase())
        .filter((d) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(d)),
    ),
  ];
}

export function domainAllowed(email: string, allowed: readonly string[]): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return allowed.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** More mail than a person sends from one address in an hour: a loop with another machine. */
export const loopThreshold = { mails: 30, minutes: 60 };
