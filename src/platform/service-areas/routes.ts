import type { FastifyInstance, FastifyRequest } from 'fastify';
import { platformAbilities } from '../access/abilities.js';
import { submitForm } from '../forms.js';
import { actorFor, identityOf } from '../http/request.js';
import { createServiceArea, serviceAreaInput, serviceAreasOf } from './service.js';

const view = 'platform/service-areas/views/service-areas.njk';

/** Administration › Directorates and service areas: the council's structure, as a list to keep. */
export async function serviceAreaRoutes(app: FastifyInstance) {
  const { db } = app.steward;
  const access = platformAbilities.administer;

  const context = async (request: FastifyRequest, values: Record<string, unknown> = {}) => {
    const all = await serviceAreasOf(db, identityOf(request).organisation.id);
    const directorates = all.filter((a) => a.kind === 'directorate');
    return {
      title: 'Directorates and service areas',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Administration', href: '/admin' },
      ],
      directorates: directorates.map((d) => ({ ...d, areas: all.filter((a) => a.directorate_id === d.id) })),
      unplaced: all.filter((a) => a.kind === 'service-area' && a.directorate_id === null),
      directorateOptions: [
        { value: '', text: 'Not in a directorate yet' },
        ...directorates.map((d) => ({ value: String(d.id), text: d.name, selected: String(values.directorateId ?? '') === String(d.id) })),
      ],
      values,
    };
  };

  app.get('/admin/service-areas', { config: { access } }, async (request, reply) => reply.render(view, await context(request)));

  app.post('/admin/service-areas', { config: { access, form: serviceAreaInput } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: serviceAreaInput,
      view,
      context: () => context(request, (request.body ?? {}) as Record<string, unknown>),
      action: async (v) => {
        await createServiceArea(db, actorFor(request), identityOf(request).organisation.id, v);
        return { redirect: '/admin/service-areas', flash: `Added ${v.name}` };
      },
    }),
  );
}
