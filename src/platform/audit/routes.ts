import type { FastifyInstance } from 'fastify';
import { platformAbilities } from '../access/abilities.js';
import { formErrors, pageQuery } from '../forms.js';
import { identityOf } from '../http/request.js';
import { own } from '../dict.js';
import { auditEntityTypes, listAuditEvents, type AuditFilter } from './queries.js';
import { auditFilterInput } from './schemas.js';

const actionWords = { create: 'Added', update: 'Changed', delete: 'Removed' } as const;
/** A kind of record as people say it: "contract_alert" is "Contract alert". */
const recordWords = (type: string) => type.charAt(0).toUpperCase() + type.slice(1).replace(/_/g, ' ');

export async function auditRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/admin/audit', { config: { access: platformAbilities.readAudit, query: auditFilterInput } }, async (request, reply) => {
    const identity = identityOf(request);
    const raw = (request.query ?? {}) as Record<string, string>;
    const parsed = await pageQuery(request, auditFilterInput);
    const filter: AuditFilter = parsed.ok ? parsed.value : {};
    // The page shows people's changes unless asked: Steward's own alerts and jobs would bury them.
    const page = await listAuditEvents(db, identity.organisation.id, { ...filter, by: filter.by ?? 'people' });
    const types = await auditEntityTypes(db, identity.organisation.id);
    const next = new URLSearchParams({ ...raw, before: String(page.nextBefore ?? '') });
    if (!parsed.ok) reply.code(400);
    return reply.render('platform/audit/views/audit.njk', {
      title: 'Audit log',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Administration', href: '/admin' },
      ],
      events: page.events.map((e) => ({
        ...e,
        what: `${own(actionWords, e.action) ?? e.action} · ${recordWords(e.entity_type).toLowerCase()}`,
        changes: Object.keys({ ...(e.before ?? {}), ...(e.after ?? {}) }).map((k) => ({
          field: k,
          before: own(e.before, k),
          after: own(e.after, k),
        })),
      })),
      nextHref: page.nextBefore ? `/admin/audit?${next.toString()}` : null,
      values: raw,
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      typeOptions: [{ value: '', text: 'Any record' }, ...types.map((t) => ({ value: t, text: recordWords(t), selected: raw.entityType === t }))],
      actionOptions: [
        { value: '', text: 'Any change' },
        ...(['create', 'update', 'delete'] as const).map((a) => ({ value: a, text: own(actionWords, a)!, selected: raw.action === a })),
      ],
      byOptions: [
        { value: 'people', text: 'People', selected: !raw.by || raw.by === 'people' },
        { value: 'steward', text: 'Steward itself (alerts, jobs, start-up)', selected: raw.by === 'steward' },
        { value: 'all', text: 'Everyone', selected: raw.by === 'all' },
      ],
      actionWords,
    });
  });
}
