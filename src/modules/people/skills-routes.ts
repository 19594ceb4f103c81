import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actorFor, can, formErrors, identityOf, pageQuery, sendSpreadsheet, submitForm, UserError, writeSpreadsheet } from '../../platform/index.js';
import { teamsOf } from '../teams/index.js';
import { people } from './abilities.js';
import { developmentParams, staffParams } from './references.js';
import * as q from './queries.js';
import { certificationInput, developmentInput, matrixQuery, noFields, skillLevelsInput } from './schemas.js';
import { assessSkills, completeDevelopment, recordCertification, matrixOf, personDevelopment, personSkills, planDevelopment, supportCover } from './service.js';
import { emptyCell, levelName, shareMet } from './rules.js';
import { crumbs, levelItems, view } from './pages.js';
import { matrixTable } from './matrix-table.js';
import { personPageOf } from './person-page.js';

const short = ['', 'A', 'W', 'P', 'E'];
/** How a cell reads: its colour band and its words, so colour is never the only signal. */
function cellOf(c: { required: number | null; self: number | null; agreed: number | null; gap: number }) {
  const held = c.agreed ?? c.self;
  const band = c.required === null ? (held ? 'extra' : 'none') : c.gap === 0 ? 'met' : c.gap === 1 ? 'short' : 'far';
  const text = held ? short[held]! : c.required !== null ? '–' : '';
  const words =
    c.required === null
      ? held
        ? `${levelName(held)}, not needed by their role`
        : 'not needed by their role'
      : `${held ? levelName(held) : 'not assessed'}, role needs ${levelName(c.required)}${c.gap ? `: ${c.gap} ${c.gap === 1 ? 'level' : 'levels'} short` : ''}${c.agreed === null && c.self !== null ? ' (their own view, not yet agreed)' : ''}`;
  return { band, text, words };
}

/** A team's cell: of those whose role needs the skill, how many meet it; colour and words together. */
function teamCellOf(k: { needing: number; met: number; held: number } | undefined) {
  if (!k || (!k.needing && !k.held)) return { band: 'none', text: '', words: 'nobody needs or holds it' };
  if (!k.needing) return { band: 'extra', text: '·', words: `${k.held} ${k.held === 1 ? 'person holds' : 'people hold'} it, no role needs it` };
  const band = k.met === k.needing ? 'met' : k.met * 2 >= k.needing ? 'short' : 'far';
  return { band, text: `${k.met}/${k.needing}`, words: `${k.met} of the ${k.needing} whose role needs it meet the level` };
}

