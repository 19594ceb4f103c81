import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, ForbiddenError, identityOf, keptUntilChanged, largeResponse, pageOf, problemResponses, UserError } from '../../platform/index.js';
import { changes } from './abilities.js';
import * as q from './queries.js';
import { changeParams } from './references.js';
import { changeKinds, changeStatuses, requiredApprovers } from './rules.js';
import { calendarApiQuery, changeInput, changePatch, changesQuery, decisions, freezeInput, voteInput } from './schemas.js';
import { addFreezeWindow, approverNames, calendarBetween, calendarVersion, conflictsFor, patchChange, raiseChange, voteOnChange } from './service.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['Service desk'];
const approverKeys = ['change_manager', 'cab', 'head_of_it', 'ecab'] as const;

const conflict = z
  .object({
    type: z.enum(['same_system', 'dependency', 'freeze', 'outside_maintenance']),
    otherReference: z.string().nullable(),
    systemIds: z.array(z.number().int()),
    freezeWindowId: z.number().int().nullable(),
    text: z.string(),
  })
  .meta({ id: 'ChangeConflict' });
const change = z
  .object({
    id: z.number().int(),
    reference: z.string(),
    title: z.string(),
    description: z.string(),
    kind: z.enum(changeKinds),
    status: z.enum(changeStatuses),
    riskScore: z.number().int(),
    riskLevel: z.enum(['low', 'medium', 'high']),
    plannedStart: z.string().nullable(),
    plannedEnd: z.string().nullable(),
    systemIds: z.array(z.number().int()),
    implementerId: z.number().int().nullable(),
    backoutPlan: z.string(),
    testPlan: z.string(),
    communicationPlan: z.string(),
    emergencyReason: z.string(),
    outcome: z.enum(['implemented', 'failed', 'backed_out']).nullable(),
    outcomeNotes: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Change' });
const changeWithConflicts = change.extend({ conflicts: z.array(conflict) }).meta({ id: 'ChangeWithConflicts' });
const approval = z
  .object({
    kind: z.enum(['vote', 'approval']),
    round: z.number().int(),
    approver: z.enum(approverKeys),
    decision: z.enum(decisions),
    conditions: z.string(),
    by: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'ChangeApproval' });
const freeze = z.object({ id: z.number().int(), name: z.string(), reason: z.string(), startsAt: z.string(), endsAt: z.string() }).meta({ id: 'FreezeWindow' });

const str = (v: unknown) => String(v);
const toChange = (c: q.ChangeRow, systemIds: number[]) => ({
  id: Number(c.id),
  reference: c.reference,
  title: c.title,
  description: c.description,
  kind: c.kind,
  status: c.status,
  riskScore: c.risk_score,
  riskLevel: c.risk_level,
  plannedStart: c.planned_start,
  plannedEnd: c.planned_end,
  systemIds,
  implementerId: c.implementer_id === null ? null : Number(c.implementer_id),
  backoutPlan: c.backout_plan,
  testPlan: c.test_plan,
  communicationPlan: c.communication_plan,
  emergencyReason: c.emergency_reason,
  outcome: c.outcome,
  outcomeNotes: c.outcome_notes,
  createdAt: str(c.created_at),
  updatedAt: str(c.updated_at),
});

export async function changesApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;

  async function full(organisationId: number, reference: string) {
    const c = (await q.changeByReference(db, organisationId, reference))!;
    const systems = (await q.systemsOfChanges(db, organisationId, [Number(c.id)])).get(Number(c.id)) ?? [];
    const found = await conflictsFor(db, organisationId, c);
    return {
      ...toChange(c, systems),
      conflicts: found.map((f) => ({
        type: f.type,
        otherReference: 'other' in f && f.other ? f.other.reference : null,
        systemIds: 'systemIds' in f ? f.systemIds : [],
        freezeWindowId: f.type === 'freeze' ? f.freezeId : null,
        text: f.text,
      })),
    };
  }

  app.get(
    '/api/v1/changes',
    {
      config: { access: changes.read },
      schema: {
        tags,
        security,
        summary: 'Changes, the newest first, 100 at a time (filter by status, kind and risk)',
        querystring: changesQuery,
        response: { 200: z.object({ items: z.array(change), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const v = request.query;
      const rows = await q.changesOf(
        db,
        orgId,
        { ...(v.status ? { status: v.status } : {}), ...(v.kind ? { kind: v.kind } : {}), ...(v.risk ? { risk: v.risk } : {}) },
        v.after,
        101,
      );
      const page = pageOf(rows, 100, (c) => ({ id: Number(c.id) }));
      const systems = await q.systemsOfChanges(
        db,
        orgId,
        page.items.map((c) => Number(c.id)),
      );
      return { items: page.items.map((c) => toChange(c, systems.get(Number(c.id)) ?? [])), next: page.next };
    },
  );
  app.post(
    '/api/v1/changes',
    {
      config: { access: changes.raise },
      schema: {
        tags,
        security,
        summary: 'Raise a change, with its risk answers (0 to 3 each) and the estate systems it touches; times without Z are UK time',
        body: changeInput,
        response: { 201: changeWithConflicts, ...problemResponses },
      },
    },
    async (request, reply) => {
      const { reference } = await raiseChange(db, actorFor(request), orgOf(request), request.body);
      return reply.code(201).send(await full(orgOf(request), reference));
    },
  );
  app.get(
    '/api/v1/changes/:reference',
    {
      config: { access: changes.read },
      schema: {
        tags,
        security,
        summary: 'A change, with its conflicts on the calendar',
        params: changeParams,
        response: { 200: changeWithConflicts, ...problemResponses },
      },
    },
    async (request) => full(orgOf(request), request.params.reference),
  );
  app.patch(
    '/api/v1/changes/:reference',
    {
      config: { access: changes.raise },
      schema: {
        tags,
        security,
        summary: 'Change a draft, one in assessment or one rejected: only the fields given',
        params: changeParams,
        body: changePatch,
        response: { 200: changeWithConflicts, ...problemResponses },
      },
    },
    async (request) => {
      const c = (await q.changeByReference(db, orgOf(request), request.params.reference))!;
      await patchChange(db, actorFor(request), orgOf(request), Number(c.id), request.body);
      return full(orgOf(request), c.reference);
    },
  );
  app.get(
    '/api/v1/changes/:reference/approvals',
    {
      config: { access: changes.read },
      schema: {
        tags,
        security,
        summary: 'A change’s CAB votes and its required approvers’ decisions, oldest first',
        params: changeParams,
        response: { 200: z.object({ required: z.array(z.enum(approverKeys)), items: z.array(approval) }), ...problemResponses },
      },
    },
    async (request) => {
      const orgId = orgOf(request);
      const c = (await q.changeByReference(db, orgId, request.params.reference))!;
      const [votes, approvals] = await Promise.all([q.votesOf(db, orgId, Number(c.id)), q.approvalsOf(db, orgId, Number(c.id))]);
      const items = [
        ...votes.map((v) => ({
          kind: 'vote' as const,
          round: v.cab_round,
          approver: c.kind === 'emergency' ? ('ecab' as const) : ('cab' as const),
          decision: v.decision,
          conditions: v.conditions,
          by: v.display_name,
          at: str(v.at),
        })),
        ...approvals.map((a) => ({
          kind: 'approval' as const,
          round: a.cab_round,
          approver: a.approver,
          decision: a.decision,
          conditions: a.conditions,
          by: a.display_name ?? approverNames[a.approver],
          at: str(a.at),
        })),
      ].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
      return { required: requiredApprovers(c.kind, c.risk_level), items };
    },
  );
  app.post(
    '/api/v1/changes/:reference/approvals',
    {
      config: { access: changes.vote },
      schema: {
        tags,
        security,
        summary: 'Vote on a change awaiting the CAB, as a member of the CAB',
        params: changeParams,
        body: voteInput,
        response: { 201: z.object({ outcome: z.enum(['approved', 'approved_with_conditions', 'rejected']).nullable() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request);
      const c = (await q.changeByReference(db, identity.organisation.id, request.params.reference))!;
      if (!(await q.cabMemberOfPerson(db, identity.organisation.id, identity.person.id)))
        throw new ForbiddenError('Only members of the change advisory board vote on changes');
      const { outcome } = await voteOnChange(db, actorFor(request), identity.organisation.id, Number(c.id), identity.person.id, request.body);
      return reply.code(201).send({ outcome });
    },
  );
  app.get(
    '/api/v1/change-calendar',
    {
      ...largeResponse,
      config: { access: changes.read },
      schema: {
        tags,
        security,
        summary: 'The changes planned between two times (up to 92 days), each with its conflicts, and the freeze windows',
        querystring: calendarApiQuery,
        response: {
          200: z.object({
            items: z.array(
              change.extend({
                conflicts: z.array(z.object({ type: conflict.shape.type, otherId: z.number().int().nullable(), freezeWindowId: z.number().int().nullable() })),
              }),
            ),
            freezeWindows: z.array(freeze),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (!(to > from)) throw new UserError('to must be after from', { status: 400, field: 'to' });
      if (Date.parse(to) - Date.parse(from) > 92 * 86_400_000) throw new UserError('Ask for up to 92 days at a time', { status: 400, field: 'to' });
      return keptApiCalendar(db, orgOf(request), `${from}|${to}`);
    },
  );
  /** The API's calendar for a span, worked out once per instance until the changes or the estate move. */
  const keptApiCalendar = keptUntilChanged(calendarVersion, async (db, organisationId, on) => {
    const [from, to] = on.split('|') as [string, string];
    const cal = await calendarBetween(db, organisationId, from, to, q.changesBetween);
    return {
      items: cal.rows.map((r) => ({
        ...toChange(r, cal.systems.get(Number(r.id)) ?? []),
        conflicts: (cal.conflicts.get(Number(r.id)) ?? []).map((f) => ({
          type: f.type,
          otherId: 'otherId' in f ? f.otherId : null,
          freezeWindowId: f.type === 'freeze' ? f.freezeId : null,
        })),
      })),
      freezeWindows: cal.freezes.map((f) => ({ id: f.id, name: f.name, reason: '', startsAt: f.start, endsAt: f.end })),
    };
  });
  app.get(
    '/api/v1/freeze-windows',
    {
      config: { access: changes.read },
      schema: { tags, security, summary: 'The freeze windows, the latest first', response: { 200: z.object({ items: z.array(freeze) }), ...problemResponses } },
    },
    async (request) => ({
      items: (await q.freezeWindowsOf(db, orgOf(request))).map((f) => ({
        id: Number(f.id),
        name: f.name,
        reason: f.reason,
        startsAt: f.starts_at,
        endsAt: f.ends_at,
      })),
    }),
  );
  app.post(
    '/api/v1/freeze-windows',
    {
      config: { access: changes.manage },
      schema: { tags, security, summary: 'Set a freeze window', body: freezeInput, response: { 201: freeze, ...problemResponses } },
    },
    async (request, reply) => {
      const id = await addFreezeWindow(db, actorFor(request), orgOf(request), request.body);
      const f = (await q.freezeWindowById(db, orgOf(request), id))!;
      return reply.code(201).send({ id, name: f.name, reason: f.reason, startsAt: f.starts_at, endsAt: f.ends_at });
    },
  );
}
