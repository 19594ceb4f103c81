import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, identityOf, pageOf, problemResponses } from '../../platform/index.js';
import { stakeholders as abilities } from './abilities.js';
import * as q from './queries.js';
import { channels, engagementKinds, followUpStates, frequencies, quadrants, sentiments, stakeholderKinds } from './rules.js';
import { communicationInput, communicationsApiQuery, engagementInput, engagementsApiQuery, stakeholderInput, stakeholdersApiQuery } from './schemas.js';
import { addCommunication, addStakeholder, day, recordEngagement } from './service.js';
import { communicationRow, engagementRow, followUpRow, stakeholderRow } from './pages.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Telling people'];

const stakeholder = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.enum(stakeholderKinds),
    role: z.string(),
    influence: z.number().int().describe('1 low, 2 medium, 3 high'),
    interest: z.number().int().describe('1 low, 2 medium, 3 high'),
    quadrant: z.enum(quadrants).describe('Where they sit on the influence/interest grid'),
    ownerId: z.number().int().nullable().describe('The person in IT who keeps the relationship'),
    personId: z.number().int().nullable().describe('Their own Steward account, if they have one'),
    view: z.string().describe('Their view of the IT service'),
    sentiment: z.enum(sentiments),
    email: z.string(),
    phone: z.string(),
    lastEngagedOn: z.string().nullable(),
    notMetIn90Days: z.boolean(),
  })
  .meta({ id: 'Stakeholder' });

const engagement = z
  .object({
    id: z.number().int(),
    kind: z.enum(engagementKinds),
    heldOn: z.string(),
    title: z.string(),
    heard: z.string(),
    stakeholderIds: z.array(z.number().int()),
    feedback: z.boolean().describe('Whether it carries feedback to reply to'),
    fromName: z.string(),
    reply: z.string(),
    repliedOn: z.string().nullable(),
    followUps: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        ownerId: z.number().int().nullable(),
        dueOn: z.string().nullable(),
        doneOn: z.string().nullable(),
        state: z.enum(followUpStates),
      }),
    ),
  })
  .meta({ id: 'Engagement' });

const communication = z
  .object({
    id: z.number().int(),
    message: z.string().describe('What people need to know'),
    detail: z.string(),
    audience: z.string(),
    channel: z.enum(channels),
    ownerId: z.number().int().nullable(),
    frequency: z.enum(frequencies),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    nextOn: z.string().nullable().describe('The next day it is due to go out, if any'),
    sends: z.array(z.object({ id: z.number().int(), sentOn: z.string(), channel: z.enum(channels), note: z.string(), reach: z.number().int().nullable() })),
    feedback: z.array(z.object({ id: z.number().int(), receivedOn: z.string(), fromName: z.string(), text: z.string(), sendId: z.number().int().nullable() })),
  })
  .meta({ id: 'Communication' });

const created = z.object({ id: z.number().int() });

