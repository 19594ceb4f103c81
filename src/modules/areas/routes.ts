import type { FastifyInstance } from 'fastify';
import { areas } from './areas.js';

/** Each waiting area's landing page, saying what the area will hold; an area a module fills is the module's. */
export async function areaRoutes(app: FastifyInstance) {
  const waiting = new Set(app.steward.areas.filter((a) => a.placeholder).map((a) => a.slug));
  for (const area of areas.filter((a) => waiting.has(a.slug))) {
    app.get(`/${area.slug}`, { config: { access: area.access } }, async (_request, reply) =>
      reply.render('modules/areas/views/area.njk', { title: area.name, area, breadcrumbs: [{ text: 'Home', href: '/' }] }),
    );
  }
}
