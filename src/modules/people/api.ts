import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorFor, identityOf, largeResponse, pageOf, pageSize, problemResponses } from '../../platform/index.js';
import { people } from './abilities.js';
import { staffParams } from './references.js';
import * as q from './queries.js';
import { contractTypeKeys, matrixQuery, staffInput, staffQuery, vacancyInput } from './schemas.js';
import { changeStaff, matrixOf, recordStaff, recordVacancy, roleLevelResolver, teamsWithPeople, today } from './service.js';
import { frameworkOf } from './framework/service.js';
import { skillLevels, timeOpen } from './rules.js';

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
const tags = ['People and skills'];
const named = z.object({ id: z.number().int(), name: z.string() });

const staffSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string().describe('Lower case; empty when not known'),
    jobTitle: z.string(),
    grade: z.string(),
    team: named.nullable(),
    lineManager: named.nullable(),
    contract: z.enum(contractTypeKeys),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    dayRate: z.number().nullable().describe('Contractors and interims, in pounds a day'),
    programme: z.string(),
    provider: z.string(),
    location: z.string(),
    workingPattern: z.string(),
    roleLevelId: z.number().int().nullable().describe('The framework role level of the job: set for the person, or from their job title’s mapping'),
    isStewardUser: z.boolean(),
  })
  .meta({ id: 'StaffMember' });

type StaffRow = Awaited<ReturnType<typeof q.staffPage>>[number];
const toApi = (s: StaffRow, roleLevelId: number | null) => ({
  id: Number(s.id),
  name: s.name,
  email: s.email,
  jobTitle: s.job_title,
  grade: s.grade,
  team: s.team_id !== null && s.team_name ? { id: Number(s.team_id), name: s.team_name } : null,
  lineManager: s.line_manager_id !== null && s.manager_name ? { id: Number(s.line_manager_id), name: s.manager_name } : null,
  contract: s.contract,
  startDate: s.start_date ? String(s.start_date) : null,
  endDate: s.end_date ? String(s.end_date) : null,
  dayRate: s.day_rate === null ? null : Number(s.day_rate),
  programme: s.programme,
  provider: s.provider,
  location: s.location,
  workingPattern: s.working_pattern,
  roleLevelId,
  isStewardUser: s.person_id !== null,
});

const vacancySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    grade: z.string(),
    team: named.nullable(),
    reportsTo: named.nullable(),
    roleLevelId: z.number().int().nullable(),
    openSince: z.string(),
    daysOpen: z.number().int(),
    timeOpen: z.string().describe('How long it has been open, in words: “1 year and 2 months”'),
    timesAdvertised: z.number().int(),
    cover: z.object({ id: z.number().int(), name: z.string(), dayRate: z.number().nullable() }).nullable(),
    notes: z.string(),
  })
  .meta({ id: 'Vacancy' });

