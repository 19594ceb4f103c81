/** Text for HTML built in code rather than a template (a heat map of thousands of cells): every character that could break out escaped. */
export function escapeHtml(text: string | number) {
  return String(text).replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}
