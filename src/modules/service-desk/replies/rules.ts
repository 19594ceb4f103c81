/** The placeholders a canned reply may hold, each with what it stands for. */
export const placeholders = {
  requester: 'the requester’s first name',
  reference: 'the ticket’s reference',
  title: 'the ticket’s title',
  due: 'when the ticket is due to be resolved',
  agent: 'your name',
} as const;
export type Placeholder = keyof typeof placeholders;

/** A canned reply with its placeholders filled in; one it does not know is left as typed, for the agent to see. */
export function fillReply(body: string, values: Record<Placeholder, string>) {
  return body.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as Placeholder] : whole));
}

/** The placeholders a reply names that Steward does not know, so the form can say so. */
export const unknownPlaceholders = (body: string) => [...body.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((n) => !Object.hasOwn(placeholders, n));

export const firstName = (displayName: string) => displayName.trim().split(/\s+/)[0] ?? displayName;
