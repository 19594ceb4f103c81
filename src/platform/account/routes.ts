import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { submitForm } from '../forms.js';
import { actorFor, identityOf, idParam } from '../http/request.js';
import { changeOwnPassword } from '../people/service.js';
import { membershipsOf } from '../people/queries.js';
import { createToken, revokeToken, tokenNameField, tokensOf } from '../tokens/service.js';
import { roleNames } from '../access/roles.js';

const passwordForm = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: z.string().min(1, 'Enter a new password'),
    confirmPassword: z.string().min(1, 'Confirm your new password'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'The passwords do not match', path: ['confirmPassword'] });

const tokenForm = z.object({ name: tokenNameField });

/** A person's own account: their organisations, password and personal API tokens. */
export async function accountRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const accountView = 'platform/account/views/account.njk';

  const accountContext = async (request: Parameters<typeof identityOf>[0]) => {
    const identity = identityOf(request);
    return {
      title: 'Your account',
      memberships: (await membershipsOf(db, identity.person.id)).map((m) => ({ ...m, roleName: roleNames[m.role] })),
      tokens: await tokensOf(db, identity.person.id, identity.organisation.id),
    };
  };

  app.get('/account', { config: { access: 'signed-in' } }, async (request, reply) => reply.render(accountView, await accountContext(request)));

  app.post('/account/password', { config: { access: 'signed-in' } }, async (request, reply) =>
    submitForm(reply, {
      schema: passwordForm,
      body: request.body,
      view: accountView,
      context: () => accountContext(request),
      action: async (v) => {
        const identity = identityOf(request);
        await changeOwnPassword(db, actorFor(request), identity.person.id, v.currentPassword, v.newPassword, app.steward.auth.passwordCost, identity.sessionId);
        return { redirect: '/account', flash: 'Your password has been changed. Your other sessions have been signed out.' };
      },
    }),
  );

  app.post('/account/tokens', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = identityOf(request);
    const parsed = tokenForm.safeParse(request.body ?? {});
    if (!parsed.success) {
      return submitForm(reply, {
        schema: tokenForm,
        body: request.body,
        view: accountView,
        context: () => accountContext(request),
        action: async () => ({ redirect: '/account' }),
      });
    }
    const { token } = await createToken(db, actorFor(request), identity.person.id, identity.organisation.id, parsed.data.name);
    // Shown once, on this response only: Steward keeps only its hash.
    return reply.render('platform/account/views/token-created.njk', { title: 'Your new API token', token, name: parsed.data.name });
  });

  app.post('/account/tokens/:id/revoke', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = identityOf(request);
    await revokeToken(db, actorFor(request), identity.person.id, idParam((request.params as { id: string }).id));
    reply.flash('The token has been revoked. Anything using it can no longer reach Steward.');
    return reply.redirect('/account', 303);
  });
}
