import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { nowIso } from '../../db/columns.js';
import { dict, own, type Dict } from '../dict.js';
import { insertMany, prepared, slotsFor, type Slots } from '../../db/prepared.js';
import type { AuditEventsTable } from '../tables.js';

/** Who is making a change: a person, or Steward itself (the CLI, start-up, a job). */
export interface Actor {
  personId: number | null;
  /** What the audit log shows: the person's email, or `cli`, `system`. */
  label: string;
  organisationId: number | null;
}

export const systemActor = (label = 'system', organisationId: number | null = null): Actor => ({
  personId: null,
  label,
  organisationId,
});

export type Db = Kysely<Schema>;
export type Tx = Transaction<Schema>;
type Values = Record<string, unknown>;
type Changed = Dict<unknown>;

type AuditRow = Required<Omit<Insertable<AuditEventsTable>, 'id'>>;
// Every change writes one of these: built once (`prepared`).
const insertAuditEvent = prepared((db, p: Slots<AuditRow>) =>
  db
    .insertInto('audit_events')
    .values(slotsFor(p, ['organisation_id', 'actor_person_id', 'actor', 'action', 'entity_type', 'entity_id', 'summary', 'before_json', 'after_json', 'at'])),
);

export interface AuditRecorder {
  created(entityType: string, entityId: number | string, after: Values, summary: string, organisationId?: number | null): Promise<void>;
  updated(entityType: string, entityId: number | string, before: Values, after: Values, summary: string, organisationId?: number | null): Promise<void>;
  deleted(entityType: string, entityId: number | string, before: Values, summary: string, organisationId?: number | null): Promise<void>;
  /** Many records at once (an import): each gets its own entry, written a few hundred to a statement. */
  many(entries: AuditEntry[], organisationId?: number | null): Promise<void>;
}

export interface AuditEntry {
  action: 'create' | 'update' | 'delete';
  entityType: string;
  entityId: number | string;
  before?: Values | null;
  after?: Values | null;
  summary: string;
}

const secret = /password|token_hash|secret/i;

/** Secrets never reach the audit log: it records that they changed, not what they are. */
export function redactSecrets(values: Values | null): Values | null {
  if (!values) return values;
  return dict(Object.entries(values).map(([k, v]) => [k, secret.test(k) && v != null ? '[redacted]' : v] as const));
}

/** Keeps only the fields an update changed, so the log shows what happened rather than the whole row. */
export function changedFields(before: Values, after: Values): { before: Values; after: Values } {
  const b: Changed = dict();
  const a: Changed = dict();
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'updated_at') continue;
    const was = own(before, key);
    const is = own(after, key);
    if (JSON.stringify(was) !== JSON.stringify(is)) {
      b[key] = was;
      a[key] = is;
    }
  }
  return { before: b, after: a };
}

function recorder(tx: Tx, actor: Actor): AuditRecorder {
  const rowOf = (entry: AuditEntry, organisationId: number | null | undefined, at: string) => ({
    organisation_id: organisationId === undefined ? actor.organisationId : organisationId,
    actor_person_id: actor.personId,
    actor: actor.label,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: String(entry.entityId),
    summary: entry.summary,
    before_json: entry.before ? JSON.stringify(redactSecrets(entry.before)) : null,
    after_json: entry.after ? JSON.stringify(redactSecrets(entry.after)) : null,
    at,
  });
  const write = async (
    action: 'create' | 'update' | 'delete',
    entityType: string,
    entityId: number | string,
    before: Values | null,
    after: Values | null,
    summary: string,
    organisationId: number | null | undefined,
  ) => {
    await insertAuditEvent(tx, {
      organisation_id: organisationId === undefined ? actor.organisationId : organisationId,
      actor_person_id: actor.personId,
      actor: actor.label,
      action,
      entity_type: entityType,
      entity_id: String(entityId),
      summary,
      before_json: before ? JSON.stringify(redactSecrets(before)) : null,
      after_json: after ? JSON.stringify(redactSecrets(after)) : null,
      at: nowIso(),
    });
  };
  return {
    created: (type, id, after, summary, org) => write('create', type, id, null, after, summary, org),
    updated: async (type, id, before, after, summary, org) => {
      const diff = changedFields(before, after);
      if (Object.keys(diff.after).length === 0) return;
      await write('update', type, id, diff.before, diff.after, summary, org);
    },
    deleted: (type, id, before, summary, org) => write('delete', type, id, before, null, summary, org),
    many: async (entries, org) => {
      const at = nowIso();
      const rows = entries
        .map((e) => (e.action === 'update' && e.before && e.after ? { ...e, ...changedFields(e.before, e.after) } : e))
        .filter((e) => e.action !== 'update' || Object.keys(e.after ?? {}).length)
        .map((e) => rowOf(e, org, at));
      await insertMany(tx, 'audit_events', rows, { batch: 300 });
    },
  };
}

/**
 * The one way to change data: the work and its audit records commit together or not at all.
 * If `work` throws (a rule is broken, validation fails), nothing it wrote is kept.
 */
export async function auditedWrite<T>(db: Db, actor: Actor, work: (tx: Tx, audit: AuditRecorder) => Promise<T>): Promise<T> {
  // Given a transaction, the write joins it: a change made of others' writes (a mail that becomes a
  // ticket with its attachments) commits or rolls back as one.
  if (db.isTransaction) return work(db as Tx, recorder(db as Tx, actor));
  return db.transaction().execute((tx) => work(tx, recorder(tx, actor)));
}
