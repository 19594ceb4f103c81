import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { abilitiesByArea, platformAbilities } from '../access/abilities.js';
import { roleDescriptions, roleNames, roles } from '../access/roles.js';
import { formErrors, pageQuery, submitForm } from '../forms.js';
import { ref } from '../inputs/references.js';
import { line } from '../inputs/text.js';
import { NotFoundError } from '../http/errors.js';
import { actorFor, identityOf } from '../http/request.js';
import { changeRoleInput, newPersonInput } from './schemas.js';
import { member } from './references.js';
import { addPerson, changeRole, findMember, listMembers, setActive } from './service.js';

const roleItems = roles.map((r) => ({ value: r, text: roleNames[r], hint: { text: roleDescriptions[r] } }));
const blankIsAny = <T extends z.ZodType>(schema: T) =>
  z
    .union([z.literal(''), schema])
    .optional()
    .transform((v) => (v === '' ? undefined : v));
const peopleQuery = z.object({
  q: line(100, { tooLong: 'Search for 100 characters or fewer' }).optional(),
  role: blankIsAny(z.enum(roles, { message: 'Choose a role from the list' })),
  status: blankIsAny(z.enum(['active', 'disabled'], { message: 'Choose active or disabled' })),
});
const personParams = z.object({ id: ref(member) });
const activeForm = z.object({ active: z.enum(['0', '1'], { message: 'Choose whether the account is active' }) });

/** Administrators manage who belongs to their organisation and with which role. */
export async function peopleRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const access = platformAbilities.administer;
  const crumbs = [
    { text: 'Home', href: '/' },
    { text: 'Administration', href: '/admin' },
  ];

  app.get('/admin', { config: { access } }, async (_request, reply) =>
    reply.render('platform/people/views/admin.njk', { title: 'Administration', breadcrumbs: [{ text: 'Home', href: '/' }] }),
  );

  // The one table of who may do what, read from the abilities every module declares.
  app.get('/admin/roles', { config: { access } }, async (_request, reply) =>
    reply.render('platform/people/views/roles.njk', {
      title: 'Roles and what they may do',
      breadcrumbs: crumbs,
      roles: roles.map((r) => ({ name: roleNames[r], description: roleDescriptions[r] })),
      areas: abilitiesByArea().map((area) => ({
        heading: area.heading,
        abilities: area.abilities.map((a) => ({ name: a.name, description: a.description, has: roles.map((r) => a.roles.includes(r)) })),
      })),
    }),
  );

  app.get('/admin/people', { config: { access, query: peopleQuery } }, async (request, reply) => {
    const identity = identityOf(request);
    const parsed = await pageQuery(request, peopleQuery);
    const filter = parsed.ok ? { search: parsed.value.q || undefined, role: parsed.value.role, status: parsed.value.status } : {};
    const people = parsed.ok ? await listMembers(db, identity.organisation.id, filter) : [];
    return reply.code(parsed.ok ? 200 : 400).render('platform/people/views/people.njk', {
      title: 'People',
      breadcrumbs: crumbs,
      people: people.map((p) => ({ ...p, roleName: roleNames[p.role] })),
      filter: { ...filter, search: (request.query as { q?: unknown }).q },
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      roleOptions: [{ value: '', text: 'Any role' }, ...roles.map((r) => ({ value: r, text: roleNames[r], selected: filter.role === r }))],
    });
  });

  const newView = 'platform/people/views/new-person.njk';
  const newContext = () => ({ title: 'Add a person', breadcrumbs: [...crumbs, { text: 'People', href: '/admin/people' }], roleItems });

  app.get('/admin/people/new', { config: { access } }, async (_request, reply) => reply.render(newView, newContext()));

  app.post('/admin/people', { config: { access, form: newPersonInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: newPersonInput,
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
    const member = await findMember(db, identity.organisation.id, (request.params as z.output<typeof personParams>).id);
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

  app.get('/admin/people/:id', { config: { access }, schema: { params: personParams } }, async (request, reply) =>
    reply.render(personView, await personContext(request)),
  );

  app.post('/admin/people/:id/role', { config: { access, form: changeRoleInput }, schema: { params: personParams } }, async (request, reply) => {
    const context = await personContext(request);
    return submitForm(request, reply, {
      schema: changeRoleInput,
      view: personView,
      context: () => context,
      action: async ({ role }) => {
        await changeRole(db, actorFor(request), identityOf(request).organisation.id, context.person.id, role);
        return { redirect: `/admin/people/${context.person.id}`, flash: `${context.person.display_name} is now ${roleNames[role].toLowerCase()}` };
      },
    });
  });

  app.post('/admin/people/:id/status', { config: { access, form: activeForm }, schema: { params: personParams } }, async (request, reply) => {
    const context = await personContext(request);
    return submitForm(request, reply, {
      schema: activeForm,
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
