import type { FastifyInstance } from 'fastify';
import { identityOf, readers } from '../../platform/index.js';
import { areaNames, layerNames } from './names.js';
import { areaLayerGrid } from './queries.js';
import { areas, layers } from './tables.js';

const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', notation: 'compact', maximumSignificantDigits: 3 });

/** The estate as a picture: the four areas of government technology across the five architecture layers. */
export async function mapRoutes(app: FastifyInstance) {
  app.get('/estate/map', { config: { access: readers } }, async (request, reply) => {
    const rows = await areaLayerGrid(app.steward.db, identityOf(request).organisation.id);
    const cell = (area: string | null, layer: string | null) => rows.find((r) => r.area === area && r.layer === layer);
    const max = Math.max(1, ...rows.map((r) => Number(r.systems)));
    const cellW = 190;
    const cellH = 70;
    const left = 200;
    const top = 40;
    const grid = layers.map((layer, y) => ({
      layer,
      name: layerNames[layer],
      y: top + y * cellH,
      cells: areas.map((area, x) => {
        const c = cell(area, layer);
        const n = Number(c?.systems ?? 0);
        return {
          area,
          x: left + x * cellW,
          n,
          cost: money.format(Number(c?.cost ?? 0)),
          // Five shades, darkest for the busiest cell; text switches to white on the dark ones.
          shade: n === 0 ? 0 : 1 + Math.min(4, Math.floor((n / max) * 4.999)),
          href: `/estate?area=${area}&layer=${layer}`,
        };
      }),
    }));
    const unclassified = rows.filter((r) => !r.area || !r.layer).reduce((n, r) => n + Number(r.systems), 0);
    return reply.render('modules/estate/views/map.njk', {
      title: 'Estate map',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Tech estate', href: '/estate' }],
      grid,
      areaHeads: areas.map((a, x) => ({ name: areaNames[a], x: left + x * cellW + cellW / 2 })),
      width: left + areas.length * cellW + 10,
      height: top + layers.length * cellH + 10,
      cellW: cellW - 6,
      cellH: cellH - 6,
      unclassified,
    });
  });
}
