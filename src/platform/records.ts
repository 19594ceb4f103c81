import type { FastifyInstance } from 'fastify';
import type { Access } from './access/roles.js';
import { allows } from './access/roles.js';
import type { Identity } from './auth/identity.js';
import type { Db } from './audit/audit.js';

/** A record named back to the person: what it is called and where its page is. */
export interface NamedRecord {
  id: number;
  title: string;
  href: string;
}

/**
 * A kind of record a module lets other modules link to (a system, a contract, a risk), so that an
 * assessment's evidence or a plan's item can point at it without importing the module that owns it.
 */
export interface LinkableRecord {
  /** Stored with the link: never changes once records are linked. */
  kind: string;
  /** What the kind is called in a sentence: "system", "contract", "risk". */
  label: string;
  /** How a person names one on a form. */
  hint: string;
  /** Who may see records of this kind; others see that a link exists, not what it is. */
  access: Access;
  /** The one record the person's words name inside their organisation, or null. */
  find: (db: Db, organisationId: number, words: string) => Promise<NamedRecord | null>;
  /** The records still there of those ids, inside the organisation. */
  named: (db: Db, organisationId: number, ids: number[]) => Promise<NamedRecord[]>;
}

export const linkableRecords = (app: FastifyInstance) => app.steward.records;

export function linkableKind(app: FastifyInstance, kind: string) {
  return app.steward.records.find((r) => r.kind === kind) ?? null;
}

/** How linked records read for one person: their titles and pages where the person may see them. */
export async function describeLinks(app: FastifyInstance, identity: Identity, links: { kind: string; id: number }[]) {
  const byKind = new Map<string, Set<number>>();
  for (const l of links) byKind.set(l.kind, (byKind.get(l.kind) ?? new Set()).add(l.id));
  const named = new Map<string, NamedRecord>();
  for (const [kind, ids] of byKind) {
    const source = linkableKind(app, kind);
    if (!source || !allows(source.access, identity.role)) continue;
    for (const r of await source.named(app.steward.db, identity.organisation.id, [...ids])) named.set(`${kind}:${r.id}`, r);
  }
  return (kind: string, id: number) => {
    const source = linkableKind(app, kind);
    const label = source?.label ?? 'record';
    if (!source || !allows(source.access, identity.role)) return { label, title: `A ${label} you cannot see`, href: null };
    const r = named.get(`${kind}:${id}`);
    return r ? { label, title: r.title, href: r.href } : { label, title: `A ${label} no longer in Steward`, href: null };
  };
}
