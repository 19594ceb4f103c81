import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, ForbiddenError, identityOf, optionalRef, pageOf, problemResponses, ref } from '../../platform/index.js';
import { boards } from './abilities.js';
import { mayRecord } from './pages.js';
import { sendPack } from './routes.js';
import { meetingParams } from './references.js';
import * as q from './queries.js';
import { boardRecords } from './references.js';
import { actionState, actionStates, meetingState } from './rules.js';
import { actionsQuery, decisionInput, decisionsQuery } from './schemas.js';
import { recordDecision, today } from './service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Strategy and governance'];
const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const member = z
  .object({ id: z.number().int(), name: z.string(), role: z.string(), represents: z.string(), email: z.string().nullable(), leftOn: z.string().nullable() })
  .meta({ id: 'BoardMember' });
const board = z.object({ id: z.number().int(), name: z.string(), purpose: z.string(), meets: z.string(), members: z.array(member) }).meta({ id: 'Board' });
const meeting = z
  .object({
    id: z.number().int(),
    boardId: z.number().int(),
    board: z.string(),
    heldOn: z.string(),
    startsAt: z.string(),
    place: z.string(),
    state: z.enum(['upcoming', 'held', 'signed-off']),
    minutesSignedOffOn: z.string().nullable(),
  })
  .meta({ id: 'BoardMeeting' });
const decision = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    boardId: z.number().int(),
    meetingId: z.number().int().nullable(),
    title: z.string(),
    options: z.string(),
    rationale: z.string(),
    decidedBy: z.string(),
    decidedOn: z.string(),
    public: z.boolean(),
    links: z.array(z.object({ kind: z.string(), id: z.number().int() })),
  })
  .meta({ id: 'Decision' });
const action = z
  .object({
    id: z.number().int(),
    boardId: z.number().int(),
    meetingId: z.number().int().nullable(),
    decisionId: z.number().int().nullable(),
    title: z.string(),
    owner: z.string(),
    ownerEmail: z.string().nullable(),
    dueOn: z.string(),
    doneOn: z.string().nullable(),
    state: z.enum(actionStates),
  })
  .meta({ id: 'BoardAction' });

export async function boardsApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;

  app.get(
    '/api/v1/boards',
    {
      config: { access: boards.read },
      schema: {
        tags,
        security,
        summary: 'The boards, with their terms of reference and members',
        response: { 200: z.object({ items: z.array(board) }), ...problemResponses },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const list = await q.boardsOf(db, orgId);
      const members = await Promise.all(list.map((b) => q.membersOf(db, orgId, Number(b.id))));
      return {
        items: list.map((b, i) => ({
          id: Number(b.id),
          name: b.name,
          purpose: b.purpose,
          meets: b.meets,
          members: members[i]!.map((m) => ({
            id: Number(m.id),
            name: m.name,
            role: m.role,
            represents: m.represents,
            email: m.email ?? null,
            leftOn: day(m.left_on),
          })),
        })),
      };
    },
  );
  app.get(
    '/api/v1/meetings',
    {
      config: { access: boards.read },
      schema: {
        tags,
        security,
        summary: 'The boards’ meetings, the latest first (up to 1,000)',
        querystring: z.object({ board: ref(boardRecords.board).optional() }),
        response: { 200: z.object({ items: z.array(meeting) }), ...problemResponses },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const on = today();
      const rows = request.query.board === undefined ? await q.recentMeetings(db, orgId, 1000) : await q.meetingsOf(db, orgId, request.query.board);
      return {
        items: rows.map((m) => ({
          id: Number(m.id),
          boardId: Number(m.board_id),
          board: m.board_name,
          heldOn: day(m.held_on)!,
          startsAt: m.starts_at,
          place: m.place,
          state: meetingState({ heldOn: day(m.held_on)!, signedOffOn: day(m.minutes_signed_off_on) }, on),
          minutesSignedOffOn: day(m.minutes_signed_off_on),
        })),
      };
    },
  );
  app.get(
    '/api/v1/decisions',
    {
      config: { access: boards.read },
      schema: {
        tags,
        security,
        summary: 'The decision log, the newest first, 100 at a time',
        querystring: decisionsQuery,
        response: { 200: z.object({ items: z.array(decision), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const v = request.query;
      const rows = await q.decisionsOf(
        db,
        orgId,
        { ...(v.board !== undefined ? { boardId: v.board } : {}), ...(v.public !== undefined ? { public: v.public === 'yes' } : {}) },
        v.after,
        101,
      );
      const page = pageOf(rows, 100, (d) => ({ on: day(d.decided_on)!, id: Number(d.id) }));
      const links = await q.decisionLinksOf(
        db,
        orgId,
        page.items.map((d) => Number(d.id)),
      );
      return {
        items: page.items.map((d) => ({
          id: Number(d.id),
          reference: d.reference,
          boardId: Number(d.board_id),
          meetingId: num(d.meeting_id),
          title: d.title,
          options: d.options,
          rationale: d.rationale,
          decidedBy: d.decided_by,
          decidedOn: day(d.decided_on)!,
          public: Boolean(d.public),
          links: links.filter((l) => Number(l.decision_id) === Number(d.id)).map((l) => ({ kind: l.kind, id: Number(l.record_id) })),
        })),
        next: page.next,
      };
    },
  );
  app.post(
    '/api/v1/decisions',
    {
      config: { access: boards.record },
      schema: {
        tags,
        security,
        summary: 'Record a decision of a board (a member of the board, or a manager or admin)',
        body: decisionInput.extend({ boardId: ref(boardRecords.board), meetingId: optionalRef(boardRecords.meeting) }),
        response: { 201: z.object({ id: z.number().int(), reference: z.string() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request);
      const { boardId, meetingId, ...v } = request.body;
      if (!(await mayRecord(db, identity, boardId))) throw new ForbiddenError('Only members of this board record its decisions');
      return reply.code(201).send(await recordDecision(db, actorFor(request), identity.organisation.id, boardId, meetingId ?? null, v));
    },
  );
  app.get(
    '/api/v1/meetings/:id/board-pack.pdf',
    {
      config: { access: boards.read },
      schema: {
        tags,
        security,
        summary: 'A meeting’s board pack as a tagged PDF, assembled from live data',
        params: meetingParams,
        response: {
          200: z.unknown().meta({ type: 'string', format: 'binary', contentMediaType: 'application/pdf', description: 'The board pack (PDF)' }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => sendPack(request, reply),
  );
  app.get(
    '/api/v1/board-actions',
    {
      config: { access: boards.read },
      schema: {
        tags,
        security,
        summary: 'The boards’ actions: open ones by when they are due, then those done (up to 1,000)',
        querystring: actionsQuery,
        response: { 200: z.object({ items: z.array(action) }), ...problemResponses },
      },
    },
    async (request) => {
      const on = today();
      const v = request.query;
      const rows = await q.actionsOf(
        db,
        orgOf(request),
        { ...(v.board !== undefined ? { boardId: v.board } : {}), ...(v.state ? { state: v.state } : {}), today: on },
        1000,
      );
      return {
        items: rows.map((a) => ({
          id: Number(a.id),
          boardId: Number(a.board_id),
          meetingId: num(a.meeting_id),
          decisionId: num(a.decision_id),
          title: a.title,
          owner: a.owner_display_name ?? a.owner_name,
          ownerEmail: a.owner_email ?? null,
          dueOn: day(a.due_on)!,
          doneOn: day(a.done_on),
          state: actionState({ dueOn: day(a.due_on)!, doneOn: day(a.done_on) }, on),
        })),
      };
    },
  );
}
