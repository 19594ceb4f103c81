import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { platformAbilities } from '../access/abilities.js';
import { ref } from '../inputs/references.js';
import { yourOrganisation } from '../people/references.js';
import { submitForm } from '../forms.js';
import { NotFoundError } from '../http/errors.js';
import { actorFor, identityOf } from '../http/request.js';
import { organisationInput } from './schemas.js';
import { createOrganisation, findOrganisation, organisationsOf, switchOrganisation, updateOrganisation } from './service.js';
import { organisationTypeNames, organisationTypes } from './types.js';

const admins = platformAbilities.administer;
const switchForm = z.object({ organisationId: ref(yourOrganisation) });
const typeItems = (selected?: string) => organisationTypes.map((t) => ({ value: t, text: organisationTypeNames[t], checked: t === selected }));

export async function organisationRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const crumbs = [
    { text: 'Home', href: '/' },
    { text: 'Administration', href: '/admin' },
  ];
  const settingsView = 'platform/organisations/views/settings.njk';

  app.get('/admin/organisation', { config: { access: admins } }, async (request, reply) => {
    const organisation = await findOrganisation(db, identityOf(request).organisation.id);
    if (!organisation) throw new NotFoundError();
    return reply.render(settingsView, {
      title: 'Organisation settings',
      breadcrumbs: crumbs,
      values: organisation,
      typeItems: typeItems(organisation.type),
    });
  });

  app.post('/admin/organisation', { config: { access: admins, form: organisationInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: organisationInput,
      view: settingsView,
      context: () => ({
        title: 'Organisation settings',
        breadcrumbs: crumbs,
        typeItems: typeItems((request.body as { type?: string } | undefined)?.type),
      }),
      action: async (input) => {
        await updateOrganisation(db, actorFor(request), identityOf(request).organisation.id, input);
        return { redirect: '/admin/organisation', flash: 'Organisation settings saved' };
      },
    }),
  );

  const newView = 'platform/organisations/views/new-organisation.njk';
  app.get('/admin/organisations/new', { config: { access: admins } }, async (_request, reply) =>
    reply.render(newView, { title: 'Add an organisation', breadcrumbs: crumbs, typeItems: typeItems() }),
  );

  app.post('/admin/organisations', { config: { access: admins, form: organisationInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: organisationInput,
      view: newView,
      context: () => ({ title: 'Add an organisation', breadcrumbs: crumbs, typeItems: typeItems((request.body as { type?: string } | undefined)?.type) }),
      action: async (input) => {
        await createOrganisation(db, actorFor(request), input);
        return { redirect: '/organisation/switch', flash: `${input.name} has been added and you are its administrator. Switch to it to set it up.` };
      },
    }),
  );

  const switchView = 'platform/organisations/views/switch.njk';
  const switchContext = async (personId: number, currentId: number) => ({
    title: 'Change organisation',
    items: (await organisationsOf(db, personId)).map((o) => ({
      value: String(o.id),
      text: o.name,
      hint: { text: `Your role: ${o.role}` },
      checked: o.id === currentId,
    })),
  });

  app.get('/organisation/switch', { config: { access: 'signed-in' } }, async (request, reply) => {
    const identity = identityOf(request);
    return reply.render(switchView, await switchContext(identity.person.id, identity.organisation.id));
  });

  app.post('/organisation/switch', { config: { access: platformAbilities.ownAccount, form: switchForm } }, async (request, reply) => {
    const identity = identityOf(request);
    return submitForm(request, reply, {
      schema: switchForm,
      view: switchView,
      context: () => switchContext(identity.person.id, identity.organisation.id),
      action: async ({ organisationId }) => {
        if (!identity.sessionId) throw new NotFoundError();
        await switchOrganisation(db, identity.sessionId, identity.person.id, organisationId);
        return { redirect: '/', flash: 'You have changed organisation' };
      },
    });
  });
}
