import type { FastifyInstance } from 'fastify';
import { areas } from './areas.js';

/** Each area's landing page; it says what the area will hold until its module fills it. */
export async function areaRoutes(app: FastifyInstance) {
  for (const area of areas.filter((a) => !a.module)) {
    app.get(`/${area.slug}`, { config: { access: area.access } }, async (_request, reply) =>
      reply.render('modules/areas/views/area.njk', { title: area.name, area, breadcrumbs: [{ text: 'Home', href: '/' }] }),
    );
  }
}
