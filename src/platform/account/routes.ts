import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { platformAbilities } from '../access/abilities.js';
import { submitForm } from '../forms.js';
import { ForbiddenError } from '../http/errors.js';
import { actorFor, identityOf } from '../http/request.js';
import { ref } from '../inputs/references.js';
import { apiToken } from '../people/references.js';
import { changeOwnPassword } from '../people/service.js';
import { membershipsOf } from '../people/queries.js';
import { createOwnToken, revokeToken, tokenNameField, tokensOf } from '../tokens/service.js';
import { roleNames } from '../access/roles.js';

const passwordForm = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(1024, 'Enter your current password'),
    newPassword: z.string().min(1, 'Enter a new password').max(1024, 'Passwords must be 1,024 characters or fewer'),
    confirmPassword: z.string().min(1, 'Confirm your new password').max(1024, 'The passwords do not match'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: 'The passwords do not match', path: ['confirmPassword'] });

const own = platformAbilities.ownAccount;
const tokenParams = z.object({ id: ref(apiToken) });
const nothing = z.object({});
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
      roleName: roleNames[identity.role],
      memberships: (await membershipsOf(db, identity.person.id)).map((m) => ({ ...m, roleName: roleNames[m.role] })),
      tokens: await tokensOf(db, identity.person.id, identity.organisation.id),
    };
  };

  app.get('/account', { config: { access: 'signed-in' } }, async (request, reply) => reply.render(accountView, await accountContext(request)));

  app.post('/account/password', { config: { access: own, form: passwordForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: passwordForm,
      view: accountView,
      context: () => accountContext(request),
      action: async (v) => {
        const identity = browserSessionOf(request);
        await changeOwnPassword(db, actorFor(request), identity.person.id, v.currentPassword, v.newPassword, app.steward.auth.passwordCost, identity.sessionId);
        return { redirect: '/account', flash: 'Your password has been changed. Your other sessions have been signed out.' };
      },
    }),
  );

  app.post('/account/tokens', { config: { access: own, form: tokenForm } }, async (request, reply) => {
    const identity = browserSessionOf(request);
    return submitForm(request, reply, {
      schema: tokenForm,
      view: accountView,
      context: () => accountContext(request),
      action: async (v) => {
        const { token } = await createOwnToken(db, app.steward.auth, actorFor(request), identity, v.name, v.password);
        // Shown once, on this response only: Steward keeps only its hash.
        return { page: 'platform/account/views/token-created.njk', context: { title: 'Your new API token', token, name: v.name } };
      },
    });
  });

  app.post('/account/tokens/:id/revoke', { config: { access: own, form: nothing }, schema: { params: tokenParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: nothing,
      view: accountView,
      context: () => accountContext(request),
      action: async () => {
        await revokeToken(db, actorFor(request), identityOf(request).person.id, (request.params as z.output<typeof tokenParams>).id);
        return { redirect: '/account', flash: 'The token has been revoked. Anything using it can no longer reach Steward.' };
      },
    }),
  );
}
