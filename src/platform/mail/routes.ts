import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { admins } from '../access/roles.js';
import { auditedWrite } from '../audit/audit.js';
import { actorFor, identityOf } from '../http/request.js';
import { notificationKinds } from './outbox.js';
import { outboxOf, preferencesOf, setPreference } from './queries.js';

export async function mailRoutes(app: FastifyInstance) {
  const { db, config } = app.steward;

  app.get('/admin/outbox', { config: { access: admins } }, async (request, reply) =>
    reply.render('platform/mail/views/outbox.njk', {
      title: 'Outgoing email',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Administration', href: '/admin' },
      ],
      smtp: !!config.mail.smtpUrl,
      messages: (await outboxOf(db, identityOf(request).organisation.id)).map((m) => ({
        ...m,
        state: m.sent_at ? 'Sent' : m.failed_at ? 'Failed' : m.attempts ? `Retrying (${m.attempts} attempts)` : 'Waiting',
      })),
    }),
  );

  app.get('/account/notifications', { config: { access: 'signed-in' } }, async (request, reply) => {
    const prefs = new Map((await preferencesOf(db, identityOf(request).person.id)).map((p) => [p.kind, p.email === 1]));
    return reply.render('platform/mail/views/preferences.njk', {
      title: 'Email notifications',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Your account', href: '/account' },
      ],
      items: Object.entries(notificationKinds).map(([value, text]) => ({ value, text, checked: prefs.get(value) ?? true })),
    });
  });

  app.post('/account/notifications', { config: { access: 'signed-in' } }, async (request, reply) => {
    const parsed = z.object({ kinds: z.union([z.string(), z.array(z.string())]).optional() }).safeParse(request.body ?? {});
    const chosen = new Set(parsed.success ? [parsed.data.kinds ?? []].flat() : []);
    const identity = identityOf(request);
    await auditedWrite(db, actorFor(request), async (tx, audit) => {
      for (const kind of Object.keys(notificationKinds)) await setPreference(tx, identity.person.id, kind, chosen.has(kind));
      await audit.updated(
        'notification_preferences',
        identity.person.id,
        {},
        { email: [...chosen].sort().join(', ') || 'none' },
        'Changed email notifications',
      );
    });
    reply.flash('Your email notifications have been saved');
    return reply.redirect('/account/notifications', 303);
  });
}
