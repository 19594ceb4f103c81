import { escapeHtml, type PackContent } from '../../platform/index.js';

/** A small bar chart of a trend as SVG, its figures in its accessible name as well as in the picture. */
export function trendSvg(chart: PackContent['charts'][number]) {
  const w = 300;
  const h = 110;
  const base = h - 18;
  const max = Math.max(1, ...chart.bars.map((b) => b.value ?? 0));
  const step = w / Math.max(1, chart.bars.length);
  const words = chart.bars.map((b) => `${b.label} ${b.value === null ? 'no figure' : `${b.value}${chart.unit === '%' ? '%' : ''}`}`).join(', ');
  const bars = chart.bars
    .map((b, i) => {
      const x = i * step + 2;
      const label =
        i % (chart.bars.length > 6 ? 2 : 1) === 0
          ? `<text class="steward-chart__label" x="${(x + (step - 4) / 2).toFixed(1)}" y="${h - 4}" text-anchor="middle" font-size="8">${escapeHtml(b.label)}</text>`
          : '';
      if (b.value === null) return label;
      const bh = Math.max(1, ((base - 14) * b.value) / max);
      return `<rect class="steward-chart__bar" x="${x.toFixed(1)}" y="${(base - bh).toFixed(1)}" width="${Math.max(2, step - 4).toFixed(1)}" height="${bh.toFixed(1)}"></rect>${label}`;
    })
    .join('');
  return `<svg class="steward-chart__svg" role="img" aria-label="${escapeHtml(`${chart.title}: ${words}`)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}"><line class="steward-chart__axis" x1="0" x2="${w}" y1="${base}" y2="${base}"></line><text class="steward-chart__value" x="0" y="10" font-size="8">${escapeHtml(`up to ${max}${chart.unit === '%' ? '%' : ''}`)}</text>${bars}</svg>`;
}
