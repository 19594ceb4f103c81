import type { FastifyInstance } from 'fastify';
import { platformAbilities } from '../access/abilities.js';
import { formErrors, pageQuery } from '../forms.js';
import { identityOf } from '../http/request.js';
import { own } from '../dict.js';
import { auditEntityTypes, listAuditEvents } from './queries.js';
import { auditFilterInput } from './schemas.js';

export async function auditRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/admin/audit', { config: { access: platformAbilities.readAudit, query: auditFilterInput } }, async (request, reply) => {
    const identity = identityOf(request);
    const raw = (request.query ?? {}) as Record<string, string>;
    const parsed = await pageQuery(request, auditFilterInput);
    const filter = parsed.ok ? parsed.value : {};
    const page = await listAuditEvents(db, identity.organisation.id, filter);
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
        changes: Object.keys({ ...(e.before ?? {}), ...(e.after ?? {}) }).map((k) => ({
          field: k,
          before: own(e.before, k),
          after: own(e.after, k),
        })),
      })),
      nextHref: page.nextBefore ? `/admin/audit?${next.toString()}` : null,
      values: raw,
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      typeOptions: [{ value: '', text: 'Any record' }, ...types.map((t) => ({ value: t, text: t, selected: raw.entityType === t }))],
      actionOptions: [{ value: '', text: 'Any change' }, ...['create', 'update', 'delete'].map((a) => ({ value: a, text: a, selected: raw.action === a }))],
    });
  });
}
