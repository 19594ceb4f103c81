import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import { actorFor, can, identityOf, own, submitForm, UserError } from '../../platform/index.js';
import { assessments as abilities } from './abilities.js';
import { frameworkParams, profileForm, profileParams, profileTargetsForm } from './references.js';
import { addProfile, seedChoices, setProfileTargets } from './profiles.js';
import { loadFramework } from './service.js';
import { statusTag } from './routes.js';

const view = (name: string) => `modules/assessments/views/${name}.njk`;

/** A framework's profiles: a council's own made from another (a 4.0 profile from the 3.2 one), and its targets set outcome by outcome. */
export async function profileRoutes(app: FastifyInstance) {
  const { db } = app.steward;

  const profilePage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const { id, profile: key } = request.params as z.output<typeof profileParams>;
    const f = await loadFramework(db, identity.organisation.id, id);
    const profile = f.definition.profiles.find((p) => p.key === key);
    if (!profile) throw new UserError('There is no such profile', { status: 404 });
    const editable = !!profile.own && can(identity, abilities.manage);
    const sections = f.nodes
      .filter((n) => !n.assessable && n.children.some((c) => f.byId.get(c)?.assessable))
      .map((parent) => ({
        code: parent.code,
        title: parent.title,
        outcomes: parent.children
          .map((c) => f.byId.get(c)!)
          .filter((n) => n.assessable)
          .map((n) => {
            const target = own(n.targets, key) ?? '';
            return {
              id: n.id,
              code: n.code,
              title: n.title,
              target: target ? statusTag(f, target) : null,
              items: [
                { value: `${n.id}:`, text: 'No target', selected: !target },
                ...f.definition.scale.map((s) => ({ value: `${n.id}:${s.key}`, text: s.label, selected: s.key === target })),
              ],
            };
          }),
      }));
    const outcomes = sections.flatMap((s) => s.outcomes);
    return {
      title: `${profile.name}: ${f.name} ${f.version}`,
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Assessments', href: '/assessments' },
        { text: 'Frameworks', href: '/assessments/frameworks' },
        { text: `${f.name} ${f.version}`, href: `/assessments/frameworks/${f.id}` },
      ],
      framework: f,
      profile,
      sections,
      withTarget: outcomes.filter((o) => o.target).length,
      total: outcomes.length,
      editable,
    };
  };

  const newProfilePage = async (request: FastifyRequest) => {
    const identity = identityOf(request);
    const f = await loadFramework(db, identity.organisation.id, (request.params as z.output<typeof frameworkParams>).id);
    return {
      title: `Make a profile: ${f.name} ${f.version}`,
      framework: f,
      seedItems: [{ value: '', text: 'None: set every target by hand' }, ...(await seedChoices(db, identity.organisation.id, f))],
    };
  };

  const frameworkPath = (request: FastifyRequest) => `/assessments/frameworks/${(request.params as z.output<typeof frameworkParams>).id}`;

  app.post(
    '/assessments/frameworks/:id/profiles',
    { config: { access: abilities.manage, form: profileForm }, schema: { params: frameworkParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: profileForm,
        view: view('profile-new'),
        context: () => newProfilePage(request),
        action: async (v) => {
          const made = await addProfile(db, actorFor(request), identityOf(request).organisation.id, (request.params as z.output<typeof frameworkParams>).id, {
            name: v.name,
            seedFrom: v.seedFrom ?? '',
          });
          return {
            redirect: `${frameworkPath(request)}/profiles/${made.key}`,
            flash: `Made the profile ${v.name}: ${made.targets} targets carried over, ${made.unset} to set`,
          };
        },
      }),
  );

  app.get('/assessments/frameworks/:id/profiles/new', { config: { access: abilities.manage }, schema: { params: frameworkParams } }, async (request, reply) =>
    reply.render(view('profile-new'), { ...(await newProfilePage(request)), values: {} }),
  );

  app.get('/assessments/frameworks/:id/profiles/:profile', { config: { access: abilities.read }, schema: { params: profileParams } }, async (request, reply) =>
    reply.render(view('profile'), await profilePage(request)),
  );

  app.post(
    '/assessments/frameworks/:id/profiles/:profile',
    { config: { access: abilities.manage, form: profileTargetsForm }, schema: { params: profileParams } },
    async (request, reply) =>
      submitForm(request, reply, {
        schema: profileTargetsForm,
        view: view('profile'),
        context: () => profilePage(request),
        action: async (v) => {
          const { id, profile } = request.params as z.output<typeof profileParams>;
          const targets = new Map<number, string>();
          for (const pair of v.target) {
            const [node, status] = pair.split(':');
            if (!node || !/^\d{1,15}$/.test(node)) throw new UserError('Set targets only for the outcomes listed', { field: 'target' });
            targets.set(Number(node), status ?? '');
          }
          const done = await setProfileTargets(db, actorFor(request), identityOf(request).organisation.id, id, profile, targets);
          return {
            redirect: `${frameworkPath(request)}/profiles/${profile}`,
            flash: done.changed
              ? `Saved ${done.profile}: ${done.changed === 1 ? 'one target' : `${done.changed} targets`} changed`
              : `Nothing changed in ${done.profile}`,
          };
        },
      }),
  );
}
