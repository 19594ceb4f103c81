import { emptyPack, type PackSection } from '../../platform/index.js';
import { kpis } from './abilities.js';
import { periodLabel, show, statusNames } from './rules.js';
import { kpiFigures } from './service.js';

/** The KPIs for a board pack: every one against its target, and the trends of those about what residents and staff get. */
export const kpiPackSection: PackSection = {
  key: 'kpis',
  title: 'KPIs',
  order: 10,
  access: kpis.read,
  build: async (db, identity) => {
    const figures = (await kpiFigures(db, identity)).filter((k) => k.visible);
    if (!figures.length) return null;
    const pack = emptyPack();
    const off = figures.filter((k) => k.status === 'missed').length;
    pack.paragraphs.push(
      `${figures.length} KPIs: ${figures.filter((k) => k.status === 'met').length} on target, ${figures.filter((k) => k.status === 'near').length} near it, ${off} off target.`,
    );
    pack.tables.push({
      caption: 'KPIs against their targets, what residents and staff get first',
      head: ['KPI', 'Now', 'Target', 'Status'],
      rows: figures.map((k) => [
        k.name,
        show(k.value, k.unit),
        k.target === null ? 'None' : `${k.direction === 'up' ? 'At least' : 'At most'} ${show(k.target, k.unit)}`,
        statusNames[k.status],
      ]),
      numeric: [1],
    });
    for (const k of figures.filter((x) => x.userOutcome).slice(0, 8))
      pack.charts.push({
        title: k.name,
        unit: k.unit,
        bars: k.trend.map((t) => ({ label: periodLabel(t.period).replace(/ 20(\d\d)$/, ' $1'), value: t.value })),
      });
    return pack;
  },
};
