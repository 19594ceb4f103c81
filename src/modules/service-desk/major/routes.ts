import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, can, identityOf, line, NotFoundError, paragraphs, ref, submitForm } from '../../../platform/index.js';
import { desk } from '../abilities.js';
import { deskRecords } from '../references.js';
import { servicesOf } from '../catalogue/service.js';
import { statusNames } from '../tickets/rules.js';
import { closeMajorIncident, declareMajorIncident, findMajorIncident, openMajorIncidents, ticketsOfMajorIncident } from './service.js';

const view = (name: string) => `modules/service-desk/major/views/${name}.njk`;
const crumbs = [
  { text: 'Home', href: '/' },
  { text: 'Service desk', href: '/service-desk' },
  { text: 'Major incidents', href: '/service-desk/major-incidents' },
];

const declareForm = z.object({
  serviceId: ref(deskRecords.service, 'Choose the service that is affected'),
  title: line(200, { required: 'Give the major incident a title staff will recognise', tooLong: 'Title must be 200 characters or fewer' }),
  summary: paragraphs(2000, { required: 'Tell staff what is happening and what to do meanwhile', tooLong: 'Summary must be 2,000 characters or fewer' }),
});
const closeForm = z.object({ note: paragraphs(2000, { required: 'Say how the service was restored' }) });
const incidentParams = z.object({ id: ref(deskRecords.majorIncident) });

export async function majorIncidentRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  app.get('/service-desk/major-incidents', { config: { access: desk.readTickets } }, async (request, reply) =>
    reply.render(view('list'), {
      title: 'Major incidents',
      breadcrumbs: crumbs.slice(0, 2),
      incidents: await openMajorIncidents(db, identityOf(request).organisation.id),
      canDeclare: can(identityOf(request), desk.runMajorIncidents),
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

  app.get('/service-desk/major-incidents/new', { config: { access: desk.runMajorIncidents } }, async (request, reply) =>
    reply.render(view('new'), await newContext(request)),
  );

  app.post('/service-desk/major-incidents', { config: { access: desk.runMajorIncidents, form: declareForm } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: declareForm,
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
    const { id } = request.params as z.output<typeof incidentParams>;
    const incident = await findMajorIncident(db, identity.organisation.id, id);
    if (!incident) throw new NotFoundError();
    const tickets = await ticketsOfMajorIncident(db, identity.organisation.id, id);
    return {
      title: incident.title,
      breadcrumbs: crumbs,
      incident,
      tickets: tickets.map((t) => ({ ...t, statusName: statusNames[t.status] })),
      canClose: can(identity, desk.runMajorIncidents) && !incident.closed_at,
    };
  };

  app.get('/service-desk/major-incidents/:id', { config: { access: desk.readTickets }, schema: { params: incidentParams } }, async (request, reply) =>
    reply.render(view('incident'), await incidentContext(request)),
  );

  app.post(
    '/service-desk/major-incidents/:id/close',
    { config: { access: desk.runMajorIncidents, form: closeForm }, schema: { params: incidentParams } },
    async (request, reply) => {
      const context = await incidentContext(request);
      return submitForm(request, reply, {
        schema: closeForm,
        view: view('incident'),
        context: () => context,
        action: async (v) => {
          await closeMajorIncident(db, actorFor(request), identityOf(request).organisation.id, context.incident.id, v.note);
          return { redirect: `/service-desk/major-incidents/${context.incident.id}`, flash: 'The major incident is closed and the banner has gone' };
        },
      });
    },
  );
}