export async function skillsRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const matrixPage = async (request: FastifyRequest) => {
    const orgId = identityOf(request).organisation.id;
    const raw = request.query as Record<string, string>;
    const parsed = await pageQuery(request, matrixQuery);
    const v = parsed.ok ? parsed.value : matrixQuery.parse({});
    const [m, teams, cover] = await Promise.all([matrixOf(db, orgId, v.teamId), teamsOf(db, orgId), supportCover(db, orgId)]);
    const skillName = new Map(m.skills.map((s) => [s.id, s.name]));
    const staffName = new Map(m.people.map((p) => [p.id, p.name]));
    const gapsOnly = v.gapsOnly === 'yes';
    const unsupported = cover.filter((c) => c.supporters.length === 0 && (!v.teamId || c.teamId === v.teamId));
    const columns = gapsOnly ? m.skills.filter((s) => (m.matrix.shortBySkill.get(s.id) ?? 0) > 0) : m.skills;
    // Each team against each skill: how many of those whose role needs it meet it. The department's view; a team's shows its people.
    const byTeam = new Map<
      string,
      {
        team: string;
        teamId: number | null;
        people: number;
        required: number;
        met: number;
        skills: Map<number, { needing: number; met: number; held: number }>;
      }
    >();
    m.people.forEach((p, i) => {
      const r = m.matrix.rows[i]!;
      const key = p.team_name ?? 'No team';
      const t = byTeam.get(key) ?? { team: key, teamId: p.team_id === null ? null : Number(p.team_id), people: 0, required: 0, met: 0, skills: new Map() };
      t.people++;
      for (const [skillId, c] of r.cells) {
        const k = t.skills.get(skillId) ?? { needing: 0, met: 0, held: 0 };
        if (c.required !== null) {
          t.required++;
          k.needing++;
          if (c.gap === 0) {
            t.met++;
            k.met++;
          }
        } else k.held++;
        t.skills.set(skillId, k);
      }
      byTeam.set(key, t);
    });
    const teamRows = [...byTeam.values()].sort((a, b) => a.team.localeCompare(b.team));
    return {
      title: 'Skills matrix',
      breadcrumbs: crumbs,
      values: raw,
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      teamItems: [
        { value: '', text: 'The whole department' },
        ...teams.map((t) => ({ value: String(t.id), text: t.name, selected: String(t.id) === raw.teamId })),
      ],
      columns,
      byPerson: !!v.teamId,
      matrixHtml: v.teamId
        ? matrixTable(
            'Skills matrix: each person’s level in each skill against what their role needs',
            'Person',
            'Gaps',
            columns,
            m.people.map((p, i) => ({
              header: p.name,
              href: `/people/staff/${p.id}`,
              count: m.matrix.rows[i]!.short,
              cells: columns.map((c) => cellOf(m.matrix.rows[i]!.cells.get(c.id) ?? emptyCell)),
            })),
          )
        : matrixTable(
            'Skills matrix: each team against each skill, how many of those who need it meet the level',
            'Team',
            'People',
            columns,
            teamRows.map((t) => ({
              header: t.team,
              href: t.teamId ? `/people/skills?teamId=${t.teamId}` : null,
              count: t.people,
              cells: columns.map((c) => teamCellOf(t.skills.get(c.id))),
            })),
          ),
      shownRows: v.teamId ? m.people.length : teamRows.length,
      met: shareMet(m.matrix.metCount, m.matrix.requiredCount),
      requiredCount: m.matrix.requiredCount,
      metCount: m.matrix.metCount,
      teams: teamRows.map((t) => ({ team: t.team, people: t.people, share: shareMet(t.met, t.required) })),
      mostShort: [...m.matrix.shortBySkill]
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([id, n]) => ({ name: skillName.get(id)!, people: n })),
      nobodyHolds: m.matrix.nobodyHolds.map((x) => ({ name: skillName.get(x.skillId)!, level: levelName(x.level) })),
      onePerson: m.matrix.onePerson.map((x) => ({ name: skillName.get(x.skillId)!, person: staffName.get(x.staffId)!, staffId: x.staffId })),
      unsupported: unsupported.slice(0, 40),
      unsupportedCount: unsupported.length,
      singleSupporter: cover.filter((c) => c.supporters.length === 1 && (!v.teamId || c.teamId === v.teamId)),
      gapsOnly,
    };
  };
  app.get('/people/skills', { config: { access: people.read, query: matrixQuery } }, async (request, reply) => {
    const context = await matrixPage(request);
    return reply.code(context.errors ? 400 : 200).render(view('skills'), context);
  });
  for (const format of ['csv', 'xlsx'] as const)
    app.get(`/people/skills.${format}`, { config: { access: people.read, query: matrixQuery } }, async (request, reply) => {
      const parsed = await pageQuery(request, matrixQuery);
      if (!parsed.ok) throw new UserError(parsed.errors[0]!.message, { status: 400, fieldErrors: parsed.errors });
      const m = await matrixOf(db, identityOf(request).organisation.id, parsed.value.teamId);
      const rows: string[][] = [];
      const skillName = new Map(m.skills.map((s) => [s.id, s.name]));
      m.people.forEach((p, i) => {
        for (const [skillId, c] of m.matrix.rows[i]!.cells)
          rows.push([
            p.name,
            p.team_name ?? '',
            p.roleLevel ?? '',
            skillName.get(skillId) ?? '',
            c.required ? levelName(c.required) : '',
            c.self ? levelName(c.self) : '',
            c.agreed ? levelName(c.agreed) : '',
            String(c.gap),
          ]);
      });
      return sendSpreadsheet(
        reply,
        await writeSpreadsheet(format, 'skills-matrix', ['Person', 'Team', 'Role level', 'Skill', 'Needed', 'Own view', 'Agreed', 'Levels short'], rows),
      );
    });

  // A person's levels, as they see them or as agreed with their manager; the service decides who may.
  const mySkillsPage = async (request: FastifyRequest, staffId: number) => {
    const identity = identityOf(request);
    const [p, d] = await Promise.all([personSkills(db, identity, staffId), personDevelopment(db, identity, staffId)]);
    return { title: `${p.staff.name}: skills`, breadcrumbs: crumbs, ...p, ...d, s: p.staff, levelItems, values: {} };
  };
  /** A form on someone's page shows its errors on that page: the person's page, or "my skills" for those who only see their own. */
  const pageFor = (request: FastifyRequest, id: number) =>
    can(identityOf(request), people.read)
      ? { view: view('person'), context: () => personPageOf(db, request, id) }
      : { view: view('my-skills'), context: () => mySkillsPage(request, id) };
  app.get('/people/my-skills', { config: { access: people.assessOwn } }, async (request, reply) => {
    const identity = identityOf(request);
    const mine = await q.staffByPerson(db, identity.organisation.id, identity.person.id);
    if (!mine) return reply.render(view('my-skills'), { title: 'Your skills', breadcrumbs: crumbs, notStaff: true });
    return reply.render(view('my-skills'), await mySkillsPage(request, Number(mine.id)));
  });
  app.post(
    '/people/staff/:id/skills',
    { config: { access: people.assessOwn, form: skillLevelsInput }, schema: { params: staffParams } },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof staffParams>;
      const identity = identityOf(request);
      return submitForm(request, reply, {
        schema: skillLevelsInput,
        ...pageFor(request, id),
        action: async (v) => {
          if (v.skillId.length !== v.level.length) throw new UserError('Give a level for each skill listed', { field: 'level' });
          await assessSkills(
            db,
            actorFor(request),
            identity,
            id,
            v.as,
            v.skillId.map((skillId, i) => ({ skillId, level: v.level[i] ?? null })),
          );
          const back = can(identity, people.read) ? `/people/staff/${id}#skills` : '/people/my-skills';
          return { redirect: back, flash: v.as === 'agreed' ? 'Saved the agreed levels' : 'Saved your view of your levels' };
        },
      });
    },
  );

  // A development plan, tied to what their role needs: planned by them, their line manager or a manager of the department.
  app.post(
    '/people/staff/:id/development',
    { config: { access: people.assessOwn, form: developmentInput }, schema: { params: staffParams } },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof staffParams>;
      const identity = identityOf(request);
      return submitForm(request, reply, {
        schema: developmentInput,
        ...pageFor(request, id),
        action: async (v) => {
          await planDevelopment(db, actorFor(request), identity, id, v);
          return { redirect: can(identity, people.read) ? `/people/staff/${id}#development` : '/people/my-skills#development', flash: `Planned ${v.activity}` };
        },
      });
    },
  );
  app.post(
    '/people/development/:id/done',
    { config: { access: people.assessOwn, form: noFields }, schema: { params: developmentParams } },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof developmentParams>;
      const identity = identityOf(request);
      return submitForm(request, reply, {
        schema: noFields,
        view: view('my-skills'),
        context: () => ({ title: 'Development', breadcrumbs: crumbs, values: {} }),
        action: async () => {
          const staffId = await completeDevelopment(db, actorFor(request), identity, id);
          return { redirect: can(identity, people.read) ? `/people/staff/${staffId}#development` : '/people/my-skills#development', flash: 'Recorded as done' };
        },
      });
    },
  );
  app.post(
    '/people/staff/:id/certifications',
    { config: { access: people.assessOwn, form: certificationInput }, schema: { params: staffParams } },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof staffParams>;
      const identity = identityOf(request);
      return submitForm(request, reply, {
        schema: certificationInput,
        ...pageFor(request, id),
        action: async (v) => {
          await recordCertification(db, actorFor(request), identity, id, v);
          return {
            redirect: can(identity, people.read) ? `/people/staff/${id}#certifications` : '/people/my-skills#certifications',
            flash: `Recorded ${v.name}`,
          };
        },
      });
    },
  );
}
