import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actorFor, formErrors, identityOf, linkableKind, pageQuery, submitForm, UserError } from '../../platform/index.js';
import { strategy } from './abilities.js';
import { objectiveParams, priorityParams, projectParams, milestoneParams } from './references.js';
import * as q from './queries.js';
import {
  dependencyInput,
  linkInput,
  noFieldsForm,
  measureInput,
  milestoneInput,
  objectiveInput,
  priorityInput,
  projectInput,
  roadmapQuery,
  newProjectQuery,
  strategyInput,
  systemEffectInput,
  sprintReviewInput,
} from './schemas.js';
import {
  addDependency,
  addMeasure,
  addMilestone,
  addObjective,
  addPriority,
  addProject,
  changeObjective,
  changePriority,
  changeProject,
  completeMilestone,
  linkProject,
  saveStrategy,
  setProjectSystem,
  recordSprintReview,
} from './service.js';
import { crumbs, objectivePage, projectFormPage, projectPage, roadmapPage, strategyPage, view } from './pages.js';

const orgOf = (request: FastifyRequest) => identityOf(request).organisation.id;
const idOf = (request: FastifyRequest) => (request.params as { id: number }).id;

export async function strategyRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const edit = strategy.edit;

  app.get('/strategy', { config: { access: strategy.read } }, async (request, reply) => reply.render(view('strategy'), await strategyPage(request, db)));
  const onOverview = (request: FastifyRequest) => ({ view: view('strategy'), context: () => strategyPage(request, db) });
  app.post('/strategy', { config: { access: edit, form: strategyInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: strategyInput,
      ...onOverview(request),
      action: async (v) => {
        await saveStrategy(db, actorFor(request), orgOf(request), v);
        return { redirect: '/strategy', flash: 'Saved the corporate plan and digital vision' };
      },
    }),
  );
  app.post('/strategy/priorities', { config: { access: edit, form: priorityInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: priorityInput,
      ...onOverview(request),
      action: async (v) => {
        await addPriority(db, actorFor(request), orgOf(request), v);
        return { redirect: '/strategy#priorities', flash: `Added the priority ${v.title}` };
      },
    }),
  );
  const priorityPage = async (request: FastifyRequest) => {
    const p = (await q.priorityById(db, orgOf(request), idOf(request)))!;
    return {
      title: p.title,
      breadcrumbs: [...crumbs, { text: 'Strategy and governance', href: '/strategy' }],
      p,
      values: { title: p.title, description: p.description },
    };
  };
  app.get('/strategy/priorities/:id', { config: { access: edit }, schema: { params: priorityParams } }, async (request, reply) =>
    reply.render(view('priority'), await priorityPage(request)),
  );
  app.post('/strategy/priorities/:id', { config: { access: edit, form: priorityInput }, schema: { params: priorityParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: priorityInput,
      view: view('priority'),
      context: () => priorityPage(request),
      action: async (v) => {
        await changePriority(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: '/strategy#priorities', flash: `Saved the priority ${v.title}` };
      },
    }),
  );

  const objectiveFormPage = async (request: FastifyRequest, id: number | null) => {
    const orgId = orgOf(request);
    const [priorities, links, o] = await Promise.all([
      q.prioritiesOf(db, orgId),
      q.objectivePriorities(db, orgId),
      id === null ? null : q.objectiveById(db, orgId, id),
    ]);
    const mine = links.filter((l) => Number(l.objective_id) === id).map((l) => String(l.priority_id));
    return {
      title: o ? `Change ${o.title}` : 'Add an objective',
      heading: o ? 'Change the objective' : 'Add an objective to the digital strategy',
      breadcrumbs: [...crumbs, { text: 'Strategy and governance', href: '/strategy' }],
      action: o ? `/strategy/objectives/${id}/edit` : '/strategy/objectives/new',
      priorityItems: priorities.map((p) => ({ value: String(p.id), text: p.title })),
      values: o ? { title: o.title, description: o.description, owner: o.owner, priorityIds: mine } : {},
    };
  };
  app.get('/strategy/objectives/new', { config: { access: edit } }, async (request, reply) =>
    reply.render(view('objective-form'), await objectiveFormPage(request, null)),
  );
  app.post('/strategy/objectives/new', { config: { access: edit, form: objectiveInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: objectiveInput,
      view: view('objective-form'),
      context: () => objectiveFormPage(request, null),
      action: async (v) => {
        const id = await addObjective(db, actorFor(request), orgOf(request), v);
        return { redirect: `/strategy/objectives/${id}`, flash: `Added the objective ${v.title}` };
      },
    }),
  );
  app.get('/strategy/objectives/:id', { config: { access: strategy.read }, schema: { params: objectiveParams } }, async (request, reply) =>
    reply.render(view('objective'), await objectivePage(request, db, idOf(request))),
  );
  const onObjective = (request: FastifyRequest) => ({ view: view('objective'), context: () => objectivePage(request, db, idOf(request)) });
  app.get('/strategy/objectives/:id/edit', { config: { access: edit }, schema: { params: objectiveParams } }, async (request, reply) =>
    reply.render(view('objective-form'), await objectiveFormPage(request, idOf(request))),
  );
  app.post('/strategy/objectives/:id/edit', { config: { access: edit, form: objectiveInput }, schema: { params: objectiveParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: objectiveInput,
      view: view('objective-form'),
      context: () => objectiveFormPage(request, idOf(request)),
      action: async (v) => {
        await changeObjective(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/strategy/objectives/${idOf(request)}`, flash: 'Saved the objective' };
      },
    }),
  );
  app.post('/strategy/objectives/:id/measures', { config: { access: edit, form: measureInput }, schema: { params: objectiveParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: measureInput,
      ...onObjective(request),
      action: async (v) => {
        await addMeasure(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/strategy/objectives/${idOf(request)}#measures`, flash: `Added the measure ${v.name}` };
      },
    }),
  );

  app.get('/strategy/roadmap', { config: { access: strategy.read, query: roadmapQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, roadmapQuery);
    const context = await roadmapPage(request, db, parsed.ok ? { stage: parsed.value.stage, rag: parsed.value.rag, objectiveId: parsed.value.objective } : {});
    return reply.code(parsed.ok ? 200 : 400).render(view('roadmap'), { ...context, errors: parsed.ok ? undefined : formErrors(parsed.errors) });
  });

  // A gap in a maturity self-assessment arrives with a suggested title and description.
  app.get('/strategy/projects/new', { config: { access: edit, query: newProjectQuery } }, async (request, reply) => {
    const parsed = await pageQuery(request, newProjectQuery);
    const page = await projectFormPage(request, db, null);
    if (!parsed.ok) return reply.code(400).render(view('project-form'), { ...page, errors: formErrors(parsed.errors) });
    return reply.render(view('project-form'), { ...page, values: { ...page.values, ...parsed.value } });
  });
  app.post('/strategy/projects/new', { config: { access: edit, form: projectInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: projectInput,
      view: view('project-form'),
      context: () => projectFormPage(request, db, null),
      action: async (v) => {
        const { id, reference } = await addProject(db, actorFor(request), orgOf(request), v);
        return { redirect: `/strategy/projects/${id}`, flash: `Added ${reference} ${v.title} to the roadmap` };
      },
    }),
  );
  app.get('/strategy/projects/:id', { config: { access: strategy.read }, schema: { params: projectParams } }, async (request, reply) =>
    reply.render(view('project'), await projectPage(request, app, idOf(request))),
  );
  app.get('/strategy/projects/:id/edit', { config: { access: edit }, schema: { params: projectParams } }, async (request, reply) =>
    reply.render(view('project-form'), await projectFormPage(request, db, idOf(request))),
  );
  app.post('/strategy/projects/:id/edit', { config: { access: edit, form: projectInput }, schema: { params: projectParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: projectInput,
      view: view('project-form'),
      context: () => projectFormPage(request, db, idOf(request)),
      action: async (v) => {
        await changeProject(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/strategy/projects/${idOf(request)}`, flash: 'Saved the project' };
      },
    }),
  );
  const onProject = (request: FastifyRequest) => ({ view: view('project'), context: () => projectPage(request, app, idOf(request)) });
  app.post('/strategy/projects/:id/milestones', { config: { access: edit, form: milestoneInput }, schema: { params: projectParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: milestoneInput,
      ...onProject(request),
      action: async (v) => {
        await addMilestone(db, actorFor(request), orgOf(request), idOf(request), v);
        return { redirect: `/strategy/projects/${idOf(request)}#milestones`, flash: `Added the milestone ${v.title}` };
      },
    }),
  );
  app.post(
    '/strategy/projects/:id/milestones/:milestone/met',
    { config: { access: edit, form: noFieldsForm }, schema: { params: milestoneParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: noFieldsForm,
        ...onProject(request),
        action: async () => {
          const { id, milestone } = request.params as z.output<typeof milestoneParams>;
          await completeMilestone(db, actorFor(request), orgOf(request), id, milestone);
          return { redirect: `/strategy/projects/${id}#milestones`, flash: 'Recorded the milestone as met' };
        },
      }),
  );
  app.post(
    '/strategy/projects/:id/dependencies',
    { config: { access: edit, form: dependencyInput }, schema: { params: projectParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: dependencyInput,
        ...onProject(request),
        action: async (v) => {
          await addDependency(db, actorFor(request), orgOf(request), idOf(request), v.dependsOnId);
          return { redirect: `/strategy/projects/${idOf(request)}#dependencies`, flash: 'Recorded the dependency' };
        },
      }),
  );
  app.post(
    '/strategy/projects/:id/sprint-reviews',
    { config: { access: edit, form: sprintReviewInput }, schema: { params: projectParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: sprintReviewInput,
        ...onProject(request),
        action: async (v) => {
          await recordSprintReview(db, actorFor(request), orgOf(request), idOf(request), v);
          return { redirect: `/strategy/projects/${idOf(request)}#sprint-reviews`, flash: `Recorded the review of ${v.sprint}` };
        },
      }),
  );
  app.post('/strategy/projects/:id/systems', { config: { access: edit, form: systemEffectInput }, schema: { params: projectParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: systemEffectInput,
      ...onProject(request),
      action: async (v) => {
        const found = await linkableKind(app, 'system')?.find(db, orgOf(request), v.system);
        if (!found) throw new UserError(`There is no system called ${v.system} in the register`, { field: 'system' });
        await setProjectSystem(db, actorFor(request), orgOf(request), idOf(request), found, v.effect);
        return { redirect: `/strategy/projects/${idOf(request)}#systems`, flash: `Recorded what it does to ${found.title}` };
      },
    }),
  );
  app.post('/strategy/projects/:id/links', { config: { access: edit, form: linkInput }, schema: { params: projectParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: linkInput,
      ...onProject(request),
      action: async (v) => {
        const source = linkableKind(app, v.kind);
        if (!source || v.kind === 'system' || v.kind === 'project') throw new UserError('Choose what kind of record to link', { field: 'kind' });
        const found = await source.find(db, orgOf(request), v.words);
        if (!found) throw new UserError(`There is no ${source.label} matching “${v.words}”`, { field: 'words' });
        await linkProject(db, actorFor(request), orgOf(request), idOf(request), v.kind, found);
        return { redirect: `/strategy/projects/${idOf(request)}#risks`, flash: `Linked ${found.title}` };
      },
    }),
  );
}
