import type { Db } from './audit.js';

export interface AuditFilter {
  entityType?: string | undefined;
  action?: 'create' | 'update' | 'delete' | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** People's changes, Steward's own (jobs, start-up, the public), or all (the default; the page asks for people's). */
  by?: 'people' | 'steward' | 'all' | undefined;
  /** Keyset pagination: only events older than this id. */
  before?: number | undefined;
}

/** Newest first, one page at a time by id, never counting every match. */
export async function listAuditEvents(db: Db, organisationId: number, filter: AuditFilter, pageSize = 50) {
  let q = db
    .selectFrom('audit_events')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(pageSize + 1);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.actor) q = q.where('actor', '=', filter.actor.toLowerCase());
  if (filter.from) q = q.where('at', '>=', `${filter.from}T00:00:00.000Z`);
  if (filter.to) q = q.where('at', '<', nextDay(filter.to));
  if (filter.before) q = q.where('id', '<', filter.before);
  const by = filter.by ?? 'all';
  if (by === 'people') q = q.where('actor_person_id', 'is not', null);
  if (by === 'steward') q = q.where('actor_person_id', 'is', null);
  const rows = await q.execute();
  const more = rows.length > pageSize;
  const events = rows.slice(0, pageSize).map((r) => ({
    ...r,
    before: r.before_json ? (JSON.parse(r.before_json) as Record<string, unknown>) : null,
    after: r.after_json ? (JSON.parse(r.after_json) as Record<string, unknown>) : null,
  }));
  return { events, nextBefore: more ? events[events.length - 1]!.id : null };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export async function auditEntityTypes(db: Db, organisationId: number) {
  const rows = await db
    .selectFrom('audit_events')
    .where('organisation_id', '=', organisationId)
    .select('entity_type')
    .distinct()
    .orderBy('entity_type')
    .execute();
  return rows.map((r) => r.entity_type);
}
