import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, identityOf, line, optionalRef, paragraphs, problemResponses, submitForm } from '../../../platform/index.js';
import { team, teamsOf } from '../../teams/index.js';
import { desk } from '../abilities.js';
import { placeholders } from './rules.js';
import { addCannedReply, cannedRepliesFor } from './service.js';

const view = 'modules/service-desk/replies/views/replies.njk';
export const replyInput = z.object({
  title: line(120, { required: 'Name the reply, like “Password reset done”' }),
  body: paragraphs(5000, { required: 'Write the reply' }),
  teamId: optionalRef(team, 'Choose one of your teams, or keep the reply as your own'),
});
const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const reply = z
  .object({
    id: z.number().int(),
    title: z.string(),
    body: z.string(),
    teamId: z.number().int().nullable(),
    team: z.string().nullable(),
    personal: z.boolean(),
  })
  .meta({ id: 'CannedReply' });

export async function cannedReplyRoutes(base: FastifyInstance) {
  const { db } = base.steward;
  const page = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const [replies, teams] = await Promise.all([cannedRepliesFor(db, identity), teamsOf(db, identity.organisation.id)]);
    return {
      title: 'Canned replies',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Service desk', href: '/service-desk' },
      ],
      replies,
      placeholders: Object.entries(placeholders).map(([name, means]) => ({ name: `{${name}}`, means })),
      teamItems: [{ value: '', text: 'Mine only' }, ...teams.map((t) => ({ value: String(t.id), text: `The ${t.name} team` }))],
      values: {},
    };
  };
  base.get('/service-desk/canned-replies', { config: { access: desk.workTickets } }, async (request, r) => r.render(view, await page(request)));
  base.post('/service-desk/canned-replies', { config: { access: desk.workTickets, form: replyInput } }, async (request, r) =>
    submitForm(request, r, {
      schema: replyInput,
      view,
      context: () => page(request),
      action: async (v) => {
        await addCannedReply(db, actorFor(request), identityOf(request), { ...v, teamId: v.teamId ?? null });
        return { redirect: '/service-desk/canned-replies', flash: `Added the reply ${v.title}` };
      },
    }),
  );

  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/canned-replies',
    {
      config: { access: desk.workTickets },
      schema: {
        tags: ['Service desk'],
        security,
        summary: 'The canned replies you may use: your own and your teams’ (everyone’s, for those who run the desk)',
        response: { 200: z.object({ items: z.array(reply) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: (await cannedRepliesFor(db, identityOf(request))).map((x) => ({
        id: Number(x.id),
        title: x.title,
        body: x.body,
        teamId: x.team_id === null ? null : Number(x.team_id),
        team: x.team_name ?? null,
        personal: x.owner_id !== null,
      })),
    }),
  );
  app.post(
    '/api/v1/canned-replies',
    {
      config: { access: desk.workTickets },
      schema: {
        tags: ['Service desk'],
        security,
        summary: 'Add a canned reply, for one of your teams or your own',
        body: replyInput,
        response: { 201: z.object({ id: z.number().int() }), ...problemResponses },
      },
    },
    async (request, r) =>
      r.code(201).send({ id: await addCannedReply(db, actorFor(request), identityOf(request), { ...request.body, teamId: request.body.teamId ?? null }) }),
  );
}
