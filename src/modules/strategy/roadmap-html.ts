import { escapeHtml as e } from '../../platform/index.js';
import type { timeline } from './rules.js';

/**
 * The roadmap's picture, its table and its now / next / later lists, written in code: a county's
 * roadmap is hundreds of projects drawn three times, and a template loop costs several times as
 * much per row. Every text is escaped; the RAG colour always has its word beside it.
 */
export interface RoadmapRow {
  id: number;
  reference: string;
  title: string;
  kind: string;
  stageName: string;
  ragName: string;
  ragClass: string;
  rag_reason: string;
  objectiveTitle: string | null;
  starts: string;
  ends: string;
  budgetText: string;
  spendText: string;
}

const cut = (text: string, most: number) => (text.length > most ? `${text.slice(0, most - 1).trimEnd()}…` : text);
const link = (p: { id: number; reference: string; title: string }) =>
  `<a class="govuk-link" href="/strategy/projects/${p.id}">${e(p.reference)} ${e(p.title)}</a>`;
const tag = (p: { ragName: string; ragClass: string }) => `<strong class="govuk-tag ${e(p.ragClass)}">${e(p.ragName)}</strong>`;

export function timelineSvg(t: ReturnType<typeof timeline>) {
  const out = [
    `<svg class="steward-roadmap" width="${t.width}" height="${t.height}" viewBox="0 0 ${t.width} ${t.height}" role="img" aria-labelledby="roadmap-title">`,
    '<title id="roadmap-title">Timeline of the roadmap by quarter: a bar for each programme and project from its start to its end, coloured by its RAG status</title>',
  ];
  for (const q of t.quarters)
    out.push(
      `<rect x="${q.x}" y="0" width="${t.quarterWidth}" height="${t.height}" class="steward-roadmap__quarter"/><text x="${q.x + 6}" y="18" class="steward-roadmap__quarter-name">${e(q.name)}</text>`,
    );
  for (const r of t.rows)
    out.push(
      `<g><title>${e(r.reference)} ${e(r.title)}: ${e(r.rag)}</title><text x="4" y="${r.y + 17}" class="steward-roadmap__label">${e(r.reference)} ${e(cut(r.title, 32))}</text><rect x="${r.x}" y="${r.y + 5}" width="${r.width}" height="16" rx="3" class="steward-roadmap__bar--${e(r.rag)}"/></g>`,
    );
  out.push(`<line x1="${t.today}" x2="${t.today}" y1="24" y2="${t.height}" class="steward-roadmap__today"/></svg>`);
  return out.join('');
}

export function projectsTable(rows: RoadmapRow[]) {
  const out = [
    '<table class="govuk-table govuk-!-font-size-16"><caption class="govuk-table__caption govuk-visually-hidden">Programmes and projects, by when they start</caption>',
    '<thead class="govuk-table__head"><tr class="govuk-table__row">',
    ...['Project', 'Stage', 'Status', 'Starts', 'Ends'].map((h) => `<th scope="col" class="govuk-table__header">${h}</th>`),
    ...['Budget', 'Spent'].map((h) => `<th scope="col" class="govuk-table__header govuk-table__header--numeric">${h}</th>`),
    '</tr></thead><tbody class="govuk-table__body">',
  ];
  for (const p of rows)
    out.push(
      `<tr class="govuk-table__row"><td class="govuk-table__cell">${link(p)}${p.kind === 'programme' ? ' <span class="govuk-body-s">(programme)</span>' : ''}${
        p.objectiveTitle ? `<br><span class="govuk-hint govuk-!-font-size-14">${e(p.objectiveTitle)}</span>` : ''
      }</td><td class="govuk-table__cell">${e(p.stageName)}</td><td class="govuk-table__cell">${tag(p)}${
        p.rag_reason ? `<br><span class="govuk-!-font-size-14">${e(cut(p.rag_reason, 120))}</span>` : ''
      }</td><td class="govuk-table__cell">${e(p.starts)}</td><td class="govuk-table__cell">${e(p.ends)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${e(
        p.budgetText,
      )}</td><td class="govuk-table__cell govuk-table__cell--numeric">${e(p.spendText)}</td></tr>`,
    );
  out.push('</tbody></table>');
  return out.join('');
}

export function horizonLists(horizons: { key: string; name: string; projects: RoadmapRow[] }[]) {
  return horizons
    .map(
      (h) =>
        `<section aria-labelledby="horizon-${e(h.key)}"><h3 class="govuk-heading-s" id="horizon-${e(h.key)}">${e(h.name)} (${h.projects.length})</h3><ul class="govuk-list govuk-!-font-size-16">${
          h.projects.length ? h.projects.map((p) => `<li>${link(p)} ${tag(p)}</li>`).join('') : '<li>Nothing</li>'
        }</ul></section>`,
    )
    .join('');
}
