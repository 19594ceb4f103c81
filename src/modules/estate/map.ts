import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formErrors, identityOf, pageQuery, ref, serviceAreaItems, serviceAreaRecord, serviceAreasOf } from '../../platform/index.js';
import { estate } from './abilities.js';
import { areaPicture, gridPicture, hostingHeads, hostingTable, layerPicture, unclassified, type EstateCount } from './map-pictures.js';
import { areaLayerGrid } from './queries.js';

/** The estate as pictures: the four areas, the five layers, and the two across each other. */
export async function mapRoutes(app: FastifyInstance) {
  const mapQuery = z.object({ serviceArea: z.union([z.literal(''), ref(serviceAreaRecord, 'Choose one of the council’s service areas')]).optional() });
  app.get('/estate/map', { config: { access: estate.read, query: mapQuery } }, async (request, reply) => {
    const orgId = identityOf(request).organisation.id;
    const parsed = await pageQuery(request, mapQuery);
    const chosen = parsed.ok && parsed.value.serviceArea ? parsed.value.serviceArea : undefined;
    const [counts, areas] = await Promise.all([areaLayerGrid(app.steward.db, orgId, chosen) as Promise<EstateCount[]>, serviceAreasOf(app.steward.db, orgId)]);
    if (!parsed.ok) reply.code(400);
    return reply.render('modules/estate/views/map.njk', {
      errors: parsed.ok ? undefined : formErrors(parsed.errors),
      serviceAreaName: chosen ? (areas.find((a) => Number(a.id) === chosen)?.name ?? null) : null,
      serviceAreaOptions: serviceAreaItems(areas, { none: 'The whole estate', selected: chosen ?? '' }),
      title: 'Estate map',
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Tech estate', href: '/estate' },
      ],
      areasView: areaPicture(counts),
      layersView: layerPicture(counts),
      grid: gridPicture(counts),
      areaTable: hostingTable(counts, 'area'),
      layerTable: hostingTable(counts, 'layer'),
      hostingHeads,
      unclassified: unclassified(counts),
    });
  });
}
