import type { FastifyInstance } from 'fastify';
import { identityOf } from '../../platform/index.js';
import { estate } from './abilities.js';
import { areaPicture, gridPicture, hostingHeads, hostingTable, layerPicture, unclassified, type EstateCount } from './map-pictures.js';
import { areaLayerGrid } from './queries.js';

/** The estate as pictures: the four areas, the five layers, and the two across each other. */
export async function mapRoutes(app: FastifyInstance) {
  app.get('/estate/map', { config: { access: estate.read } }, async (request, reply) => {
    const counts = (await areaLayerGrid(app.steward.db, identityOf(request).organisation.id)) as EstateCount[];
    return reply.render('modules/estate/views/map.njk', {
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
