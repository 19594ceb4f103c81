import { escapeHtml } from '../../platform/index.js';

export interface MatrixTableRow {
  header: string;
  href: string | null;
  count: number;
  cells: { band: string; text: string; words: string }[];
}

/**
 * The heat map's table, written in code: a department's matrix is thousands of cells, and a
 * template loop costs ten times as much per cell. Every text is escaped; colour always has words.
 */
export function matrixTable(caption: string, firstColumn: string, countColumn: string, columns: { name: string }[], rows: MatrixTableRow[]) {
  const out: string[] = [`<table class="steward-skills-matrix"><caption class="govuk-visually-hidden">${escapeHtml(caption)}</caption><thead><tr>`];
  out.push(`<th scope="col">${escapeHtml(firstColumn)}</th><th scope="col">${escapeHtml(countColumn)}</th>`);
  for (const c of columns) out.push(`<th scope="col">${escapeHtml(c.name)}</th>`);
  out.push('</tr></thead><tbody>');
  for (const r of rows) {
    out.push(
      `<tr><th scope="row">${r.href ? `<a class="govuk-link" href="${escapeHtml(r.href)}">${escapeHtml(r.header)}</a>` : escapeHtml(r.header)}</th><td>${r.count}</td>`,
    );
    for (const c of r.cells)
      out.push(
        c.band === 'none'
          ? '<td></td>'
          : `<td class="steward-skills-matrix__cell--${c.band}">${escapeHtml(c.text)}<span class="govuk-visually-hidden"> ${escapeHtml(c.words)}</span></td>`,
      );
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  return out.join('');
}
