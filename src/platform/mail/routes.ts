import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { platformAbilities } from '../access/abilities.js';
import { submitForm } from '../forms.js';
import { auditedWrite } from '../audit/audit.js';
import { actorFor, identityOf } from '../http/request.js';
import { notificationKinds, type NotificationKind } from './outbox.js';
import { outboxOf, preferencesOf, setPreference } from './queries.js';

const kindNames = Object.keys(notificationKinds) as [NotificationKind, ...NotificationKind[]];
const kind = z.enum(kindNames, { message: 'Choose from the list of notifications' });
const preferencesForm = z.object({
  kinds: z
    .union([kind, z.array(kind).max(kindNames.length)])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat())),
});

export async function mailRoutes(app: FastifyInstance) {
  const { db, config } = app.steward;

  app.get('/admin/outbox', { config: { access: platformAbilities.readMail } }, async (request, reply) =>
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

  const preferencesContext = async (personId: number) => {
    const prefs = new Map((await preferencesOf(db, personId)).map((p) => [p.kind, p.email === 1]));
    return {
      title: 'Email notifications',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Your account', href: '/account' },
      ],
      items: Object.entries(notificationKinds).map(([value, text]) => ({ value, text, checked: prefs.get(value) ?? true })),
    };
  };

  app.get('/account/notifications', { config: { access: 'signed-in' } }, async (request, reply) =>
    reply.render('platform/mail/views/preferences.njk', await preferencesContext(identityOf(request).person.id)),
  );

  app.post('/account/notifications', { config: { access: platformAbilities.ownAccount, form: preferencesForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: preferencesForm,
      view: 'platform/mail/views/preferences.njk',
      context: () => preferencesContext(identityOf(request).person.id),
      action: async ({ kinds }) => {
        const chosen = new Set(kinds);
        const identity = identityOf(request);
        await auditedWrite(db, actorFor(request), async (tx, audit) => {
          for (const kind of Object.keys(notificationKinds)) await setPreference(tx, identity.person.id, kind, chosen.has(kind as NotificationKind));
          await audit.updated(
            'notification_preferences',
            identity.person.id,
            {},
            { email: [...chosen].sort().join(', ') || 'none' },
            'Changed email notifications',
          );
        });
        return { redirect: '/account/notifications', flash: 'Your email notifications have been saved' };
      },
    }),
  );
}
