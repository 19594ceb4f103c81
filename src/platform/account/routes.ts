import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formErrors, parseWith, submitForm } from '../forms.js';
import { ForbiddenError, UserError, type FieldError } from '../http/errors.js';
import { actorFor, identityOf, idParam } from '../http/request.js';
import { changeOwnPassword } from '../people/service.js';
import { membershipsOf } from '../people/queries.js';
import { createOwnToken, revokeToken, tokenNameField, tokensOf } from '../tokens/service.js';
import { roleNames } from '../access/roles.js';

const passwordForm = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: z.string().min(1, 'Enter a new password'),
    confirmPassword: z.string().min(1, 'Confirm your new password'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'The passwords do not match', path: ['confirmPassword'] });

const tokenForm = z.object({ name: tokenNameField, password: z.string({ message: 'Enter your password' }).min(1, 'Enter your password').max(1024) });

/** Changing what signs a person in needs the person at a browser, not a token. */
function browserSessionOf(request: Parameters<typeof identityOf>[0]) {
  const identity = identityOf(request);
  if (identity.via !== 'session') throw new ForbiddenError('Do this from your account page in a browser, not with an API token');
  return identity;
}

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
        const identity = browserSessionOf(request);
        await changeOwnPassword(db, actorFor(request), identity.person.id, v.currentPassword, v.newPassword, app.steward.auth.passwordCost, identity.sessionId);
        return { redirect: '/account', flash: 'Your password has been changed. Your other sessions have been signed out.' };
      },
    }),
  );

  app.post('/account/tokens', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = browserSessionOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const rerender = async (status: number, errors: FieldError[]) =>
      reply.code(status).render(accountView, { ...(await accountContext(request)), values: { name: body.name }, errors: formErrors(errors) });
    const parsed = parseWith(tokenForm, body);
    if (!parsed.ok) return rerender(400, parsed.errors);
    let token: string;
    try {
      ({ token } = await createOwnToken(db, app.steward.auth, actorFor(request), identity, parsed.value.name, parsed.value.password));
    } catch (error) {
      if (error instanceof UserError && error.fieldErrors.length) return rerender(error.status === 429 ? 429 : 400, error.fieldErrors);
      throw error;
    }
    // Shown once, on this response only: Steward keeps only its hash.
    return reply.render('platform/account/views/token-created.njk', { title: 'Your new API token', token, name: parsed.value.name });
  });

  app.post('/account/tokens/:id/revoke', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = identityOf(request);
    await revokeToken(db, actorFor(request), identity.person.id, idParam((request.params as { id: string }).id));
    reply.flash('The token has been revoked. Anything using it can no longer reach Steward.');
    return reply.redirect('/account', 303);
  });
}
