import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { admins, roleDescriptions, roleNames, roles, isRole } from '../access/roles.js';
import { submitForm } from '../forms.js';
import { NotFoundError } from '../http/errors.js';
import { actorFor, identityOf, idParam } from '../http/request.js';
import { changeRoleInput, newPersonInput } from './schemas.js';
import { addPerson, changeRole, findMember, listMembers, setActive } from './service.js';

const roleItems = roles.map((r) => ({ value: r, text: roleNames[r], hint: { text: roleDescriptions[r] } }));

/** Administrators manage who belongs to their organisation and with which role. */
export async function peopleRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const access = { access: admins };
  const crumbs = [
    { text: 'Home', href: '/' },
    { text: 'Administration', href: '/admin' },
  ];

  app.get('/admin', { config: access }, async (_request, reply) =>
    reply.render('platform/people/views/admin.njk', { title: 'Administration', breadcrumbs: [{ text: 'Home', href: '/' }] }),
  );

  app.get('/admin/people', { config: access }, async (request, reply) => {
    const identity = identityOf(request);
    const query = request.query as Record<string, string | undefined>;
    const filter = {
      search: query.q?.trim().slice(0, 100) || undefined,
      role: isRole(query.role) ? query.role : undefined,
      status: query.status === 'active' || query.status === 'disabled' ? (query.status as 'active' | 'disabled') : undefined,
    };
    const people = await listMembers(db, identity.organisation.id, filter);
    return reply.render('platform/people/views/people.njk', {
      title: 'People',
      breadcrumbs: crumbs,
      people: people.map((p) => ({ ...p, roleName: roleNames[p.role] })),
      filter,
      roleOptions: [{ value: '', text: 'Any role' }, ...roles.map((r) => ({ value: r, text: roleNames[r], selected: filter.role === r }))],
    });
  });

  const newView = 'platform/people/views/new-person.njk';
  const newContext = () => ({ title: 'Add a person', breadcrumbs: [...crumbs, { text: 'People', href: '/admin/people' }], roleItems });

  app.get('/admin/people/new', { config: access }, async (_request, reply) => reply.render(newView, newContext()));

  app.post('/admin/people', { config: access }, async (request, reply) =>
    submitForm(reply, {
      schema: newPersonInput,
      body: request.body,
      view: newView,
      context: newContext,
      action: async (input) => {
        const identity = identityOf(request);
        const { personId, existing } = await addPerson(db, actorFor(request), identity.organisation.id, input, app.steward.auth.passwordCost);
        return {
          redirect: `/admin/people/${personId}`,
          flash: existing
            ? `${input.email} already had a Steward account and now also belongs to ${identity.organisation.name}`
            : `${input.displayName} has been added`,
        };
      },
    }),
  );

  const personContext = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const member = await findMember(db, identity.organisation.id, idParam((request.params as { id: string }).id));
    if (!member) throw new NotFoundError();
    return {
      title: member.display_name,
      breadcrumbs: [...crumbs, { text: 'People', href: '/admin/people' }],
      person: { ...member, roleName: roleNames[member.role] },
      roleItems: roleItems.map((r) => ({ ...r, checked: r.value === member.role })),
      isSelf: member.id === identity.person.id,
      auditHref: `/admin/audit?actor=${encodeURIComponent(member.email)}`,
    };
  };
  const personView = 'platform/people/views/person.njk';

  app.get('/admin/people/:id', { config: access }, async (request, reply) => reply.render(personView, await personContext(request)));

  app.post('/admin/people/:id/role', { config: access }, async (request, reply) => {
    const context = await personContext(request);
    return submitForm(reply, {
      schema: changeRoleInput,
      body: request.body,
      view: personView,
      context: () => context,
      action: async ({ role }) => {
        await changeRole(db, actorFor(request), identityOf(request).organisation.id, context.person.id, role);
        return { redirect: `/admin/people/${context.person.id}`, flash: `${context.person.display_name} is now ${roleNames[role].toLowerCase()}` };
      },
    });
  });

  app.post('/admin/people/:id/status', { config: access }, async (request, reply) => {
    const context = await personContext(request);
    return submitForm(reply, {
      schema: z.object({ active: z.enum(['0', '1'], { message: 'Choose whether the account is active' }) }),
      body: request.body,
      view: personView,
      context: () => context,
      action: async ({ active }) => {
        await setActive(db, actorFor(request), identityOf(request).organisation.id, context.person.id, active === '1');
        return {
          redirect: `/admin/people/${context.person.id}`,
          flash: `${context.person.display_name} has been ${active === '1' ? 'enabled' : 'disabled'}`,
        };
      },
    });
  });
}
