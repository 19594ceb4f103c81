import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, date, identityOf, NotFoundError, problemResponses, submitForm } from '../../../platform/index.js';
import { people } from '../abilities.js';
import { actionParams, objectiveParams, staffParams } from '../references.js';
import * as staffQueries from '../queries.js';
import { today } from '../service.js';
import { objectiveById } from './queries.js';
import {
  completeOneToOneAction,
  noFields,
  objectiveInput,
  objectiveStatuses,
  oneToOneInput,
  privateRecordsOf,
  recordOneToOne,
  reviewInput,
  reviewObjective,
  setObjective,
} from './service.js';

const view = 'modules/people/managing/views/private.njk';
const access = people.privateRecords;
const keep = people.keepPrivateRecords;

export async function managingRoutes(base: FastifyInstance) {
  const { db } = base.steward;

  const privatePage = async (request: FastifyRequest, staffId: number) => {
    const identity = identityOf(request);
    const r = await privateRecordsOf(db, identity, staffId);
    const year = Number(today().slice(0, 4)) - (today().slice(5, 7) < '04' ? 1 : 0);
    return {
      title: r.isSelf ? 'Your objectives and 1:1s' : `${r.staff.name}: objectives and 1:1s`,
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'People and skills', href: '/people' },
      ],
      ...r,
      objectives: r.objectives.map((o) => ({
        ...o,
        statusName: objectiveStatuses[o.status],
        reviews: o.reviews.map((v) => ({ ...v, when: date(String(v.reviewed_on)), statusName: objectiveStatuses[v.status] })),
      })),
      meetings: r.meetings.map((m) => ({ ...m, when: date(String(m.held_on)) })),
      statusItems: Object.entries(objectiveStatuses).map(([value, text]) => ({ value, text })),
      values: { year: String(year), heldOn: today(), reviewedOn: today() },
    };
  };

  base.get('/people/my-objectives', { config: { access } }, async (request, reply) => {
    const identity = identityOf(request);
    const mine = await staffQueries.staffByPerson(db, identity.organisation.id, identity.person.id);
    if (!mine) throw new NotFoundError('You are not recorded among the IT department’s people');
    return reply.redirect(`/people/staff/${mine.id}/private`, 303);
  });
  base.get('/people/staff/:id/private', { config: { access }, schema: { params: staffParams } }, async (request, reply) =>
    reply.render(view, await privatePage(request, (request.params as z.output<typeof staffParams>).id)),
  );
  base.post('/people/staff/:id/objectives', { config: { access: keep, form: objectiveInput }, schema: { params: staffParams } }, async (request, reply) => {
    const { id } = request.params as z.output<typeof staffParams>;
    return submitForm(request, reply, {
      schema: objectiveInput,
      view,
      context: () => privatePage(request, id),
      action: async (v) => {
        await setObjective(db, actorFor(request), identityOf(request), id, v);
        return { redirect: `/people/staff/${id}/private#objectives`, flash: 'Objective set' };
      },
    });
  });
  base.post('/people/objectives/:id/reviews', { config: { access: keep, form: reviewInput }, schema: { params: objectiveParams } }, async (request, reply) => {
    const { id } = request.params as z.output<typeof objectiveParams>;
    const identity = identityOf(request);
    return submitForm(request, reply, {
      schema: reviewInput,
      view,
      context: async () => privatePage(request, await staffOfObjective(id, identity.organisation.id)),
      action: async (v) => {
        const staffId = await reviewObjective(db, actorFor(request), identity, id, v);
        return { redirect: `/people/staff/${staffId}/private#objectives`, flash: 'Review recorded' };
      },
    });
  });
  base.post('/people/staff/:id/one-to-ones', { config: { access: keep, form: oneToOneInput }, schema: { params: staffParams } }, async (request, reply) => {
    const { id } = request.params as z.output<typeof staffParams>;
    return submitForm(request, reply, {
      schema: oneToOneInput,
      view,
      context: () => privatePage(request, id),
      action: async (v) => {
        await recordOneToOne(db, actorFor(request), identityOf(request), id, v);
        return { redirect: `/people/staff/${id}/private#one-to-ones`, flash: '1:1 recorded' };
      },
    });
  });
  base.post('/people/one-to-ones/actions/:id/done', { config: { access: keep, form: noFields }, schema: { params: actionParams } }, async (request, reply) => {
    const { id } = request.params as z.output<typeof actionParams>;
    return submitForm(request, reply, {
      schema: noFields,
      view,
      context: () => ({ title: 'Objectives and 1:1s', values: {} }),
      action: async () => {
        const staffId = await completeOneToOneAction(db, actorFor(request), identityOf(request), id);
        return { redirect: `/people/staff/${staffId}/private#one-to-ones`, flash: 'Action done' };
      },
    });
  });

  const staffOfObjective = async (objectiveId: number, organisationId: number) => {
    const o = await objectiveById(db, organisationId, objectiveId);
    if (!o) throw new NotFoundError('There is no such page');
    return Number(o.staff_id);
  };

  const app = base.withTypeProvider<ZodTypeProvider>();
  const level = z.enum(Object.keys(objectiveStatuses) as [keyof typeof objectiveStatuses, ...(keyof typeof objectiveStatuses)[]]);
  app.get(
    '/api/v1/staff/:id/objectives-and-one-to-ones',
    {
      config: { access },
      schema: {
        tags: ['People and skills'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        summary:
          'A person’s objectives with their reviews, and their 1:1s with notes and actions: only for the person, their line manager and that manager’s manager; 404 for anyone else, admins included',
        params: staffParams,
        response: {
          200: z.object({
            objectives: z.array(
              z.object({
                id: z.number().int(),
                year: z.number().int(),
                title: z.string(),
                measure: z.string(),
                status: level,
                reviews: z.array(z.object({ reviewedOn: z.string(), status: level, note: z.string() })),
              }),
            ),
            oneToOnes: z.array(
              z.object({
                id: z.number().int(),
                heldOn: z.string(),
                notes: z.string(),
                actions: z.array(
                  z.object({
                    id: z.number().int(),
                    action: z.string(),
                    owner: z.enum(['person', 'manager']),
                    dueOn: z.string().nullable(),
                    doneOn: z.string().nullable(),
                  }),
                ),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const r = await privateRecordsOf(db, identityOf(request), request.params.id);
      return {
        objectives: r.objectives.map((o) => ({
          id: o.id,
          year: Number(o.year),
          title: o.title,
          measure: o.measure,
          status: o.status,
          reviews: o.reviews.map((v) => ({ reviewedOn: String(v.reviewed_on), status: v.status, note: v.note })),
        })),
        oneToOnes: r.meetings.map((m) => ({
          id: m.id,
          heldOn: String(m.held_on),
          notes: m.notes,
          actions: m.actions.map((a) => ({
            id: Number(a.id),
            action: a.action,
            owner: a.owner,
            dueOn: a.due_on ? String(a.due_on) : null,
            doneOn: a.done_on ? String(a.done_on) : null,
          })),
        })),
      };
    },
  );
}