export async function stakeholdersApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;

  app.get(
    '/api/v1/stakeholders',
    {
      config: { access: abilities.read },
      schema: {
        tags,
        security,
        summary: 'The stakeholder register by name, with each one’s last engagement; pass `next` back as `after` for the next page',
        querystring: stakeholdersApiQuery,
        response: { 200: z.object({ items: z.array(stakeholder), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const { kind, after, limit } = request.query;
      const rows = await q.stakeholdersOf(db, identityOf(request).organisation.id, kind ? { kind } : {}, after, limit + 1);
      const page = pageOf(rows, limit, (s) => ({ name: s.name, id: Number(s.id) }));
      return {
        items: page.items.map((s) => {
          const r = stakeholderRow(s);
          return {
            id: r.id,
            name: r.name,
            kind: r.kind,
            role: r.role,
            influence: r.influence,
            interest: r.interest,
            quadrant: r.quadrant,
            ownerId: r.ownerId,
            personId: r.personId,
            view: r.view,
            sentiment: r.sentiment,
            email: r.email,
            phone: r.phone,
            lastEngagedOn: r.lastOn,
            notMetIn90Days: r.notMet,
          };
        }),
        next: page.next,
      };
    },
  );
  app.post(
    '/api/v1/stakeholders',
    {
      config: { access: abilities.manage },
      schema: { tags, security, summary: 'Add a stakeholder to the register', body: stakeholderInput, response: { 201: created, ...problemResponses } },
    },
    async (request, reply) => reply.code(201).send({ id: await addStakeholder(db, actorFor(request), identityOf(request).organisation.id, request.body) }),
  );

  app.get(
    '/api/v1/engagements',
    {
      config: { access: abilities.read },
      schema: {
        tags,
        security,
        summary: 'The engagement log, the latest first, with the stakeholders met and the follow-ups; pass `next` back as `after` for the next page',
        querystring: engagementsApiQuery,
        response: { 200: z.object({ items: z.array(engagement), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      const { kind, stakeholder: stakeholderId, after, limit } = request.query;
      const rows = await q.engagementsOf(
        db,
        orgId,
        { ...(kind ? { kind } : {}), ...(stakeholderId !== undefined ? { stakeholderId } : {}) },
        after ?? null,
        limit + 1,
      );
      const page = pageOf(rows, limit, (e) => ({ on: day(e.held_on)!, id: Number(e.id) }));
      const ids = page.items.map((e) => Number(e.id));
      const [met, followUps] = await Promise.all([q.engagementStakeholdersOf(db, orgId, ids), q.followUpsOf(db, orgId, ids)]);
      return {
        items: page.items.map((e) => {
          const r = engagementRow(e, met);
          return {
            id: r.id,
            kind: r.kind,
            heldOn: r.heldOn,
            title: r.title,
            heard: r.heard,
            stakeholderIds: r.stakeholders.map((s) => s.id),
            feedback: r.feedback,
            fromName: r.fromName,
            reply: r.reply,
            repliedOn: r.repliedOn,
            followUps: followUps
              .filter((f) => Number(f.engagement_id) === r.id)
              .map((f) => {
                const fr = followUpRow(f);
                return { id: fr.id, title: fr.title, ownerId: fr.ownerId, dueOn: fr.dueOn, doneOn: fr.doneOn, state: fr.state };
              }),
          };
        }),
        next: page.next,
      };
    },
  );
  app.post(
    '/api/v1/engagements',
    {
      config: { access: abilities.manage },
      schema: {
        tags,
        security,
        summary: 'Log an engagement (a meeting attended, a briefing, feedback heard), optionally with its first follow-up',
        body: engagementInput,
        response: { 201: created, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await recordEngagement(db, actorFor(request), identityOf(request).organisation.id, request.body) }),
  );

  app.get(
    '/api/v1/communications',
    {
      config: { access: abilities.read },
      schema: {
        tags,
        security,
        summary: 'The communications plan’s messages by first day, with what was sent and the feedback; pass `next` back as `after` for the next page',
        querystring: communicationsApiQuery,
        response: { 200: z.object({ items: z.array(communication), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      const { after, limit } = request.query;
      const rows = await q.communicationsOf(db, orgId, after ?? null, limit + 1);
      const page = pageOf(rows, limit, (c) => ({ on: day(c.starts_on)!, id: Number(c.id) }));
      const ids = page.items.map((c) => Number(c.id));
      const [sends, feedback] = await Promise.all([q.sendsOf(db, orgId, ids), q.commsFeedbackOf(db, orgId, ids)]);
      return {
        items: page.items.map((c) => {
          const r = communicationRow(c);
          return {
            id: r.id,
            message: r.message,
            detail: r.detail,
            audience: r.audience,
            channel: r.channel,
            ownerId: r.ownerId,
            frequency: r.frequency,
            startsOn: r.startsOn,
            endsOn: r.endsOn,
            nextOn: r.nextOn,
            sends: sends
              .filter((s) => Number(s.communication_id) === r.id)
              .map((s) => ({ id: Number(s.id), sentOn: day(s.sent_on)!, channel: s.channel, note: s.note, reach: s.reach === null ? null : Number(s.reach) })),
            feedback: feedback
              .filter((f) => Number(f.communication_id) === r.id)
              .map((f) => ({
                id: Number(f.id),
                receivedOn: day(f.received_on)!,
                fromName: f.from_name,
                text: f.text,
                sendId: f.send_id === null ? null : Number(f.send_id),
              })),
          };
        }),
        next: page.next,
      };
    },
  );
  app.post(
    '/api/v1/communications',
    {
      config: { access: abilities.manage },
      schema: {
        tags,
        security,
        summary: 'Add a message to the communications plan: what people need to know, to whom, how and how often',
        body: communicationInput,
        response: { 201: created, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await addCommunication(db, actorFor(request), identityOf(request).organisation.id, request.body) }),
  );
}
