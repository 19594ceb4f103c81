import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, identityOf, idParam, NotFoundError, readers, submitForm, type Role } from '../../../platform/index.js';
import { servicesOf } from '../catalogue/service.js';
import { statusNames } from '../tickets/rules.js';
import { closeMajorIncident, declareMajorIncident, findMajorIncident, openMajorIncidents, ticketsOfMajorIncident } from './service.js';

const agents: readonly Role[] = ['agent', 'manager', 'admin'];
const view = (name: string) => `modules/service-desk/major/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Service desk', href: '/service-desk' },
  { text: 'Major incidents', href: '/service-desk/major-incidents' },
];

const declareForm = z.object({
  serviceId: z.coerce.number({ message: 'Choose the service that is affected' }).int().positive('Choose the service that is affected'),
  title: z.string().trim().min(1, 'Give the major incident a title staff will recognise').max(200, 'Title must be 200 characters or fewer'),
  summary: z.string().trim().min(1, 'Tell staff what is happening and what to do meanwhile').max(2000, 'Summary must be 2,000 characters or fewer'),
});

export async function majorIncidentRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/service-desk/major-incidents', { config: { access: readers } }, async (request, reply) =>
    reply.render(view('list'), {
      title: 'Major incidents',
      breadcrumbs: crumbs.slice(0, 2),
      incidents: await openMajorIncidents(db, identityOf(request).organisation.id),
      canDeclare: agents.includes(identityOf(request).role),
    }),
  );

  const newContext = async (request: FastifyRequest) => ({
    title: 'Declare a major incident',
    breadcrumbs: crumbs,
    serviceOptions: [
      { value: '', text: 'Choose a service' },
      ...(await servicesOf(db, identityOf(request).organisation.id)).map((s) => ({ value: String(s.id), text: s.name })),
    ],
  });

  app.get('/service-desk/major-incidents/new', { config: { access: agents } }, async (request, reply) => reply.render(view('new'), await newContext(request)));

  app.post('/service-desk/major-incidents', { config: { access: agents } }, async (request, reply) =>
    submitForm(reply, {
      schema: declareForm,
      body: request.body,
      view: view('new'),
      context: () => newContext(request),
      action: async (v) => {
        const id = await declareMajorIncident(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: `/service-desk/major-incidents/${id}`, flash: 'Major incident declared: staff now see it on the portal' };
      },
    }),
  );

  const incidentContext = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const id = idParam((request.params as { id: string }).id);
    const incident = await findMajorIncident(db, identity.organisation.id, id);
    if (!incident) throw new NotFoundError();
    const tickets = await ticketsOfMajorIncident(db, identity.organisation.id, id);
    return {
      title: incident.title,
      breadcrumbs: crumbs,
      incident,
      tickets: tickets.map((t) => ({ ...t, statusName: statusNames[t.status] })),
      canClose: agents.includes(identity.role) && !incident.closed_at,
    };
  };

  app.get('/service-desk/major-incidents/:id', { config: { access: readers } }, async (request, reply) =>
    reply.render(view('incident'), await incidentContext(request)),
  );

  app.post('/service-desk/major-incidents/:id/close', { config: { access: agents } }, async (request, reply) => {
    const context = await incidentContext(request);
    return submitForm(reply, {
      schema: z.object({ note: z.string().trim().min(1, 'Say how the service was restored').max(2000) }),
      body: request.body,
      view: view('incident'),
      context: () => context,
      action: async (v) => {
        await closeMajorIncident(db, actorFor(request), identityOf(request).organisation.id, context.incident.id, v.note);
        return { redirect: `/service-desk/major-incidents/${context.incident.id}`, flash: 'The major incident is closed and the banner has gone' };
      },
    });
  });
}