export async function peopleApi(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.steward;
  const resolver = async (orgId: number) => roleLevelResolver(await q.jobTitlesOf(db, orgId));

  app.get(
    '/api/v1/staff',
    {
      config: { access: people.read },
      schema: {
        tags,
        security,
        summary: 'The IT department’s people in post, by name; pass `next` back as `after` for the next page',
        querystring: staffQuery.extend({ limit: pageSize(100, 500) }),
        response: { 200: z.object({ items: z.array(staffSchema), next: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      const { q: text, team, contract, after, limit } = request.query;
      const rows = await q.staffPage(db, orgId, { text, teamId: team, contract }, after, limit + 1);
      const page = pageOf(rows, limit, (s) => ({ n: s.name, id: Number(s.id) }));
      const levelOf = await resolver(orgId);
      return { items: page.items.map((s) => toApi(s, levelOf(s))), next: page.next };
    },
  );

  const one = async (orgId: number, id: number) => {
    const s = (await q.staffById(db, orgId, id))!;
    return toApi(s, (await resolver(orgId))(s));
  };
  app.get(
    '/api/v1/staff/:id',
    {
      config: { access: people.read },
      schema: { tags, security, summary: 'One member of the department', params: staffParams, response: { 200: staffSchema, ...problemResponses } },
    },
    async (request) => one(identityOf(request).organisation.id, request.params.id),
  );
  app.post(
    '/api/v1/staff',
    {
      config: { access: people.manage },
      schema: {
        tags,
        security,
        summary: 'Add a member of the department; a Steward user with the same email becomes the same person',
        body: staffInput,
        response: { 201: staffSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const orgId = identityOf(request).organisation.id;
      const id = await recordStaff(db, actorFor(request), orgId, request.body);
      return reply.code(201).send(await one(orgId, id));
    },
  );
  app.put(
    '/api/v1/staff/:id',
    {
      config: { access: people.manage },
      schema: {
        tags,
        security,
        summary: 'Replace a member of the department’s record',
        params: staffParams,
        body: staffInput,
        response: { 200: staffSchema, ...problemResponses },
      },
    },
    async (request) => {
      const orgId = identityOf(request).organisation.id;
      await changeStaff(db, actorFor(request), orgId, request.params.id, request.body);
      return one(orgId, request.params.id);
    },
  );

  app.get(
    '/api/v1/vacancies',
    {
      config: { access: people.read },
      schema: {
        tags,
        security,
        summary: 'Open posts, longest open first',
        response: { 200: z.object({ items: z.array(vacancySchema) }), ...problemResponses },
      },
    },
    async (request) => {
      const on = today();
      const rows = await q.vacanciesOf(db, identityOf(request).organisation.id);
      return {
        items: rows.map((v) => {
          const open = timeOpen(String(v.open_since), on);
          return {
            id: Number(v.id),
            title: v.title,
            grade: v.grade,
            team: v.team_id !== null && v.team_name ? { id: Number(v.team_id), name: v.team_name } : null,
            reportsTo: v.reports_to_id !== null && v.reports_to_name ? { id: Number(v.reports_to_id), name: v.reports_to_name } : null,
            roleLevelId: v.role_level_id === null ? null : Number(v.role_level_id),
            openSince: String(v.open_since),
            daysOpen: open.days,
            timeOpen: open.text,
            timesAdvertised: Number(v.times_advertised),
            cover:
              v.cover_staff_id !== null && v.cover_name
                ? { id: Number(v.cover_staff_id), name: v.cover_name, dayRate: v.cover_day_rate === null ? null : Number(v.cover_day_rate) }
                : null,
            notes: v.notes,
          };
        }),
      };
    },
  );
  app.post(
    '/api/v1/vacancies',
    {
      config: { access: people.manage },
      schema: {
        tags,
        security,
        summary: 'Record a vacant post',
        body: vacancyInput,
        response: { 201: z.object({ id: z.number().int() }), ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await recordVacancy(db, actorFor(request), identityOf(request).organisation.id, request.body) }),
  );

  app.get(
    '/api/v1/teams',
    {
      config: { access: people.read },
      schema: {
        tags,
        security,
        summary: 'Teams of the department: what each is organised around, its lead, members and the systems it looks after',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number().int(),
                name: z.string(),
                purpose: z.string(),
                focus: z.string().describe('The architecture layer or function: a key of Steward’s list, or empty'),
                focusKind: z.enum(['layer', 'function']).nullable(),
                lead: named.nullable(),
                members: z.array(named),
                systems: z.array(named.extend({ supporters: z.number().int() })),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({
      items: (await teamsWithPeople(db, identityOf(request).organisation.id)).map((t) => ({
        id: t.id,
        name: t.name,
        purpose: t.description,
        focus: t.focus,
        focusKind: t.focusKind,
        lead: t.lead ? { id: Number(t.lead.id), name: t.lead.name } : null,
        members: t.members.map((m) => ({ id: Number(m.id), name: m.name })),
        systems: t.systems.map((s) => ({ id: s.id, name: s.name, supporters: s.supporters.length })),
      })),
    }),
  );

  app.get(
    '/api/v1/capability-framework',
    {
      config: { access: people.read },
      schema: {
        tags,
        security,
        summary:
          'The capability framework as imported: roles, their levels and the skill levels each needs, and the skills. Import the published files through /api/v1/imports with the kinds `capability-roles` and `capability-skills`',
        response: {
          200: z.object({
            counts: z.object({ families: z.number().int(), roles: z.number().int(), roleLevels: z.number().int(), skills: z.number().int() }),
            roles: z.array(
              z.object({
                id: z.number().int(),
                family: z.string(),
                name: z.string(),
                description: z.string(),
                roleType: z.string(),
                withdrawnOn: z.string().nullable(),
                levels: z.array(
                  z.object({
                    id: z.number().int(),
                    name: z.string(),
                    position: z.number().int(),
                    description: z.string(),
                    withdrawnOn: z.string().nullable(),
                    skills: z.array(z.object({ skillId: z.number().int(), name: z.string(), level: z.enum(skillLevels) })),
                  }),
                ),
              }),
            ),
            skills: z.array(
              z.object({
                id: z.number().int(),
                name: z.string(),
                description: z.string(),
                levels: z.object({ awareness: z.string(), working: z.string(), practitioner: z.string(), expert: z.string() }),
                roles: z.string(),
                withdrawnOn: z.string().nullable(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const f = await frameworkOf(db, identityOf(request).organisation.id);
      const key = (n: number) => skillLevels[n - 1]!;
      return {
        counts: f.counts,
        roles: f.roles.map((r) => ({
          ...r,
          levels: r.levels.map((l) => ({ ...l, skills: l.skills.map((s) => ({ skillId: s.skillId, name: s.name, level: key(s.level) })) })),
        })),
        skills: f.skills,
      };
    },
  );

  const levelKey = z.enum(skillLevels).nullable();
  app.get(
    '/api/v1/skills-matrix',
    {
      ...largeResponse,
      config: { access: people.read },
      schema: {
        tags,
        security,
        summary: 'Each person against each skill their role needs or they hold: the level needed, their own view, the agreed level and how many levels short',
        querystring: matrixQuery.pick({ teamId: true }),
        response: {
          200: z.object({
            skills: z.array(named),
            people: z.array(
              named.extend({
                team: z.string().nullable(),
                roleLevel: z.string().nullable(),
                skills: z.array(z.object({ skillId: z.number().int(), needed: levelKey, own: levelKey, agreed: levelKey, short: z.number().int() })),
              }),
            ),
            requiredSkillsMet: z.number().int().nullable().describe('The share of required skills met, in whole per cent'),
            nobodyHolds: z.array(z.object({ skillId: z.number().int(), level: z.enum(skillLevels) })),
            onePersonOnly: z.array(z.object({ skillId: z.number().int(), staffId: z.number().int() })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const m = await matrixOf(db, identityOf(request).organisation.id, request.query.teamId);
      const key = (n: number | null) => (n ? skillLevels[n - 1]! : null);
      return {
        skills: m.skills,
        people: m.people.map((p, i) => ({
          id: p.id,
          name: p.name,
          team: p.team_name ?? null,
          roleLevel: p.roleLevel,
          skills: [...m.matrix.rows[i]!.cells].map(([skillId, c]) => ({
            skillId,
            needed: key(c.required),
            own: key(c.self),
            agreed: key(c.agreed),
            short: c.gap,
          })),
        })),
        requiredSkillsMet: m.matrix.requiredCount ? Math.round((m.matrix.metCount / m.matrix.requiredCount) * 100) : null,
        nobodyHolds: m.matrix.nobodyHolds.map((x) => ({ skillId: x.skillId, level: key(x.level)! })),
        onePersonOnly: m.matrix.onePerson,
      };
    },
  );
}
