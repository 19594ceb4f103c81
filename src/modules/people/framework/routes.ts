import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorFor, can, dateTime, identityOf, ref, submitForm } from '../../../platform/index.js';
import { people } from '../abilities.js';
import { peopleRecords, roleParams } from '../references.js';
import * as staffQueries from '../queries.js';
import { jobTitleInput } from '../schemas.js';
import { mapJobTitle, unmapJobTitle } from '../service.js';
import { levelName, nameKey } from '../rules.js';
import { crumbs, view } from '../pages.js';
import { frameworkOf } from './service.js';
import * as q from './queries.js';

const jobTitleParams = z.object({ id: ref(peopleRecords.jobTitle) });

export async function frameworkRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const frameworkPage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const orgId = identity.organisation.id;
    const [f, versions, titles, levels, staff] = await Promise.all([
      frameworkOf(db, orgId),
      q.versionsOf(db, orgId),
      staffQueries.jobTitlesOf(db, orgId),
      staffQueries.roleLevelNames(db, orgId),
      staffQueries.staffInPost(db, orgId),
    ]);
    const mappedKeys = new Set(titles.map((t) => t.job_title_key));
    const unmapped = new Map<string, number>();
    for (const s of staff)
      if (s.job_title && s.role_level_id === null && !mappedKeys.has(nameKey(s.job_title))) unmapped.set(s.job_title, (unmapped.get(s.job_title) ?? 0) + 1);
    return {
      title: 'Capability framework',
      breadcrumbs: crumbs,
      counts: f.counts,
      families: f.families,
      skills: f.skills,
      versions: versions.map((v) => ({
        ...v,
        when: dateTime(String(v.imported_at)),
        changes: JSON.parse(String(v.changes_json)) as { says: string[]; oddities: string[] },
      })),
      titles,
      unmapped: [...unmapped].map(([title, people]) => ({ title, people })).sort((a, b) => b.people - a.people),
      levelItems: [
        { value: '', text: 'Choose a role level' },
        ...levels.filter((l) => !l.withdrawn_on).map((l) => ({ value: String(l.id), text: `${l.role_name}: ${l.name}` })),
      ],
      canImport: can(identity, people.framework),
      canManage: can(identity, people.manage),
      values: {},
    };
  };
  app.get('/people/framework', { config: { access: people.read } }, async (request, reply) => reply.render(view('framework'), await frameworkPage(request)));

  app.get('/people/framework/roles/:id', { config: { access: people.read }, schema: { params: roleParams } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const { id } = request.params as z.output<typeof roleParams>;
    const f = await frameworkOf(db, orgId);
    const role = f.roles.find((r) => r.id === id)!;
    return reply.render(view('role'), {
      title: role.name,
      breadcrumbs: [...crumbs, { text: 'Capability framework', href: '/people/framework' }],
      role: { ...role, levels: role.levels.map((l) => ({ ...l, skills: l.skills.map((s) => ({ ...s, levelName: levelName(s.level) })) })) },
    });
  });

  app.post('/people/framework/job-titles', { config: { access: people.manage, form: jobTitleInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: jobTitleInput,
      view: view('framework'),
      context: () => frameworkPage(request),
      action: async (v) => {
        await mapJobTitle(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: '/people/framework#job-titles', flash: `Mapped ${v.jobTitle}` };
      },
    }),
  );
  const removeForm = z.object({});
  app.post(
    '/people/framework/job-titles/:id/remove',
    { config: { access: people.manage, form: removeForm }, schema: { params: jobTitleParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: removeForm,
        view: view('framework'),
        context: () => frameworkPage(request),
        action: async () => {
          await unmapJobTitle(db, actorFor(request), identityOf(request).organisation.id, (request.params as z.output<typeof jobTitleParams>).id);
          return { redirect: '/people/framework#job-titles', flash: 'Removed the mapping' };
        },
      }),
  );
}
