/**
 * How a mail Steward sends says what it is about, so that a reply by email finds its way back by
 * its headers rather than by its subject. Every mail about a record carries a Message-ID of the form
 * `<INC-000123.m456.o7@council.gov.uk>` and a References root `<INC-000123.o7@council.gov.uk>` that
 * every mail client copies into its reply; Steward reads the thread and organisation back from them.
 */

const threadPattern = /^[A-Z]{2,5}-\d{1,12}$/;

/** The domain of an address written either bare or as `Name <address>`. */
export function domainOf(address: string): string {
  const bare = /<([^>]*)>/.exec(address)?.[1] ?? address;
  const at = bare.lastIndexOf('@');
  return at < 0
    ? 'localhost'
    : bare
        .slice(at + 1)
        .trim()
        .toLowerCase() || 'localhost';
}

export interface OutgoingThread {
  id: number;
  organisationId: number | null;
  thread: string | null;
}

/** Message-ID, References and the RFC 3834 mark of machine-written mail, for one outgoing mail. */
export function threadHeaders(from: string, mail: OutgoingThread): { messageId: string; references?: string; headers: Record<string, string> } {
  const domain = domainOf(from);
  const headers = { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' };
  if (!mail.thread || !threadPattern.test(mail.thread) || mail.organisationId === null) return { messageId: `<steward.m${mail.id}@${domain}>`, headers };
  return {
    messageId: `<${mail.thread}.m${mail.id}.o${mail.organisationId}@${domain}>`,
    references: `<${mail.thread}.o${mail.organisationId}@${domain}>`,
    headers,
  };
}

/**
 * The threads named by the message ids in a reply's In-Reply-To and References headers, for one
 * organisation and Steward's own domain: ids written by anyone else are ignored.
 */
export function threadsIn(messageIds: readonly string[], organisationId: number, domain: string): string[] {
  const found: string[] = [];
  for (const raw of messageIds.slice(0, 100)) {
    const m = /^<?([A-Z]{2,5}-\d{1,12})\.(?:m\d+\.)?o(\d+)@([^>\s]+)>?$/.exec(raw.trim());
    if (!m || Number(m[2]) !== organisationId || m[3]!.toLowerCase() !== domain.toLowerCase()) continue;
    if (!found.includes(m[1]!)) found.push(m[1]!);
  }
  return found;
}
