import { money } from '../../platform/index.js';
import { areaNames, hostingNames, layerNames } from './names.js';
import { areas, hostings, layers } from './tables.js';

/** One count of systems (and their cost) for an area, layer and hosting; nulls where not recorded. */
export interface EstateCount {
  area: string | null;
  layer: string | null;
  hosting: string | null;
  systems: number;
  cost: number;
}

const sum = (rows: EstateCount[]) =>
  rows.reduce((a, r) => ({ systems: a.systems + Number(r.systems), cost: a.cost + Number(r.cost) }), { systems: 0, cost: 0 });
const hostingKeys = [...hostings, null] as const;
const hostingName = (h: string | null) => (h ? hostingNames[h as keyof typeof hostingNames] : 'Not known');

/** Where each hosting's share of a bar starts and how wide it is, for a bar `width` wide. */
function segments(rows: EstateCount[], width: number) {
  const total = Math.max(1, sum(rows).systems);
  let x = 0;
  return hostingKeys.flatMap((h, i) => {
    const n = sum(rows.filter((r) => r.hosting === h)).systems;
    if (!n) return [];
    const w = (n / total) * width;
    const segment = { key: h ?? 'unknown', name: hostingName(h), n, x, w, colour: i };
    x += w;
    return [segment];
  });
}

/** The area × layer grid: five shades, darkest for the busiest cell. */
export function gridPicture(counts: EstateCount[]) {
  const cellW = 190;
  const cellH = 70;
  const left = 200;
  const top = 40;
  const cellTotals = layers.flatMap((layer) => areas.map((area) => sum(counts.filter((r) => r.area === area && r.layer === layer))));
  const max = Math.max(1, ...cellTotals.map((c) => c.systems));
  return {
    rows: layers.map((layer, y) => ({
      name: layerNames[layer],
      y: top + y * cellH,
      cells: areas.map((area, x) => {
        const c = sum(counts.filter((r) => r.area === area && r.layer === layer));
        return {
          x: left + x * cellW,
          n: c.systems,
          cost: money(c.cost, { compact: true }),
          shade: c.systems === 0 ? 0 : 1 + Math.min(4, Math.floor((c.systems / max) * 4.999)),
          href: `/estate?area=${area}&layer=${layer}`,
        };
      }),
    })),
    heads: areas.map((a, x) => ({ name: areaNames[a], x: left + x * cellW + cellW / 2 })),
    width: left + areas.length * cellW + 10,
    height: top + layers.length * cellH + 10,
    cellW: cellW - 6,
    cellH: cellH - 6,
  };
}

/** The four areas of government technology as four quadrants, each with its hosting mix. */
export function areaPicture(counts: EstateCount[]) {
  const w = 420;
  const h = 150;
  return {
    width: w * 2 + 10,
    height: h * 2 + 10,
    quadrants: areas.map((area, i) => {
      const rows = counts.filter((r) => r.area === area);
      const t = sum(rows);
      return {
        name: areaNames[area],
        href: `/estate?area=${area}`,
        x: (i % 2) * (w + 10),
        y: Math.floor(i / 2) * (h + 10),
        w,
        h,
        n: t.systems,
        cost: money(t.cost, { compact: true }),
        bar: segments(rows, w - 40),
      };
    }),
    legend: hostingKeys.map((hk, i) => ({ name: hostingName(hk), colour: i })),
  };
}

/** The five architecture layers stacked as a building, infrastructure at the foot, each bar split by hosting. */
export function layerPicture(counts: EstateCount[]) {
  const width = 860;
  const band = 64;
  const label = 230;
  const barW = width - label - 20;
  const ordered = [...layers].reverse();
  const max = Math.max(1, ...layers.map((l) => sum(counts.filter((r) => r.layer === l)).systems));
  return {
    width,
    height: ordered.length * band + 10,
    bands: ordered.map((layer, i) => {
      const rows = counts.filter((r) => r.layer === layer);
      const t = sum(rows);
      const scaled = (t.systems / max) * barW;
      return {
        name: layerNames[layer],
        href: `/estate?layer=${layer}`,
        y: i * band,
        h: band - 8,
        n: t.systems,
        cost: money(t.cost, { compact: true }),
        barX: label,
        bar: segments(rows, Math.max(scaled, t.systems ? 2 : 0)),
        barEnd: label + scaled,
      };
    }),
    label,
  };
}

/** The same figures as tables, for people who cannot see the pictures or want the numbers. */
export function hostingTable(counts: EstateCount[], by: 'area' | 'layer') {
  const keys = by === 'area' ? areas : layers;
  const names: Record<string, string> = by === 'area' ? areaNames : layerNames;
  return keys.map((k) => {
    const rows = counts.filter((r) => r[by] === k);
    return {
      name: names[k]!,
      href: `/estate?${by}=${k}`,
      cells: hostingKeys.map((h) => sum(rows.filter((r) => r.hosting === h)).systems),
      total: sum(rows).systems,
      cost: money(sum(rows).cost, { compact: true }),
    };
  });
}

export const hostingHeads = hostingKeys.map(hostingName);

export function unclassified(counts: EstateCount[]) {
  return sum(counts.filter((r) => !r.area || !r.layer)).systems;
}
