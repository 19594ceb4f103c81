import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, identityOf, idParam, NotFoundError, readers, submitForm, UserError, type Role } from '../../../platform/index.js';
import { teamsOf } from '../../teams/index.js';
import { policiesOf } from '../sla/queries.js';
import { findPersonInOrganisation } from '../tickets/people.js';
import { emailOfPerson } from './queries.js';
import {
  categoriesOf,
  changeRequestTypeFields,
  createCategory,
  createRequestType,
  createService,
  findRequestType,
  findService,
  keyFor,
  parseFields,
  requestTypesOf,
  serviceInput,
  servicesOf,
  updateService,
} from './service.js';

const managers: readonly Role[] = ['manager', 'admin'];
const view = (name: string) => `modules/service-desk/catalogue/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Service desk', href: '/service-desk' },
  { text: 'Service catalogue', href: '/service-desk/catalogue' },
];
const fieldTypes = [
  { value: 'text', text: 'Short answer' },
  { value: 'long-text', text: 'Long answer' },
  { value: 'choice', text: 'One choice from a list' },
  { value: 'date', text: 'Date' },
  { value: 'yes-no', text: 'Yes or no' },
];

/** The form posts checkboxes and blanks; this turns them into what serviceInput expects. */
const serviceForm = z.preprocess(
  (raw) => {
    const b = (raw ?? {}) as Record<string, unknown>;
    const id = (v: unknown) => (v === '' || v === undefined ? null : v);
    return { ...b, teamId: id(b.teamId), slaPolicyId: id(b.slaPolicyId), ownerId: null, visibleToStaff: b.visibleToStaff === 'yes' };
  },
  serviceInput.extend({ ownerEmail: z.string().trim().max(254).optional() }),
);

/** The service owner is named by email on the form. */
async function withOwner(db: FastifyInstance['steward']['db'], organisationId: number, v: z.infer<typeof serviceForm>) {
  if (!v.ownerEmail) return { ...v, ownerId: null };
  const owner = await findPersonInOrganisation(db, organisationId, v.ownerEmail);
  if (!owner) throw new UserError('There is no one with that email address in this organisation', { field: 'ownerEmail' });
  return { ...v, ownerId: owner.id };
}

const questionForm = z.object({
  label: z.string().trim().min(1, 'Write the question').max(200, 'Keep the question to 200 characters or fewer'),
  type: z.enum(['text', 'long-text', 'choice', 'date', 'yes-no'], { message: 'Choose the kind of answer' }),
  required: z.enum(['yes', 'no'], { message: 'Say whether an answer is needed' }),
  options: z.string().max(5000).optional(),
  hint: z.string().trim().max(300).optional(),
});

export async function catalogueRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const listContext = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const [services, types, categories] = await Promise.all([servicesOf(db, orgId), requestTypesOf(db, orgId), categoriesOf(db, orgId)]);
    return {
      title: 'Service catalogue',
      breadcrumbs: crumbs.slice(0, 2),
      services: services.map((s) => ({ ...s, types: types.filter((t) => t.service_id === s.id) })),
      categories,
      canEdit: managers.includes(identityOf(request).role),
    };
  };

  app.get('/service-desk/catalogue', { config: { access: readers } }, async (request, reply) => reply.render(view('catalogue'), await listContext(request)));

  app.post('/service-desk/catalogue/categories', { config: { access: managers } }, async (request, reply) =>
    submitForm(reply, {
      schema: z.object({ name: z.string().trim().min(1, 'Name the category').max(100) }),
      body: request.body,
      view: view('catalogue'),
      context: () => listContext(request),
      action: async (v) => {
        const orgId = identityOf(request).organisation.id;
        if ((await categoriesOf(db, orgId)).some((c) => c.name.toLowerCase() === v.name.toLowerCase()))
          throw new UserError(`There is already a category called ${v.name}`, { field: 'name' });
        await createCategory(db, actorFor(request), orgId, v.name);
        return { redirect: '/service-desk/catalogue', flash: `Added the category ${v.name}` };
      },
    }),
  );

  const serviceFormContext = async (request: FastifyRequest, title: string, action: string) => {
    const orgId = identityOf(request).organisation.id;
    const [teams, policies] = await Promise.all([teamsOf(db, orgId), policiesOf(db, orgId)]);
    return {
      title,
      action,
      breadcrumbs: crumbs,
      teamOptions: [{ value: '', text: 'No team yet' }, ...teams.map((t) => ({ value: String(t.id), text: t.name }))],
      policyOptions: [{ value: '', text: 'The default SLA' }, ...policies.map((p) => ({ value: String(p.id), text: p.name }))],
    };
  };

  app.get('/service-desk/catalogue/new', { config: { access: managers } }, async (request, reply) =>
    reply.render(view('service-form'), {
      ...(await serviceFormContext(request, 'Add a service', '/service-desk/catalogue')),
      values: { visibleToStaff: 'yes', hours: 'Monday to Friday, 8:30am to 5pm' },
    }),
  );

  app.post('/service-desk/catalogue', { config: { access: managers } }, async (request, reply) =>
    submitForm(reply, {
      schema: serviceForm,
      body: request.body,
      view: view('service-form'),
      context: () => serviceFormContext(request, 'Add a service', '/service-desk/catalogue'),
      action: async (v) => {
        const orgId = identityOf(request).organisation.id;
        const id = await createService(db, actorFor(request), orgId, await withOwner(db, orgId, v));
        return { redirect: `/service-desk/catalogue/${id}`, flash: `Added ${v.name} to the catalogue` };
      },
    }),
  );

  const serviceContext = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const service = await findService(db, orgId, idParam((request.params as { id: string }).id));
    if (!service) throw new NotFoundError();
    return {
      ...(await serviceFormContext(request, service.name, `/service-desk/catalogue/${service.id}`)),
      service,
      types: (await requestTypesOf(db, orgId, service.id)).map((t) => ({ ...t, fields: parseFields(t.fields_json) })),
      values: {
        ownerEmail: service.owner_id ? await emailOfPerson(db, service.owner_id) : '',
        name: service.name,
        description: service.description,
        hours: service.hours,
        teamId: String(service.team_id ?? ''),
        slaPolicyId: String(service.sla_policy_id ?? ''),
        visibleToStaff: service.visible_to_staff ? 'yes' : 'no',
      },
    };
  };

  app.get('/service-desk/catalogue/:id', { config: { access: managers } }, async (request, reply) =>
    reply.render(view('service'), await serviceContext(request)),
  );

  app.post('/service-desk/catalogue/:id', { config: { access: managers } }, async (request, reply) => {
    const context = await serviceContext(request);
    return submitForm(reply, {
      schema: serviceForm,
      body: request.body,
      view: view('service'),
      context: () => context,
      action: async (v) => {
        const orgId = identityOf(request).organisation.id;
        await updateService(db, actorFor(request), orgId, context.service.id, await withOwner(db, orgId, v));
        return { redirect: `/service-desk/catalogue/${context.service.id}`, flash: 'Service saved' };
      },
    });
  });

  app.post('/service-desk/catalogue/:id/request-types', { config: { access: managers } }, async (request, reply) => {
    const context = await serviceContext(request);
    return submitForm(reply, {
      schema: z.object({
        typeName: z.string().trim().min(1, 'Name the request, like ‘Ask for a new laptop’').max(200),
        typeDescription: z.string().trim().min(1, 'Say what the request is for and how long it takes').max(2000),
      }),
      body: request.body,
      view: view('service'),
      context: () => context,
      action: async (v) => {
        await createRequestType(db, actorFor(request), identityOf(request).organisation.id, context.service.id, {
          name: v.typeName,
          description: v.typeDescription,
          fields: [],
        });
        return { redirect: `/service-desk/catalogue/${context.service.id}`, flash: `Added ${v.typeName}: now add its questions` };
      },
    });
  });

  const typeContext = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const type = await findRequestType(db, orgId, idParam((request.params as { typeId: string }).typeId));
    if (!type) throw new NotFoundError();
    const service = await findService(db, orgId, type.service_id);
    return {
      title: type.name,
      breadcrumbs: [...crumbs, { text: service?.name ?? 'Service', href: `/service-desk/catalogue/${type.service_id}` }],
      type,
      fields: parseFields(type.fields_json),
      fieldTypes,
    };
  };

  app.get('/service-desk/request-types/:typeId', { config: { access: managers } }, async (request, reply) =>
    reply.render(view('request-type'), await typeContext(request)),
  );

  app.post('/service-desk/request-types/:typeId/questions', { config: { access: managers } }, async (request, reply) => {
    const context = await typeContext(request);
    return submitForm(reply, {
      schema: questionForm.refine((v) => v.type !== 'choice' || (v.options ?? '').split('\n').some((o) => o.trim()), {
        message: 'List the choices, one a line',
        path: ['options'],
      }),
      body: request.body,
      view: view('request-type'),
      context: () => context,
      action: async (v) => {
        const options =
          v.type === 'choice'
            ? (v.options ?? '')
                .split('\n')
                .map((o) => o.trim())
                .filter(Boolean)
                .slice(0, 50)
            : undefined;
        await changeRequestTypeFields(db, actorFor(request), identityOf(request).organisation.id, context.type.id, {
          add: {
            key: keyFor(v.label),
            label: v.label,
            type: v.type,
            required: v.required === 'yes',
            ...(options ? { options } : {}),
            ...(v.hint ? { hint: v.hint } : {}),
          },
        });
        return { redirect: `/service-desk/request-types/${context.type.id}`, flash: 'Question added' };
      },
    });
  });

  app.post('/service-desk/request-types/:typeId/questions/:key/remove', { config: { access: managers } }, async (request, reply) => {
    const context = await typeContext(request);
    await changeRequestTypeFields(db, actorFor(request), identityOf(request).organisation.id, context.type.id, {
      removeKey: (request.params as { key: string }).key,
    });
    reply.flash('Question removed');
    return reply.redirect(`/service-desk/request-types/${context.type.id}`, 303);
  });
}
