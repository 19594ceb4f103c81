import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  can,
  activeMemberByEmail,
  activeMemberEmail,
  actorFor,
  identityOf,
  line,
  NotFoundError,
  paragraphs,
  ref,
  refText,
  serviceAreasOf,
  serviceAreaItems,
  submitForm,
  UserError,
} from '../../../platform/index.js';
import { teamsOf } from '../../teams/index.js';
import { policiesOf } from '../sla/queries.js';
import { desk } from '../abilities.js';
import { deskRecords } from '../references.js';
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
    return { ...b, teamId: id(b.teamId), slaPolicyId: id(b.slaPolicyId), serviceAreaId: id(b.serviceAreaId), visibleToStaff: b.visibleToStaff === 'yes' };
  },
  serviceInput
    .omit({ ownerId: true })
    .extend({ ownerEmail: z.union([z.literal(''), refText(activeMemberEmail, { max: 254, normalise: (s) => s.toLowerCase() })]).optional() }),
);
const categoryForm = z.object({ name: line(100, { required: 'Name the category' }) });
const requestTypeForm = z.object({
  typeName: line(200, { required: 'Name the request, like ‘Ask for a new laptop’' }),
  typeDescription: paragraphs(2000, { required: 'Say what the request is for and how long it takes' }),
});
const serviceParams = z.object({ id: ref(deskRecords.service) });
const typeParams = z.object({ typeId: ref(deskRecords.requestType) });
const questionParams = typeParams.extend({ key: line(60) });

/** The service owner is named by email on the form. */
async function withOwner(db: FastifyInstance['steward']['db'], organisationId: number, v: z.infer<typeof serviceForm>) {
  if (!v.ownerEmail) return { ...v, ownerId: null };
  const owner = await activeMemberByEmail(db, organisationId, v.ownerEmail);
  if (!owner) throw new UserError('There is no one with that email address in this organisation', { field: 'ownerEmail' });
  return { ...v, ownerId: owner.id };
}

const questionForm = z
  .object({
    label: line(200, { required: 'Write the question', tooLong: 'Keep the question to 200 characters or fewer' }),
    type: z.enum(['text', 'long-text', 'choice', 'date', 'yes-no'], { message: 'Choose the kind of answer' }),
    required: z.enum(['yes', 'no'], { message: 'Say whether an answer is needed' }),
    options: paragraphs(5000).optional(),
    hint: line(300).optional(),
  })
  .refine((v) => v.type !== 'choice' || (v.options ?? '').split('\n').some((o) => o.trim()), {
    message: 'List the choices, one a line',
    path: ['options'],
  });
const nothing = z.object({});

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
      canEdit: can(identityOf(request), desk.manageCatalogue),
    };
  };

  app.get('/service-desk/catalogue', { config: { access: desk.readCatalogue } }, async (request, reply) =>
    reply.render(view('catalogue'), await listContext(request)),
  );

  app.post('/service-desk/catalogue/categories', { config: { access: desk.manageCatalogue, form: categoryForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: categoryForm,
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
    const [teams, policies, areas] = await Promise.all([teamsOf(db, orgId), policiesOf(db, orgId), serviceAreasOf(db, orgId)]);
    return {
      title,
      action,
      breadcrumbs: crumbs,
      teamOptions: [{ value: '', text: 'No team yet' }, ...teams.map((t) => ({ value: String(t.id), text: t.name }))],
      policyOptions: [{ value: '', text: 'The default SLA' }, ...policies.map((p) => ({ value: String(p.id), text: p.name }))],
      serviceAreaOptions: serviceAreaItems(areas, { none: 'Not recorded' }),
    };
  };

  app.get('/service-desk/catalogue/new', { config: { access: desk.manageCatalogue } }, async (request, reply) =>
    reply.render(view('service-form'), {
      ...(await serviceFormContext(request, 'Add a service', '/service-desk/catalogue')),
      values: { visibleToStaff: 'yes', hours: 'Monday to Friday, 8:30am to 5pm' },
    }),
  );

  app.post('/service-desk/catalogue', { config: { access: desk.manageCatalogue, form: serviceForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: serviceForm,
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
    const service = await findService(db, orgId, (request.params as z.output<typeof serviceParams>).id);
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
        serviceAreaId: String(service.service_area_id ?? ''),
        visibleToStaff: service.visible_to_staff ? 'yes' : 'no',
      },
    };
  };

  app.get('/service-desk/catalogue/:id', { config: { access: desk.manageCatalogue }, schema: { params: serviceParams } }, async (request, reply) =>
    reply.render(view('service'), await serviceContext(request)),
  );

  app.post(
    '/service-desk/catalogue/:id',
    { config: { access: desk.manageCatalogue, form: serviceForm }, schema: { params: serviceParams } },
    async (request, reply) => {
      const context = await serviceContext(request);
      return submitForm(request, reply, {
        schema: serviceForm,
        view: view('service'),
        context: () => context,
        action: async (v) => {
          const orgId = identityOf(request).organisation.id;
          await updateService(db, actorFor(request), orgId, context.service.id, await withOwner(db, orgId, v));
          return { redirect: `/service-desk/catalogue/${context.service.id}`, flash: 'Service saved' };
        },
      });
    },
  );

  app.post(
    '/service-desk/catalogue/:id/request-types',
    { config: { access: desk.manageCatalogue, form: requestTypeForm }, schema: { params: serviceParams } },
    async (request, reply) => {
      const context = await serviceContext(request);
      return submitForm(request, reply, {
        schema: requestTypeForm,
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
    },
  );

  const typeContext = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const type = await findRequestType(db, orgId, (request.params as z.output<typeof typeParams>).typeId);
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

  app.get('/service-desk/request-types/:typeId', { config: { access: desk.manageCatalogue }, schema: { params: typeParams } }, async (request, reply) =>
    reply.render(view('request-type'), await typeContext(request)),
  );

  app.post(
    '/service-desk/request-types/:typeId/questions',
    { config: { access: desk.manageCatalogue, form: questionForm }, schema: { params: typeParams } },
    async (request, reply) => {
      const context = await typeContext(request);
      return submitForm(request, reply, {
        schema: questionForm,
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
    },
  );

  app.post(
    '/service-desk/request-types/:typeId/questions/:key/remove',
    { config: { access: desk.manageCatalogue, form: nothing }, schema: { params: questionParams } },
    async (request, reply) => {
      const context = await typeContext(request);
      return submitForm(request, reply, {
        schema: nothing,
        view: view('request-type'),
        context: () => context,
        action: async () => {
          await changeRequestTypeFields(db, actorFor(request), identityOf(request).organisation.id, context.type.id, {
            removeKey: (request.params as z.output<typeof questionParams>).key,
          });
          return { redirect: `/service-desk/request-types/${context.type.id}`, flash: 'Question removed' };
        },
      });
    },
  );
}
